using Outreach.Cases;
using Outreach.Difficulties;
using Outreach.Tests.Support;
using Outreach.Units;
using Outreach.Visits;

namespace Outreach.Tests.Programme;

public sealed class ProgrammeIntegrationTests : StoreFixture
{
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static DateTimeOffset At(int y, int m, int d, int h = 9) => new(y, m, d, h, 0, 0, Vn);

    [Test]
    public async Task An_escalation_must_reach_the_head_of_the_raising_cadres_unit_and_overdue_ones_show_per_head()
    {
        var unit = Guid.NewGuid();
        var other = Guid.NewGuid();
        var difficulty = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            await session.HandleAsync(new RegisterUnit(unit, "phong-qldt", "Phòng Quản lý đô thị", "Thành ủy", At(2024, 1, 2)));
            await session.HandleAsync(new AssignCadre(unit, "qldt.1", "Huỳnh Văn Phúc", null, "Thành ủy", At(2024, 1, 2)));
            await session.HandleAsync(new AssignCadre(unit, "qldt.2", "Lê Hoàng Nam", null, "Thành ủy", At(2024, 1, 2)));
            await session.HandleAsync(new AppointUnitHead(unit, "qldt.1", "Thành ủy", At(2024, 1, 3)));
            await session.HandleAsync(new RegisterUnit(other, "thanh-tra", "Thanh tra thành phố", "Thành ủy", At(2024, 1, 2)));
            await session.HandleAsync(new AssignCadre(other, "tt.1", "Trần Quốc Việt", null, "Thành ủy", At(2024, 1, 2)));
            await session.HandleAsync(new AppointUnitHead(other, "tt.1", "Thành ủy", At(2024, 1, 3)));
            await session.HandleAsync(new RaiseDifficulty(difficulty, null, unit, "phuong-6", "Lấn chiếm vỉa hè kéo dài", "qldt.2", At(2024, 5, 10)));

            var wrongHead = Assert.ThrowsAsync<DomainRuleException>(() => session.HandleAsync(
                new EscalateDifficulty(difficulty, EscalationLevel.UnitHead, "tt.1", "Cần xử lý liên ngành", null, "qldt.2", At(2024, 5, 11))));
            Assert.That(wrongHead!.Message, Does.Contain("tt.1 is not the head of Phòng Quản lý đô thị on 2024-05-11 (qldt.1 is)"));

            await session.HandleAsync(new EscalateDifficulty(difficulty, EscalationLevel.UnitHead, "qldt.1", "Cần xử lý liên ngành", null, "qldt.2", At(2024, 5, 11)));
        }

