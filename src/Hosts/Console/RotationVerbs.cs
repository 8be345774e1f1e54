using System.CommandLine;
using Marten;
using Outreach.Deadlines;
using Outreach.Localities;
using Outreach.Rotation;
using Outreach.Units;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach rotation plan</c>: the weekly rota across the localities in force.</summary>
internal static class RotationVerbs
{
    private static readonly Option<string?> From = new("--from") { Description = Cli.Say("Thứ Hai đầu tiên của kế hoạch (yyyy-MM-dd; mặc định: thứ Hai tuần này).", "First Monday of the plan (yyyy-MM-dd; default: this week's Monday).") };

    private static readonly Option<int> Weeks = new("--weeks") { Description = Cli.Say("Số tuần cần lập kế hoạch (1–520).", "How many weeks to plan (1–520)."), DefaultValueFactory = _ => 4 };

    private static readonly Option<string[]> Visitors = new("--visitors")
    {
        Description = Cli.Say("Mã cán bộ hoặc mã tổ (lặp lại hoặc ngăn cách bằng dấu phẩy). Mặc định: mọi tổ đi cơ sở và mọi cán bộ không thuộc tổ nào, lấy từ các đơn vị đã đăng ký.", "Cadre or group codes (repeat or comma-separate). Default: every visiting group and every cadre outside a group, from the registered units."),
        AllowMultipleArgumentsPerToken = true,
    };

    private static readonly Option<bool> CommunesOnly = new("--communes") { Description = Cli.Say("Chỉ luân phiên qua các xã, phường, không kể ấp, khóm.", "Rotate over communes and wards only, not hamlets and quarters.") };

    private static readonly Option<bool> Record = new("--record") { Description = Cli.Say("Ghi kế hoạch thành lịch luân phiên chính thức (các thay đổi sau đó ghi bằng 'rota swap|cancel|reassign').", "Record the plan as the adopted rota (its changes are then recorded with 'rota swap|cancel|reassign').") };

    private static readonly Option<string?> Actor = new("--actor") { Description = Cli.Say("Người duyệt lịch luân phiên (bắt buộc khi có --record).", "Who adopts the rota (required with --record).") };

    private static readonly Option<int> Show = new("--show") { Description = Cli.Say("Số tuần in ra thành bảng (phần tóm tắt tính tất cả).", "How many weeks to print as tables (the summary covers all)."), DefaultValueFactory = _ => 2 };

    public static Command Build()
    {
        var plan = new Command("plan", Cli.Say("Lập lịch luân phiên hằng tuần: mỗi địa bàn được đến một lần mỗi vòng, không ai đến hai lần liền, chia đều công việc.", "Plan the weekly rota: every locality visited once per cycle, nobody twice in a row, the load even."))
        {
            From, Weeks, Visitors, CommunesOnly, Show, Record, Actor,
        };
        plan.SetAction((parse, ct) => Cli.Guard(parse, () => PlanAsync(parse, ct)));
        return new Command("rotation", Cli.Say("Lịch luân phiên hằng tuần các chuyến đi cơ sở qua các địa bàn.", "The weekly rotation of visits across the localities.")) { plan };
    }

