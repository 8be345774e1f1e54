using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Marten;
using Npgsql;
using NpgsqlTypes;
using Outreach.Cases;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Units;
using Outreach.Visits;

namespace Outreach.Benchmarks;

/// <summary>How the speed benchmark runs.</summary>
/// <param name="Quick">A smoke run: one counted round of a few stories (CI runs it; its numbers mean little).</param>
/// <param name="WritePath">Where to write the Markdown report (<c>docs/benchmarks.md</c>), if anywhere.</param>
/// <param name="Database">The server and roles to use; the private local cluster when null.</param>
/// <param name="Only">
/// Runs the commands and this one group of scenarios alone (<c>reads</c>, <c>back-fill</c>, <c>start-up</c>, <c>web</c>
/// or <c>rebuild</c>; <c>commands</c> for the commands alone); every group when null.
/// </param>
public sealed record SpeedSettings(bool Quick, string? WritePath = null, OutreachDatabase? Database = null, string? Only = null)
{
    /// <summary>The groups <see cref="Only"/> may name.</summary>
    public static readonly IReadOnlyList<string> Groups = ["commands", "reads", "back-fill", "start-up", "web", "rebuild"];

    /// <summary>Whether the run includes <paramref name="group"/>.</summary>
    public bool Runs(string group) => Only is null || Only == group;
}