        // The tallies are asynchronous views (ADR 25): the daemon catches up before they are read.
        await OutreachProjections.CatchUpAsync(Store, TimeSpan.FromMinutes(1));
        await using var query = Store.QuerySession();
        var waiting = await DifficultyQueries.WaitingAsync(query, new DateOnly(2024, 6, 1));
        var head = waiting.Single(w => w.WaitingOn == "qldt.1");
        Assert.That((head.Open, head.Overdue, head.OldestDue), Is.EqualTo((1, 1, (DateOnly?)new DateOnly(2024, 5, 18))));
        Assert.That((await DifficultyQueries.WaitingAsync(query, new DateOnly(2024, 5, 18))).Single(w => w.WaitingOn == "qldt.1").Overdue, Is.EqualTo(0));
    }

    [TestCase("nowhere-land", 2024, "Unknown locality \"nowhere-land\"")]
    [TestCase("phuong-2", 2025, "ceased on 2025-01-01 and became part of Phường 1 (phuong-1)")]
    [TestCase("cao-lanh", 2024, "did not exist yet on 2024-03-04")]
    public async Task A_petition_for_a_locality_not_in_force_is_refused_and_records_nothing(string code, int year, string fragment)
    {
        var id = Guid.NewGuid();
        await using var session = Store.LightweightSession();
        var ex = Assert.ThrowsAsync<DomainRuleException>(() => session.HandleAsync(new ReceivePetition(
            id, null, ReceptionChannel.Letter, "A", null, null, null, false, code, "x", null, "B", At(year, 3, 4))));
        Assert.That(ex!.Message, Does.Contain(fragment));
        await using var query = Store.QuerySession();
        Assert.That(await query.Events.FetchStreamStateAsync(id), Is.Null);
    }

    [Test]
    public async Task A_2019_visit_to_ward_2_still_reads_as_ward_2_and_counts_for_todays_ward()
    {
        var unit = Guid.NewGuid();
        var visit = Guid.NewGuid();
        var petition = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            await session.HandleAsync(new RegisterUnit(unit, "phong-noi-vu", "Phòng Nội vụ", "Thành ủy", At(2019, 1, 2)));
            await session.HandleAsync(new AssignCadre(unit, "cb-1", "Nguyễn Thanh Hải", "Trưởng phòng", "Thành ủy", At(2019, 1, 3)));
            await session.HandleAsync(new AssignCadre(unit, "cb-2", "Lê Thị Hồng", null, "Thành ủy", At(2019, 1, 3)));
            await session.HandleAsync(new PlanVisit(visit, unit, ["cb-1", "cb-2"], "phuong-2/khom-1", new DateOnly(2019, 3, 8), true, "Ban Dân vận", At(2019, 3, 4)));
            await session.HandleAsync(new ArrangeVisit(visit, "Trần Văn Bảy", "Chi bộ khóm 1", At(2019, 3, 8, 14), "Nhà văn hóa", "cb-1", At(2019, 3, 5)));
            await session.HandleAsync(new GiveGuidance(visit, GuidanceTopic.DraftingDocuments, 5, null, null, "cb-1", At(2019, 3, 8, 14)));
            await session.HandleAsync(new ReceivePetition(petition, null, ReceptionChannel.FieldVisit, "Trần Văn Bảy", null, null, null, false,
                "phuong-2/khom-1", "Đèn đường hư", null, "cb-2", At(2019, 3, 8, 15)));
            await session.HandleAsync(new HearResident(visit, petition, "Đèn đường hư", "cb-2", At(2019, 3, 8, 15)));
            await session.HandleAsync(new FileVisitReport(visit, "Đã hướng dẫn soạn thảo văn bản", "cb-1", At(2019, 3, 9)));

            var head = Assert.ThrowsAsync<DomainRuleException>(() => session.HandleAsync(new AppointUnitHead(unit, "cb-from-elsewhere", "Thành ủy", At(2019, 3, 10))));
            Assert.That(head!.Message, Does.Contain("not a cadre of Phòng Nội vụ"));
        }

        await OutreachProjections.CatchUpAsync(Store, TimeSpan.FromMinutes(1));
        await using var query = Store.QuerySession();
        var stored = await query.LoadAsync<Visit>(visit);
        Assert.That(stored!.Status, Is.EqualTo(VisitStatus.Reported));
        Assert.That(Options.Localities.NameOn(stored.LocalityCode, stored.CarriedOutOn!.Value), Is.EqualTo("Khóm 1, Phường 2"));

        var today = new DateOnly(2026, 11, 26);
        var coverage = await ProgrammeQueries.CoverageAsync(query, Options.Localities, today);
        var caoLanh = coverage.Single(c => c.LocalityCode == "cao-lanh");
        Assert.That((caoLanh.Visits, caoLanh.LastVisit), Is.EqualTo((1, (DateOnly?)new DateOnly(2019, 3, 8))));
        var hamlet = coverage.Single(c => c.LocalityCode == "phuong-2/khom-1");
        Assert.That((hamlet.Name, hamlet.Visits, hamlet.WeeksSince), Is.EqualTo(("Khóm 1, Phường Cao Lãnh", 1, (int?)((today.DayNumber - new DateOnly(2019, 3, 8).DayNumber) / 7))));
        Assert.That(coverage.Single(c => c.LocalityCode == "my-tra-2025").NeverVisited, Is.True);
        Assert.That(coverage.Count(c => c.IsCommuneLevel), Is.EqualTo(3));

        Assert.That(await query.LoadAsync<Case>(visit), Is.Null, "a visit stream gets no case document");
        Assert.That(await query.LoadAsync<Unit>(visit), Is.Null, "nor a unit document");
        await using (var session = Store.LightweightSession())
        {
            var mixed = Assert.ThrowsAsync<DomainRuleException>(() => session.HandleAsync(new ReceivePetition(
                visit, null, ReceptionChannel.Letter, "A", null, null, null, false, "cao-lanh", "x", null, "B", At(2026, 1, 5))));
            Assert.That(mixed!.Message, Does.Contain("is not a case"));
        }

        var history = await ProgrammeQueries.LocalityHistoryAsync(query, Options.Localities, "cao-lanh", today);
        var line = history.Single(h => h.Id == visit);
        Assert.That((line.Kind, line.Place, line.On), Is.EqualTo((LocalityHistoryKind.Visit, "Khóm 1, Phường 2", new DateOnly(2019, 3, 8))), "the history page names the place as it was then");
        Assert.That(line.Summary(OutreachText.English), Is.EqualTo("Reported: cb-1, cb-2; guidance: drafting documents"));
        Assert.That(line.Summary(OutreachText.Vietnamese), Is.EqualTo("đã báo cáo: cb-1, cb-2; hỗ trợ chuyên môn: soạn thảo văn bản"), "in the reader's language");

        // Time travel: on 6 March the visit was arranged, not yet carried out, and the petition did not exist.
        var then = await ProgrammeQueries.LocalityHistoryAsync(query, Options.Localities, "cao-lanh", today, new DateOnly(2019, 3, 6));
        Assert.That(then.Select(h => (h.Kind, h.Id)), Is.EqualTo(new[] { (LocalityHistoryKind.Visit, visit) }));
        Assert.That(then[0].Summary(OutreachText.English), Does.StartWith("Arranged"));
        Assert.That(await ProgrammeQueries.LocalityHistoryAsync(query, Options.Localities, "cao-lanh", today, new DateOnly(2019, 3, 3)), Is.Empty, "nothing had happened yet");
        var guidance = (await ProgrammeQueries.GuidanceByTopicAsync(query)).Single(g => g.Topic == GuidanceTopic.DraftingDocuments);
        Assert.That((guidance.Sessions, guidance.Attendees, guidance.Localities), Is.EqualTo((1, 5, 1)));

        Assert.That(await ProgrammeQueries.VisitsHearingAsync(query, petition), Is.EqualTo(new[] { visit }), "the petition leads back to its visit");
        Assert.That(stored.PetitionsHeard, Is.EqualTo(new[] { petition }), "and the visit to its petition");

        var perWeek = await ProgrammeQueries.VisitsPerWeekAsync(query);
        Assert.That(perWeek.Where(w => w.UnitId == unit).Select(w => (w.Week, w.Visitor)), Is.EqualTo(new[] { (new DateOnly(2019, 3, 4), "cb-1"), (new DateOnly(2019, 3, 4), "cb-2") }));
    }
}
