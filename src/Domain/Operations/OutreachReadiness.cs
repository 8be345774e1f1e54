using System.Globalization;
using Marten;

namespace Outreach;

/// <summary>One readiness check's answer: whether the deployment may take work, a stable code and a sentence for the operator.</summary>
/// <param name="Name">The check (<c>database</c>, <c>projections</c>).</param>
/// <param name="IsReady">True when this check does not hold the deployment back.</param>
/// <param name="Code">The stable code of the answer (<c>ready.database.ok</c>, <c>ready.projections.behind</c>, …).</param>
/// <param name="Description">The sentence, in the culture asked for.</param>
public sealed record ReadinessCheck(string Name, bool IsReady, string Code, string Description);

/// <summary>
/// Whether a deployment is ready to serve, for any host's health endpoint: PostgreSQL answers through the store, and the
/// asynchronous views (ADR 25) are not further behind the latest event than the deployment allows. A view far behind
/// answers the dashboards with stale tallies; an instance in that state should get no traffic until its daemon catches up.
/// </summary>
public static class OutreachReadiness
{
    /// <summary>
    /// The default bound on how many events a view may lag: enough for a burst of imports to be absorbed by the daemon
    /// without the instance leaving the pool, small enough that a stopped daemon shows within minutes of normal traffic.
    /// </summary>
    public const long DefaultMaxProjectionLag = 1000;

    /// <summary>The name of the database check.</summary>
    public const string DatabaseCheck = "database";

    /// <summary>The name of the projections' lag check.</summary>
    public const string ProjectionsCheck = "projections";

    /// <summary>
    /// Asks PostgreSQL, through <paramref name="store"/>, for the highest event sequence: it proves the connection, the
    /// login and the schema at once. Never throws for a storage failure: the answer says what went wrong.
    /// </summary>
    public static async Task<ReadinessCheck> CheckDatabaseAsync(IDocumentStore store, CultureInfo? culture = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var c = culture ?? CultureInfo.CurrentUICulture;
        try
        {
            var highest = await store.Storage.Database.FetchHighestEventSequenceNumber(cancellation).ConfigureAwait(false);
            return new ReadinessCheck(DatabaseCheck, true, "ready.database.ok", OutreachText.Format("ready.database.ok", c, highest));
        }
        catch (Exception ex) when (Failures.Describe(ex, c) is { } failure)
        {
            return new ReadinessCheck(DatabaseCheck, false, "ready.database.down", OutreachText.Format("ready.database.down", c, failure.Message));
        }
    }

    /// <summary>
    /// Measures how far each asynchronous view lags (<see cref="OutreachProjections.FreshnessAsync(IDocumentStore, CancellationToken)"/>), remembers it for the
    /// <see cref="OutreachTelemetry.ProjectionLagInstrument"/> gauge, and judges it against <paramref name="maxLag"/>
    /// (<see cref="JudgeProjectionLag"/>). A database that cannot be asked makes the check not ready, with the reason.
    /// </summary>
    public static Task<ReadinessCheck> CheckProjectionLagAsync(IDocumentStore store, long maxLag, CultureInfo? culture = null, CancellationToken cancellation = default)
        => CheckProjectionLagAsync(store, null, maxLag, culture, cancellation);

    /// <summary>
    /// <see cref="CheckProjectionLagAsync(IDocumentStore, long, CultureInfo?, CancellationToken)"/> for the store of
    /// <paramref name="tenant"/>, on a host of several tenants: the gauge keeps each tenant's views apart.
    /// </summary>
    public static async Task<ReadinessCheck> CheckProjectionLagAsync(IDocumentStore store, string? tenant, long maxLag, CultureInfo? culture = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var c = culture ?? CultureInfo.CurrentUICulture;
        ViewFreshness freshness;
        try
        {
            freshness = await OutreachProjections.FreshnessAsync(store, cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (Failures.Describe(ex, c) is { } failure)
        {
            return new ReadinessCheck(ProjectionsCheck, false, "ready.projections.unknown", OutreachText.Format("ready.projections.unknown", c, failure.Message));
        }

        OutreachTelemetry.RecordProjectionLag(freshness, tenant);
        return JudgeProjectionLag(freshness, maxLag, c);
    }

    /// <summary>
    /// Ready when no asynchronous view is more than <paramref name="maxLag"/> events behind the latest event; otherwise the
    /// answer names the view furthest behind. Pure.
    /// </summary>
    public static ReadinessCheck JudgeProjectionLag(ViewFreshness freshness, long maxLag, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(freshness);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLag);
        var c = culture ?? CultureInfo.CurrentUICulture;
        var furthest = freshness.Views.OrderByDescending(v => v.Behind).FirstOrDefault();
        var behind = furthest?.Behind ?? 0;
        return behind <= maxLag
            ? new ReadinessCheck(ProjectionsCheck, true, "ready.projections.ok", OutreachText.Format("ready.projections.ok", c, freshness.Views.Count, behind, maxLag))
            : new ReadinessCheck(ProjectionsCheck, false, "ready.projections.behind", OutreachText.Format("ready.projections.behind", c, furthest!.Name, behind, maxLag));
    }
}