    private static async Task<int> PlanAsync(ParseResult parse, CancellationToken ct)
    {
        var today = VietnamTime.Today(TimeProvider.System);
        var from = CaseVerbs.ParseDate(parse.GetValue(From), "--from") ?? Visits.ProgrammeQueries.MondayOf(today);
        var visitors = (parse.GetValue(Visitors) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        var staff = Units.StaffDirectory.Empty;
        if (visitors.Count == 0)
        {
            using var store = await Cli.OpenStoreAsync(parse, ct);
            await using var query = store.QuerySession();
            var units = await query.Query<Unit>().ToListAsync(ct);
            staff = await Units.StaffDirectory.LoadAsync(query, ct);
            visitors = [.. units.OrderBy(u => u.Code, StringComparer.Ordinal).SelectMany(u => u.Visitors())];
            if (visitors.Count == 0)
            {
                throw new ArgumentException(Cli.Say("Không có ai để phân công: hãy đăng ký đơn vị và cán bộ trước (outreach unit register / assign-cadre), hoặc ghi --visitors.", "No visitors: register units with cadres first (outreach unit register / assign-cadre), or give --visitors."));
            }
        }

        var catalogue = Cli.Outreach.Localities;
        var communesOnly = parse.GetValue(CommunesOnly);
        var plan = RotationPlanner.Plan(new RotationRequest(from, parse.GetValue(Weeks), visitors,
            week => [.. catalogue.InForce(week, communesOnly).Select(l => l.Code)]));
        Guid? recorded = null;
        if (parse.GetValue(Record))
        {
            var actor = parse.GetValue(Actor) ?? throw new ArgumentException(Cli.Say("--record cần --actor: cho biết ai thông qua lịch luân phiên.", "--record needs --actor: say who adopts the rota."));
            var id = Guid.CreateVersion7();
            using var store = await Cli.OpenStoreAsync(parse, ct);
            await using var session = store.LightweightSession();
            await session.HandleAsync(new RecordRota(id, [.. plan.Assignments.Select(a => a.Week)], [.. plan.Assignments.Select(a => a.Visitor)],
                [.. plan.Assignments.Select(a => a.Locality)], actor, TimeProvider.System.GetUtcNow()), TimeProvider.System, cancellation: ct);
            recorded = id;
        }

        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(new { rotaId = recorded, plan.CycleWeeks, plan.Cycles, plan.Assignments, plan.WeeksWithoutVisits });
            return Cli.Ok;
        }

        var t = Cli.Text(parse);
        Render(plan, catalogue, t, parse.GetValue(Show), staff: staff);
        if (recorded is { } rota)
        {
            Cli.Out.WriteLine(t.Pick($"Đã ghi lịch phân công {rota}.", $"Recorded rota {rota}."));
        }

        return Cli.Ok;
    }

    public static void Render(RotationPlan plan, LocalityCatalogue catalogue, Outreach.Hosting.CaseText t, int weeksToShow, bool summary = true, Units.StaffDirectory? staff = null)
    {
        if (summary)
        {
            RenderSummary(plan, catalogue, t);
        }

        foreach (var week in plan.Assignments.GroupBy(a => a.Week).Take(Math.Max(0, weeksToShow)))
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title(t.Pick($"Tuần từ {t.Date(week.Key)}", $"Week of {t.Date(week.Key)}"))
                .AddColumns(t.Pick("Cán bộ / tổ", "Visitor"), t.Pick("Địa bàn", "Locality"));
            foreach (var a in week)
            {
                table.AddRow(new Text((staff ?? Units.StaffDirectory.Empty).Label(a.Visitor)), new Text(catalogue.NameOn(a.Locality, a.Week)));
            }

            Cli.Out.Write(table);
        }
    }

    private static void RenderSummary(RotationPlan plan, LocalityCatalogue catalogue, Outreach.Hosting.CaseText t)
    {
        var covered = plan.Cycles.Count(c => c.IsCovered);
        Cli.Out.WriteLine(t.Pick(
            $"Lịch phân công: {plan.Assignments.Count} lượt, chu kỳ {plan.CycleWeeks} tuần; {covered}/{plan.Cycles.Count} chu kỳ phủ kín mọi địa bàn.",
            $"Rota: {plan.Assignments.Count} visits, cycles of {plan.CycleWeeks} week(s); {covered}/{plan.Cycles.Count} cycles cover every locality."));
        foreach (var cycle in plan.Cycles.Where(c => !c.IsCovered))
        {
            var names = string.Join("; ", cycle.Missed.Take(5).Select(m => catalogue.NameOn(m, cycle.FirstWeek)))
                + (cycle.Missed.Count > 5 ? t.Pick($"… (tổng {cycle.Missed.Count})", $"… ({cycle.Missed.Count} in all)") : "");
            Cli.Out.WriteLine(t.Pick($"  Chu kỳ từ {t.Date(cycle.FirstWeek)} ({cycle.Weeks} tuần) chưa tới: {names}",
                $"  Cycle from {t.Date(cycle.FirstWeek)} ({cycle.Weeks} week(s)) does not reach: {names}"));
        }
    }
}
