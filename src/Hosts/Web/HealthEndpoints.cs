using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Marten;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Outreach.Web;

/// <summary>One check in the answer of <c>/health/ready</c>.</summary>
/// <param name="Name">The check (<c>database</c>, <c>projections</c>).</param>
/// <param name="Status">Healthy or Unhealthy.</param>
/// <param name="Code">The stable code of the answer.</param>
/// <param name="Description">A sentence in the reader's language.</param>
internal sealed record HealthEntry(string Name, string Status, string Code, string Description);

/// <summary>The answer of <c>/health/live</c> and <c>/health/ready</c>.</summary>
/// <param name="Status">Healthy (200) or Unhealthy (503).</param>
/// <param name="DurationMs">How long the checks took.</param>
/// <param name="Checks">Each check.</param>
internal sealed record HealthAnswer(string Status, double DurationMs, IReadOnlyList<HealthEntry> Checks);

/// <summary>
/// Liveness (the process answers; no database) and readiness (PostgreSQL answers and the asynchronous views are not too far
/// behind): ASP.NET Core health checks over the library's <see cref="OutreachReadiness"/>.
/// </summary>
internal static partial class HealthEndpoints
{
    private const string ReadyTag = "ready";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Vietnamese stays readable in the answer; characters HTML gives meaning to are still escaped.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>Registers the readiness checks and the sampler that keeps the lag gauge current.</summary>
    public static IServiceCollection AddOutreachHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .Add(new HealthCheckRegistration(OutreachReadiness.DatabaseCheck, sp => new DatabaseCheck(Stores(sp), sp.GetRequiredService<IOptions<ReadinessSettings>>()), HealthStatus.Unhealthy, [ReadyTag]))
            .Add(new HealthCheckRegistration(OutreachReadiness.ProjectionsCheck, sp => new ProjectionLagCheck(Stores(sp), sp.GetRequiredService<IOptions<ReadinessSettings>>()), HealthStatus.Unhealthy, [ReadyTag]));
        services.AddOptions<HealthCheckServiceOptions>().Configure<IOptions<ReadinessSettings>>((health, settings) =>
        {
            foreach (var registration in health.Registrations)
            {
                registration.Timeout = settings.Value.CheckTimeout;
            }
        });
        services.AddHostedService(sp => new ProjectionLagSampler(
            () => Stores(sp), sp.GetRequiredService<IOptions<ReadinessSettings>>(), sp.GetRequiredService<ILogger<ProjectionLagSampler>>()));
        return services;
    }

    /// <summary>Maps <c>GET /health/live</c> and <c>GET /health/ready</c>.</summary>
    public static WebApplication MapOutreachHealth(this WebApplication app)
    {
        string[] methods = [HttpMethods.Get, HttpMethods.Head];
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(methods)).WithDisplayName("Liveness");
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(methods)).WithDisplayName("Readiness");
        return app;
    }

    /// <summary>Writes the report as JSON: each check's status, code and sentence in the reader's language; never an exception's text.</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var culture = CultureInfo.CurrentUICulture;
        var checks = report.Entries.Select(e => e.Value.Data.TryGetValue("code", out var code) && code is string known
            ? new HealthEntry(e.Key, e.Value.Status.ToString(), known, e.Value.Description ?? "")
            : new HealthEntry(e.Key, e.Value.Status.ToString(), "ready.check-failed", OutreachText.Get("ready.check-failed", culture)));
        var answer = new HealthAnswer(report.Status.ToString(), Math.Round(report.TotalDuration.TotalMilliseconds, 1), [.. checks]);
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, answer, Json, context.RequestAborted);
    }

    /// <summary>Every store the host serves: its one, or each tenant's (ADR 37).</summary>
    private static IReadOnlyList<(string? Tenant, IDocumentStore Store)> Stores(IServiceProvider services)
        => services.GetRequiredService<WebTenancy>().Stores(services);

    /// <summary>
    /// Runs <paramref name="check"/> on every store at once; the first that is not ready answers. On a host of several
    /// tenants each description is led by its tenant's code, and a ready answer gives every tenant's. A tenant whose check
    /// has not answered when the others have and the check's time is nearly up counts as not ready, by name.
    /// </summary>
    private static async Task<HealthCheckResult> ResultAsync(
        IReadOnlyList<(string? Tenant, IDocumentStore Store)> stores, Func<string?, IDocumentStore, CancellationToken, Task<ReadinessCheck>> check, TimeSpan within, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        // Each tenant's check gets most of the time, so that one hung database is named instead of failing the whole check.
        deadline.CancelAfter(within * 0.9);
        var results = await Task.WhenAll(stores.Select(async s =>
        {
            ReadinessCheck result;
            try
            {
                result = await check(s.Tenant, s.Store, deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
            {
                result = new ReadinessCheck("timeout", false, "ready.check-failed", OutreachText.Get("ready.check-failed", CultureInfo.CurrentUICulture));
            }

            return stores.Count > 1 ? result with { Description = s.Tenant + ": " + result.Description } : result;
        })).ConfigureAwait(false);
        return Result(results.FirstOrDefault(r => !r.IsReady)
            ?? results[0] with { Description = string.Join(" ", results.Select(r => r.Description)) });
    }

    private static HealthCheckResult Result(ReadinessCheck check)
        => new(check.IsReady ? HealthStatus.Healthy : HealthStatus.Unhealthy, check.Description, data: new Dictionary<string, object> { ["code"] = check.Code });

    /// <summary>PostgreSQL answers through every store.</summary>
    private sealed class DatabaseCheck(IReadOnlyList<(string? Tenant, IDocumentStore Store)> stores, IOptions<ReadinessSettings> settings) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => ResultAsync(stores, (_, store, ct) => OutreachReadiness.CheckDatabaseAsync(store, CultureInfo.CurrentUICulture, ct), settings.Value.CheckTimeout, cancellationToken);
    }

    /// <summary>No asynchronous view of any store lags more than <c>Web:Readiness:MaxProjectionLag</c> events.</summary>
    private sealed class ProjectionLagCheck(IReadOnlyList<(string? Tenant, IDocumentStore Store)> stores, IOptions<ReadinessSettings> settings) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
            => ResultAsync(stores, (tenant, store, ct) => OutreachReadiness.CheckProjectionLagAsync(store, tenant, settings.Value.MaxProjectionLag, CultureInfo.CurrentUICulture, ct),
                settings.Value.CheckTimeout, cancellationToken);
    }

    /// <summary>
    /// Measures the views' lag every <c>Web:Readiness:LagSampleInterval</c>, so that the <c>outreach.projection.lag</c> gauge
    /// has a value even where nothing probes readiness; a metrics scrape itself never reads the database.
    /// </summary>
    private sealed partial class ProjectionLagSampler(Func<IReadOnlyList<(string? Tenant, IDocumentStore Store)>> stores, IOptions<ReadinessSettings> settings, ILogger<ProjectionLagSampler> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(settings.Value.LagSampleInterval);
            do
            {
                foreach (var (tenant, store) in stores())
                {
                    try
                    {
                        var check = await OutreachReadiness.CheckProjectionLagAsync(store, tenant, settings.Value.MaxProjectionLag, OutreachText.English, stoppingToken).ConfigureAwait(false);
                        if (!check.IsReady)
                        {
                            NotReady(logger, tenant ?? "-", check.Code, check.Description);
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The sampler must never stop the host; readiness reports the same failure to whoever asks.
                        SampleFailed(logger, tenant ?? "-", ex);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }

        [LoggerMessage(EventId = 2901, Level = LogLevel.Warning, Message = "Not ready (tenant {Tenant}, {Code}): {Description}")]
        private static partial void NotReady(ILogger logger, string tenant, string code, string description);

        [LoggerMessage(EventId = 2902, Level = LogLevel.Warning, Message = "Measuring the views' lag failed (tenant {Tenant})")]
        private static partial void SampleFailed(ILogger logger, string tenant, Exception exception);
    }
}
