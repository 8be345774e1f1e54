using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>
/// The complainant's windows (issue 12, points 1 and 2): 90 days from receiving or learning of the decision or act for a
/// first complaint (Law 02/2011/QH13 Art. 9, refusal under Art. 11 cl. 6); 30 days (45 in remote areas) for a second one,
/// from the day the complainant received the first decision or from the first round's last day (Art. 33). Obstacle days
/// do not count. The dates below are counted by hand from the calendar, not by the library.
/// </summary>
public sealed class FilingWindowSpecs
{
    private static readonly Guid Id = CaseSpec.Id;

    // Received (filed) on Mon 2 Jun 2025; classified the next day.
    private static readonly DateTimeOffset Filed = Story.At(2025, 6, 2);

    private static object[] AwaitingAcceptance() => Story.ComplaintAwaitingAcceptance(Filed);

    private static AcceptComplaint Accept(DateOnly? knownOn, DateOnly? obstacleFrom = null, DateOnly? obstacleTo = null, string? obstacle = null)
        => new(Id, false, false, [NoticeParty.Complainant, NoticeParty.Inspectorate], knownOn, obstacleFrom, obstacleTo, obstacle, Story.Chair, Story.At(2025, 6, 6));

    private static RefuseComplaint RefuseOutOfTime(DateOnly? knownOn)
        => new(Id, "Filed after the 90-day window", [NoticeParty.Complainant], ComplaintRefusalGround.OutOfTime, knownOn, null, null, null, Story.Chair, Story.At(2025, 6, 6));

    [Test]
    public void A_complaint_filed_on_the_90th_day_is_accepted_and_the_day_of_knowledge_recorded()
    {
        // Learned on 4 Mar 2025: day 1 is 5 Mar, day 90 is 2 Jun 2025 (a Monday), the day it was filed.
        var known = new DateOnly(2025, 3, 4);
        CaseSpec.Given(AwaitingAcceptance()).Then(Accept(known),
            new ComplaintAccepted(Id, 1, false, false, [NoticeParty.Complainant, NoticeParty.Inspectorate], known, null, Story.Chair, Story.At(2025, 6, 6)));
    }

    [Test]
    public void A_complaint_filed_on_the_91st_day_is_not_accepted_and_the_refusal_names_the_last_day_and_the_article()
    {
        // Learned on 1 Mar: day 90 is Fri 30 May. (From 2 or 3 Mar, day 90 falls on the weekend and moves to Mon 2 Jun.)
        var ex = CaseSpec.Given(AwaitingAcceptance()).ThenRefusedWith(Accept(new DateOnly(2025, 3, 1)), "complaint.accept.out-of-time",
            "2025-06-02", "2025-05-30", "90 days from 2025-03-01", "Art. 9", "OutOfTime");
        Assert.That(ex.MessageIn(System.Globalization.CultureInfo.GetCultureInfo("vi")), Does.Contain("Hết thời hiệu").And.Contain("30/05/2025"));
        Assert.That(CaseSpec.Given(AwaitingAcceptance()).When(Accept(new DateOnly(2025, 3, 3))).Single(), Is.TypeOf<ComplaintAccepted>(),
            "a window ending on a Sunday ends on the Monday (Civil Code Art. 148)");
    }

