using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>The auditor's report, built from events alone (pure): which period was met or missed, by how much, and by whom.</summary>
public sealed class CaseAuditSpecs
{
    private static readonly OutreachOptions Options = new();

    private static IReadOnlyList<AuditEntry> Entries(params object[] events) => AuditEntries.Of(events);

    private static AuditDeadline Single(CaseAuditReport report, DeadlineStep step) => report.Deadlines.Single(d => d.Deadline.Step == step);

    [Test]
    public void A_late_acceptance_is_missed_by_its_days_and_names_who_took_it_and_the_next_period_runs_from_it()
    {
        var report = CaseAudit.Build(CaseSpec.Id, Entries(
            Story.Received(Story.At(2024, 3, 4)), Story.Classified(CaseKind.Complaint, Story.At(2024, 3, 4, 11)), Story.Accepted(Story.At(2024, 3, 18))),
            new DateOnly(2024, 3, 25), Options);

        var acceptance = Single(report, DeadlineStep.ComplaintAcceptance);
        Assert.That(acceptance.Deadline.Due, Is.EqualTo(new DateOnly(2024, 3, 14)));
        Assert.That((acceptance.Outcome, acceptance.DaysLate, acceptance.Responsible, acceptance.ClosedByVersion), Is.EqualTo((DeadlineOutcome.Missed, 4, Story.Chair, 3L)));
        var decision = Single(report, DeadlineStep.FirstDecision);
        Assert.That((decision.Outcome, decision.Deadline.StartsAfter, decision.Deadline.Due), Is.EqualTo((DeadlineOutcome.Open, new DateOnly(2024, 3, 18), new DateOnly(2024, 4, 17))));
        Assert.That(report.Breaches, Is.EqualTo(new[] { acceptance }));
    }

    [Test]
    public void A_period_still_not_done_after_its_last_day_is_overdue_as_of_the_report_date()
    {
        var events = Story.AcceptedComplaint(Story.At(2024, 3, 8));
        var report = CaseAudit.Build(CaseSpec.Id, Entries(events), new DateOnly(2024, 4, 20), Options);
        var decision = Single(report, DeadlineStep.FirstDecision);
        // 30 days after Fri 8 Mar 2024 end on Sun 7 Apr, a day off: Mon 8 Apr. On 20 Apr it is 12 days overdue.
        Assert.That((decision.Outcome, decision.Deadline.Due, decision.DaysLate, decision.Responsible), Is.EqualTo((DeadlineOutcome.Overdue, new DateOnly(2024, 4, 8), 12, Story.Chair)));
        Assert.That(CaseAudit.Build(CaseSpec.Id, Entries(events), new DateOnly(2024, 4, 8), Options).Breaches, Is.Empty, "due today is not overdue");
    }

    [Test]
    public void A_suspension_pauses_the_last_day_and_the_resumption_moves_it_and_both_are_listed()
    {
        var report = CaseAudit.Build(CaseSpec.Id, Entries([
            .. Story.AcceptedComplaint(Story.At(2024, 3, 8)),
            Story.Suspended(Story.At(2024, 3, 20)), Story.Resumed(Story.At(2024, 3, 30)), Story.FirstDecision(Story.At(2024, 4, 15))]),
            new DateOnly(2024, 5, 1), Options);

        var decision = Single(report, DeadlineStep.FirstDecision);
        Assert.That(decision.Changes, Has.Count.EqualTo(2));
        Assert.That((decision.Changes[0].From, decision.Changes[0].To, decision.Changes[0].EventType), Is.EqualTo(((DateOnly?)new DateOnly(2024, 4, 8), (DateOnly?)null, nameof(ComplaintSuspended))));
        Assert.That(decision.Changes[1].To, Is.GreaterThan(new DateOnly(2024, 4, 15)));
        Assert.That((decision.Outcome, decision.ClosedOn, decision.ClosedBy), Is.EqualTo((DeadlineOutcome.Met, (DateOnly?)new DateOnly(2024, 4, 15), Story.Chair)),
            "15 Apr is after the original 8 Apr but within the period once the suspended days are left out");
    }

    [Test]
    public void A_withdrawal_before_the_last_day_ends_the_period_and_is_not_a_breach()
    {
        var report = CaseAudit.Build(CaseSpec.Id, Entries([.. Story.AcceptedComplaint(Story.At(2024, 3, 8)), Story.Withdrawn(Story.At(2024, 3, 20))]),
            new DateOnly(2024, 6, 1), Options);
        Assert.That(Single(report, DeadlineStep.FirstDecision).Outcome, Is.EqualTo(DeadlineOutcome.Ended));
        Assert.That(report.Breaches, Is.Empty);
    }

