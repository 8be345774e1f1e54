using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Tests.Support;
using Outreach.Units;

namespace Outreach.Tests.Operations;

/// <summary>
/// The library's own telemetry (ADR 29), listened to in process as any OpenTelemetry SDK would: the write path starts an
/// <c>Outreach</c> activity per command, times it on <c>outreach.append.duration</c>, counts recorded events, and the lag
/// gauge reports the last measurement; the command log carries structured fields.
/// </summary>
public sealed class TelemetryTests : StoreFixture
{
    private static readonly DateTimeOffset At = new(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));

    [Test]
    public async Task A_handled_command_emits_an_activity_a_duration_and_its_events_and_a_repeat_or_a_refusal_says_so()
    {
        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == OutreachTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        var durations = new ConcurrentBag<(double Value, Dictionary<string, object?> Tags)>();
        var events = new ConcurrentBag<(long Value, Dictionary<string, object?> Tags)>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OutreachTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
        {
            if (instrument.Name == OutreachTelemetry.AppendDurationInstrument)
            {
                durations.Add((value, Tags(tags)));
            }
        });
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == OutreachTelemetry.EventsRecordedInstrument)
            {
                events.Add((value, Tags(tags)));
            }
        });
        meterListener.Start();

        var unit = new RegisterUnit(Guid.NewGuid(), "telemetry-" + Guid.NewGuid().ToString("N")[..6], "Phòng thử", "tester.1", At);
        await HandleAsync(unit);
        await HandleAsync(unit);
        Assert.That(async () => await HandleAsync(unit with { UnitId = Guid.NewGuid(), Name = "" }), Throws.InstanceOf<FluentValidation.ValidationException>());

        var mine = activities.Where(a => a.GetTagItem(OutreachTelemetry.CommandTag) as string == nameof(RegisterUnit)).ToList();
        var forUnit = mine.Where(a => a.GetTagItem(OutreachTelemetry.StreamTag) as string == unit.UnitId.ToString()).ToList();
        Assert.That(forUnit.Select(a => a.GetTagItem(OutreachTelemetry.OutcomeTag)), Is.EqualTo(new[] { "recorded", "unchanged" }), "one activity per command, in order");
        Assert.That(mine.Select(a => a.GetTagItem(OutreachTelemetry.OutcomeTag)), Does.Contain("bad-input"), "a refused command is traced with the kind of refusal");
        Assert.That(forUnit[0].OperationName, Is.EqualTo("outreach.command RegisterUnit"));

        var outcomes = durations.Where(d => Equals(d.Tags[OutreachTelemetry.CommandTag], nameof(RegisterUnit))).Select(d => d.Tags[OutreachTelemetry.OutcomeTag]).ToList();
        Assert.That(outcomes, Is.SupersetOf(new[] { "recorded", "unchanged", "bad-input" }), "every command is timed, tagged by outcome");
        Assert.That(durations.All(d => d.Value >= 0), Is.True);
        Assert.That(events.Where(e => Equals(e.Tags[OutreachTelemetry.CommandTag], nameof(RegisterUnit))).Sum(e => e.Value), Is.EqualTo(1),
            "one event recorded; the repeat and the refusal record none");
    }

    [Test]
    public async Task The_lag_gauge_reports_the_last_measurement_per_projection_without_reading_the_database()
    {
        var lags = new ConcurrentDictionary<string, long>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OutreachTelemetry.Name && instrument.Name == OutreachTelemetry.ProjectionLagInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            // A host of several tenants tags each tenant's views (other tests of this run measure them); this store has none.
            var tagged = Tags(tags);
            if (!tagged.ContainsKey(OutreachTelemetry.TenantTag))
            {
                lags[(string)tagged[OutreachTelemetry.ProjectionTag]!] = value;
            }
        });
        meterListener.Start();

        await HandleAsync(new RegisterUnit(Guid.NewGuid(), "lag-" + Guid.NewGuid().ToString("N")[..6], "Phòng chậm", "tester.1", At));
        var check = await OutreachReadiness.CheckProjectionLagAsync(Store, maxLag: 0, OutreachText.English);
        Assert.That(check.IsReady, Is.False, "no daemon runs on this store: the views lag behind the new event");
        Assert.That(check.Code, Is.EqualTo("ready.projections.behind"));

        meterListener.RecordObservableInstruments();
        Assert.That(lags.Keys, Is.SupersetOf(new[] { "LocalityCases", "LocalityVisits", "PersonWaiting" }));
        Assert.That(lags.Values.Max(), Is.GreaterThan(0));

        OutreachTelemetry.RecordProjectionLag(new ViewFreshness(10, [new ViewProgress("LocalityCases", 10, 0)]));
        meterListener.RecordObservableInstruments();
        Assert.That(lags["LocalityCases"], Is.Zero, "the gauge reports what was last measured");
    }

    [Test]
    public async Task The_write_path_logs_each_command_with_structured_fields_to_the_hosts_logging()
    {
        var database = await TestDatabase.DatabaseAsync();
        var logs = new ConcurrentBag<(string Category, LogLevel Level, IReadOnlyDictionary<string, object?> Fields)>();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(new CapturingProvider(logs)).SetMinimumLevel(LogLevel.Information));
        services.AddOutreach(database.Application, o =>
        {
            o.SchemaName = Store.Options.DatabaseSchemaName;
            o.OwnerConnectionString = database.Admin;
            o.PersonKeys = Options.PersonKeys;
        });
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IDocumentStore>();
        var unit = new RegisterUnit(Guid.NewGuid(), "log-" + Guid.NewGuid().ToString("N")[..6], "Phòng ghi nhật ký", "tester.2", At);
        await using (var session = store.LightweightSession())
        {
            await session.HandleAsync(unit);
        }

        var line = logs.Single(l => l.Category == "Outreach.Commands" && Equals(l.Fields["StreamId"], unit.UnitId));
        Assert.That(line.Level, Is.EqualTo(LogLevel.Information));
        Assert.That((line.Fields["Command"], line.Fields["Version"], line.Fields["EventCount"], line.Fields["Actor"]),
            Is.EqualTo(((object?)"RegisterUnit", (object?)1L, (object?)1, (object?)"tester.2")));
        Assert.That(line.Fields["ElapsedMs"], Is.TypeOf<double>().And.GreaterThan(0));
    }

    private async Task HandleAsync(IOutreachCommand command)
    {
        await using var session = Store.LightweightSession();
        await session.HandleAsync(command);
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }

    private sealed class CapturingProvider(ConcurrentBag<(string, LogLevel, IReadOnlyDictionary<string, object?>)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(string category, ConcurrentBag<(string, LogLevel, IReadOnlyDictionary<string, object?>)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> fields)
            {
                logs.Add((category, logLevel, fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal)));
            }
        }
    }
}
