using System.CommandLine;
using Humanizer;
using Marten;
using Outreach.Deadlines;
using Outreach.Hosting;
using Outreach.Units;
using Outreach.Visits;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach programme coverage</c> and <c>outreach programme visits</c>: what the committee judges the model by.</summary>
internal static class ProgrammeVerbs
{
    private static readonly Option<string?> Today = new("--today") { Description = Cli.Say("Báo cáo tính đến ngày này (yyyy-MM-dd) thay vì hôm nay.", "Report as of this date (yyyy-MM-dd) instead of today.") };

    private static readonly Option<bool> CommunesOnly = new("--communes") { Description = Cli.Say("Chỉ xã, phường, không kể ấp, khóm.", "Only communes and wards, not hamlets and quarters.") };

    private static readonly Option<string> By = new("--by")
    {
        Description = Cli.Say("Nhóm các chuyến đi cơ sở theo năm, đơn vị hoặc người đi.", "Group visits by year, unit or visitor."),
        DefaultValueFactory = _ => "year",
    };

    public static Command Build()
    {
        var coverage = new Command("coverage", Cli.Say("Mức độ phủ kín mọi địa bàn đang có hiệu lực: chuyến đi gần nhất, số tuần từ đó, nơi chưa từng đến.", "Coverage of every locality in force: last visit, weeks since, never visited.")) { Today, CommunesOnly };
        coverage.SetAction((parse, ct) => Cli.Guard(parse, () => CoverageAsync(parse, ct)));
        var visits = new Command("visits", Cli.Say("Các chuyến đi cơ sở đã thực hiện, theo năm, đơn vị hoặc người đi.", "Visits that took place, by year, unit or visitor.")) { By, From, To };
        visits.SetAction((parse, ct) => Cli.Guard(parse, () => VisitsAsync(parse, ct)));
        var guidance = new Command("guidance", Cli.Say("Các buổi hỗ trợ chuyên môn, nghiệp vụ theo chủ đề.", "Professional guidance sessions by topic."));
        guidance.SetAction((parse, ct) => Cli.Guard(parse, () => GuidanceAsync(parse, ct)));
        var history = new Command("history", Cli.Say("Trang lịch sử của một địa bàn: các chuyến đi cơ sở, khó khăn, vướng mắc và đơn, kể cả dưới tên gọi cũ.", "A locality's history page: visits, difficulties and petitions, also under its former names.")) { Code, Limit, HistoryAsOf };
        history.SetAction((parse, ct) => Cli.Guard(parse, () => HistoryAsync(parse, ct)));
        return new Command("programme", Cli.Say("Báo cáo về các chuyến đi cơ sở của chương trình.", "Reports on the outreach programme's visits.")) { coverage, visits, guidance, history };
    }

    private static readonly Argument<string> Code = new("code") { Description = Cli.Say("Mã địa bàn đang có hiệu lực (ví dụ cao-lanh) hoặc mã cũ.", "A locality code in force today (e.g. cao-lanh) or a former one.") };

    private static readonly Option<int> Limit = new("--limit") { Description = Cli.Say("Hiển thị tối đa chừng này dòng (0: tất cả).", "Show at most this many lines (0: all)."), DefaultValueFactory = _ => 30 };

    private static async Task<int> GuidanceAsync(ParseResult parse, CancellationToken ct)
    {
        using var store = await Cli.OpenViewsAsync(parse, ct);
        await using var query = store.QuerySession();
        var rows = await ProgrammeQueries.GuidanceByTopicAsync(query, ct);
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(rows);
            return Cli.Ok;
        }

        var t = Cli.Text(parse);
        var table = new Table().Border(TableBorder.Rounded).Title(t.Pick("Hỗ trợ chuyên môn, nghiệp vụ theo chủ đề", "Professional guidance by topic"))
            .AddColumns(t.Pick("Chủ đề", "Topic"), t.Pick("Buổi", "Sessions"), t.Pick("Người dự", "Attendees"), t.Pick("Địa bàn", "Localities"));
        foreach (var r in rows)
        {
            table.AddRow(t.Pick(TopicVi(r.Topic), r.Topic.Humanize()), r.Sessions.ToString(t.Culture), r.Attendees.ToString(t.Culture), r.Localities.ToString(t.Culture));
        }

