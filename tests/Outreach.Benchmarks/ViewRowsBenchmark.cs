using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Marten;
using Marten.Services;
using Npgsql;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Rotation;
using Outreach.Visits;

namespace Outreach.Benchmarks;

/// <summary>
/// Issue 10, views that do not grow with history: records the sample programme and cases once (scale 1) and K times
/// (scale K), each in a fresh schema, catches up the async views, runs every dashboard query once and measures the rows
/// the server reads for it (EXPLAIN ANALYZE of each command the session ran), its round trips and the rows it returns,
/// against the rows a scan of the source documents would read. Rows, not time: the figures do not depend on the machine.
/// </summary>
internal static class ViewRowsBenchmark
{
    private static readonly DateTimeOffset Until = new(2026, 11, 27, 17, 0, 0, VietnamTime.Offset);
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly LocalityCatalogue Catalogue = LocalityCatalogue.CaoLanh;
    private const int CasesPerProgramme = 60;
    private const int Workers = 4;

    /// <summary>A dashboard query: its label, the source documents a scan would read instead, and the call.</summary>
    private sealed record DashboardQuery(string Name, string[] Sources, Func<IQuerySession, Task<int>> Run);

    private static readonly DashboardQuery[] Queries =
    [
        new("ProgrammeQueries.CoverageAsync", ["visit"], async s => (await ProgrammeQueries.CoverageAsync(s, Catalogue, Today)).Count),
        new("ProgrammeQueries.VisitsTotalAsync", ["visit"], async s => await ProgrammeQueries.VisitsTotalAsync(s) > 0 ? 1 : 0),
        new("ProgrammeQueries.VisitsPerWeekAsync (all weeks)", ["visit"], async s => (await ProgrammeQueries.VisitsPerWeekAsync(s)).Count),
        new("ProgrammeQueries.VisitsPerWeekAsync (12 weeks)", ["visit"],
            async s => (await ProgrammeQueries.VisitsPerWeekAsync(s, ProgrammeQueries.MondayOf(Today).AddDays(-7 * 11), Today)).Count),
        new("ProgrammeQueries.GuidanceByTopicAsync", ["visit"], async s => (await ProgrammeQueries.GuidanceByTopicAsync(s)).Count),
        new("DifficultyQueries.WaitingAsync", ["difficulty"], async s => (await DifficultyQueries.WaitingAsync(s, Today)).Count),
        new("CaseQueries.ByLocalityAndStatusAsync", ["case"], async s => (await CaseQueries.ByLocalityAndStatusAsync(s)).Count),
        new("CaseQueries.ByKindAsync", ["case"], async s => (await CaseQueries.ByKindAsync(s)).Count),
        new("CaseQueries.OverdueAsync", ["case"], async s => (await CaseQueries.OverdueAsync(s, Today)).Count),
        new("RotaQueries.WeekAsync", ["rota"], async s => (await RotaQueries.WeekAsync(s, ProgrammeQueries.MondayOf(Today))).Count),
        new("LocalityHistoryAsync (my-tra-2025) *", ["visit", "difficulty", "case"],
            async s => (await ProgrammeQueries.LocalityHistoryAsync(s, Catalogue, "my-tra-2025", Today)).Count),
    ];

    /// <summary>What one query cost at one scale.</summary>
    private sealed record Measure(long RowsRead, int RoundTrips, long RowsReturned, int Answer, long SourceRows);

