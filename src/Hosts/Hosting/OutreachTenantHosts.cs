using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Outreach.Hosting;

/// <summary>
/// Every tenant of a deployment served from one process (ADR 37, point 6): for each tenant, the library's whole
/// registration (<see cref="OutreachRegistration.AddOutreach(IServiceCollection, IConfiguration, Action{OutreachOptions}?, Action{Marten.StoreOptions}?)"/>)
/// in a container of its own, with the tenant's settings and database — its store, its <see cref="OutreachService"/>, its
/// schema preparation, its checkpoint service and its projection daemon. Nothing is shared between two tenants' containers
/// but what the caller hands to each (the clock, the actor source and the logging that <see cref="CreateAsync"/> is given).
/// A host picks the container of the tenant a request belongs to; no code path reaches a store without naming its tenant.
/// </summary>
public sealed class OutreachTenantHosts : IAsyncDisposable
{
    private readonly Dictionary<string, (OutreachTenant Tenant, IHost Host)> _hosts;
    private int _started;

    private OutreachTenantHosts(Dictionary<string, (OutreachTenant Tenant, IHost Host)> hosts)
        => (_hosts, Tenants) = (hosts, [.. hosts.Values.Select(h => h.Tenant).OrderBy(t => t.Id, StringComparer.Ordinal)]);

    /// <summary>The tenants served, in code order.</summary>
    public IReadOnlyList<OutreachTenant> Tenants { get; }

    /// <summary>
    /// Builds one container per tenant (not started: <see cref="StartAsync"/>). A tenant without a server gets its private
    /// cluster started or reused, said through <paramref name="report"/>.
    /// </summary>
    /// <param name="configuration">The deployment's configuration; each tenant's settings overlay its <c>Outreach</c> section.</param>
    /// <param name="tenants">The tenants to serve (<see cref="OutreachTenants.Read"/>).</param>
    /// <param name="shared">Adds to each tenant's container what the host shares with all of them (its clock, its actor source, its logging).</param>
    /// <param name="report">Where the tenants' databases are said.</param>
    /// <param name="cancellation">Stops waiting for a cluster.</param>
    public static async Task<OutreachTenantHosts> CreateAsync(
        IConfiguration configuration, IReadOnlyList<OutreachTenant> tenants, Action<IServiceCollection>? shared = null, Action<string>? report = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(tenants);
        var hosts = new Dictionary<string, (OutreachTenant, IHost)>(StringComparer.Ordinal);
        try
        {
            foreach (var tenant in tenants)
            {
                var database = await OutreachTenants.ResolveDatabaseAsync(tenant, report, cancellation).ConfigureAwait(false);
                var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ApplicationName = "outreach-" + tenant.Id });
                builder.Configuration.AddConfiguration(configuration);
                builder.Services.AddOutreach(builder.Configuration, o =>
                {
                    tenant.ApplyTo(o);
                    (o.ConnectionString, o.OwnerConnectionString) = (database.Application, database.Admin);
                });

                // The process's own host answers Ctrl+C and SIGTERM; a tenant's services stop with it, never on their own.
                builder.Services.AddSingleton<IHostLifetime, WithTheHost>();
                shared?.Invoke(builder.Services);
                hosts[tenant.Id] = (tenant, builder.Build());
            }
        }
        catch
        {
            // A tenant that cannot be served stops the start; the containers already built are let go.
            foreach (var (_, host) in hosts.Values)
            {
                host.Dispose();
            }

            throw;
        }

        return new OutreachTenantHosts(hosts);
    }

    /// <summary>The services of tenant <paramref name="id"/>: its store, settings and <see cref="OutreachService"/>.</summary>
    /// <exception cref="TenantSettingsException">No such tenant is served (<c>tenant.unknown</c>).</exception>
    public IServiceProvider ServicesOf(string id)
        => _hosts.TryGetValue(id, out var host)
            ? host.Host.Services
            : throw TenantSettingsException.Of("tenant.unknown", id, string.Join(", ", Tenants.Select(t => t.Id)));

    /// <summary>The tenant <paramref name="id"/>, or null when it is not served.</summary>
    public OutreachTenant? Find(string? id) => id is not null && _hosts.TryGetValue(id, out var host) ? host.Tenant : null;

    /// <summary>Starts every tenant's services (schema preparation, checkpoints, daemon), one tenant after the other, in code order.</summary>
    public async Task StartAsync(CancellationToken cancellation = default)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        foreach (var tenant in Tenants)
        {
            await _hosts[tenant.Id].Host.StartAsync(cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Stops every tenant's services; one tenant failing to stop does not keep the others running.</summary>
    public async Task StopAsync(CancellationToken cancellation = default)
    {
        if (Interlocked.Exchange(ref _started, 0) == 0)
        {
            return;
        }

        var failures = new List<Exception>();
        foreach (var (_, host) in _hosts.Values)
        {
            try
            {
                await host.StopAsync(cancellation).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                failures.Add(failure);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException(failures);
        }
    }

    /// <summary>
    /// Calls <paramref name="stopping"/> when a tenant's services begin to stop on their own: a background service of
    /// theirs (the daemon, the checkpoint service) failed. The host serving them should then stop too, as a host of one
    /// store does, rather than go on serving a tenant without its daemon.
    /// </summary>
    public void WhenAnyStops(Action<OutreachTenant> stopping)
    {
        ArgumentNullException.ThrowIfNull(stopping);
        foreach (var (tenant, host) in _hosts.Values)
        {
            host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping(tenant));
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        foreach (var (_, host) in _hosts.Values)
        {
            host.Dispose();
        }
    }

    /// <summary>A tenant's services live as long as the host that serves them: no console signals of their own.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the tenant's container.")]
    private sealed class WithTheHost : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
