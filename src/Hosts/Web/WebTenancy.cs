using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Marten;
using Microsoft.Extensions.Options;
using Outreach.Access;
using Outreach.Hosting;

namespace Outreach.Web;

/// <summary>
/// Which tenants the web host serves (ADR 37): none (a single-city deployment), the one named by <c>Outreach:Tenant</c>, or —
/// when tenants are declared and none is named — all of them, each request in the tenant its signed-in person's
/// <see cref="OutreachPerson.TenantClaim"/> names (an Open311 request: its <c>jurisdiction_id</c>).
/// </summary>
internal sealed partial class WebTenancy
{
    /// <summary>The key of the dashboards' query session (<see cref="DashboardReads"/>: a standby's, or the primary's).</summary>
    public const string Dashboard = "dashboard";

    /// <summary>Where a request's tenant is kept once its claim (or jurisdiction) has been checked.</summary>
    public const string ItemKey = "outreach.tenant";

    private WebTenancy(OutreachTenant? only, OutreachTenantHosts? all) => (Only, All) = (only, all);

    /// <summary>The one tenant served, when <c>Outreach:Tenant</c> names it.</summary>
    public OutreachTenant? Only { get; }

    /// <summary>Every tenant's services, when the host serves them all.</summary>
    public OutreachTenantHosts? All { get; }

    /// <summary>A host of one database: the city's own, or the one tenant's (<paramref name="only"/>).</summary>
    public static WebTenancy One(OutreachTenant? only) => new(only, null);

    /// <summary>A host of every tenant in <paramref name="hosts"/>.</summary>
    public static WebTenancy Every(OutreachTenantHosts hosts) => new(null, hosts);

    /// <summary>The tenants' codes, for refusals that list them.</summary>
    public string Codes => string.Join(", ", All?.Tenants.Select(t => t.Id) ?? (Only is null ? [] : [Only.Id]));

    /// <summary>
    /// Checks a signed-in principal's tenant claim against what the host serves and returns the tenant it binds the request
    /// to (null on a host of one database). A host of one tenant refuses a claim naming another; a host of every tenant
    /// refuses a principal without a claim, or naming a tenant it does not serve.
    /// </summary>
    /// <exception cref="AccessDeniedException"><c>access.no-tenant</c> or <c>access.other-tenant</c>.</exception>
    public string? TenantOf(ClaimsPrincipal user)
    {
        var claimed = OutreachPerson.TenantOf(user);
        if (All is null)
        {
            return claimed is not null && !Serves(claimed) ? throw new AccessDeniedException("access.other-tenant", claimed) : null;
        }

        return claimed is null ? throw new AccessDeniedException("access.no-tenant")
            : !Serves(claimed) ? throw new AccessDeniedException("access.other-tenant", claimed)
            : claimed;
    }

    /// <summary>
    /// Whether this host serves tenant <paramref name="code"/>: one of every tenant, the one tenant, or — on a single-city
    /// host, which has no tenants — any code.
    /// </summary>
    public bool Serves(string code)
        => All is not null ? All.Find(code) is not null : Only is null || string.Equals(code, Only.Id, StringComparison.Ordinal);

    /// <summary>True when the host has tenants at all (one or every); a single-city host binds no request to a tenant.</summary>
    public bool HasTenants => All is not null || Only is not null;

    /// <summary>The tenant a principal's claim names when this host serves every tenant and that one among them, else null; never refuses.</summary>
    private string? Served(ClaimsPrincipal user)
        => All is not null && OutreachPerson.TenantOf(user) is { } claimed && Serves(claimed) ? claimed : null;

    /// <summary>The tenant a request was bound to, for people (its name), or null on a host of one database without one.</summary>
    public OutreachTenant? Of(HttpContext? context)
        => All is null ? Only : All.Find(context?.Items[ItemKey] as string);

    /// <summary>The services of the request's tenant; refused when the request was bound to none.</summary>
    private IServiceProvider ServicesOf(HttpContext? context)
        => context?.Items[ItemKey] is string id && All!.Find(id) is not null ? All.ServicesOf(id) : throw new AccessDeniedException("access.no-tenant");

    /// <summary>Every store the host serves, with its tenant's code (null for a host of one database): for readiness and the lag gauge.</summary>
    public IReadOnlyList<(string? Tenant, IDocumentStore Store)> Stores(IServiceProvider services)
        => All is null
            ? [(Only?.Id, services.GetRequiredService<IDocumentStore>())]
            : [.. All.Tenants.Select(t => ((string?)t.Id, All.ServicesOf(t.Id).GetRequiredService<IDocumentStore>()))];

