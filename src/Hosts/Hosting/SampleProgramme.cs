using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Localities;
using Outreach.Units;
using Outreach.Visits;

namespace Outreach.Hosting;

/// <summary>
/// A reproducible sample of the programme itself: the city units that send cadres, their heads over time and visiting
/// groups, and the weekly Friday visits since 2019 across the localities in force each week (the 2025 reorganisations
/// included). Every step is an ordinary command.
/// </summary>
public static class SampleProgramme
{
    private static readonly (string Code, string Name, string[] Cadres)[] UnitsData =
    [
        ("ban-dan-van", "Ban Dân vận Thành ủy", ["Võ Thị Ngọc", "Phan Minh Trí", "Đặng Thu Hà"]),
        ("phong-tu-phap", "Phòng Tư pháp", ["Lê Thị Hồng", "Ngô Quốc Huy", "Bùi Thanh Tâm"]),
        ("phong-noi-vu", "Phòng Nội vụ", ["Nguyễn Thanh Hải", "Trương Mỹ Lệ", "Huỳnh Văn Lợi"]),
        ("phong-tn-mt", "Phòng Tài nguyên và Môi trường", ["Phạm Minh Tâm", "Đỗ Văn Sang", "Trần Kim Yến"]),
        ("phong-qldt", "Phòng Quản lý đô thị", ["Huỳnh Văn Phúc", "Lê Hoàng Nam", "Võ Ngọc Mai"]),
        ("thanh-tra", "Thanh tra thành phố", ["Trần Quốc Việt", "Nguyễn Thị Lan", "Phan Văn Dũng"]),
    ];

    private static readonly string[] Themes =
    [
        "Chương trình hành động của Tỉnh ủy", "Nếp sống văn minh đô thị", "Tiêu chí nông thôn mới", "Bảo vệ môi trường", "Du lịch Cao Lãnh",
    ];

    /// <summary>
    /// The sample's commands grouped by stream (units first, then one group per visit), each group in order. About four
    /// visits a week from the first Friday of 2019 until <paramref name="until"/>.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<IOutreachCommand>> Generate(DateTimeOffset until, LocalityCatalogue catalogue, int seed = 2019)
    {
        // A different stream of numbers from the sample cases', so that no id is drawn twice.
        var random = new Random(unchecked((seed * 7919) + 104729));
        var start = new DateTimeOffset(2019, 1, 2, 8, 0, 0, VietnamTime.Offset);
        var result = new List<IReadOnlyList<IOutreachCommand>>();
        var units = new List<(Guid Id, string Code, string[] Cadres, string Group, DateOnly? HeadChange)>();
        foreach (var (code, name, names) in UnitsData)
        {
            var id = SampleIds.Next(random);
            var cadres = names.Select((n, i) => $"{code}.{i + 1}").ToArray();
            var commands = new List<IOutreachCommand> { new RegisterUnit(id, code, name, "Văn phòng Thành ủy", start) };
            commands.AddRange(names.Select((n, i) => (IOutreachCommand)new AssignCadre(id, cadres[i], n, i == 0 ? "Trưởng đơn vị" : null, "Văn phòng Thành ủy", start.AddHours(1))));
            commands.Add(new AppointUnitHead(id, cadres[0], "Ban Thường vụ Thành ủy", start.AddHours(2)));
            commands.Add(new FormVisitingGroup(id, $"{code}.to", [cadres[1], cadres[2]], cadres[0], start.AddHours(3)));
            DateOnly? headChange = null;
            if (random.Next(2) == 0)
            {
                // Heads change over time.
                headChange = new DateOnly(2023, 6, 1);
                commands.Add(new AppointUnitHead(id, cadres[1], "Ban Thường vụ Thành ủy", new DateTimeOffset(2023, 6, 1, 8, 0, 0, VietnamTime.Offset)));
            }

            result.Add(commands);
            units.Add((id, code, cadres, $"{code}.to", headChange));
        }

        var lastVisited = new Dictionary<string, string>(StringComparer.Ordinal);
        var pointer = 0;
        for (var friday = new DateOnly(2019, 1, 4); VietnamTime.EndOf(friday.AddDays(1)) < until; friday = friday.AddDays(7))
        {
            var localities = catalogue.InForce(friday);
            if (friday.Month == 2 && friday.Day < 20 && random.Next(2) == 0)
            {
                continue; // Tết weeks are often skipped
            }

            for (var slot = 0; slot < 4; slot++)
            {
                var unit = units[(pointer + slot) % units.Count];
                var visitor = random.Next(3) == 0 ? unit.Group : unit.Cadres[random.Next(unit.Cadres.Length)];
                var locality = localities[pointer % localities.Count].Code;
                pointer++;
                if (lastVisited.GetValueOrDefault(visitor) == locality)
                {
                    locality = localities[pointer++ % localities.Count].Code;
                }

                lastVisited[visitor] = locality;
                var head = unit.HeadChange is { } change && friday >= change ? unit.Cadres[1] : unit.Cadres[0];
                var visit = Visit(random, unit.Id, visitor, head, locality, friday);
                result.Add(visit);
                if (visit[^1] is FileVisitReport && random.Next(8) == 0)
                {
                    result.Add(Difficulty(random, ((PlanVisit)visit[0]).VisitId, unit.Id, visitor, head, locality, friday, until));
                }
            }
        }

        return result;
    }

