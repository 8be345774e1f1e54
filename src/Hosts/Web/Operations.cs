using OpenTelemetry;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Outreach.Web;

/// <summary>How much a request may carry (<c>Web:Limits</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the options binder.")]
internal sealed class RequestLimits
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Web:Limits";

    /// <summary>The largest request body accepted, in bytes (Kestrel's <c>MaxRequestBodySize</c>); 256 KiB by default.</summary>
    public long MaxRequestBodyBytes { get; set; } = 256 * 1024;

    /// <summary>How deeply a JSON body may nest objects and arrays; 32 by default.</summary>
    public int MaxJsonDepth { get; set; } = 32;
}

/// <summary>When the instance is ready for traffic (<c>Web:Readiness</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the options binder.")]
internal sealed class ReadinessSettings
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Web:Readiness";

    /// <summary>How many events an asynchronous view may lag before <c>/health/ready</c> says not ready.</summary>
    public long MaxProjectionLag { get; set; } = OutreachReadiness.DefaultMaxProjectionLag;

    /// <summary>How often the views' lag is measured for the <c>outreach.projection.lag</c> gauge, besides each readiness probe.</summary>
    public TimeSpan LagSampleInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long each readiness check may take before it counts as failed.</summary>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// What an operator needs around the web host (issue 11, ADR 29): liveness and readiness, request limits whose refusals
/// are problem details like every other, and OpenTelemetry traces and metrics with the library's <c>Outreach</c> source and
/// meter. JSON console logs need no code: <c>Logging:Console:FormatterName=json</c> (docs/web.md, "Operations").
/// </summary>
internal static class Operations
{
    /// <summary>Registers limits, health checks and OpenTelemetry.</summary>
    public static WebApplicationBuilder AddOutreachOperations(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RequestLimits>().BindChecked(builder.Configuration.GetSection(RequestLimits.Section))
            .Validate(l => l.MaxRequestBodyBytes > 0 && l.MaxJsonDepth is > 0 and <= 256, OutreachText.Get("options.web-limits"))
            .ValidateOnStart();
        services.AddOptions<ReadinessSettings>().BindChecked(builder.Configuration.GetSection(ReadinessSettings.Section))
            .Validate(r => r.MaxProjectionLag >= 0 && r.LagSampleInterval > TimeSpan.Zero && r.CheckTimeout > TimeSpan.Zero, OutreachText.Get("options.web-readiness"))
            .ValidateOnStart();
        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimits>>((kestrel, limits) => kestrel.Limits.MaxRequestBodySize = limits.Value.MaxRequestBodyBytes);
        services.AddOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>().Configure<IOptions<RequestLimits>>((json, limits) => json.SerializerOptions.MaxDepth = limits.Value.MaxJsonDepth);

        // Every refusal the framework answers without a body (404, 405, 415, a failed binding, and sign-in's 401/403)
        // becomes problem details with a stable code and a sentence in the reader's language, whatever the Accept header.
        services.Configure<StatusCodePagesOptions>(o => o.HandleAsync = StatusProblems.WriteAsync);
        services.Configure<ProblemDetailsOptions>(o => o.CustomizeProblemDetails += StatusProblems.Complete);

        services.AddOutreachHealth();
        AddTelemetry(builder);
        return builder;
    }

    /// <summary>Adds the request limits (inside the problem-details writer) and maps <c>/health/live</c> and <c>/health/ready</c>.</summary>
    public static WebApplication UseOutreachOperations(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestLimitsMiddleware>();
        app.MapOutreachHealth();
        return app;
    }

    /// <summary>
    /// Traces and metrics: ASP.NET Core's requests (rate, latency) and the library's <c>Outreach</c> source and meter;
    /// exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, so a developer's run sends nothing anywhere.
    /// </summary>
    private static void AddTelemetry(WebApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "outreach-web"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
                .AddSource(OutreachTelemetry.Name))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(OutreachTelemetry.Name));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }
    }
}
