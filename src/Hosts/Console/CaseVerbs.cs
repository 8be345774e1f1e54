using System.CommandLine;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach case show ID</c> and <c>outreach case timeline ID</c>.</summary>
internal static class CaseVerbs
{
    private static readonly Argument<string> Id = new("id") { Description = Cli.Say("Mã hồ sơ (GUID) hoặc số vào sổ giấy của hồ sơ.", "The case id (GUID) or its paper registry number.") };

    private static readonly Option<string?> AsOf = new("--as-of")
    {
        Description = Cli.Say("Xem hồ sơ như tại ngày nghiệp vụ này (yyyy-MM-dd, cuối ngày đó theo giờ Việt Nam) hoặc thời điểm này.", "Show the case as it stood at this business date (yyyy-MM-dd, end of that day in Vietnam) or date-time."),
    };

    private static readonly Option<long?> AtVersion = new("--version") { Description = Cli.Say("Xem hồ sơ như tại phiên bản luồng sự kiện này.", "Show the case as it stood at this stream version.") };

    private static readonly Option<string?> Today = new("--today") { Description = Cli.Say("Tính số ngày còn lại từ ngày này (yyyy-MM-dd) thay vì hôm nay.", "Count days left from this date (yyyy-MM-dd) instead of today.") };

    /// <summary>The environment variable holding a clearance code (kept out of the command line and shell history).</summary>
    public const string ClearanceCodeVariable = "OUTREACH_CLEARANCE_CODE";

    private static readonly Option<string?> Clearance = new("--clearance")
    {
        Description = Cli.Say("Xem danh tính người tố cáo với tư cách người được cấp quyền này; mã quyền đọc từ OUTREACH_CLEARANCE_CODE.", "Reveal a denouncer's identity as this clearance holder; the code is read from OUTREACH_CLEARANCE_CODE."),
    };

    private static readonly Option<string?> Purpose = new("--purpose")
    {
        Description = Cli.Say("Đi cùng --clearance: lý do cần biết danh tính người tố cáo; được ghi vào lịch sử hồ sơ trước khi hiển thị.", "With --clearance: why the denouncer's identity is needed; recorded in the case's history before it is shown."),
    };

    public static Command Build()
    {
        var show = new Command("show", Cli.Say("Xem một hồ sơ: tình trạng, các bên và các thời hạn đang chạy.", "Show a case: state, parties and its open deadlines.")) { Id, AsOf, AtVersion, Today, Clearance, Purpose };
        show.SetAction((parse, ct) => Cli.Guard(parse, () => ShowAsync(parse, ct)));
        var timeline = new Command("timeline", Cli.Say("Liệt kê lịch sử của hồ sơ, mỗi bước đã ghi một dòng.", "List a case's history, one line per recorded step.")) { Id, AsOf, AtVersion };
        timeline.SetAction((parse, ct) => Cli.Guard(parse, () => TimelineAsync(parse, ct)));
        return new Command("case", Cli.Say("Xem một hồ sơ.", "Read one case.")) { show, timeline };
    }

    private static async Task<int> ShowAsync(ParseResult parse, CancellationToken ct)
    {
        using var store = await Cli.OpenStoreAsync(parse, ct);
        var view = await CaseReading.ShowAsync(store, new CaseRequest(parse.GetValue(Id)!)
        {
            AsOf = ParseAsOf(parse.GetValue(AsOf)),
            Version = parse.GetValue(AtVersion),
            Today = ParseDate(parse.GetValue(Today), "--today"),
            Clearance = ClearanceOf(parse),
        }, ct);
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(view);
            return Cli.Ok;
        }

