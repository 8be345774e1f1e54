using System.CommandLine;
using System.Diagnostics;
using Marten;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary>
/// <c>outreach demo</c>: loads a sample history of Cao Lãnh's petitions, complaints and denunciations (2019 to today)
/// through the ordinary write path, then prints what a committee member wants to see first.
/// </summary>
internal static class DemoVerb
{
    private static readonly Option<int> Cases = new("--cases") { Description = Cli.Say("Số hồ sơ mẫu cần nạp.", "How many sample cases to load."), DefaultValueFactory = _ => 300 };

    private static readonly Option<int> Seed = new("--seed") { Description = Cli.Say("Hạt giống ngẫu nhiên của dữ liệu mẫu (cùng hạt giống, cùng lịch sử).", "Random seed of the sample (same seed, same history)."), DefaultValueFactory = _ => 2019 };

    public static Command Build()
    {
        var demo = new Command("demo", Cli.Say("Nạp một lịch sử mẫu sát thực tế (2019 đến nay) và hiển thị bảng tổng quan của Ban.", "Load a realistic sample history (2019–today) and show the committee's overview.")) { Cases, Seed };
        demo.SetAction((parse, ct) => Cli.Guard(parse, () => RunAsync(parse, ct)));
        return demo;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var count = parse.GetValue(Cases);
        if (count is < 1 or > 100_000)
        {
            throw new ArgumentException(Cli.Say("--cases phải từ 1 đến 100000.", "--cases must be between 1 and 100000."));
        }

        var t = Cli.Text(parse);
        var clock = TimeProvider.System;
        using var store = await Cli.OpenStoreAsync(parse, ct);
        bool hasCases, hasVisits;
        await using (var query = store.QuerySession())
        {
            // Whether a sample is loaded: one row at most, whatever the history.
            hasCases = await query.Query<Case>().AnyAsync(ct);
            hasVisits = await query.Query<Visits.Visit>().AnyAsync(ct);
        }

        var until = clock.GetUtcNow().AddHours(-1);
        if (hasCases)
        {
            Cli.Info(t.Pick("Cơ sở dữ liệu đã có hồ sơ: không nạp lại hồ sơ mẫu.",
                "The database already holds cases: the sample cases are not loaded again."));
        }
        else
        {
            var history = SampleHistory.Generate(count, until, parse.GetValue(Seed));
            await LoadAsync(store, [.. history.Select(h => (IReadOnlyList<IOutreachCommand>)h)], t.Pick($"{history.Count} hồ sơ mẫu", $"{history.Count} sample cases"), clock, t, ct);
        }

        if (hasVisits)
        {
            Cli.Info(t.Pick("Cơ sở dữ liệu đã có chuyến đi cơ sở: không nạp lại.", "The database already holds visits: the sample programme is not loaded again."));
        }
        else
        {
            var programme = SampleProgramme.Generate(until, Cli.Outreach.Localities, parse.GetValue(Seed));
            await LoadAsync(store, programme, t.Pick($"{programme.Count} đơn vị và chuyến đi cơ sở mẫu", $"{programme.Count} sample units and visits"), clock, t, ct);
            await RecordRotaAsync(store, VietnamTime.Today(clock), clock, ct);
        }

        // The overview reads the asynchronous views: they catch up with what was just loaded first.
        await Cli.ReportFreshnessAsync(store, parse, ct);
        await using (var query = store.QuerySession())
        {
            await DashboardAsync(query, VietnamTime.Today(clock), t, parse.GetValue(Cli.Json), ct);
        }

        return Cli.Ok;
    }