        Cli.Out.Write(table);
        return Cli.Ok;
    }

    private static string TopicVi(GuidanceTopic topic) => topic switch
    {
        GuidanceTopic.ClericalWorkAndArchives => "văn thư, lưu trữ",
        GuidanceTopic.DraftingDocuments => "soạn thảo văn bản",
        GuidanceTopic.ApplyingNewLaws => "hướng dẫn thực hiện văn bản luật",
        GuidanceTopic.PlanningUrbanOrderAndConstruction => "quy hoạch, trật tự đô thị, xây dựng",
        GuidanceTopic.InspectionAndSupervision => "kiểm tra, giám sát",
        GuidanceTopic.GrassrootsMediation => "hòa giải ở cơ sở",
        GuidanceTopic.HandlingComplaintLetters => "giải quyết đơn thư khiếu nại",
        _ => topic.Humanize(),
    };

    private static readonly Option<string?> From = new("--from")
    {
        Description = Cli.Say("Chỉ tính các tuần từ ngày này (yyyy-MM-dd); mặc định: từ đầu.", "Count only the weeks from this date (yyyy-MM-dd); default: from the start."),
    };

    private static readonly Option<string?> To = new("--to")
    {
        Description = Cli.Say("Chỉ tính các tuần đến ngày này (yyyy-MM-dd); mặc định: đến nay.", "Count only the weeks up to this date (yyyy-MM-dd); default: up to now."),
    };

    private static readonly Option<string?> HistoryAsOf = new("--as-of")
    {
        Description = Cli.Say("Xem lại quá khứ: những gì đã diễn ra đến cuối ngày này (yyyy-MM-dd), mỗi chuyến đi cơ sở, khó khăn, vướng mắc và đơn như lúc đó.", "Time travel: what had happened by the end of this date (yyyy-MM-dd), each visit, difficulty and petition as it stood then."),
    };

    private static async Task<int> HistoryAsync(ParseResult parse, CancellationToken ct)
    {
        var today = VietnamTime.Today(TimeProvider.System);
        var limit = parse.GetValue(Limit);
        using var store = await Cli.OpenViewsAsync(parse, ct);
        await using var query = store.QuerySession();
        var catalogue = Cli.Outreach.Localities;
        var code = parse.GetValue(Code)!;
        var asOf = CaseVerbs.ParseDate(parse.GetValue(HistoryAsOf), "--as-of");
        var entries = await ProgrammeQueries.LocalityHistoryAsync(query, catalogue, code, today, asOf, ct);
        var shown = limit > 0 ? entries.Take(limit).ToArray() : [.. entries];
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(shown);
            return Cli.Ok;
        }

        var t = Cli.Text(parse);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Lịch sử địa bàn {catalogue.NameOn(code, today)}: {entries.Count} mục{(asOf is { } d ? $", tính đến {t.Date(d)}" : "")}",
                $"History of {catalogue.NameOn(code, today)}: {entries.Count} entries{(asOf is { } when ? $", as of {t.Date(when)}" : "")}"))
            .AddColumns(t.Pick("Ngày", "Day"), t.Pick("Loại", "Kind"), t.Pick("Nơi (tên lúc đó)", "Place (as named then)"), t.Pick("Nội dung", "What"));
        foreach (var e in shown)
        {
            table.AddRow(Markup.Escape(t.Date(e.On)), Markup.Escape(Term.Of(e.Kind).In(t.Culture)), Markup.Escape(e.Place), Markup.Escape(e.Summary(t.Culture)));
        }

        Cli.Out.Write(table);
        return Cli.Ok;
    }

    private static async Task<int> CoverageAsync(ParseResult parse, CancellationToken ct)
    {
        var today = CaseVerbs.ParseDate(parse.GetValue(Today), "--today") ?? VietnamTime.Today(TimeProvider.System);
        using var store = await Cli.OpenViewsAsync(parse, ct);
        await using var query = store.QuerySession();
        var rows = (await ProgrammeQueries.CoverageAsync(query, Cli.Outreach.Localities, today, ct))
            .Where(r => !parse.GetValue(CommunesOnly) || r.IsCommuneLevel).ToArray();
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(rows);
            return Cli.Ok;
        }

        RenderCoverage(rows, today, Cli.Text(parse));
        return Cli.Ok;
    }

    public static void RenderCoverage(IReadOnlyList<LocalityCoverage> rows, DateOnly today, CaseText t)
    {
        var never = rows.Count(r => r.NeverVisited);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Độ bao phủ địa bàn tính đến {t.Date(today)}: {rows.Count - never}/{rows.Count} đã có cán bộ xuống", $"Coverage as of {t.Date(today)}: {rows.Count - never}/{rows.Count} localities visited"))
            .AddColumns(t.Pick("Địa bàn", "Locality"), t.Pick("Số lượt", "Visits"), t.Pick("Lần gần nhất", "Last visit"), t.Pick("Cách đây", "Since"));
        foreach (var r in rows.OrderBy(r => r.IsCommuneLevel ? 0 : 1).ThenBy(r => r.LastVisit ?? DateOnly.MinValue))
        {
            var since = r.LastVisit is { } last
                ? TimeSpan.FromDays(today.DayNumber - last.DayNumber).Humanize(culture: t.Culture, maxUnit: Humanizer.TimeUnit.Year, minUnit: Humanizer.TimeUnit.Day)
                : t.Pick("chưa từng", "never");
            table.AddRow(new Text(r.Name), new Text(r.Visits.ToString(t.Culture)), new Text(r.LastVisit is { } d ? t.Date(d) : "—"),
                new Text(since, r.NeverVisited || r.WeeksSince > 12 ? new Style(Color.Red) : Style.Plain));
        }

        table.Columns[1].RightAligned();
        Cli.Out.Write(table);
    }

    private static async Task<int> VisitsAsync(ParseResult parse, CancellationToken ct)
    {
        var by = parse.GetValue(By)!.ToLowerInvariant();
        if (by is not ("year" or "unit" or "visitor"))
        {
            throw new ArgumentException(Cli.Say($"--by \"{by}\" không hợp lệ: dùng year, unit hoặc visitor.", $"--by \"{by}\" is not known: use year, unit or visitor."));
        }

        using var store = await Cli.OpenViewsAsync(parse, ct);
        await using var query = store.QuerySession();
        var from = CaseVerbs.ParseDate(parse.GetValue(From), "--from");
        var to = CaseVerbs.ParseDate(parse.GetValue(To), "--to");
        if (from > to)
        {
            throw new ArgumentException(Cli.Say($"--from {from:yyyy-MM-dd} nằm sau --to {to:yyyy-MM-dd}: hãy đổi chỗ hai ngày.", $"--from {from:yyyy-MM-dd} is after --to {to:yyyy-MM-dd}: swap the two dates."));
        }

        // A week counts when its Monday lies in the range, so the Monday of the first day's week opens it.
        var counts = await ProgrammeQueries.VisitsPerWeekAsync(query, from is { } f ? ProgrammeQueries.MondayOf(f) : DateOnly.MinValue, to ?? DateOnly.MaxValue, ct);
        var units = (await query.Query<Unit>().ToListAsync(ct)).ToDictionary(u => u.Id);
        string UnitName(Guid id) => units.TryGetValue(id, out var u) ? u.Name : id.ToString();
        var staff = await Units.StaffDirectory.LoadAsync(query, ct);
        var rows = (by switch
        {
            "year" => counts.GroupBy(c => c.Week.AddDays(3).Year.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "unit" => counts.GroupBy(c => UnitName(c.UnitId)),
            _ => counts.GroupBy(c => staff.Find(c.Visitor) is { } member ? $"{member.Label}, {UnitName(c.UnitId)}" : $"{c.Visitor} ({UnitName(c.UnitId)})"),
        }).Select(g => (Key: g.Key, Visits: g.Sum(c => c.Visits))).OrderBy(r => r.Key, StringComparer.Ordinal).ToArray();
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(rows.Select(r => new { group = r.Key, r.Visits }));
            return Cli.Ok;
        }

        var t = Cli.Text(parse);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Lượt cán bộ xuống cơ sở: {rows.Sum(r => r.Visits)}", $"Cadre visits: {rows.Sum(r => r.Visits)}"))
            .AddColumns(by switch { "year" => t.Pick("Năm", "Year"), "unit" => t.Pick("Đơn vị", "Unit"), _ => t.Pick("Cán bộ / tổ", "Visitor") }, t.Pick("Số lượt", "Visits"));
        foreach (var (key, visits) in rows)
        {
            table.AddRow(new Text(key), new Text(visits.ToString(t.Culture)));
        }

        table.Columns[1].RightAligned();
        Cli.Out.Write(table);
        return Cli.Ok;
    }
}