    public static async Task<int> RunAsync(int scale, TextWriter output)
    {
        var database = await OutreachConnection.ResolveDatabaseAsync(null, Console.Error.WriteLine);
        var owner = database.Admin ?? database.Application;
        var schemas = new List<string>();
        try
        {
            var results = new List<IReadOnlyList<Measure>>();
            var totals = new List<string>();
            foreach (var programmes in new[] { 1, scale })
            {
                var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
                schemas.Add(schema);
                var (measures, summary) = await MeasureScaleAsync(database, owner, schema, programmes);
                results.Add(measures);
                totals.Add(summary);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Rows read by the dashboard queries: sample programme + {CasesPerProgramme} cases (scale 1) against {scale} programmes + {CasesPerProgramme * scale} cases (scale {scale})"));
            foreach (var line in totals)
            {
                output.WriteLine(line);
            }

            output.WriteLine();
            Table(output, scale, results[0], results[1]);
            output.WriteLine();
            output.WriteLine("rows read: rows the server's scans produced plus those they removed by filter or index recheck, times loops,");
            output.WriteLine("summed over every table scan in EXPLAIN (ANALYZE) of each command the query ran; returned: rows sent to the client.");
            output.WriteLine("* a locality's history page reads that locality's own lines: it grows with the locality's history by design.");
            return 0;
        }
        finally
        {
            await using var conn = new NpgsqlConnection(owner);
            await conn.OpenAsync();
            foreach (var schema in schemas)
            {
                await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", conn);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static void Table(TextWriter output, int scale, IReadOnlyList<Measure> one, IReadOnlyList<Measure> many)
    {
        var k = scale.ToString(CultureInfo.InvariantCulture);
        string[] headers = ["Query", "rows read @1", $"rows read @{k}", "growth", "round trips", $"returned @1 / @{k}", "source docs @1", $"source docs @{k}"];
        var rows = Queries.Select((q, i) => new[]
        {
            q.Name,
            one[i].RowsRead.ToString(CultureInfo.InvariantCulture),
            many[i].RowsRead.ToString(CultureInfo.InvariantCulture),
            one[i].RowsRead == 0 ? "-" : (many[i].RowsRead / (double)one[i].RowsRead).ToString("0.00", CultureInfo.InvariantCulture) + "x",
            one[i].RoundTrips == many[i].RoundTrips
                ? one[i].RoundTrips.ToString(CultureInfo.InvariantCulture)
                : string.Create(CultureInfo.InvariantCulture, $"{one[i].RoundTrips} / {many[i].RoundTrips}"),
            string.Create(CultureInfo.InvariantCulture, $"{one[i].RowsReturned} / {many[i].RowsReturned}"),
            one[i].SourceRows.ToString(CultureInfo.InvariantCulture) + " " + string.Join("+", q.Sources),
            many[i].SourceRows.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        var widths = headers.Select((h, c) => Math.Max(h.Length, rows.Max(r => r[c].Length))).ToArray();
        output.WriteLine("| " + string.Join(" | ", headers.Select((h, c) => h.PadRight(widths[c]))) + " |");
        output.WriteLine("|" + string.Join("|", widths.Select((w, c) => new string('-', w + 1) + (c == 0 ? "-" : ":"))) + "|");
        foreach (var row in rows)
        {
            output.WriteLine("| " + string.Join(" | ", row.Select((v, c) => c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))) + " |");
        }
    }

    private static async Task<(IReadOnlyList<Measure> Measures, string Summary)> MeasureScaleAsync(OutreachDatabase database, string owner, string schema, int programmes)
    {
        await Outreach.Audit.AppendOnlyRoles.PrepareSchemaAsync(owner, OutreachConnection.UserOf(database.Application), schema, new OutreachOptions());
        using var store = DocumentStore.For(opts =>
        {
            opts.Connection(database.Application);
            opts.DatabaseSchemaName = schema;
            opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
            opts.AddOutreach();
        });

        var streams = new List<IReadOnlyList<IOutreachCommand>>();
        for (var seed = 2019; seed < 2019 + programmes; seed++)
        {
            streams.AddRange(SampleProgramme.Generate(Until, Catalogue, seed));
        }

        streams.AddRange(SampleHistory.Generate(CasesPerProgramme * programmes, Until, 2019).Select(c => (IReadOnlyList<IOutreachCommand>)[.. c]));
        var refusals = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await RecordAsync(store, streams, $"scale {programmes}", refusals);
        await RecordRotasAsync(store, programmes, refusals);
        var refused = (Total: refusals.Values.Sum(), Codes: refusals.IsEmpty ? "" : " (" + string.Join(", ", refusals.OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")) + ")");

        var clock = Stopwatch.StartNew();
        var freshness = await OutreachProjections.CatchUpAsync(store, TimeSpan.FromMinutes(10));
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[scale {programmes}] views caught up in {clock.Elapsed.TotalSeconds:0.0} s, current: {freshness.IsCurrent}"));
        if (!freshness.IsCurrent)
        {
            throw new InvalidOperationException("the async views did not catch up: " + string.Join(", ", freshness.Views));
        }

        // Fresh planner statistics, as autovacuum would keep them on a live database.
        await using (var conn = new NpgsqlConnection(owner))
        {
            await conn.OpenAsync();
            await using var analyze = new NpgsqlCommand($"analyze {schema}.mt_doc_visit, {schema}.mt_doc_case, {schema}.mt_doc_difficulty, {schema}.mt_doc_rota, "
                + $"{schema}.mt_doc_localityvisits, {schema}.mt_doc_weekvisits, {schema}.mt_doc_topicguidance, {schema}.mt_doc_personwaiting, "
                + $"{schema}.mt_doc_localitycases, {schema}.mt_doc_localityhistoryline, {schema}.mt_doc_rotaweek", conn);
            await analyze.ExecuteNonQueryAsync();
        }

        var counts = await CountAsync(database.Application, schema);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"  scale {programmes}: {counts["events"]} events in {counts["streams"]} streams; {counts["visit"]} visits, {counts["difficulty"]} difficulties, "
            + $"{counts["case"]} cases, {counts["rota"]} rotas; {refused.Total} commands refused or already recorded{refused.Codes}");
        Console.Error.WriteLine(summary);

        var measures = new List<Measure>();
        foreach (var query in Queries)
        {
            var recorder = new CommandRecorder();
            int answer;
            await using (var session = store.QuerySession())
            {
                session.Logger = recorder;
                answer = await query.Run(session);
            }

            long read = 0, returned = 0;
            foreach (var command in recorder.Commands)
            {
                var (r, n) = await ExplainAsync(database.Application, command);
                read += r;
                returned += n;
            }

            measures.Add(new Measure(read, recorder.RoundTrips, returned, answer, query.Sources.Sum(s => counts[s])));
        }

        return (measures, summary);
    }

    /// <summary>Records the streams through the write path, a few streams at a time, one lightweight session per command.</summary>
    private static async Task RecordAsync(IDocumentStore store, IReadOnlyList<IReadOnlyList<IOutreachCommand>> streams, string label, ConcurrentDictionary<string, int> codes)
    {
        var total = streams.Sum(s => s.Count);
        var done = 0;
        var clock = Stopwatch.StartNew();
        var next = TimeSpan.FromSeconds(10);
        var progress = new object();
        var queue = new ConcurrentQueue<IReadOnlyList<IOutreachCommand>>(streams);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{label}] recording {total} commands in {streams.Count} streams"));
        var workers = Enumerable.Range(0, Workers).Select(async _ =>
        {
            while (queue.TryDequeue(out var commands))
            {
                foreach (var command in commands)
                {
                    try
                    {
                        await using var session = store.LightweightSession();
                        await session.HandleAsync(command, TimeProvider.System);
                    }
                    catch (OutreachException refusal)
                    {
                        codes.AddOrUpdate(refusal.Code, 1, (_, n) => n + 1);
                    }

                    var finished = Interlocked.Increment(ref done);
                    lock (progress)
                    {
                        if (clock.Elapsed >= next)
                        {
                            next = clock.Elapsed + TimeSpan.FromSeconds(10);
                            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                                $"[{label}] {finished}/{total} commands ({finished * 100 / total}%), {finished / clock.Elapsed.TotalSeconds:0} commands/s"));
                        }
                    }
                }
            }
        });
        await Task.WhenAll(workers);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{label}] recorded {total} commands in {clock.Elapsed.TotalSeconds:0} s"));
    }

    /// <summary>
    /// The sample programme has no rota: each programme adopts one four-week rota at a time from 2019 until this week, planned
    /// from the registered units' roster, so that rotas (and the rota view's weeks) grow with the scale too.
    /// </summary>
    private static async Task RecordRotasAsync(IDocumentStore store, int programmes, ConcurrentDictionary<string, int> refusals)
    {
        string[] roster;
        await using (var query = store.QuerySession())
        {
            var units = await query.Query<Units.Unit>().ToListAsync();
            roster = [.. units.OrderBy(u => u.Code, StringComparer.Ordinal).SelectMany(u => u.Visitors()).Distinct(StringComparer.Ordinal)];
        }

        var rotas = new List<IReadOnlyList<IOutreachCommand>>();
        var random = new Random(2019);
        for (var p = 0; p < programmes; p++)
        {
            for (var week = new DateOnly(2019, 1, 7); week <= ProgrammeQueries.MondayOf(Today); week = week.AddDays(28))
            {
                var plan = RotationPlanner.Plan(new RotationRequest(week, 4, roster, w => [.. Catalogue.InForce(w).Select(l => l.Code)]));
                var at = new DateTimeOffset(week.AddDays(-3).ToDateTime(new TimeOnly(8, 0)), VietnamTime.Offset);
                rotas.Add([new RecordRota(NextId(random), [.. plan.Assignments.Select(a => a.Week)], [.. plan.Assignments.Select(a => a.Visitor)],
                    [.. plan.Assignments.Select(a => a.Locality)], "Ban Dân vận Thành ủy", at)]);
            }
        }

        await RecordAsync(store, rotas, $"rotas x{programmes}", refusals);
    }

    /// <summary>A reproducible id drawn from <paramref name="random"/>.</summary>
    private static Guid NextId(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static async Task<Dictionary<string, long>> CountAsync(string connection, string schema)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        foreach (var (name, table) in new[] { ("events", "mt_events"), ("streams", "mt_streams"), ("visit", "mt_doc_visit"), ("difficulty", "mt_doc_difficulty"), ("case", "mt_doc_case"), ("rota", "mt_doc_rota") })
        {
            await using var count = new NpgsqlCommand($"select count(*) from {schema}.{table}", conn);
            counts[name] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    /// <summary>Runs <paramref name="command"/> again under EXPLAIN (ANALYZE): the rows its table scans read, and the rows it returned.</summary>
    private static async Task<(long Read, long Returned)> ExplainAsync(string connection, RecordedCommand command)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var explain = new NpgsqlCommand("explain (analyze, format json) " + command.Text, conn);
        foreach (var parameter in command.Parameters)
        {
            explain.Parameters.Add(parameter.Clone());
        }

        var json = (string)(await explain.ExecuteScalarAsync())!;
        using var plan = JsonDocument.Parse(json);
        var root = plan.RootElement[0].GetProperty("Plan");
        return (RowsRead(root), (long)(Number(root, "Actual Rows") * Number(root, "Actual Loops")));
    }

    private static long RowsRead(JsonElement node)
    {
        var read = 0.0;
        if (node.TryGetProperty("Relation Name", out _))
        {
            read = (Number(node, "Actual Rows") + Number(node, "Rows Removed by Filter") + Number(node, "Rows Removed by Index Recheck")) * Number(node, "Actual Loops");
        }

        var total = (long)Math.Round(read);
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                total += RowsRead(child);
            }
        }

        return total;
    }