    [Test]
    public void A_withdrawal_after_the_last_day_leaves_the_period_missed_by_whoever_last_acted_before_it()
    {
        var withdrawal = Story.Withdrawn(Story.At(2024, 4, 20)) with { RecordedBy = "Văn thư Lê Thị Mai" };
        var report = CaseAudit.Build(CaseSpec.Id, Entries([.. Story.AcceptedComplaint(Story.At(2024, 3, 8)), withdrawal]), new DateOnly(2024, 6, 1), Options);
        var decision = Single(report, DeadlineStep.FirstDecision);
        Assert.That((decision.Outcome, decision.DaysLate, decision.Responsible), Is.EqualTo((DeadlineOutcome.Missed, 12, Story.Chair)),
            "the clerk who recorded the withdrawal is not the one who let the decision lapse");
    }

    [Test]
    public void Notices_list_their_recipients_and_the_citizens_window_is_not_an_obligation()
    {
        var report = CaseAudit.Build(CaseSpec.Id, Entries([
            .. Story.FirstDecidedComplaint(Story.At(2024, 3, 8)), Story.Delivered(Story.At(2024, 3, 19), 1, NoticeParty.Complainant, NoticeParty.Respondent)]),
            new DateOnly(2024, 3, 25), Options);

        Assert.That(report.Notices.Select(n => n.EventType), Is.EqualTo(new[] { nameof(ComplaintAccepted), nameof(DecisionDelivered) }));
        Assert.That(report.Notices.Last().Recipients, Is.EqualTo(new[] { NoticeParty.Complainant, NoticeParty.Respondent }));
        Assert.That(Single(report, DeadlineStep.DecisionDelivery).Outcome, Is.EqualTo(DeadlineOutcome.Met));
        Assert.That(Single(report, DeadlineStep.SecondComplaintWindow).Outcome, Is.EqualTo(DeadlineOutcome.WindowOpen));
        Assert.That(report.Entries.Select(e => e.Section).Distinct(), Is.EquivalentTo(new[] { AuditSection.Intake, AuditSection.Handling, AuditSection.Decision }));
    }

    [Test]
    public void An_extension_of_a_denunciation_settlement_moves_its_last_day()
    {
        var at = Story.At(2024, 3, 4);
        var report = CaseAudit.Build(CaseSpec.Id, Entries(
            Story.Received(at), Story.Classified(CaseKind.Denunciation, at.AddHours(1)), Story.DenunciationAccepted(at.AddDays(3)),
            Story.DenunciationNotified(at.AddDays(4), NoticeParty.Denouncer, NoticeParty.Denounced), Story.Extended(at.AddDays(20), 1, days: 30)),
            new DateOnly(2024, 4, 1), Options);

        var settlement = Single(report, DeadlineStep.DenunciationSettlement);
        Assert.That(settlement.Changes, Has.Count.EqualTo(1));
        Assert.That(settlement.Changes[0].To, Is.GreaterThan(settlement.Changes[0].From!.Value));
        Assert.That(settlement.Deadline.Days, Is.EqualTo(60), "30 days of Art. 30, plus the 30-day extension");
        Assert.That(Single(report, DeadlineStep.DenunciationNotice).Outcome, Is.EqualTo(DeadlineOutcome.Met));
        Assert.That(report.Entries.Single(e => e.EventType == nameof(DenunciationSettlementExtended)).Section, Is.EqualTo(AuditSection.Change));
    }