    [Test]
    public void An_obstacle_moves_the_last_day_by_its_days_and_the_late_complaint_is_accepted()
    {
        // Learned on 20 Feb, the window ends Wed 21 May; ten days in hospital (1–10 Apr) move it to Sat 31 May → Mon 2 Jun.
        var known = new DateOnly(2025, 2, 20);
        CaseSpec.Given(AwaitingAcceptance()).ThenRefusedWith(Accept(known), "complaint.accept.out-of-time", "2025-05-21");
        CaseSpec.Given(AwaitingAcceptance()).Then(Accept(known, new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 10), "In hospital"),
            new ComplaintAccepted(Id, 1, false, false, [NoticeParty.Complainant, NoticeParty.Inspectorate], known,
                new FilingObstacle(new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 10), "In hospital"), Story.Chair, Story.At(2025, 6, 6)));
    }

    [Test]
    public void A_refusal_as_out_of_time_needs_the_day_of_knowledge_and_is_refused_when_the_complaint_was_in_time()
    {
        CaseSpec.Given(AwaitingAcceptance()).ThenRefusedWith(RefuseOutOfTime(null), "complaint.refuse.known-on-required");
        CaseSpec.Given(AwaitingAcceptance()).ThenRefusedWith(RefuseOutOfTime(new DateOnly(2025, 3, 4)), "complaint.refuse.in-time", "2025-06-02");
        CaseSpec.Given(AwaitingAcceptance()).Then(RefuseOutOfTime(new DateOnly(2025, 1, 15)),
            new ComplaintRefused(Id, 1, "Filed after the 90-day window", [NoticeParty.Complainant],
                ComplaintRefusalGround.OutOfTime, new DateOnly(2025, 1, 15), null, Story.Chair, Story.At(2025, 6, 6)));
    }

    [Test]
    public void A_day_of_knowledge_after_the_filing_and_an_obstacle_without_one_are_refused()
    {
        CaseSpec.Given(AwaitingAcceptance()).ThenRefusedWith(Accept(new DateOnly(2025, 6, 3)), "complaint.accept.known-after-filing", "2025-06-03");
        CaseSpec.Given(AwaitingAcceptance()).ThenRefusedWith(Accept(null, new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 10), "In hospital"),
            "complaint.accept.obstacle-without-known-on");
    }

    [Test]
    public void Half_an_obstacle_or_one_that_ends_before_it_starts_is_an_input_error()
    {
        var half = Accept(new DateOnly(2025, 3, 4), new DateOnly(2025, 4, 1));
        var reversed = Accept(new DateOnly(2025, 3, 4), new DateOnly(2025, 4, 10), new DateOnly(2025, 4, 1), "In hospital");
        Assert.That(new AcceptComplaint.Validator().Validate(half).Errors.Select(e => e.ErrorCode), Does.Contain("filing.obstacle.incomplete"));
        Assert.That(new AcceptComplaint.Validator().Validate(reversed).Errors.Select(e => e.ErrorCode), Does.Contain("filing.obstacle.order"));
    }

    // ---------------------------------------------------------------- the second complaint's window (Art. 33)

    // First decision signed Thu 3 Jul 2025; the complainant receives it on Mon 14 Jul: day 30 is Wed 13 Aug 2025.
    private static readonly DateTimeOffset Signed = Story.At(2025, 7, 3);

    private static object[] Decided() =>
    [
        .. Story.ComplaintAwaitingAcceptance(Filed), Story.Accepted(Story.At(2025, 6, 6)),
        Story.VerifierAssigned(Story.At(2025, 6, 9)), Story.Verified(Story.At(2025, 6, 20)), Story.FirstDecision(Signed),
    ];

    private static DecisionDelivered DeliveredToComplainant(DateTimeOffset at) => new(Id, 1, [NoticeParty.Complainant], Story.Clerk, at);

    private static FileSecondComplaint FileSecond(DateTimeOffset at, SecondComplaintGround ground = SecondComplaintGround.DisagreesWithFirstDecision,
        DateOnly? obstacleFrom = null, DateOnly? obstacleTo = null, string? obstacle = null)
        => new(Id, ground, "The fee is still wrong", obstacleFrom, obstacleTo, obstacle, Story.Clerk, at);

    private static AcceptComplaint AcceptSecond(DateTimeOffset at) => new(Id, false, false, [NoticeParty.Complainant, NoticeParty.Inspectorate], null, null, null, null, Story.Chair, at);

    [Test]
    public void The_second_window_runs_from_the_day_the_complainant_received_the_decision_not_from_its_date()
    {
        var state = CaseSpec.Given(Decided()).And(DeliveredToComplainant(Story.At(2025, 7, 14))).State;
        var window = CaseDeadlines.For(state, Rulebook.Default, WorkingCalendar.Vietnam).Single(d => d.Step == DeadlineStep.SecondComplaintWindow);
        Assert.That((window.StartsAfter, window.Due), Is.EqualTo((new DateOnly(2025, 7, 14), (DateOnly?)new DateOnly(2025, 8, 13))));

        var undelivered = CaseSpec.Given(Decided()).State;
        Assert.That(CaseDeadlines.For(undelivered, Rulebook.Default, WorkingCalendar.Vietnam).Select(d => d.Step), Is.EqualTo(new[] { DeadlineStep.DecisionDelivery }),
            "no window before the complainant has the decision");
    }

    [Test]
    public void A_second_complaint_is_recorded_with_the_day_its_window_started_and_one_after_the_window_cannot_be_accepted()
    {
        var inTime = Story.At(2025, 8, 13);
        CaseSpec.Given(Decided()).And(DeliveredToComplainant(Story.At(2025, 7, 14))).Then(FileSecond(inTime),
            new SecondComplaintFiled(Id, SecondComplaintGround.DisagreesWithFirstDecision, "The fee is still wrong", new DateOnly(2025, 7, 14), null, Story.Clerk, inTime));

        // Filed on 14 Aug, a day after the window: recorded as the citizen filed it, never silently accepted.
        var late = CaseSpec.Given(Decided()).And(DeliveredToComplainant(Story.At(2025, 7, 14)));
        late.And(late.When(FileSecond(Story.At(2025, 8, 14))).ToArray());
        late.ThenRefusedWith(AcceptSecond(Story.At(2025, 8, 18)), "complaint.accept.second-out-of-time", "2025-08-14", "2025-08-13", "Art. 33");
        late.Then(new RefuseComplaint(Id, "Second complaint out of time", [NoticeParty.Complainant], ComplaintRefusalGround.OutOfTime, null, null, null, null, Story.Chair, Story.At(2025, 8, 18)),
            new ComplaintRefused(Id, 2, "Second complaint out of time", [NoticeParty.Complainant], ComplaintRefusalGround.OutOfTime, null, null, Story.Chair, Story.At(2025, 8, 18)));
    }

    [Test]
    public void Counting_from_the_decisions_date_would_have_refused_a_second_complaint_the_law_allows()
    {
        // 5 Aug is 33 days after the decision was signed but 22 days after the complainant received it.
        var spec = CaseSpec.Given(Decided()).And(DeliveredToComplainant(Story.At(2025, 7, 14)));
        spec.And(spec.When(FileSecond(Story.At(2025, 8, 5))).ToArray());
        Assert.That(spec.When(AcceptSecond(Story.At(2025, 8, 8))).Single(), Is.TypeOf<ComplaintAccepted>());
    }

    [Test]
    public void An_obstacle_shown_with_a_late_second_complaint_lets_it_be_accepted()
    {
        var spec = CaseSpec.Given(Decided()).And(DeliveredToComplainant(Story.At(2025, 7, 14)));
        spec.And(spec.When(FileSecond(Story.At(2025, 8, 20), obstacleFrom: new DateOnly(2025, 7, 20), obstacleTo: new DateOnly(2025, 7, 29), obstacle: "Flood cut the road")).ToArray());
        Assert.That(spec.When(AcceptSecond(Story.At(2025, 8, 22))).Single(), Is.TypeOf<ComplaintAccepted>(), "13 Aug + 10 obstacle days = Sat 23 Aug → Mon 25 Aug");
    }

    [Test]
    public void When_the_first_round_lapsed_the_window_runs_from_its_last_day()
    {
        // Accepted 6 Jun 2025: the first decision was due 6 Jul (a Sunday → Mon 7 Jul); the window ends 30 days later, 6 Aug.
        var lapsed = CaseSpec.Given([.. Story.ComplaintAwaitingAcceptance(Filed), Story.Accepted(Story.At(2025, 6, 6))]);
        lapsed.Then(FileSecond(Story.At(2025, 8, 6), SecondComplaintGround.FirstDeadlineLapsed),
            new SecondComplaintFiled(Id, SecondComplaintGround.FirstDeadlineLapsed, "The fee is still wrong", new DateOnly(2025, 7, 7), null, Story.Clerk, Story.At(2025, 8, 6)));
        var late = CaseSpec.Given([.. Story.ComplaintAwaitingAcceptance(Filed), Story.Accepted(Story.At(2025, 6, 6))]);
        late.And(late.When(FileSecond(Story.At(2025, 8, 7), SecondComplaintGround.FirstDeadlineLapsed)).ToArray());
        late.ThenRefusedWith(AcceptSecond(Story.At(2025, 8, 11)), "complaint.accept.second-out-of-time", "2025-08-06");
    }

    [Test]
    public void The_day_of_knowledge_belongs_to_the_first_round()
    {
        var spec = CaseSpec.Given(Decided()).And(DeliveredToComplainant(Story.At(2025, 7, 14)));
        spec.And(spec.When(FileSecond(Story.At(2025, 8, 5))).ToArray());
        spec.ThenRefusedWith(new AcceptComplaint(Id, false, false, [NoticeParty.Complainant], new DateOnly(2025, 7, 14), null, null, null, Story.Chair, Story.At(2025, 8, 8)),
            "complaint.accept.filing-second-round");
    }
}
