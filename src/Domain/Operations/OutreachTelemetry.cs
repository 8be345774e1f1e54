using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Outreach;

/// <summary>
/// What the library tells an operator's tracing and metrics (OpenTelemetry or any <see cref="ActivityListener"/> /
/// <see cref="MeterListener"/>): an activity around every command the write path handles, how long each took, how many
/// events were recorded, and how far the asynchronous views lag. Source and meter are both named <see cref="Name"/>; a host
/// subscribes with <c>AddSource("Outreach")</c> and <c>AddMeter("Outreach")</c>.
/// </summary>
/// <remarks>
/// Tags carry codes, never citizens' data: the command's name, the stream's id and the outcome. Duration and event counts
/// are tagged by command and outcome only, so the number of series stays bounded.
/// </remarks>
public static class OutreachTelemetry
{
    /// <summary>The name of the activity source and of the meter: <c>Outreach</c>.</summary>
    public const string Name = "Outreach";

    /// <summary>The histogram of how long handling a command took, in milliseconds, tagged by command and outcome.</summary>
    public const string AppendDurationInstrument = "outreach.append.duration";

    /// <summary>The counter of events recorded, tagged by command.</summary>
    public const string EventsRecordedInstrument = "outreach.events.recorded";

    /// <summary>The gauge of how many events each asynchronous view still has to read, tagged by projection.</summary>
    public const string ProjectionLagInstrument = "outreach.projection.lag";

    /// <summary>The tag naming the command (<c>AcceptComplaint</c>).</summary>
    public const string CommandTag = "outreach.command";

    /// <summary>The tag naming the stream a command was for (its id).</summary>
    public const string StreamTag = "outreach.stream.id";

    /// <summary>
    /// The tag saying how a command ended: <c>recorded</c>, <c>unchanged</c> (already recorded, ADR 26), the kind of a
    /// refusal in kebab case (<c>bad-input</c>, <c>refused</c>, <c>not-found</c>, <c>conflict</c>, …) or <c>error</c>.
    /// </summary>
    public const string OutcomeTag = "outreach.outcome";

    /// <summary>The tag naming the projection of a lag measurement.</summary>
    public const string ProjectionTag = "outreach.projection";

    /// <summary>The tag naming the tenant of a measurement, on a host of several tenants.</summary>
    public const string TenantTag = "outreach.tenant";

    private static readonly string? Version = typeof(OutreachTelemetry).Assembly.GetName().Version?.ToString();

    // The last lag measured per projection: the gauge reports it, so a scrape never reads the database.
    private static readonly ConcurrentDictionary<(string? Tenant, string View), long> LastLag = new();

    /// <summary>The activity source of the write path: one activity per handled command.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter of the write path and of the views' lag.</summary>
    public static Meter Meter { get; } = new(Name, Version);

    private static readonly Histogram<double> AppendDuration =
        Meter.CreateHistogram<double>(AppendDurationInstrument, "ms", "How long handling one command took: validation, fold, decision and append.");

    private static readonly Counter<long> EventsRecorded =
        Meter.CreateCounter<long>(EventsRecordedInstrument, "{event}", "Events recorded by the write path.");

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Style", "IDE0052", Justification = "The gauge is read through the meter by its listeners, never by this class.")]
    private static readonly ObservableGauge<long> ProjectionLag =
        Meter.CreateObservableGauge(ProjectionLagInstrument, ObserveLag, "{event}", "How many events each asynchronous view still has to read, as last measured.");

    /// <summary>
    /// Remembers how far each asynchronous view lags, for the <see cref="ProjectionLagInstrument"/> gauge. The readiness
    /// check calls it on every measurement; a host may also measure on a timer.
    /// </summary>
    /// <param name="freshness">The views' lag, as measured.</param>
    /// <param name="tenant">
    /// The tenant the store belongs to, where one host serves several (its measurements then carry the
    /// <see cref="TenantTag"/> tag, and one tenant's views never overwrite another's); null for a host of one store.
    /// </param>
    public static void RecordProjectionLag(ViewFreshness freshness, string? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(freshness);
        foreach (var view in freshness.Views)
        {
            LastLag[(tenant, view.Name)] = view.Behind;
        }
    }

    private static IEnumerable<Measurement<long>> ObserveLag()
        => LastLag.Select(pair => pair.Key.Tenant is { } tenant
            ? new Measurement<long>(pair.Value, new KeyValuePair<string, object?>(ProjectionTag, pair.Key.View), new KeyValuePair<string, object?>(TenantTag, tenant))
            : new Measurement<long>(pair.Value, new KeyValuePair<string, object?>(ProjectionTag, pair.Key.View)));

    /// <summary>Starts the activity of one command (null when nobody listens).</summary>
    internal static Activity? StartCommand(string command, Guid streamId)
    {
        var activity = ActivitySource.StartActivity("outreach.command " + command, ActivityKind.Internal);
        activity?.SetTag(CommandTag, command);
        activity?.SetTag(StreamTag, streamId.ToString());
        return activity;
    }

    /// <summary>Records a handled command: its outcome on the activity, its duration, and the events it recorded.</summary>
    internal static void Handled(Activity? activity, string command, CommandResult result, double elapsedMs)
    {
        var outcome = result.Changed ? "recorded" : "unchanged";
        activity?.SetTag(OutcomeTag, outcome);
        activity?.SetTag("outreach.stream.version", result.Version);
        activity?.SetTag("outreach.events", result.Events.Count);
        AppendDuration.Record(elapsedMs, new KeyValuePair<string, object?>(CommandTag, command), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        if (result.Events.Count > 0)
        {
            EventsRecorded.Add(result.Events.Count, new KeyValuePair<string, object?>(CommandTag, command));
        }
    }

    /// <summary>Records a refused or failed command: the outcome and the failure's code on the activity, and its duration.</summary>
    internal static (string Outcome, string Code) Failed(Activity? activity, string command, Exception exception, double elapsedMs)
    {
        var failure = Failures.Describe(exception, OutreachText.English);
        var outcome = failure is null ? "error" : Kebab(failure.Kind.ToString());
        activity?.SetTag(OutcomeTag, outcome);
        var code = failure?.Code ?? "system.internal";
        activity?.SetTag("outreach.code", code);
        // A refusal is an answer, not a fault of the system: only what the library cannot describe marks the trace as an error.
        activity?.SetStatus(failure is null or { Kind: FailureKind.Tampered or FailureKind.Unavailable or FailureKind.NotPermitted or FailureKind.NotPrepared }
            ? ActivityStatusCode.Error
            : ActivityStatusCode.Unset);
        AppendDuration.Record(elapsedMs, new KeyValuePair<string, object?>(CommandTag, command), new KeyValuePair<string, object?>(OutcomeTag, outcome));
        return (outcome, code);
    }

    private static string Kebab(string pascal)
        => string.Concat(pascal.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