    private static async Task LoadAsync(IDocumentStore store, IReadOnlyList<IReadOnlyList<IOutreachCommand>> history, string what, TimeProvider clock, CaseText t, CancellationToken ct)
    {
        var total = history.Sum(h => h.Count);
        Cli.Info(t.Pick($"Nạp {what} ({total} bước) từ 2019 đến nay…", $"Loading {what} ({total} steps) from 2019 to today…"));
        var done = 0;
        var watch = Stopwatch.StartNew();
        var lastReport = 0;
        var queue = new System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<IOutreachCommand>>(history);
        var workers = Enumerable.Range(0, 4).Select(async _ =>
        {
            while (queue.TryDequeue(out var commands))
            {
                foreach (var command in commands)
                {
                    await using var session = store.LightweightSession();
                    await session.HandleAsync(command, clock, cancellation: ct);
                }

                var finished = Interlocked.Add(ref done, commands.Count);
                var percent = finished * 10 / total;
                if (percent > Volatile.Read(ref lastReport))
                {
                    Interlocked.Exchange(ref lastReport, percent);
                    Cli.Info($"  {finished * 100 / total,3}%  {finished}/{total}");
                }
            }
        });
        await Task.WhenAll(workers);
        Cli.Info(t.Pick($"Đã nạp {total} bước trong {watch.Elapsed.TotalSeconds:0.0} giây ({total / watch.Elapsed.TotalSeconds:0} bước/giây).",
            $"Loaded {total} steps in {watch.Elapsed.TotalSeconds:0.0} s ({total / watch.Elapsed.TotalSeconds:0} steps/s)."));
    }

    /// <summary>Plans the next four weeks from the registered units' roster and records it as the adopted rota.</summary>
    private static async Task RecordRotaAsync(IDocumentStore store, DateOnly today, TimeProvider clock, CancellationToken ct)
    {
        await using var session = store.LightweightSession();
        var units = await session.Query<Units.Unit>().ToListAsync(ct);
        var roster = units.OrderBy(u => u.Code, StringComparer.Ordinal).SelectMany(u => u.Visitors()).ToArray();
        if (roster.Length == 0)
        {
            return;
        }

        var catalogue = Cli.Outreach.Localities;
        var plan = Rotation.RotationPlanner.Plan(new Rotation.RotationRequest(Visits.ProgrammeQueries.MondayOf(today), 4, roster,
            week => [.. catalogue.InForce(week).Select(l => l.Code)]));
        await session.HandleAsync(new Rotation.RecordRota(Guid.CreateVersion7(), [.. plan.Assignments.Select(a => a.Week)], [.. plan.Assignments.Select(a => a.Visitor)],
            [.. plan.Assignments.Select(a => a.Locality)], "Ban Dân vận Thành ủy", clock.GetUtcNow()), clock, cancellation: ct);
    }

