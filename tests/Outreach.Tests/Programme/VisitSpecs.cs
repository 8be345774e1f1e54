using Outreach.Visits;
using Outreach.Tests.Support;

namespace Outreach.Tests.Programme;

public sealed class VisitSpecs
{
    private static readonly Guid Id = Guid.Parse("7a1c0d2e-3f4b-4a5c-8d6e-9f0a1b2c3d4e");
    private static readonly Guid Unit = Guid.Parse("5f0e2f1a-0b6c-4c8e-9a55-3d1e6a7b8c90");
    private static readonly TimeSpan Vn = TimeSpan.FromHours(7);
    private static readonly DateOnly Friday = new(2019, 3, 8);
    private static readonly DateTimeOffset Monday = new(2019, 3, 4, 8, 0, 0, Vn);
    private static readonly DateTimeOffset OnTheDay = new(2019, 3, 8, 14, 0, 0, Vn);
    private const string Cadre = "Lê Thị Hồng";

    private static readonly VisitPlanned Planned = new(Id, Unit, ["to-1"], "phuong-2/khom-1", Friday, true, "Ban Dân vận", Monday);
    private static readonly VisitArranged Arranged = new(Id, "Trần Văn Bảy", "Chi bộ khóm 1", OnTheDay, "Nhà văn hóa khóm 1", Cadre, Monday.AddDays(1));

    private static IReadOnlyList<object> Decide(IVisitCommand command, params object[] given)
        => VisitCommands.Decide(command, given.Aggregate(VisitState.None(Id), (v, e) => v.Evolve(e)));

    private static DomainRuleException Refused(IVisitCommand command, params object[] given)
        => Assert.Throws<DomainRuleException>(() => Decide(command, given))!;

    [Test]
    public void A_visit_goes_from_plan_to_report()
    {
        Assert.That(Decide(new PlanVisit(Id, Unit, ["to-1"], "phuong-2/khom-1", Friday, true, "Ban Dân vận", Monday)), Is.EqualTo(new object[] { Planned }).UsingPropertiesComparer());
        Assert.That(Decide(new ArrangeVisit(Id, "Trần Văn Bảy", "Chi bộ khóm 1", OnTheDay, "Nhà văn hóa khóm 1", Cadre, Monday.AddDays(1)), Planned), Is.EqualTo(new object[] { Arranged }));
        var meeting = Decide(new AttendMeeting(Id, MeetingHost.PartyCell, "Sinh hoạt chi bộ", Cadre, OnTheDay), Planned, Arranged).Single();
        var guidance = Decide(new GiveGuidance(Id, GuidanceTopic.ClericalWorkAndArchives, 6, ["Sắp xếp hồ sơ lưu trữ"], new DateOnly(2019, 3, 29), Cadre, OnTheDay.AddHours(1)), Planned, Arranged, meeting).Single();
        var visit = new object[] { Planned, Arranged, meeting, guidance }.Aggregate(Visit.None(Id), (v, e) => v.Evolve(e));
        Assert.That((visit.Status, visit.CarriedOutOn, visit.Guidance.Single()), Is.EqualTo((VisitStatus.CarriedOut, (DateOnly?)Friday, GuidanceTopic.ClericalWorkAndArchives)));
        Assert.That(Decide(new FileVisitReport(Id, "Đã hướng dẫn văn thư", Cadre, OnTheDay.AddDays(1)), Planned, Arranged, meeting, guidance).Single(), Is.TypeOf<VisitReported>());
    }

    [Test]
    public void Activities_need_an_arranged_visit_and_its_day()
    {
        Assert.That(Refused(new AttendMeeting(Id, MeetingHost.PartyCell, "x", Cadre, OnTheDay), Planned).Message, Does.Contain("the visit is Planned"));
        Assert.That(Refused(new DeliverOutreach(Id, "Nếp sống văn minh đô thị", Cadre, Monday.AddDays(2)), Planned, Arranged).Message, Does.Contain("planned for 2019-03-08"));
    }

    [Test]
    public void A_report_needs_something_to_report()
        => Assert.That(Refused(new FileVisitReport(Id, "x", Cadre, OnTheDay), Planned, Arranged).Message, Does.Contain("record what was done first"));

    [Test]
    public void Follow_ups_are_due_after_the_session()
        => Assert.That(Refused(new GiveGuidance(Id, GuidanceTopic.GrassrootsMediation, 3, ["x"], new DateOnly(2019, 3, 1), Cadre, OnTheDay), Planned, Arranged).Message,
            Does.Contain("followUpDue 2019-03-01 is before the session"));

    [Test]
    public void A_petition_is_linked_to_a_visit_once()
    {
        var caseId = Guid.NewGuid();
        var heard = Decide(new HearResident(Id, caseId, "Đèn đường hư", Cadre, OnTheDay), Planned, Arranged).Single();
        Assert.That(((ResidentHeard)heard).CaseId, Is.EqualTo(caseId));
        Assert.That(Refused(new HearResident(Id, caseId, "Đèn đường hư", Cadre, OnTheDay.AddHours(1)), Planned, Arranged, heard).Message, Does.Contain("already linked"));
    }

    [Test]
    public void Cancelled_and_missed_visits()
    {
        Assert.That(Decide(new CancelVisit(Id, "Bão", Cadre, Monday.AddDays(2)), Planned, Arranged).Single(), Is.TypeOf<VisitCancelled>());
        Assert.That(Refused(new RecordMissedVisit(Id, "x", Cadre, Monday.AddDays(2)), Planned).Message, Does.Contain("cancel it instead"));
        Assert.That(Decide(new RecordMissedVisit(Id, "Họp đột xuất", Cadre, OnTheDay.AddDays(1)), Planned).Single(), Is.TypeOf<VisitMissed>());
        var meeting = new MeetingAttended(Id, MeetingHost.FarmersClub, "x", Cadre, OnTheDay);
        Assert.That(Refused(new CancelVisit(Id, "x", Cadre, OnTheDay.AddHours(2)), Planned, Arranged, meeting).Message, Does.Contain("the visit is CarriedOut"));
    }

    [Test]
    public void A_visit_is_planned_once_and_arranged_for_a_time_not_before_the_arrangement()
    {
        var spec = StreamSpec.Given(Planned);
        spec.ThenAlreadyRecorded(new PlanVisit(Id, Unit, ["to-1"], "phuong-2/khom-1", Friday, true, "Ban Dân vận", Monday));
        spec.ThenRefusedWith(new PlanVisit(Id, Unit, ["to-1"], "phuong-2/khom-1", Friday, true, "Ban Dân vận", Monday.AddHours(1)), "visit.plan.exists", "already planned");
        spec.ThenRefusedWith(new PlanVisit(Id, Unit, ["to-1"], "phuong-3", Friday, true, "Ban Dân vận", Monday.AddHours(1)), "visit.plan.exists", "already planned");
        Assert.That(Refused(new ArrangeVisit(Id, "A", "B", Monday.AddDays(-3), "C", Cadre, Monday.AddDays(1)), Planned).Message, Does.Contain("is before the arrangement was made"));
    }

    [Test]
    public void Planning_validation_names_the_problem()
    {
        var ex = Assert.Throws<CommandValidationException>(() =>
            VisitCommands.All[0].Validate(new PlanVisit(Id, Guid.Empty, [], "", default, false, Cadre, Monday)));
        Assert.That(ex!.Message, Does.Contain("unitId is required").And.Contain("visitors is required").And.Contain("localityCode is required").And.Contain("plannedFor"));
    }
}