        Render(view, Cli.Text(parse));
        return Cli.Ok;
    }

    /// <summary>The clearance the options ask for: <c>--clearance HOLDER --purpose WHY</c>, the code from the environment.</summary>
    private static ClearanceRequest? ClearanceOf(ParseResult parse)
    {
        if (parse.GetValue(Clearance) is not { } holder)
        {
            return parse.GetValue(Purpose) is null ? null : throw new ArgumentException(Cli.Text(parse).Pick("--purpose đi cùng --clearance.", "--purpose goes with --clearance."));
        }

        var purpose = parse.GetValue(Purpose);
        if (string.IsNullOrWhiteSpace(purpose))
        {
            throw new ArgumentException(Cli.Text(parse).Pick(
                "--clearance cần --purpose: cho biết vì sao cần danh tính người tố cáo; mục đích được ghi vào lịch sử hồ sơ.",
                "--clearance needs --purpose: say why the denouncer's identity is needed; it is recorded in the case's history."));
        }

        var code = Environment.GetEnvironmentVariable(ClearanceCodeVariable)
            ?? throw new ArgumentException(Cli.Text(parse).Pick(
                $"--clearance {holder}: đặt {ClearanceCodeVariable} là mã do 'outreach clearance issue' cấp.",
                $"--clearance {holder}: set {ClearanceCodeVariable} to the code issued by 'outreach clearance issue'."));
        return new ClearanceRequest(holder, code, purpose);
    }

    public static void Render(CaseView view, CaseText t)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        void Row(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow(new Text(label, new Style(decoration: Decoration.Bold)), new Text(value));
            }
        }

        Row(t.Pick("Hồ sơ", "Case"), view.Id + (view.Number is null ? "" : t.Pick($" (số {view.Number})", $" (no. {view.Number})")));
        Row(t.Pick("Loại", "Kind"), t.Kind(view.Kind));
        Row(t.Pick("Trạng thái", "Status"), $"{t.Status(view.Status)} — {t.Pick("phiên bản", "version")} {view.Version}"
            + (view.ClosedOn is { } closed ? t.Pick($", kết thúc {t.Date(closed)}", $", closed {t.Date(closed)}") : ""));
        Row(t.Pick("Tiếp nhận", "Received"), $"{t.Time(view.ReceivedAt)} {t.Channel(view.Channel)}, {t.Pick("người nhận", "by")} {view.ReceivedBy}");
        Row(t.Pick("Công dân", "Citizen"), view.Citizen.IsAnonymous
            ? t.Pick("(nặc danh)", "(anonymous)")
            : view.Citizen.IsErased
                ? $"{view.Citizen.Name} {t.Pick("(dữ liệu cá nhân đã được xoá theo yêu cầu)", "(personal data erased on request)")}"
            : view.Citizen.IsProtected
                ? $"{view.Citizen.Name} {t.Pick("(danh tính người tố cáo được bảo vệ)", "(denouncer's identity protected)")}"
            : view.Citizen.Problem == PersonalData.IdentityProblem.KeyMissing
                ? $"{view.Citizen.Name} {t.Pick("(MẤT KHOÁ: không đọc được dữ liệu cá nhân dù chưa có yêu cầu xoá; khôi phục thư mục khoá từ bản sao lưu)", "(KEY MISSING: the personal data cannot be read although no erasure was recorded; restore the key folder from its backup)")}"
            : view.Citizen.Problem == PersonalData.IdentityProblem.Unreadable
                ? $"{view.Citizen.Name} {t.Pick("(KHÔNG ĐỌC ĐƯỢC: khoá hoặc dữ liệu niêm phong bị hỏng)", "(UNREADABLE: the key or the sealed data is damaged)")}"
                : string.Join(", ", new[] { view.Citizen.Name, view.Citizen.IdNumber, view.Citizen.Phone, view.Citizen.Address }.Where(s => !string.IsNullOrEmpty(s))));
        Row(t.Pick("Địa bàn", "Locality"), Cli.Outreach.Localities.NameOn(view.LocalityCode, VietnamTime.DateOf(view.ReceivedAt)));
        Row(t.Pick("Nội dung", "Content"), view.Content);
        Row(t.Pick("Đối tượng", "Respondent"), view.Respondent);
        if (view.Round > 0)
        {
            Row(t.Pick("Lần giải quyết", "Round"), view.Round.ToString(t.Culture)
                + (view.IsComplex ? t.Pick(", phức tạp", ", complex") : "") + (view.IsRemoteArea ? t.Pick(", vùng sâu, vùng xa", ", remote area") : ""));
        }

        Row(t.Pick("Nghe tại chuyến đi", "Heard on visit"), view.HeardOnVisits.Count == 0 ? null : string.Join(", ", view.HeardOnVisits));
        Row(t.Pick("Quyết định lần đầu", "First decision"), view.FirstDecisionNumber);
        Row(t.Pick("Quyết định lần hai", "Second decision"), view.SecondDecisionNumber);
        Cli.Out.Write(grid);
        Cli.Out.WriteLine();
        if (view.Deadlines.Count == 0)
        {
            Cli.Out.WriteLine(t.Pick("Không còn thời hạn nào đang chạy.", "No deadline is running."));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Thời hạn (tính đến {t.Date(view.AsOf)})", $"Deadlines (as of {t.Date(view.AsOf)})"))
            .AddColumns(t.Pick("Bước", "Step"), t.Pick("Từ sau ngày", "Starts after"), t.Pick("Hạn cuối", "Due"), t.Pick("Còn lại", "Left"), t.Pick("Căn cứ", "Rule"));
        foreach (var d in view.Deadlines)
        {
            var left = new Text(t.DaysLeft(ToDeadline(d), view.AsOf), d.IsOverdue ? new Style(Color.Red) : Style.Plain);
            table.AddRow(
                new Text(t.Step(d.Step)), new Text(t.Date(d.StartsAfter)), new Text(d.Due is { } due ? t.Date(due) : "—"), left,
                new Text($"{d.Days} {t.Basis(d.Basis)}, {t.Citation(d.Citation)}{(d.Unverified is null ? "" : " *")}"));
        }

        Cli.Out.Write(table);
        if (view.Deadlines.Any(d => d.Unverified is not null))
        {
            Cli.Out.WriteLine(t.Pick("* quy tắc chưa được đối chiếu với văn bản chính thức (xem docs/deadlines.md)", "* rule not yet checked against the official text (see docs/deadlines.md)"));
        }
    }

    private static async Task<int> TimelineAsync(ParseResult parse, CancellationToken ct)
    {
        var asOf = ParseAsOf(parse.GetValue(AsOf));
        using var store = await Cli.OpenStoreAsync(parse, ct);
        await using var query = store.QuerySession();
        var current = await CaseQueries.FindAsync(query, parse.GetValue(Id)!, ct) ?? throw NotFound(parse);
        var entries = await CaseTimeline.LoadAsync(query, current.Id, asOf, parse.GetValue(AtVersion), ct);
        var t = Cli.Text(parse);
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(entries.Select(e => new
            {
                e.Version, e.Sequence, e.EventType, e.Actor, e.OccurredAt, e.RecordedAt, e.IsBackFilled, Text = t.Describe(e.Data),
            }));
            return Cli.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Diễn biến hồ sơ {current.Id}", $"Timeline of case {current.Id}"))
            .AddColumns("#", t.Pick("Thời điểm", "When"), t.Pick("Người thực hiện", "Who"), t.Pick("Nội dung", "What"), t.Pick("Ghi nhận", "Recorded"));
        foreach (var e in entries)
        {
            table.AddRow(
                new Text(e.Version.ToString(t.Culture)), new Text(t.Time(e.OccurredAt)), new Text(e.Actor), new Text(t.Describe(e.Data)),
                new Text(e.IsBackFilled ? t.Pick($"{t.Time(e.RecordedAt)} (nhập bù)", $"{t.Time(e.RecordedAt)} (back-filled)") : t.Time(e.RecordedAt)));
        }

        Cli.Out.Write(table);
        return Cli.Ok;
    }

    private static CaseDeadline ToDeadline(DeadlineView d)
        => new(d.Step, d.StartsAfter, d.Due, d.Days, d.Basis, d.IsObligation, d.RuleSet, d.Citation, d.Unverified);

    private static CaseNotFoundException NotFound(ParseResult parse)
        => Guid.TryParse(parse.GetValue(Id), out var id) ? new CaseNotFoundException(id) : new CaseNotFoundException(parse.GetValue(Id)!);

    public static DateTimeOffset? ParseAsOf(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var outOfRange = new FormatException(Cli.Say(
            $"--as-of {value} nằm ngoài khoảng ngày Outreach ghi nhận ({SaneDates.Earliest:yyyy-MM-dd} đến {SaneDates.Latest:yyyy-MM-dd}).",
            $"--as-of {value} is outside the dates Outreach records ({SaneDates.Earliest:yyyy-MM-dd} to {SaneDates.Latest:yyyy-MM-dd})."));
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", invariant, System.Globalization.DateTimeStyles.None, out var date))
        {
            return date < SaneDates.Earliest || date > SaneDates.Latest ? throw outOfRange : VietnamTime.EndOf(date).AddTicks(-1);
        }

        if (!DateTime.TryParse(value, invariant, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed))
        {
            throw new FormatException(Cli.Say(
                $"--as-of \"{value}\" không phải là ngày: hãy ghi yyyy-MM-dd (ví dụ 2024-03-31) hoặc ngày giờ ISO 8601.",
                $"--as-of \"{value}\" is not a date: use yyyy-MM-dd (e.g. 2024-03-31) or an ISO 8601 date-time."));
        }

        if (parsed.Year < SaneDates.Earliest.Year || parsed.Year > SaneDates.Latest.Year)
        {
            throw outOfRange;
        }

        // A date-time without an offset is read in Vietnam's time zone, whatever the server's zone.
        return parsed.Kind == DateTimeKind.Unspecified
            ? new DateTimeOffset(parsed, VietnamTime.Offset)
            : DateTimeOffset.Parse(value, invariant, System.Globalization.DateTimeStyles.RoundtripKind);
    }

    public static DateOnly? ParseDate(string? value, string option)
        => string.IsNullOrWhiteSpace(value)
            ? null
            : !DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
                ? throw new FormatException(Cli.Say($"{option} \"{value}\" không phải là ngày: hãy ghi yyyy-MM-dd (ví dụ 2024-03-31).", $"{option} \"{value}\" is not a date: use yyyy-MM-dd (e.g. 2024-03-31)."))
                : date < SaneDates.Earliest || date > SaneDates.Latest
                    ? throw new FormatException(Cli.Say(
                        $"{option} {value} nằm ngoài khoảng ngày Outreach ghi nhận ({SaneDates.Earliest:yyyy-MM-dd} đến {SaneDates.Latest:yyyy-MM-dd}).",
                        $"{option} {value} is outside the dates Outreach records ({SaneDates.Earliest:yyyy-MM-dd} to {SaneDates.Latest:yyyy-MM-dd})."))
                    : date;
}