    private static List<IOutreachCommand> Visit(Random random, Guid unit, string visitor, string head, string locality, DateOnly friday)
    {
        var id = SampleIds.Next(random);
        var monday = new DateTimeOffset(friday.AddDays(-4).ToDateTime(new TimeOnly(8, 0)), VietnamTime.Offset);
        var afternoon = new DateTimeOffset(friday.ToDateTime(new TimeOnly(14, 0)), VietnamTime.Offset);
        var commands = new List<IOutreachCommand> { new PlanVisit(id, unit, [visitor], locality, friday, true, "Ban Dân vận Thành ủy", monday) };
        var fate = random.Next(100);
        if (fate < 4)
        {
            commands.Add(new CancelVisit(id, "Trùng lịch họp đột xuất của đơn vị", head, monday.AddDays(2)));
            return commands;
        }

        commands.Add(new ArrangeVisit(id, "Bí thư chi bộ", "Đảng ủy phường/xã", afternoon, "Trụ sở khóm/ấp", visitor, monday.AddDays(1)));
        if (fate < 7)
        {
            commands.Add(new RecordMissedVisit(id, "Mưa bão, không tổ chức được", head, afternoon.AddHours(4)));
            return commands;
        }

        commands.Add(new AttendMeeting(id, (MeetingHost)random.Next(5), "Sinh hoạt định kỳ, nắm tình hình cơ sở", visitor, afternoon));
        if (random.Next(10) < 7)
        {
            commands.Add(new GiveGuidance(id, (GuidanceTopic)random.Next(7), random.Next(3, 15), ["Hoàn thiện theo hướng dẫn"], friday.AddDays(21), visitor, afternoon.AddHours(1)));
        }

        if (random.Next(2) == 0)
        {
            commands.Add(new DeliverOutreach(id, Themes[random.Next(Themes.Length)], visitor, afternoon.AddHours(2)));
        }

        if (random.Next(5) == 0)
        {
            commands.Add(new JoinCommunityWork(id, "Ra quân vệ sinh môi trường tuyến đường", visitor, afternoon.AddHours(2).AddMinutes(30)));
        }

        commands.Add(new FileVisitReport(id, "Báo cáo kết quả đi cơ sở", visitor, afternoon.AddDays(1)));
        return commands;
    }

    private static readonly string[] Problems =
    [
        "Cống thoát nước khu dân cư bị nghẽn", "Thiếu kinh phí sửa nhà văn hóa ấp", "Hộ dân lấn chiếm hành lang kênh",
        "Chậm cấp giấy chứng nhận quyền sử dụng đất", "Thiếu cán bộ văn thư tại xã",
    ];

    private static List<IOutreachCommand> Difficulty(Random random, Guid visit, Guid unit, string raiser, string head, string locality, DateOnly friday, DateTimeOffset until)
    {
        var id = SampleIds.Next(random);
        var at = new DateTimeOffset(friday.ToDateTime(new TimeOnly(16, 0)), VietnamTime.Offset);
        var commands = new List<IOutreachCommand> { new RaiseDifficulty(id, visit, unit, locality, Problems[random.Next(Problems.Length)], raiser, at) };
        if (raiser == head || random.Next(5) < 3)
        {
            commands.Add(new ResolveOnSite(id, "Hướng dẫn địa phương xử lý theo thẩm quyền", raiser, at.AddMinutes(30)));
            return commands;
        }

        var escalatedAt = at.AddDays(3);
        commands.Add(new EscalateDifficulty(id, EscalationLevel.UnitHead, head, "Vượt thẩm quyền của cán bộ", null, raiser, escalatedAt));
        var respondAt = escalatedAt.AddDays(random.Next(2, 12));
        if (respondAt >= until || random.Next(6) == 0)
        {
            return commands; // still waiting on the head; overdue once the week has passed
        }

        commands.Add(new AssignDifficulty(id, "Phòng chuyên môn phụ trách", DateOnly.FromDateTime(respondAt.AddDays(20).DateTime), head, respondAt));
        var solvedAt = respondAt.AddDays(random.Next(5, 30));
        if (solvedAt < until)
        {
            commands.Add(new DeliverSolution(id, "Đã khắc phục, thông báo cho địa phương", raiser, solvedAt));
        }

        return commands;
    }
}