/// <summary>
/// Issue 13's speed table: each scenario runs Outreach through its public API and a baseline that does the same
/// database work by hand (a single-row insert transaction per step, a raw <c>SELECT</c> of the same rows), in
/// alternating rounds on the same server, in a fresh schema prepared the way a newcomer's is (owner and application
/// roles). Every row reports medians with their spread and the ratio to its baseline; no number is asserted.
/// </summary>
public static class SpeedBenchmark
{
    private static readonly DateTimeOffset StoryStart = new(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));

    /// <summary>Runs every scenario, prints the table on <paramref name="output"/> and writes the report when asked.</summary>
    public static async Task<IReadOnlyList<SpeedRow>> RunAsync(SpeedSettings settings, TextWriter output, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        var database = settings.Database ?? await OutreachConnection.ResolveDatabaseAsync(null, Console.Error.WriteLine, cancellation);
        if (Environment.GetEnvironmentVariable("BENCH_CONNECTION_EXTRA") is { Length: > 0 } extra)
        {
            database = database with { Application = database.Application + ";" + extra };
        }

        var owner = database.Admin ?? database.Application;
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        var raw = schema + "_raw";
        var rounds = settings.Quick ? 1 : 5;
        await Outreach.Audit.AppendOnlyRoles.PrepareSchemaAsync(owner, OutreachConnection.UserOf(database.Application), schema, new OutreachOptions(), cancellation: cancellation);
        await ExecuteAsync(owner, $"""
            create schema {raw};
            create table {raw}.steps (seq bigserial primary key, stream uuid not null, version int not null, data jsonb not null);
            grant usage on schema {raw} to {OutreachConnection.UserOf(database.Application)};
            grant select, insert on {raw}.steps to {OutreachConnection.UserOf(database.Application)};
            grant usage on sequence {raw}.steps_seq_seq to {OutreachConnection.UserOf(database.Application)};
            create table {raw}.archive (seq bigserial primary key, data jsonb not null);
            grant select, insert on {raw}.archive to {OutreachConnection.UserOf(database.Application)};
            grant usage on sequence {raw}.archive_seq_seq to {OutreachConnection.UserOf(database.Application)};
            """, cancellation);
        try
        {
            using var store = DocumentStore.For(opts =>
            {
                opts.Connection(database.Application);
                opts.DatabaseSchemaName = schema;
                opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
                opts.AddOutreach();
                if (Environment.GetEnvironmentVariable("BENCH_CASE_VIEW") == "async")
                {
                    // A lever measured, not taken: the case view kept by the daemon instead of in the command's transaction.
                    foreach (var projection in opts.Projections.All.OfType<JasperFx.Events.Projections.ProjectionBase>().Where(p => p.GetType().Name == "CaseProjection"))
                    {
                        projection.Lifecycle = JasperFx.Events.Projections.ProjectionLifecycle.Async;
                    }
                }
            });
            await using var source = NpgsqlDataSource.Create(database.Application);
            var service = new OutreachService(store, TimeProvider.System);
            var cases = new List<Guid>();
            var rows = new List<SpeedRow>();
            // The field-visit stories' unit: registered once, its cadres visit in every story.
            foreach (var command in Story.Unit())
            {
                await service.HandleAsync(command, cancellation: cancellation);
            }

            foreach (var story in new[] { Story.Complaint, Story.FieldVisit })
            {
                foreach (var writers in new[] { 1, 8 })
                {
                    var stories = settings.Quick ? 1 : (writers == 1 ? 40 : 10);
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"commands, {writers} writer(s): {rounds} round(s) of {writers} x {stories} {story.Name} stories x {Story.Steps} steps…"));
                    var (o, b, oMs, bMs) = await Rounds.AlternateAsync(rounds,
                        latencies => CommandsAsync(service, story, writers, stories, latencies, story == Story.Complaint ? cases : null, cancellation),
                        latencies => InsertsAsync(source, raw, story, writers, stories, latencies, cancellation));
                    rows.Add(new SpeedRow($"commands, {writers} writer{(writers == 1 ? "" : "s")} ({story.Name} story through `HandleAsync`)", "steps/s", Spread.Of(o), Spread.Of(b),
                        "one single-row jsonb insert transaction per step, same payloads and concurrency", Rounds.Latency(oMs, bMs), writers == 1 ? "≥ 0.3" : "≥ 0.5"));
                }
            }

            var sample = cases.Take(settings.Quick ? 5 : 200).ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reads: {rounds} round(s) over {sample.Count} cases…"));
            if (settings.Runs("reads"))
            {
                var (o, b, oMs, bMs) = await Rounds.AlternateAsync(rounds,
                    latencies => TimedAsync(sample, latencies, async id =>
                    {
                        await using var query = store.QuerySession();
                        _ = await CaseQueries.FindAsync(query, id.ToString(), cancellation) ?? throw new InvalidOperationException($"case {id} has no view");
                    }),
                    latencies => TimedAsync(sample, latencies, id => ScalarAsync(source, $"select data from {schema}.mt_doc_case where id = $1", id, cancellation)));
                rows.Add(new SpeedRow("case view (`CaseQueries.FindAsync`)", "reads/s", Spread.Of(o), Spread.Of(b), "`SELECT data` of the case's row", Rounds.Latency(oMs, bMs), "p99 < 5 ms"));
            }

            if (settings.Runs("reads"))
            {
                var (o, b, oMs, bMs) = await Rounds.AlternateAsync(rounds,
                    latencies => TimedAsync(sample, latencies, async id =>
                    {
                        _ = await CaseReading.ShowAsync(store, new CaseRequest(id.ToString()) { Version = Story.Steps / 2 }, cancellation);
                    }),
                    latencies => TimedAsync(sample, latencies, id => ScalarAsync(source,
                        $"select count(*) from (select data from {schema}.mt_events where stream_id = $1 and version <= {Story.Steps / 2} order by version) s", id, cancellation)));
                rows.Add(new SpeedRow($"case as of version {Story.Steps / 2} of {Story.Steps} (`CaseReading.ShowAsync` with `Version`)", "reads/s", Spread.Of(o), Spread.Of(b),
                    "`SELECT` of the stream's events up to that version", Rounds.Latency(oMs, bMs), "p99 < 5 ms"));
            }

            if (settings.Runs("reads"))
            {
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                var (o, b, oMs, bMs) = await Rounds.AlternateAsync(rounds,
                    latencies => TimedAsync(sample, latencies, async id =>
                    {
                        _ = await CaseAudit.LoadAsync(store, id, today: today, cancellation: cancellation) ?? throw new InvalidOperationException($"case {id} has no history");
                    }),
                    latencies => TimedAsync(sample, latencies, id => ScalarAsync(source,
                        $"select count(*) from (select e.data, e.version, e.timestamp, c.hash from {schema}.mt_events e left join {schema}.outreach_event_chain c on c.seq_id = e.seq_id where e.stream_id = $1 order by e.version) s",
                        id, cancellation)));
                rows.Add(new SpeedRow("audit report (`CaseAudit.LoadAsync`)", "reads/s", Spread.Of(o), Spread.Of(b), "`SELECT` of the stream's events with their chain links", Rounds.Latency(oMs, bMs), "p99 < 5 ms"));
            }

            if (settings.Runs("reads"))
            {
                // The dashboards' case queries read the async views (ADR 25): brought up to date first, as the console does.
                await OutreachProjections.CatchUpAsync(store, TimeSpan.FromMinutes(5), cancellation);
                var today = DateOnly.FromDateTime(DateTime.UtcNow);
                var repeats = Enumerable.Repeat(Guid.Empty, settings.Quick ? 5 : 200).ToList();
                var tallies = $"select data from {schema}.mt_doc_localitycases";
                (string Name, Func<IQuerySession, Task<int>> Query, string Sql, string Rows)[] dashboards =
                [
                    ("cases by locality and status (`CaseQueries.ByLocalityAndStatusAsync`)", async q => (await CaseQueries.ByLocalityAndStatusAsync(q, cancellation)).Count, tallies, "the tally rows"),
                    ("cases by kind (`CaseQueries.ByKindAsync`)", async q => (await CaseQueries.ByKindAsync(q, cancellation)).Count, tallies, "the tally rows"),
                    ("overdue cases (`CaseQueries.OverdueAsync`)", async q => (await CaseQueries.OverdueAsync(q, today, cancellation)).Count,
                        $"select data from {schema}.mt_doc_case where {schema}.mt_immutable_date(data ->> 'NextObligationDue') < '{today:yyyy-MM-dd}'", "the overdue cases' rows, by the same index"),
                    // The programme's dashboard (the field-visit stories' views).
                    ("coverage of the localities in force (`ProgrammeQueries.CoverageAsync`)", async q => (await ProgrammeQueries.CoverageAsync(q, LocalityCatalogue.CaoLanh, today)).Count,
                        $"select data from {schema}.mt_doc_localityvisits", "the per-locality visit tallies"),
                    ("visits per week (`ProgrammeQueries.VisitsPerWeekAsync`)", async q => (await ProgrammeQueries.VisitsPerWeekAsync(q)).Count,
                        $"select data from {schema}.mt_doc_weekvisits", "the per-week visit tallies"),
                    ("guidance by topic (`ProgrammeQueries.GuidanceByTopicAsync`)", async q => (await ProgrammeQueries.GuidanceByTopicAsync(q)).Count,
                        $"select data from {schema}.mt_doc_topicguidance", "the per-topic guidance tallies"),
                ];
                foreach (var (name, query, sql, what) in dashboards)
                {
                    var (o, b, oMs, bMs) = await Rounds.AlternateAsync(rounds,
                        latencies => TimedAsync(repeats, latencies, async _ =>
                        {
                            await using var session = store.QuerySession();
                            await query(session);
                        }),
                        latencies => TimedAsync(repeats, latencies, _ => RowsAsync(source, sql, cancellation)));
                    rows.Add(new SpeedRow($"dashboard: {name}", "reads/s", Spread.Of(o), Spread.Of(b), $"`SELECT data` of {what}", Rounds.Latency(oMs, bMs), null));
                }
            }

            // The console tool as a user runs it, on this run's schema: on a newcomer's path (no connection configured, the
            // private cluster found running, ADR 2) unless the run was given a server; then on that server.
            var consoleTool = ConsoleTool();
            var child = settings.Database is null && Environment.GetEnvironmentVariable("BENCH_CONNECTION_EXTRA") is not { Length: > 0 } ? null : database;
            if (settings.Runs("back-fill") && consoleTool is { } backfillTool)
            {
                foreach (var (batch, size) in new[] { (CommandBatch.DefaultBatchSize, settings.Quick ? 400 : 50_000), (1, settings.Quick ? 80 : 4_000) })
                {
                    // 50,000 lines at a few hundred a second take minutes: one counted round of the large archive.
                    var counted = settings.Quick || batch != 1 ? 1 : 2;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"back-fill: {counted} round(s) of `outreach apply --batch {batch}` of {size:N0} lines against COPY of the same lines…"));
                    var (o, b) = await BackfillAsync(backfillTool, child, schema, raw, source, batch, size, counted, cancellation);
                    rows.Add(new SpeedRow($"back-fill: `outreach apply --batch {batch}` of {size:N0} lines{(batch == 1 ? " (a transaction per line, as before)" : " (the default)")}", "lines/s", Spread.Of(o), Spread.Of(b),
                        "`COPY … FROM STDIN (FORMAT binary)` of the same lines into a jsonb table", null, "≥ 0.25"));
                }
            }

            if (settings.Runs("start-up") && consoleTool is { } tool)
            {
                var starts = settings.Quick ? 1 : 5;
                var shown = sample[0].ToString();
                var tools = new List<(string Name, string Dll)> { ("build output, as `dotnet run` starts it", tool) };
                if (!settings.Quick && await PublishAsync(output, cancellation) is { } published)
                {
                    tools.Add(("published for linux-x64, ReadyToRun", published));
                }

                foreach (var (name, dll) in tools)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start-up ({name}): {starts} round(s) of `outreach case show` against an empty .NET console app…"));
                    var (o, b, oMs, bMs) = await Rounds.AlternateAsync(starts,
                        latencies => ProcessAsync(dll, ["case", "show", shown, "--culture", "en"], child, schema, latencies, cancellation),
                        latencies => ProcessAsync(typeof(SpeedBenchmark).Assembly.Location, ["noop"], null, null, latencies, cancellation));
                    rows.Add(new SpeedRow($"start-up: `outreach case show ID`, process start to answer ({name}{(child is null ? ", private cluster" : "")})", "runs/s", Spread.Of(o), Spread.Of(b),
                        "an empty .NET console app (this program's `noop`)", Rounds.Latency(oMs, bMs), "case show < 0.3 s"));
                }
            }
            else if (settings.Runs("start-up"))
            {
                output.WriteLine("start-up: skipped (build src/Hosts/Console first: outreach.dll was not found)");
            }

            if (settings.Runs("web") && HostBuild("Web", "outreach-web.dll") is { } web)
            {
                rows.AddRange(await WebScenarios.RunAsync(web, typeof(SpeedBenchmark).Assembly.Location, child, schema, sample[0], settings.Quick, output, cancellation));
            }
            else if (settings.Runs("web"))
            {
                output.WriteLine("web: skipped (build src/Hosts/Web first: outreach-web.dll was not found)");
            }

            if (settings.Runs("rebuild"))
            {
                var target = settings.Quick ? 20_000 : 1_000_000;
                var events = await MultiplyEventsAsync(owner, schema, target, cancellation);
                // A rebuild of a million events takes minutes: one counted round after the warm-up.
                const int counted = 1;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rebuild: {counted} round(s) of `OutreachProjections.RebuildAsync` over {events:N0} events against a sequential read of them…"));
                using var ownerStore = DocumentStore.For(opts =>
                {
                    opts.Connection(owner);
                    opts.DatabaseSchemaName = schema;
                    opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
                    opts.AddOutreach();
                });
                var projections = OutreachProjections.List(ownerStore).Count;
                var (o, b, _, _) = await Rounds.AlternateAsync(counted,
                    async latencies =>
                    {
                        var started = Stopwatch.GetTimestamp();
                        await OutreachProjections.RebuildAsync(ownerStore, cancellation: cancellation);
                        return events / Stopwatch.GetElapsedTime(started).TotalSeconds;
                    },
                    async latencies =>
                    {
                        var started = Stopwatch.GetTimestamp();
                        await using var read = source.CreateCommand($"select seq_id, stream_id, version, type, data, timestamp from {schema}.mt_events order by seq_id");
                        await using var reader = await read.ExecuteReaderAsync(cancellation);
                        long n = 0;
                        while (await reader.ReadAsync(cancellation))
                        {
                            n += reader.GetString(4).Length > 0 ? 1 : 0;
                        }

                        return n / Stopwatch.GetElapsedTime(started).TotalSeconds;
                    });
                rows.Add(new SpeedRow(string.Create(CultureInfo.InvariantCulture, $"rebuild: all {projections} projections over {events:N0} events (`projections rebuild`)"), "events/s", Spread.Of(o), Spread.Of(b),
                    "one sequential read of the events, in order, to the client", null, "≥ 0.5"));
            }

            Print(rows, output);
            if (settings.WritePath is { } path)
            {
                await File.WriteAllTextAsync(path, await ReportAsync(rows, settings, source, cancellation), cancellation);
                output.WriteLine("Wrote " + Path.GetFullPath(path));
            }

            return rows;
        }
        finally
        {
            await ExecuteAsync(owner, $"drop schema if exists {schema} cascade; drop schema if exists {raw} cascade;", CancellationToken.None);
        }
    }

    /// <summary>Outreach's side: every step through <see cref="OutreachService.HandleAsync"/>; steps per second.</summary>
    private static Task<double> CommandsAsync(OutreachService service, Story story, int writers, int stories, List<double> latencies, List<Guid>? cases, CancellationToken cancellation)
        => StoriesAsync(story, writers, stories, latencies, cases, (id, version, command) => service.HandleAsync(command, cancellation: cancellation));

    /// <summary>The baseline of <see cref="CommandsAsync"/>: the same steps' JSON, one autocommitted single-row insert each.</summary>
    private static Task<double> InsertsAsync(NpgsqlDataSource source, string raw, Story story, int writers, int stories, List<double> latencies, CancellationToken cancellation)
        => StoriesAsync(story, writers, stories, latencies, null, async (id, version, command) =>
        {
            await using var insert = source.CreateCommand($"insert into {raw}.steps (stream, version, data) values ($1, $2, $3)");
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(version);
            insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(command, command.GetType()), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(cancellation);
        });

    /// <summary>
    /// <paramref name="writers"/> tasks, each taking <paramref name="stories"/> of <paramref name="story"/> step by step through
    /// <paramref name="step"/> (the stream, the step's version from 1, the command), timing every step; steps per second.
    /// The stories' ids are added to <paramref name="cases"/> when given.
    /// </summary>
    private static async Task<double> StoriesAsync(Story story, int writers, int stories, List<double> latencies, List<Guid>? cases, Func<Guid, int, IOutreachCommand, Task> step)
    {
        var clock = Stopwatch.StartNew();
        var perWriter = await Task.WhenAll(Enumerable.Range(0, writers).Select(writer => Task.Run(async () =>
        {
            var mine = new List<double>();
            var ids = new List<Guid>();
            for (var s = 0; s < stories; s++)
            {
                var id = Guid.NewGuid();
                ids.Add(id);
                var version = 0;
                foreach (var command in story.Of(id))
                {
                    var started = Stopwatch.GetTimestamp();
                    await step(id, ++version, command);
                    mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }

            return (mine, ids);
        })));
        clock.Stop();
        foreach (var (mine, ids) in perWriter)
        {
            latencies.AddRange(mine);
            cases?.AddRange(ids);
        }

        return writers * stories * Story.Steps / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The back-fill scenario: an archive of <paramref name="size"/> lines (complaint stories of fresh cases, as JSON
    /// lines) applied by the console tool with <c>--batch <paramref name="batch"/></c>, against a binary COPY of the same
    /// lines into a jsonb table. A small archive warms both up first; then <paramref name="rounds"/> alternating rounds.
    /// Lines per second of each side, per round.
    /// </summary>
    private static async Task<(List<double> Outreach, List<double> Copy)> BackfillAsync(
        string tool, OutreachDatabase? child, string schema, string raw, NpgsqlDataSource source, int batch, int size, int rounds, CancellationToken cancellation)
    {
        var (outreach, copy) = (new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            var lines = Archive(round == 0 ? Math.Min(size, 80) : size);
            var file = Path.Combine(Path.GetTempPath(), $"outreach-backfill-{Guid.NewGuid():N}.jsonl");
            await File.WriteAllLinesAsync(file, lines, cancellation);
            try
            {
                double o = 0, c = 0;
                async Task Outreach()
                {
                    var started = Stopwatch.GetTimestamp();
                    await ProcessAsync(tool, ["apply", file, "--batch", batch.ToString(CultureInfo.InvariantCulture), "--culture", "en"], child, schema, [], cancellation);
                    o = lines.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
                }

                async Task Copy()
                {
                    var started = Stopwatch.GetTimestamp();
                    await using (var connection = await source.OpenConnectionAsync(cancellation))
                    await using (var writer = await connection.BeginBinaryImportAsync($"copy {raw}.archive (data) from stdin (format binary)", cancellation))
                    {
                        foreach (var line in lines)
                        {
                            await writer.StartRowAsync(cancellation);
                            await writer.WriteAsync(line, NpgsqlDbType.Jsonb, cancellation);
                        }

                        await writer.CompleteAsync(cancellation);
                    }

                    c = lines.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
                }

                if (round % 2 == 0)
                {
                    await Outreach();
                    await Copy();
                }
                else
                {
                    await Copy();
                    await Outreach();
                }

                if (round > 0)
                {
                    outreach.Add(o);
                    copy.Add(c);
                }
            }
            finally
            {
                File.Delete(file);
            }
        }

        return (outreach, copy);
    }

    /// <summary>
    /// Copies the schema's recorded cases (events and streams, each copy a new case id) until the store holds about
    /// <paramref name="target"/> events, in SQL as the owner: a store large enough to rebuild, made in seconds. The copies
    /// have no chain links (a rebuild does not read them). Returns the number of events now in the store.
    /// </summary>
    private static async Task<long> MultiplyEventsAsync(string owner, string schema, long target, CancellationToken cancellation)
    {
        await using var connection = new NpgsqlConnection(owner);
        await connection.OpenAsync(cancellation);
        async Task<long> CountAsync()
        {
            await using var count = new NpgsqlCommand($"select count(*) from {schema}.mt_events", connection);
            return (long)(await count.ExecuteScalarAsync(cancellation))!;
        }

        var have = await CountAsync();
        if (have == 0 || have >= target)
        {
            return have;
        }

        var copies = (int)Math.Ceiling((target - have) / (double)have);
        await using (var multiply = new NpgsqlCommand($$"""
            create temp table copied on commit drop as
              select s.id as old, gen_random_uuid() as new from {{schema}}.mt_streams s cross join generate_series(1, {{copies}}) where s.type = 'case_state';
            insert into {{schema}}.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
              select c.new, s.type, s.version, s.timestamp, s.created, s.tenant_id, false from copied c join {{schema}}.mt_streams s on s.id = c.old;
            insert into {{schema}}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, is_archived)
              select nextval('{{schema}}.mt_events_sequence'), gen_random_uuid(), c.new, e.version, jsonb_set(e.data, '{CaseId}', to_jsonb(c.new::text)),
                     e.type, e.timestamp, e.tenant_id, e.mt_dotnet_type, e.user_name, false
                from copied c join {{schema}}.mt_events e on e.stream_id = c.old order by c.new, e.version;
            analyze {{schema}}.mt_events;
            """, connection))
        {
            multiply.CommandTimeout = 600;
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            multiply.Transaction = transaction;
            await multiply.ExecuteNonQueryAsync(cancellation);
            await transaction.CommitAsync(cancellation);
        }

        return await CountAsync();
    }

    /// <summary><paramref name="size"/> JSON lines of complaint stories, each story a fresh case, as <c>outreach apply</c> reads them.</summary>
    private static List<string> Archive(int size)
    {
        var lines = new List<string>(size);
        while (lines.Count < size)
        {
            foreach (var command in Story.Complaint.Of(Guid.NewGuid()).Take(size - lines.Count))
            {
                var line = new System.Text.Json.Nodes.JsonObject { ["command"] = command.GetType().Name };
                foreach (var parameter in CommandJson.Parameters(command.GetType()))
                {
                    if (command.GetType().GetProperty(parameter.Name!)!.GetValue(command) is { } value)
                    {
                        line[CommandJson.JsonName(parameter)] = JsonSerializer.SerializeToNode(value, parameter.ParameterType, CommandJson.Options);
                    }
                }

                lines.Add(line.ToJsonString());
            }
        }

        return lines;
    }

    /// <summary>
    /// Runs <c>dotnet <paramref name="dll"/> <paramref name="args"/></c> once to its exit, on the benchmark's schema and roles
    /// when <paramref name="database"/> is given; runs per second (the inverse of the wall time).
    /// </summary>
    private static async Task<double> ProcessAsync(string dll, string[] args, OutreachDatabase? database, string? schema, List<double> latencies, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (database is not null)
        {
            start.Environment[OutreachConnection.EnvironmentVariable] = database.Application;
            start.Environment[OutreachConnection.AdminEnvironmentVariable] = database.Admin ?? "";
        }

        if (schema is not null)
        {
            start.Environment["OUTREACH_SCHEMA"] = schema;
        }

        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {dll} {string.Join(' ', args)} exited {process.ExitCode}: {await stderr}{await stdout}");
        }

        latencies.Add(elapsed);
        return 1000 / elapsed;
    }

    /// <summary>The repository's root folder, when this program runs from a build inside it.</summary>
    private static DirectoryInfo? Repository()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Outreach.Domain.sln")))
        {
            dir = dir.Parent;
        }

        return dir;
    }

    /// <summary>
    /// Publishes the console tool as its users install it (<c>dotnet publish -c Release -r linux-x64</c>, ReadyToRun) into
    /// a folder under <c>tests/Outreach.Benchmarks/bin</c>; its <c>outreach.dll</c>, or null when publishing failed.
    /// </summary>
    private static async Task<string?> PublishAsync(TextWriter output, CancellationToken cancellation)
    {
        if (Repository() is not { } dir || !RuntimeInformation.IsOSPlatform(OSPlatform.Linux) || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            return null;
        }

        var folder = Path.Combine(AppContext.BaseDirectory, "published-outreach");
        output.WriteLine("start-up: publishing src/Hosts/Console for linux-x64 (ReadyToRun) into " + folder + "…");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = dir.FullName };
        foreach (var arg in new[] { "publish", "src/Hosts/Console", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", folder })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellation);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0)
        {
            output.WriteLine("start-up: publishing failed, the ReadyToRun row is left out: " + await stdout + await stderr);
            return null;
        }

        return Path.Combine(folder, "outreach.dll");
    }

    /// <summary>The console tool's newest build in this repository (Release or Debug), if any.</summary>
    private static string? ConsoleTool() => HostBuild("Console", "outreach.dll");

    /// <summary>The newest build (Release or Debug) of the host <paramref name="project"/> under <c>src/Hosts</c>, if any.</summary>
    internal static string? HostBuild(string project, string dll)
    {
        var dir = Repository();
        return dir is null ? null : new[] { "Release", "Debug" }
            .Select(c => new FileInfo(Path.Combine(dir.FullName, "src", "Hosts", project, "bin", c, "net10.0", dll)))
            .Where(f => f.Exists).OrderByDescending(f => f.LastWriteTimeUtc).FirstOrDefault()?.FullName;
    }

    /// <summary>Runs <paramref name="read"/> for every id in turn; reads per second.</summary>
    private static async Task<double> TimedAsync(IReadOnlyList<Guid> ids, List<double> latencies, Func<Guid, Task> read)
    {
        var clock = Stopwatch.StartNew();
        foreach (var id in ids)
        {
            var started = Stopwatch.GetTimestamp();
            await read(id);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return ids.Count / clock.Elapsed.TotalSeconds;
    }

    private static async Task ScalarAsync(NpgsqlDataSource source, string sql, Guid id, CancellationToken cancellation)
    {
        await using var command = source.CreateCommand(sql);
        command.Parameters.AddWithValue(id);
        _ = await command.ExecuteScalarAsync(cancellation) ?? throw new InvalidOperationException($"no row for {id}");
    }

    /// <summary>Reads every row of <paramref name="sql"/>'s first column to the end, as a query's caller would.</summary>
    private static async Task RowsAsync(NpgsqlDataSource source, string sql, CancellationToken cancellation)
    {
        await using var command = source.CreateCommand(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            _ = reader.GetString(0);
        }
    }

    private static async Task ExecuteAsync(string connection, string sql, CancellationToken cancellation)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static void Print(IReadOnlyList<SpeedRow> rows, TextWriter output)
    {
        output.WriteLine();
        foreach (var row in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Scenario}: {row.Outreach.Format()} {row.Unit} vs {row.Baseline.Format()} — ratio {row.Ratio:F3}{(row.Latency is null ? "" : "; " + row.Latency)}"));
        }
    }

    private static async Task<string> ReportAsync(IReadOnlyList<SpeedRow> rows, SpeedSettings settings, NpgsqlDataSource source, CancellationToken cancellation)
    {
        await using var version = source.CreateCommand("select current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('shared_buffers')");
        await using var reader = await version.ExecuteReaderAsync(cancellation);
        await reader.ReadAsync(cancellation);
        var server = $"PostgreSQL {reader.GetString(0)} (fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, shared_buffers {reader.GetString(3)})";
        var text = new StringBuilder();
        text.AppendLine("# Benchmarks");
        text.AppendLine();
        text.AppendLine("Written by `dotnet run -c Release --project tests/Outreach.Benchmarks -- speed --write docs/benchmarks.md` (issue 13).");
        text.AppendLine("Every row runs Outreach and its baseline in alternating rounds on the same server, each in a fresh schema prepared");
        text.AppendLine("as a newcomer's is (owner and application roles, hash chain on). Rates are medians over the counted rounds, with the");
        text.AppendLine("lowest and highest round in brackets; the ratio is Outreach's median over the baseline's. One warm-up round is not");
        text.AppendLine("counted. `--quick` (what CI runs as a smoke check) counts one round of a few stories: its numbers mean little.");
        text.AppendLine();
        text.AppendLine("- *Dashboard* rows run the library's case and programme queries on the async views (brought up to date first) against a raw");
        text.AppendLine("  `SELECT data` of the same rows; the stories' cases and visits are the data, so the tallies hold few rows.");
        text.AppendLine("- *Back-fill* runs the console tool as a user does (`outreach apply FILE`, process start included), on an archive of");
        text.AppendLine("  fresh complaint stories; the 50,000-line archive is counted once, after a warm-up of 80 lines (ADR 36).");
        text.AppendLine("- *Rebuild* first copies the recorded cases in SQL until the store holds a million events (the copies have no chain");
        text.AppendLine("  links, which a rebuild does not read), then rebuilds every projection once after a warm-up rebuild.");
        text.AppendLine("- *Start-up* runs `outreach case show` on the newcomer's path (the private cluster found running, the schema already");
        text.AppendLine("  prepared): once from the build output, as `dotnet run` starts it, and once published for the platform (ReadyToRun).");
        text.AppendLine("- *Web* starts the web host from its build output on the same path, signed in by a bearer token of the run's own");
        text.AppendLine("  key: its start-up is timed to its first case page (200); then Debian's `wrk` (2 threads, 8 connections, 10 s a round)");
        text.AppendLine("  loads the dashboard's overview and a case page against `/health/live` of the same host with the same token. The");
        text.AppendLine("  latency column gives the medians of wrk's own p50 and p99 over the rounds.");
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {(settings.Quick ? "quick" : "full")} mode{(settings.Only is { } only ? $" ({only} only)" : "")}, on {Machine()}; {server}; {RuntimeInformation.FrameworkDescription}."));
        text.AppendLine();
        text.AppendLine("| scenario | Outreach | baseline | ratio | aim | latency |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Scenario} | {row.Outreach.Format()} {row.Unit} | {row.Baseline.Format()} {row.Unit}: {row.BaselineName} | **{row.Ratio:F3}** | {row.Aim ?? "—"} | {row.Latency ?? "—"} |"));
        }

        return text.ToString();
    }

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() : null;
        var memory = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal)) : null;
        var gib = memory is null ? "?" : (long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024d / 1024d).ToString("F0", CultureInfo.InvariantCulture);
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {gib} GiB, {RuntimeInformation.OSDescription}";
    }

    /// <summary>A story every writer records: eight steps of one stream, a complaint's or a field visit's.</summary>
    private sealed class Story(string name, Func<Guid, IEnumerable<IOutreachCommand>> steps)
    {
        public const int Steps = 8;

        private static readonly Guid UnitId = Guid.Parse("0190f0c4-5b1e-7c3a-9d2e-6f1a2b3c4d5e");

        public string Name { get; } = name;

        public IEnumerable<IOutreachCommand> Of(Guid id) => steps(id);

        /// <summary>From receipt to the first decision's delivery.</summary>
        public static Story Complaint { get; } = new("complaint", ComplaintOf);

        /// <summary>From the plan to the report: arranged, the meeting, two kinds of guidance, outreach, community work.</summary>
        public static Story FieldVisit { get; } = new("field-visit", VisitOf);

        /// <summary>The unit whose cadres make the field visits, registered once per run.</summary>
        public static IEnumerable<IOutreachCommand> Unit()
        {
            var at = StoryStart.AddDays(-30);
            yield return new RegisterUnit(UnitId, "ban-do-luong", "Ban đo lường", "Văn phòng Thành ủy", at);
            yield return new AssignCadre(UnitId, "ban-do-luong.1", "Lê Văn Tâm", "Trưởng ban", "Văn phòng Thành ủy", at.AddHours(1));
            yield return new AssignCadre(UnitId, "ban-do-luong.2", "Đỗ Thị Mai", null, "Văn phòng Thành ủy", at.AddHours(1));
            yield return new AppointUnitHead(UnitId, "ban-do-luong.1", "Ban Thường vụ Thành ủy", at.AddHours(2));
        }

        private static IEnumerable<IOutreachCommand> ComplaintOf(Guid id)
        {
            const string clerk = "Nguyễn Văn An", chair = "Trần Thị Bình", verifier = "Phạm Văn Dũng";
            var at = StoryStart;
            yield return new ReceivePetition(id, null, ReceptionChannel.FieldVisit, "Võ Thị Hoa", null, null, null, false, "my-tra", "Đường ngập nước sau mưa",
                "UBND phường Mỹ Trà", clerk, at);
            yield return new ClassifyPetition(id, CaseKind.Complaint, null, clerk, at.AddHours(1));
            yield return new AcceptComplaint(id, false, false, [NoticeParty.Complainant, NoticeParty.Inspectorate], null, null, null, null, chair, at.AddDays(2));
            yield return new AssignVerifier(id, verifier, chair, at.AddDays(3));
            yield return new RecordVerification(id, "BC-01", "Diện tích tính sai", verifier, at.AddDays(10));
            yield return new HoldDialogue(id, ["Người khiếu nại", verifier], "BB-01", false, verifier, at.AddDays(12));
            yield return new IssueFirstDecision(id, "QD-01", Finding.PartlyFounded, "Tính lại diện tích", chair, at.AddDays(20));
            yield return new DeliverDecision(id, [NoticeParty.Complainant, NoticeParty.Inspectorate], clerk, at.AddDays(21));
        }

        private static IEnumerable<IOutreachCommand> VisitOf(Guid id)
        {
            const string visitor = "ban-do-luong.2";
            var monday = StoryStart;
            var friday = DateOnly.FromDateTime(monday.AddDays(4).DateTime);
            var afternoon = new DateTimeOffset(friday.ToDateTime(new TimeOnly(14, 0)), monday.Offset);
            yield return new PlanVisit(id, UnitId, [visitor], "my-tra", friday, true, "Ban Dân vận Thành ủy", monday);
            yield return new ArrangeVisit(id, "Bí thư chi bộ", "Đảng ủy phường", afternoon, "Trụ sở khóm", visitor, monday.AddDays(1));
            yield return new AttendMeeting(id, MeetingHost.PartyCell, "Sinh hoạt định kỳ, nắm tình hình cơ sở", visitor, afternoon);
            yield return new GiveGuidance(id, GuidanceTopic.DraftingDocuments, 6, ["Hoàn thiện nghị quyết chi bộ"], friday.AddDays(21), visitor, afternoon.AddHours(1));
            yield return new GiveGuidance(id, GuidanceTopic.ApplyingNewLaws, 4, ["Rà soát hộ cận nghèo"], friday.AddDays(28), visitor, afternoon.AddHours(1.5));
            yield return new DeliverOutreach(id, "Phòng chống tác hại của ma túy", visitor, afternoon.AddHours(2));
            yield return new JoinCommunityWork(id, "Ra quân vệ sinh môi trường tuyến đường", visitor, afternoon.AddHours(2.5));
            yield return new FileVisitReport(id, "Báo cáo kết quả đi cơ sở", visitor, afternoon.AddDays(1));
        }
    }
}
