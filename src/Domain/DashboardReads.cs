using Marten;

namespace Outreach;

/// <summary>
/// Where the dashboards read their tallies and lists (ADR 37, point 8): a streaming standby of the database when
/// <see cref="OutreachOptions.ReplicaConnectionString"/> names one, else the primary itself. A standby is read through a
/// store of its own, with the same mappings (and the embedder's <c>configureMarten</c>), no schema changes and no daemon.
/// <see cref="FreshnessAsync"/> measures the standby's views against the primary's latest event, so replication lag shows
/// as the views' lag. Writes, a case's page, the audit report and whose work a person sees (<see cref="Primary"/>) use the
/// primary store, never this one.
/// </summary>
public sealed class DashboardReads : IDisposable
{
    private readonly IDocumentStore? _owned;

    /// <summary>The dashboards' store for <paramref name="primary"/>: a store on the standby when <paramref name="options"/> names one.</summary>
    public DashboardReads(IDocumentStore primary, OutreachOptions options, TimeProvider? clock = null, Action<StoreOptions>? configureMarten = null)
    {
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(options);
        Primary = primary;
        if (string.IsNullOrWhiteSpace(options.ReplicaConnectionString))
        {
            Store = primary;
            return;
        }

        var replica = OutreachRegistration.StoreOptionsFor(options, clock, configureMarten);
        replica.Connection(options.ReplicaConnectionString);
        // A standby is read-only: nothing is created or changed there, and no daemon runs on it.
        replica.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        replica.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.Disabled;
        _owned = new DocumentStore(replica);
        Store = _owned;
    }

    private DashboardReads(IDocumentStore primary, IDocumentStore store) => (Primary, Store) = (primary, store);

    /// <summary>The store the dashboards read.</summary>
    public IDocumentStore Store { get; }

    /// <summary>The primary's store: whose work a person sees is read there, so that a change of units applies at once.</summary>
    public IDocumentStore Primary { get; }

    /// <summary>A query session on <see cref="Store"/>.</summary>
    public IQuerySession QuerySession() => Store.QuerySession();

    /// <summary>
    /// The same stores for a caller that must not dispose them (a host lending a tenant's to a request): disposing the
    /// result does nothing.
    /// </summary>
    public DashboardReads Lent() => new(Primary, Store);

    /// <summary>How current the dashboards' views are: the standby's progress against the primary's latest event.</summary>
    public Task<ViewFreshness> FreshnessAsync(CancellationToken cancellation = default) => OutreachProjections.FreshnessAsync(Store, Primary, cancellation);

    /// <summary>Disposes the standby's store, when this object made it.</summary>
    public void Dispose() => _owned?.Dispose();
}