    [Test]
    public void The_report_judges_the_first_complaint_against_its_filing_window_and_shows_the_obstacle_that_moved_it()
    {
        var received = Story.At(2025, 6, 2);
        var accepted = new ComplaintAccepted(CaseSpec.Id, 1, false, false, [NoticeParty.Complainant], new DateOnly(2025, 2, 20),
            new FilingObstacle(new DateOnly(2025, 4, 1), new DateOnly(2025, 4, 10), "In hospital"), Story.Chair, Story.At(2025, 6, 6));
        var report = CaseAudit.Build(CaseSpec.Id, Entries([.. Story.ComplaintAwaitingAcceptance(received), accepted]), new DateOnly(2025, 6, 10), Options);
        var filing = Single(report, DeadlineStep.FilingWindow);
        Assert.That((filing.Outcome, filing.Deadline.StartsAfter, filing.Deadline.Due, filing.ClosedOn), Is.EqualTo(
            (DeadlineOutcome.FiledInTime, new DateOnly(2025, 2, 20), (DateOnly?)new DateOnly(2025, 6, 2), (DateOnly?)new DateOnly(2025, 6, 2))));
        Assert.That(filing.Changes.Single().From, Is.EqualTo(new DateOnly(2025, 5, 21)), "the last day before the obstacle's ten days");
        Assert.That((filing.ClosedByEvent, filing.Responsible), Is.EqualTo((nameof(PetitionReceived), (string?)null)), "a citizen's window: nobody is blamed");
        Assert.That(filing.Deadline.Citation, Does.Contain("Art. 9"));
        Assert.That(report.Breaches, Is.Empty);
    }

    [Test]
    public void A_refusal_as_out_of_time_shows_how_late_the_complaint_was_filed()
    {
        var refused = new ComplaintRefused(CaseSpec.Id, 1, "Quá thời hiệu", [NoticeParty.Complainant], ComplaintRefusalGround.OutOfTime, new DateOnly(2025, 1, 15), null,
            Story.Chair, Story.At(2025, 6, 6));
        var report = CaseAudit.Build(CaseSpec.Id, Entries([.. Story.ComplaintAwaitingAcceptance(Story.At(2025, 6, 2)), refused]), new DateOnly(2025, 6, 10), Options);
        var filing = Single(report, DeadlineStep.FilingWindow);
        // 15 Jan + 90 days = Tue 15 Apr 2025; filed Mon 2 Jun: 48 days late.
        Assert.That((filing.Outcome, filing.Deadline.Due, filing.DaysLate), Is.EqualTo((DeadlineOutcome.FiledLate, (DateOnly?)new DateOnly(2025, 4, 15), (int?)48)));
    }

    [Test]
    public void A_second_complaint_is_judged_from_the_day_the_complainant_received_the_first_decision()
    {
        object[] decided =
        [
            .. Story.ComplaintAwaitingAcceptance(Story.At(2025, 6, 2)), Story.Accepted(Story.At(2025, 6, 6)), Story.VerifierAssigned(Story.At(2025, 6, 9)),
            Story.Verified(Story.At(2025, 6, 20)), Story.FirstDecision(Story.At(2025, 7, 3)),
            new DecisionDelivered(CaseSpec.Id, 1, [NoticeParty.Complainant], Story.Clerk, Story.At(2025, 7, 14)),
        ];
        var late = new SecondComplaintFiled(CaseSpec.Id, SecondComplaintGround.DisagreesWithFirstDecision, "Vẫn sai", new DateOnly(2025, 7, 14), null, Story.Clerk, Story.At(2025, 8, 18));
        var report = CaseAudit.Build(CaseSpec.Id, Entries([.. decided, late]), new DateOnly(2025, 8, 20), Options);
        var window = report.Deadlines.Where(d => d.Deadline.Step == DeadlineStep.SecondComplaintWindow).ToList();
        Assert.That(window.Select(w => (w.Outcome, w.Deadline.StartsAfter, w.Deadline.Due, w.DaysLate)), Is.EqualTo(new[]
        {
            (DeadlineOutcome.FiledLate, new DateOnly(2025, 7, 14), (DateOnly?)new DateOnly(2025, 8, 13), (int?)5),
        }), "one line for the window, judged against the filing: not a window merely 'closed'");

        var open = CaseAudit.Build(CaseSpec.Id, Entries(decided), new DateOnly(2025, 8, 1), Options);
        Assert.That(Single(open, DeadlineStep.SecondComplaintWindow).Outcome, Is.EqualTo(DeadlineOutcome.WindowOpen));
    }