    /// <summary>
    /// Registers a host of every tenant: one container per tenant with the library's whole registration (built and started
    /// with the host), and the request's store, query session, <see cref="OutreachService"/> and settings resolved from the
    /// tenant the request is bound to.
    /// </summary>
    public static IServiceCollection AddEveryTenant(IServiceCollection services, IReadOnlyList<OutreachTenant> tenants)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => OutreachTenantHosts.CreateAsync(sp.GetRequiredService<IConfiguration>(), tenants, shared =>
        {
            // The host's clock, actor and logging serve every tenant; nothing else is shared.
            shared.AddSingleton(sp.GetRequiredService<TimeProvider>());
            shared.AddSingleton(sp.GetRequiredService<IActorSource>());
            shared.AddSingleton(sp.GetRequiredService<ILoggerFactory>());
        }, Console.Error.WriteLine).GetAwaiter().GetResult());
        services.AddSingleton(sp => Every(sp.GetRequiredService<OutreachTenantHosts>()));
        services.AddHostedService<TenantLifetime>();
        // The store belongs to its tenant's container, which outlives every request: the request gets it on loan, so that the
        // request's scope, which disposes what its factories return, never disposes the tenant's store.
        services.AddScoped(sp => BorrowedStore.Of(Current(sp).GetRequiredService<IDocumentStore>()));
        services.AddScoped<IQuerySession>(sp => Current(sp).GetRequiredService<IDocumentStore>().QuerySession());
        services.AddScoped(sp => Current(sp).GetRequiredService<OutreachService>());
        services.AddScoped(sp => Current(sp).GetRequiredService<IOptions<OutreachOptions>>());
        services.AddScoped(sp => Current(sp).GetRequiredService<DashboardReads>().Lent());
        return services;
    }

    /// <summary>
    /// Registers the dashboards' query session under the <see cref="Dashboard"/> key: the request's
    /// <see cref="DashboardReads"/>, which reads a standby when one is configured (ADR 37, point 8).
    /// </summary>
    public static IServiceCollection AddDashboardReads(IServiceCollection services)
    {
        services.AddKeyedScoped<IQuerySession>(Dashboard, (sp, _) => sp.GetRequiredService<DashboardReads>().QuerySession());
        return services;
    }

    private static IServiceProvider Current(IServiceProvider request)
        => request.GetRequiredService<WebTenancy>().ServicesOf(request.GetRequiredService<IHttpContextAccessor>().HttpContext);

    /// <summary>
    /// Binds each signed-in request to its tenant. A request for an endpoint that needs a sign-in (the API, the pages) is
    /// refused when its tenant is not served; any other (the sign-in page, the language switch, static files, Open311,
    /// health) goes on unbound, so that the sign-in page can say why with its stylesheet and language switch.
    /// </summary>
    public static WebApplication UseTenantOfPerson(WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var tenancy = context.RequestServices.GetRequiredService<WebTenancy>();
                if (context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() is not null)
                {
                    if (tenancy.TenantOf(context.User) is { } tenant)
                    {
                        context.Items[ItemKey] = tenant;
                    }
                }
                else if (tenancy.Served(context.User) is { } tenant)
                {
                    context.Items[ItemKey] = tenant;
                }
            }

            return next(context);
        });
        return app;
    }

    /// <summary>
    /// Starts every tenant's services with the host (schema, checkpoints, daemon) and stops them with it. A tenant whose
    /// services stop on their own (a background service failed) stops the host, as a host of one store stops.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the host.")]
    private sealed partial class TenantLifetime(OutreachTenantHosts hosts, IHostApplicationLifetime host, ILogger<TenantLifetime> logger) : IHostedService
    {
        private volatile bool _stopping;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await hosts.StartAsync(cancellationToken).ConfigureAwait(false);
            hosts.WhenAnyStops(tenant =>
            {
                if (!_stopping)
                {
                    TenantStopped(logger, tenant.Id);
                    host.StopApplication();
                }
            });
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            _stopping = true;
            return hosts.StopAsync(cancellationToken);
        }

        [LoggerMessage(EventId = 2910, Level = LogLevel.Critical, Message = "The services of tenant {Tenant} stopped on their own; the host stops too")]
        private static partial void TenantStopped(ILogger logger, string tenant);
    }

    /// <summary>
    /// A tenant's store as a request sees it: every member is the store's own, but disposing it does nothing (the tenant's
    /// container disposes the store when the host stops).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1852", Justification = "DispatchProxy derives the proxy type from it.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "DispatchProxy instantiates it.")]
    internal class BorrowedStore : System.Reflection.DispatchProxy
    {
        private IDocumentStore _store = null!;

        public static IDocumentStore Of(IDocumentStore store)
        {
            var borrowed = Create<IDocumentStore, BorrowedStore>();
            ((BorrowedStore)(object)borrowed)._store = store;
            return borrowed;
        }

        protected override object? Invoke(System.Reflection.MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            if (targetMethod.Name == nameof(IDisposable.Dispose))
            {
                return null;
            }

            if (targetMethod.Name == nameof(IAsyncDisposable.DisposeAsync))
            {
                return ValueTask.CompletedTask;
            }

            try
            {
                return targetMethod.Invoke(_store, args);
            }
            catch (System.Reflection.TargetInvocationException failure) when (failure.InnerException is { } inner)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(inner).Throw();
                throw;
            }
        }
    }
}
