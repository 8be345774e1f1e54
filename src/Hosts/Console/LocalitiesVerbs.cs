using System.CommandLine;
using Outreach.Deadlines;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach localities list</c> and <c>outreach localities show CODE</c>: the effective-dated catalogue.</summary>
internal static class LocalitiesVerbs
{
    private static readonly Option<string?> On = new("--on") { Description = Cli.Say("Ngày cần liệt kê các địa bàn đang có hiệu lực (yyyy-MM-dd; mặc định hôm nay).", "The day to list the localities in force on (yyyy-MM-dd; default today).") };

    private static readonly Option<bool> CommuneLevel = new("--communes") { Description = Cli.Say("Chỉ xã, phường, không kể ấp, khóm.", "Only communes and wards, not hamlets and quarters.") };

    private static readonly Argument<string> Code = new("code") { Description = Cli.Say("Mã địa bàn, ví dụ phuong-2 hoặc phuong-2/khom-1.", "A locality code, e.g. phuong-2 or phuong-2/khom-1.") };

    public static Command Build()
    {
        var list = new Command("list", Cli.Say("Liệt kê các địa bàn có hiệu lực vào một ngày.", "List the localities in force on a day.")) { On, CommuneLevel };
        list.SetAction((parse, _) => Cli.Guard(parse, () => Task.FromResult(List(parse))));
        var show = new Command("show", Cli.Say("Xem tên gọi, đơn vị hành chính cấp trên và các lần sắp xếp của một địa bàn qua thời gian.", "Show a locality's names, parents and reorganisations over time.")) { Code };
        show.SetAction((parse, _) => Cli.Guard(parse, () => Task.FromResult(Show(parse))));
        return new Command("localities", Cli.Say("Danh mục xã/phường và ấp/khóm, cùng các thay đổi qua thời gian.", "The catalogue of communes/wards and hamlets/quarters, as it changed over time.")) { list, show };
    }

    private static int List(ParseResult parse)
    {
        var on = CaseVerbs.ParseDate(parse.GetValue(On), "--on") ?? VietnamTime.Today(TimeProvider.System);
        var catalogue = Cli.Outreach.Localities;
        var localities = catalogue.InForce(on, parse.GetValue(CommuneLevel));
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(localities.Select(l => new { l.Code, l.Name, l.Kind, Parent = l.ParentOn(on), l.ValidFrom, l.ValidTo }));
            return Cli.Ok;
        }

        var t = Cli.Text(parse);
        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"{catalogue.Name} — địa bàn ngày {t.Date(on)}: {localities.Count(l => l.IsCommuneLevel)} xã/phường, {localities.Count(l => !l.IsCommuneLevel)} khóm/ấp",
                $"{catalogue.Name} — localities on {t.Date(on)}: {localities.Count(l => l.IsCommuneLevel)} communes/wards, {localities.Count(l => !l.IsCommuneLevel)} hamlets/quarters"))
            .AddColumns(t.Pick("Mã", "Code"), t.Pick("Tên", "Name"), t.Pick("Thuộc", "Part of"), t.Pick("Từ ngày", "Since"));
        foreach (var l in localities)
        {
            table.AddRow(l.Code, l.Name, l.ParentOn(on) is { } p ? catalogue.NameOn(p, on) : "—", t.Date(l.ValidFrom));
        }

        Cli.Out.Write(table);
        return Cli.Ok;
    }

    private static int Show(ParseResult parse)
    {
        var catalogue = Cli.Outreach.Localities;
        var code = parse.GetValue(Code)!;
        var locality = catalogue.Find(code) ?? throw new ArgumentException(catalogue.Problem(code, DateOnly.MinValue)!.Message);
        var today = VietnamTime.Today(TimeProvider.System);
        var rolledUp = catalogue.SuccessorsOn(code, today);
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(new { locality.Code, locality.Name, locality.Kind, locality.ValidFrom, locality.ValidTo, locality.Parents, locality.Predecessors, locality.Successors, TodayPartOf = rolledUp });
            return Cli.Ok;
        }

        var t = Cli.Text(parse);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow(t.Pick("Mã", "Code"), locality.Code);
        grid.AddRow(t.Pick("Tên", "Name"), locality.Name);
        grid.AddRow(t.Pick("Hiệu lực", "In force"), $"{t.Date(locality.ValidFrom)} – {(locality.ValidTo is { } to ? t.Date(to.AddDays(-1)) : t.Pick("nay", "today"))}");
        foreach (var p in locality.Parents)
        {
            grid.AddRow(t.Pick("Thuộc", "Part of"), $"{catalogue.NameOn(p.Parent, p.From)} ({t.Date(p.From)} – {(p.To is { } end ? t.Date(end.AddDays(-1)) : t.Pick("nay", "today"))})");
        }

        if (locality.Predecessors.Count > 0)
        {
            grid.AddRow(t.Pick("Hình thành từ", "Formed from"), string.Join(", ", locality.Predecessors.Select(p => catalogue.Find(p)?.Name ?? p)));
        }

        if (locality.Successors.Count > 0)
        {
            grid.AddRow(t.Pick("Sáp nhập vào", "Merged into"), string.Join(", ", locality.Successors.Select(s => catalogue.Find(s)?.Name ?? s)));
        }

        grid.AddRow(t.Pick("Ngày nay thuộc", "Today part of"), string.Join(", ", rolledUp.Select(s => catalogue.NameOn(s, today))));
        Cli.Out.Write(grid);
        return Cli.Ok;
    }
}