    [Test]
    public void An_overdue_second_decision_is_answered_for_by_who_accepted_the_round_not_by_the_verifier_who_acted_last()
    {
        // Accepted by the city chair on day +25; the verifier acted last (day +27); the 45-day period ran out.
        var accepted = Story.At(2025, 3, 10);
        var secondRound = new ComplaintAccepted(CaseSpec.Id, 2, false, false, [NoticeParty.Complainant], null, null, "Chủ tịch UBND thành phố", accepted.AddDays(25));
        object[] events =
        [
            .. Story.FirstDecidedComplaint(accepted), Story.SecondComplaint(accepted.AddDays(20)), secondRound,
            Story.VerifierAssigned(accepted.AddDays(26), round: 2), Story.Verified(accepted.AddDays(27), round: 2, reference: "BC-02"),
        ];
        var report = CaseAudit.Build(CaseSpec.Id, Entries(events), new DateOnly(2025, 6, 30), Options);
        var decision = Single(report, DeadlineStep.SecondDecision);
        Assert.That((decision.Outcome, decision.Competent, decision.Responsible, decision.LastActor),
            Is.EqualTo((DeadlineOutcome.Overdue, (string?)"Chủ tịch UBND thành phố", (string?)"Chủ tịch UBND thành phố", (string?)Story.Verifier)));
        Assert.That(Outreach.Hosting.CaseText.English.Answerable(decision), Is.EqualTo($"competent: Chủ tịch UBND thành phố; last acted: {Story.Verifier}"));
    }

    [Test]
    public void A_late_acceptance_is_answered_for_by_who_accepted_and_an_overdue_one_says_the_competent_person_is_not_recorded()
    {
        var late = CaseAudit.Build(CaseSpec.Id, Entries([.. Story.ComplaintAwaitingAcceptance(Story.At(2024, 3, 1)), Story.Accepted(Story.At(2024, 3, 20))]),
            new DateOnly(2024, 3, 25), Options);
        var acceptance = Single(late, DeadlineStep.ComplaintAcceptance);
        Assert.That((acceptance.Outcome, acceptance.Competent, acceptance.Responsible), Is.EqualTo((DeadlineOutcome.Missed, (string?)Story.Chair, (string?)Story.Chair)));

        var overdue = CaseAudit.Build(CaseSpec.Id, Entries(Story.ComplaintAwaitingAcceptance(Story.At(2024, 3, 1))), new DateOnly(2024, 3, 25), Options);
        var waiting = Single(overdue, DeadlineStep.ComplaintAcceptance);
        Assert.That((waiting.Outcome, waiting.Competent, waiting.LastActor), Is.EqualTo((DeadlineOutcome.Overdue, (string?)null, (string?)Story.Clerk)));
        Assert.That(Outreach.Hosting.CaseText.Vietnamese.Answerable(waiting), Is.EqualTo($"người có thẩm quyền: chưa ghi nhận; người thực hiện cuối: {Story.Clerk}"));
    }

    [Test]
    public void A_notice_or_decision_that_has_not_reached_a_party_the_law_requires_is_flagged_with_its_article()
    {
        // Story.Accepted notifies the complainant and the respondent, not the inspectorate at the same level (Art. 27).
        object[] decided = [.. Story.FirstDecidedComplaint(Story.At(2025, 3, 10))];
        var report = CaseAudit.Build(CaseSpec.Id, Entries([.. decided, new DecisionDelivered(CaseSpec.Id, 1, [NoticeParty.Complainant], Story.Clerk, Story.At(2025, 3, 21))]),
            new DateOnly(2025, 3, 25), Options);
        Assert.That(report.NoticeGaps.Select(g => (g.Notice, g.Missing.Single(), g.Citation)), Is.EqualTo(new[]
        {
            (NoticeKind.FirstAcceptance, NoticeParty.Inspectorate, "Law 02/2011/QH13 Art. 27"),
            (NoticeKind.FirstDecision, NoticeParty.Inspectorate, "Law 02/2011/QH13 Art. 32"),
        }));

        // A second sending to the inspectorate closes the decision's gap; the acceptance's stays (its notice went out once).
        var sent = CaseAudit.Build(CaseSpec.Id, Entries([.. decided, new DecisionDelivered(CaseSpec.Id, 1, [NoticeParty.Complainant], Story.Clerk, Story.At(2025, 3, 21)),
            new DecisionDelivered(CaseSpec.Id, 1, [NoticeParty.Inspectorate], Story.Clerk, Story.At(2025, 3, 24))]), new DateOnly(2025, 3, 25), Options);
        Assert.That(sent.NoticeGaps.Select(g => g.Notice), Is.EqualTo(new[] { NoticeKind.FirstAcceptance }));
        Assert.That(Outreach.Hosting.CaseText.Vietnamese.Gap(sent.NoticeGaps[0]), Does.Contain("chưa được gửi cho thanh tra cùng cấp").And.Contain("Điều 27"));
    }

