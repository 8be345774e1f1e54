using System.CommandLine;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach cases overdue</c> and <c>outreach cases by-locality</c>.</summary>
internal static class CasesVerbs
{
    private static readonly Option<string?> Today = new("--today") { Description = Cli.Say("Xét quá hạn theo ngày này (yyyy-MM-dd) thay vì hôm nay.", "Judge overdue against this date (yyyy-MM-dd) instead of today.") };

    private static readonly Option<int> Limit = new("--limit") { Description = Cli.Say("Hiển thị tối đa chừng này dòng (0: tất cả).", "Show at most this many rows (0: all)."), DefaultValueFactory = _ => 0 };

    public static Command Build()
    {
        var overdue = new Command("overdue", Cli.Say("Liệt kê các hồ sơ đã quá thời hạn giải quyết, quá hạn lâu nhất trước.", "List cases whose authority deadline has passed, most overdue first.")) { Today, Limit };
        overdue.SetAction((parse, ct) => Cli.Guard(parse, () => OverdueAsync(parse, ct)));
        var byLocality = new Command("by-locality", Cli.Say("Đếm hồ sơ theo địa bàn và tình trạng.", "Count cases by locality and status."));
        byLocality.SetAction((parse, ct) => Cli.Guard(parse, () => ByLocalityAsync(parse, ct)));
        return new Command("cases", Cli.Say("Xem nhiều hồ sơ.", "Read many cases.")) { overdue, byLocality };
    }

    private static async Task<int> OverdueAsync(ParseResult parse, CancellationToken ct)
    {
        var today = CaseVerbs.ParseDate(parse.GetValue(Today), "--today") ?? VietnamTime.Today(TimeProvider.System);
        var limit = parse.GetValue(Limit);
        if (limit < 0)
        {
            throw new ArgumentException(Cli.Say("--limit phải là 0 (tất cả) hoặc một số dương.", "--limit must be 0 (all) or a positive number."));
        }

        using var store = await Cli.OpenStoreAsync(parse, ct);
        await using var query = store.QuerySession();
        var overdue = await CaseQueries.OverdueAsync(query, today, ct);
        var rows = limit > 0 ? overdue.Take(limit).ToArray() : overdue.ToArray();
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(rows.Select(o => new
            {
                CaseId = o.Case.Id, o.Case.Number, o.Case.Kind, o.Case.Status, o.Case.LocalityCode, o.Deadline.Step, o.Deadline.Due,
                o.DaysOverdue, o.Deadline.Citation, o.Deadline.RuleSet,
            }));
            return Cli.Ok;
        }

        RenderOverdue(rows, overdue.Count, overdue.Select(o => o.Case.Id).Distinct().Count(), today, Cli.Text(parse));
        return Cli.Ok;
    }

    public static void RenderOverdue(IReadOnlyList<OverdueCase> rows, int total, int cases, DateOnly today, CaseText t)
    {
        if (total == 0)
        {
            Cli.Out.WriteLine(t.Pick($"Không có hồ sơ quá hạn tính đến {t.Date(today)}.", $"No case is overdue as of {t.Date(today)}."));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Hồ sơ quá hạn tính đến {t.Date(today)}: {cases} hồ sơ, {total} thời hạn", $"Overdue as of {t.Date(today)}: {cases} case(s), {total} deadline(s)"))
            .AddColumns(t.Pick("Hồ sơ", "Case"), t.Pick("Loại", "Kind"), t.Pick("Địa bàn", "Locality"), t.Pick("Bước phải làm", "Step due"),
                t.Pick("Hạn cuối", "Due"), t.Pick("Quá hạn", "Overdue"), t.Pick("Căn cứ", "Rule"));
        foreach (var o in rows)
        {
            table.AddRow(
                new Text(o.Case.Number ?? o.Case.Id.ToString()), new Text(t.Kind(o.Case.Kind)), new Text(Cli.Outreach.Localities.NameOn(o.Case.LocalityCode, VietnamTime.DateOf(o.Case.ReceivedAt))),
                new Text(t.Step(o.Deadline.Step)), new Text(t.Date(o.Deadline.Due!.Value)), new Text(t.Days(o.DaysOverdue), new Style(Color.Red)),
                new Text(t.Citation(o.Deadline.Citation)));
        }

        Cli.Out.Write(table);
        if (rows.Count < total)
        {
            Cli.Out.WriteLine(t.Pick($"… và {total - rows.Count} thời hạn khác (dùng --limit 0 để xem tất cả).", $"… and {total - rows.Count} more (use --limit 0 to see all)."));
        }
    }

    private static async Task<int> ByLocalityAsync(ParseResult parse, CancellationToken ct)
    {
        using var store = await Cli.OpenViewsAsync(parse, ct);
        await using var query = store.QuerySession();
        var counts = await CaseQueries.ByLocalityAndStatusAsync(query, ct);
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(counts);
            return Cli.Ok;
        }

        RenderByLocality(counts, Cli.Text(parse));
        return Cli.Ok;
    }

    public static void RenderByLocality(IReadOnlyList<LocalityStatusCount> counts, CaseText t)
    {
        if (counts.Count == 0)
        {
            Cli.Out.WriteLine(t.Pick("Chưa có hồ sơ nào.", "No cases yet."));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick("Hồ sơ theo địa bàn", "Cases by locality"))
            .AddColumns(t.Pick("Địa bàn", "Locality"), t.Pick("Đang xử lý", "Open"), t.Pick("Đã giải quyết", "Settled"), t.Pick("Tổng", "Total"), t.Pick("Trạng thái đang xử lý nhiều nhất", "Most common open status"));
        foreach (var locality in counts.GroupBy(c => c.LocalityCode).OrderBy(g => Name(g.Key), StringComparer.Create(t.Culture, ignoreCase: true)))
        {
            var open = locality.Where(c => !CaseState.IsSettledStatus(c.Status)).ToArray();
            var closed = locality.Where(c => CaseState.IsSettledStatus(c.Status)).Sum(c => c.Count);
            var top = open.OrderByDescending(c => c.Count).FirstOrDefault();
            table.AddRow(
                Name(locality.Key), open.Sum(c => c.Count).ToString(t.Culture), closed.ToString(t.Culture),
                locality.Sum(c => c.Count).ToString(t.Culture), top is null ? "—" : $"{t.Status(top.Status)} ({top.Count})");
        }

        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        table.Columns[3].RightAligned();
        Cli.Out.Write(table);
    }

    /// <summary>A locality's latest name, with the period it existed when it has ceased (e.g. "Phường 2 (–2024)").</summary>
    private static string Name(string code)
        => Cli.Outreach.Localities.Find(code) is { } l
            ? l.Name + (l.ValidTo is { } to ? $" (–{to.AddDays(-1).Year})" : "")
            : code;
}