    private static double Number(JsonElement node, string name) => node.TryGetProperty(name, out var value) ? value.GetDouble() : 0;

    /// <summary>One statement a session sent: its text and a copy of its parameters.</summary>
    private sealed record RecordedCommand(string Text, IReadOnlyList<NpgsqlParameter> Parameters);

    /// <summary>Keeps every command and batch a session runs, so that each can be explained afterwards.</summary>
    private sealed class CommandRecorder : IMartenSessionLogger
    {
        public List<RecordedCommand> Commands { get; } = [];

        public int RoundTrips { get; private set; }

        public void OnBeforeExecute(NpgsqlCommand command)
        {
            RoundTrips++;
            Commands.Add(new RecordedCommand(command.CommandText, [.. Copy(command.Parameters)]));
        }

        public void OnBeforeExecute(NpgsqlBatch batch)
        {
            RoundTrips++;
            for (var i = 0; i < batch.BatchCommands.Count; i++)
            {
                Commands.Add(new RecordedCommand(batch.BatchCommands[i].CommandText, [.. Copy(batch.BatchCommands[i].Parameters)]));
            }
        }

        private static IEnumerable<NpgsqlParameter> Copy(NpgsqlParameterCollection parameters)
            => parameters.Select(p => p.Clone());

        public void LogSuccess(NpgsqlCommand command)
        {
        }

        public void LogFailure(NpgsqlCommand command, Exception ex) => Console.Error.WriteLine("failed: " + command.CommandText + ": " + ex.Message);

        public void LogSuccess(NpgsqlBatch batch)
        {
        }

        public void LogFailure(NpgsqlBatch batch, Exception ex) => Console.Error.WriteLine("failed batch: " + ex.Message);

        public void LogFailure(Exception ex, string message) => Console.Error.WriteLine("failed: " + message + ": " + ex.Message);

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
        {
        }
    }
}