    [Test]
    public void An_extension_decided_after_the_last_day_shows_the_lapse_it_came_too_late_to_prevent_never_met()
    {
        // Accepted Thu 7 Mar 2024: the 30 days end Sat 6 Apr → Mon 8 Apr. Extended on 12 Apr (4 days late) to Mon 6 May; concluded on 20 Apr.
        var at = Story.At(2024, 3, 4);
        object[] story =
        [
            Story.Received(at), Story.Classified(CaseKind.Denunciation, at.AddHours(1)), Story.DenunciationAccepted(at.AddDays(3)),
            Story.DenunciationNotified(at.AddDays(4), NoticeParty.Denouncer, NoticeParty.Denounced), Story.Extended(Story.At(2024, 4, 12), 1, days: 30),
            Story.Concluded(Story.At(2024, 4, 20)),
        ];
        var report = CaseAudit.Build(CaseSpec.Id, Entries(story), new DateOnly(2024, 5, 1), Options);
        var settlement = report.Deadlines.Where(d => d.Deadline.Step == DeadlineStep.DenunciationSettlement).ToList();
        Assert.That(settlement.Select(d => (d.Outcome, d.Deadline.Due, d.DaysLate, d.ClosedByEvent)), Is.EqualTo(new[]
        {
            (DeadlineOutcome.Missed, (DateOnly?)new DateOnly(2024, 4, 8), 4, nameof(DenunciationSettlementExtended)),
            (DeadlineOutcome.Met, (DateOnly?)new DateOnly(2024, 5, 6), (int?)null, nameof(DenunciationConcluded)),
        }));
        Assert.That(report.Breaches.Single(b => b.Deadline.Step == DeadlineStep.DenunciationSettlement).Competent, Is.EqualTo(Story.Chair),
            "who accepted the denunciation answers for it");

        // Extended in time, the same story has no lapse of its settlement.
        story[4] = Story.Extended(Story.At(2024, 4, 5), 1, days: 30);
        Assert.That(CaseAudit.Build(CaseSpec.Id, Entries(story), new DateOnly(2024, 5, 1), Options).Breaches.Where(b => b.Deadline.Step == DeadlineStep.DenunciationSettlement),
            Is.Empty);
    }

    [Test]
    public void A_denunciation_outside_the_bodys_competence_is_transferred_within_five_working_days()
    {
        // Received Mon 4 Mar 2024: five working days end Mon 11 Mar (the weekend does not count).
        var at = Story.At(2024, 3, 4);
        object[] Story_(DateTimeOffset transferredAt) => [Story.Received(at), Story.Classified(CaseKind.Denunciation, at.AddHours(1)), Story.Transferred(transferredAt)];
        var late = Single(CaseAudit.Build(CaseSpec.Id, Entries(Story_(Story.At(2024, 3, 12))), new DateOnly(2024, 3, 20), Options), DeadlineStep.DenunciationTransfer);
        Assert.That((late.Outcome, late.Deadline.Due, late.DaysLate, late.Competent, late.Deadline.Citation),
            Is.EqualTo((DeadlineOutcome.Missed, (DateOnly?)new DateOnly(2024, 3, 11), (int?)1, (string?)Story.Clerk, "Law 25/2018/QH14 Art. 24 cl. 2")));
        var inTime = Single(CaseAudit.Build(CaseSpec.Id, Entries(Story_(Story.At(2024, 3, 11))), new DateOnly(2024, 3, 20), Options), DeadlineStep.DenunciationTransfer);
        Assert.That(inTime.Outcome, Is.EqualTo(DeadlineOutcome.Met));

        // Transferred after the 7 working days of the check as well: only the transfer's own period is a lapse, the check's ends.
        var veryLate = CaseAudit.Build(CaseSpec.Id, Entries(Story_(Story.At(2024, 3, 20))), new DateOnly(2024, 3, 25), Options);
        Assert.That(veryLate.Breaches.Select(b => b.Deadline.Step), Is.EqualTo(new[] { DeadlineStep.DenunciationTransfer }));
        Assert.That(Single(veryLate, DeadlineStep.DenunciationCheck).Outcome, Is.EqualTo(DeadlineOutcome.Ended));

        var complaint = CaseAudit.Build(CaseSpec.Id, Entries(Story.Received(at), Story.Classified(CaseKind.Complaint, at.AddHours(1)), Story.Transferred(Story.At(2024, 3, 12))),
            new DateOnly(2024, 3, 20), Options);
        Assert.That(complaint.Deadlines.Select(d => d.Deadline.Step), Has.None.EqualTo(DeadlineStep.DenunciationTransfer), "only a denunciation's transfer has this period");
    }
}