    private static async Task DashboardAsync(IQuerySession query, DateOnly today, CaseText t, bool json, CancellationToken ct)
    {
        var byLocality = await CaseQueries.ByLocalityAndStatusAsync(query, ct);
        var coverage = await Visits.ProgrammeQueries.CoverageAsync(query, Cli.Outreach.Localities, today, ct);
        var visitsTotal = await Visits.ProgrammeQueries.VisitsTotalAsync(query, ct);
        var waiting = await Difficulties.DifficultyQueries.WaitingAsync(query, today, ct);
        var overdue = await CaseQueries.OverdueAsync(query, today, ct);
        var kinds = (await CaseQueries.ByKindAsync(query, ct)).Select(k => (k.Kind, k.Open, Closed: k.Settled)).ToArray();
        if (json)
        {
            Cli.WriteJson(new
            {
                today,
                kinds = kinds.Select(k => new { k.Kind, k.Open, k.Closed }),
                overdue = overdue.Select(o => new { CaseId = o.Case.Id, o.Case.Number, o.Case.Kind, o.Case.LocalityCode, o.Deadline.Step, o.Deadline.Due, o.DaysOverdue }),
                byLocality,
                visitsTotal,
                difficultiesWaiting = waiting,
                coverage = coverage.Where(c => c.IsCommuneLevel),
            });
            return;
        }

        Cli.Out.WriteLine();
        Cli.Out.Write(new Rule(t.Pick($"Tổng quan tiếp nhận, giải quyết đơn thư — {t.Date(today)}", $"Petitions, complaints and denunciations — {t.Date(today)}")).LeftJustified());
        var summary = new Table().Border(TableBorder.Rounded).AddColumns(t.Pick("Loại", "Kind"), t.Pick("Đang xử lý", "Open"), t.Pick("Đã giải quyết", "Settled"));
        foreach (var k in kinds)
        {
            summary.AddRow(t.Kind(k.Kind), k.Open.ToString(t.Culture), k.Closed.ToString(t.Culture));
        }

        summary.Columns[1].RightAligned();
        summary.Columns[2].RightAligned();
        Cli.Out.Write(summary);
        Cli.Out.WriteLine(t.Pick($"Lượt cán bộ, đảng viên xuống cơ sở từ 2019: {visitsTotal}", $"Cadre visits to the grassroots since 2019: {visitsTotal}"));
        ProgrammeVerbs.RenderCoverage([.. coverage.Where(c => c.IsCommuneLevel)], today, t);
        var hamlets = coverage.Where(c => !c.IsCommuneLevel).ToArray();
        Cli.Out.WriteLine(t.Pick(
            $"Khóm, ấp: {hamlets.Count(h => h.WeeksSince is <= 12)}/{hamlets.Length} có cán bộ xuống trong 12 tuần qua, {hamlets.Count(h => h.NeverVisited)} chưa từng (chi tiết: outreach programme coverage).",
            $"Hamlets and quarters: {hamlets.Count(h => h.WeeksSince is <= 12)}/{hamlets.Length} visited in the last 12 weeks, {hamlets.Count(h => h.NeverVisited)} never (details: outreach programme coverage)."));
        var staff = await Units.StaffDirectory.LoadAsync(query, ct);
        DifficultiesVerbs.RenderWaiting(waiting, today, t, staff);
        // This week's rota, as recorded in the rota streams (the async view RotaWeek).
        var thisWeek = await Rotation.RotaQueries.WeekAsync(query, Visits.ProgrammeQueries.MondayOf(today), ct);
        if (thisWeek.Count > 0)
        {
            RotationVerbs.Render(new Rotation.RotationPlan(thisWeek, 0, [], []), Cli.Outreach.Localities, t, 1, summary: false, staff);
        }

        CasesVerbs.RenderOverdue(overdue.Take(10).ToArray(), overdue.Count, overdue.Select(o => o.Case.Id).Distinct().Count(), today, t);
        CasesVerbs.RenderByLocality(byLocality, t);
        var integrity = await Audit.ChainVerifier.VerifyAsync(query.DocumentStore, cancellation: ct);
        var events = integrity.Events.ToString("N0", t.Culture);
        var streams = integrity.Streams.ToString("N0", t.Culture);
        Cli.Out.WriteLine(integrity.Passed
            ? t.Pick($"Toàn vẹn lịch sử: đã tính lại chuỗi băm của {events} sự kiện trong {streams} luồng, không có gì bị sửa.",
                $"Integrity: the hash chains of {events} events in {streams} streams were recomputed; nothing was altered.")
            : t.Pick($"Toàn vẹn lịch sử: BỊ SỬA — {integrity.FirstBroken!.ExplanationIn(t.Culture)}", $"Integrity: ALTERED — {integrity.FirstBroken!.Explanation}"));
        var sample = overdue.Count > 0 ? overdue[0].Case.Id : (Guid?)null;
        Cli.Out.WriteLine(t.Pick("Xem tiếp:", "Next:"));
        if (sample is { } id)
        {
            Cli.Out.WriteLine($"  outreach case show {id}");
            Cli.Out.WriteLine($"  outreach case timeline {id}");
            Cli.Out.WriteLine($"  outreach audit case {id}");
        }

        Cli.Out.WriteLine("  outreach audit verify");

        Cli.Out.WriteLine("  outreach cases overdue --limit 0");
        Cli.Out.WriteLine("  outreach programme coverage");
        Cli.Out.WriteLine("  outreach programme visits --by unit");
    }
}
