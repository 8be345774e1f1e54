using System.CommandLine;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach difficulties waiting</c>: open difficulties and escalations per person who must act.</summary>
internal static class DifficultiesVerbs
{
    private static readonly Option<string?> Today = new("--today") { Description = Cli.Say("Xét quá hạn theo ngày này (yyyy-MM-dd) thay vì hôm nay.", "Judge overdue against this date (yyyy-MM-dd) instead of today.") };

    public static Command Build()
    {
        var waiting = new Command("waiting", Cli.Say("Các khó khăn, vướng mắc đang mở và các việc đã báo cáo lên, theo từng người đứng đầu đơn vị (hoặc người phải xử lý), quá hạn trước.", "Open difficulties and escalations per unit head (or whoever must act), overdue first.")) { Today };
        waiting.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var today = CaseVerbs.ParseDate(parse.GetValue(Today), "--today") ?? VietnamTime.Today(TimeProvider.System);
            using var store = await Cli.OpenViewsAsync(parse, ct);
            await using var query = store.QuerySession();
            var rows = await DifficultyQueries.WaitingAsync(query, today, ct);
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(rows);
            }
            else
            {
                RenderWaiting(rows, today, Cli.Text(parse), await Units.StaffDirectory.LoadAsync(query, ct));
            }

            return Cli.Ok;
        }));
        return new Command("difficulties", Cli.Say("Khó khăn, vướng mắc nêu ra trong các chuyến đi cơ sở và việc báo cáo lên cấp trên.", "Difficulties raised on visits and their escalations.")) { waiting };
    }

    public static void RenderWaiting(IReadOnlyList<DifficultiesWaiting> rows, DateOnly today, CaseText t, Units.StaffDirectory staff)
    {
        if (rows.Count == 0)
        {
            Cli.Out.WriteLine(t.Pick("Không còn khó khăn, vướng mắc nào đang chờ xử lý.", "No difficulty is waiting."));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Khó khăn, vướng mắc đang chờ xử lý (tính đến {t.Date(today)})", $"Difficulties waiting (as of {t.Date(today)})"))
            .AddColumns(t.Pick("Người phải xử lý", "Waiting on"), t.Pick("Đang chờ", "Open"), t.Pick("Quá hạn", "Overdue"), t.Pick("Hạn sớm nhất", "Earliest due"));
        foreach (var r in rows)
        {
            table.AddRow(new Text(staff.Label(r.WaitingOn)), new Text(r.Open.ToString(t.Culture)),
                new Text(r.Overdue.ToString(t.Culture), r.Overdue > 0 ? new Style(Color.Red) : Style.Plain), new Text(r.OldestDue is { } d ? t.Date(d) : "—"));
        }

        table.Columns[1].RightAligned();
        table.Columns[2].RightAligned();
        Cli.Out.Write(table);
    }
}
