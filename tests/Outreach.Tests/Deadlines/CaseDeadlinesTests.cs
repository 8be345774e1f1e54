using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Tests.Support;

namespace Outreach.Tests.Deadlines;

public sealed class CaseDeadlinesTests
{
    private static readonly Guid Id = CaseSpec.Id;

    private static IReadOnlyList<CaseDeadline> DeadlinesAfter(params object[] events)
        => CaseDeadlines.For(CaseState.Fold(Id, events), Rulebook.Default, WorkingCalendar.Vietnam);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Test]
    public void A_complaint_awaiting_acceptance_has_ten_days_from_receipt()
    {
        var d = DeadlinesAfter(Story.Received(Story.At(2024, 3, 4)), Story.Classified(CaseKind.Complaint, Story.At(2024, 3, 5))).Single();
        Assert.That((d.Step, d.StartsAfter, d.Due, d.Citation), Is.EqualTo((DeadlineStep.ComplaintAcceptance, D(2024, 3, 4), D(2024, 3, 14), "Law 02/2011/QH13 Art. 27")));
        Assert.That(d.IsObligation, Is.True);
    }

    [Test]
    public void A_petition_reclassified_as_a_complaint_keeps_the_acceptance_clock_that_started_at_receipt()
    {
        // Art. 27 counts from receipt of the complaint: the body had it from 4 Mar, whatever it first took it for.
        var d = DeadlinesAfter(
            Story.Received(Story.At(2024, 3, 4)), Story.Classified(CaseKind.Suggestion, Story.At(2024, 3, 5)),
            new PetitionReclassified(Id, CaseKind.Suggestion, CaseKind.Complaint, "asks to revoke a decision", Story.Clerk, Story.At(2024, 3, 11))).Single();
        Assert.That((d.Step, d.StartsAfter, d.Due), Is.EqualTo((DeadlineStep.ComplaintAcceptance, D(2024, 3, 4), D(2024, 3, 14))));

        // The same for a denunciation's check (Art. 24 cl. 1): Mon 4 Mar + 7 working days = Wed 13 Mar.
        var check = DeadlinesAfter(
            Story.Received(Story.At(2024, 3, 4)), Story.Classified(CaseKind.Complaint, Story.At(2024, 3, 5)),
            new PetitionReclassified(Id, CaseKind.Complaint, CaseKind.Denunciation, "reports an official's misconduct", Story.Clerk, Story.At(2024, 3, 11))).Single();
        Assert.That((check.Step, check.StartsAfter, check.Due), Is.EqualTo((DeadlineStep.DenunciationCheck, D(2024, 3, 4), D(2024, 3, 13))));
    }

    // Accepted Fri 1 Mar 2024: +30 = Sun 31 Mar → Mon 1 Apr; +45 = Mon 15 Apr; +60 = Tue 30 Apr (holiday) → Thu 2 May.
    [TestCase(false, false, DeadlineStep.FirstDecision, 30, "2024-04-01")]
    [TestCase(true, false, DeadlineStep.FirstDecisionComplex, 45, "2024-04-15")]
    [TestCase(false, true, DeadlineStep.FirstDecisionRemote, 45, "2024-04-15")]
    [TestCase(true, true, DeadlineStep.FirstDecisionRemoteComplex, 60, "2024-05-02")]
    public void First_decision_period_depends_on_complexity_and_area(bool complex, bool remote, DeadlineStep step, int days, string due)
    {
        var d = DeadlinesAfter(Story.AcceptedComplaint(Story.At(2024, 3, 1), complex, remote)).Single();
        Assert.That((d.Step, d.Days, d.Due), Is.EqualTo((step, days, DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public void Changing_the_flags_changes_the_period()
    {
        var events = Story.AcceptedComplaint(Story.At(2024, 3, 1)).Append(new ComplaintFlagsChanged(Id, true, false, "many parties", Story.Chair, Story.At(2024, 3, 5)));
        Assert.That(DeadlinesAfter([.. events]).Single().Step, Is.EqualTo(DeadlineStep.FirstDecisionComplex));
    }

    // Second acceptance Mon 3 Jun 2024: +45 = Thu 18 Jul; +60 = Fri 2 Aug; +70 = Mon 12 Aug.
    [TestCase(false, false, DeadlineStep.SecondDecision, "2024-07-18")]
    [TestCase(true, false, DeadlineStep.SecondDecisionComplex, "2024-08-02")]
    [TestCase(false, true, DeadlineStep.SecondDecisionRemote, "2024-08-02")]
    [TestCase(true, true, DeadlineStep.SecondDecisionRemoteComplex, "2024-08-12")]
    public void Second_decision_period_depends_on_complexity_and_area(bool complex, bool remote, DeadlineStep step, string due)
    {
        var d = DeadlinesAfter(
            [.. Story.AcceptedComplaint(Story.At(2024, 3, 1)), Story.VerifierAssigned(Story.At(2024, 3, 2)), Story.Verified(Story.At(2024, 3, 10)),
            Story.FirstDecision(Story.At(2024, 3, 20)),
            new SecondComplaintFiled(Id, SecondComplaintGround.DisagreesWithFirstDecision, "disagrees", null, null, Story.Clerk, Story.At(2024, 5, 27)),
            Story.Accepted(Story.At(2024, 6, 3), round: 2, complex, remote)]).Single();
        Assert.That((d.Step, d.Due), Is.EqualTo((step, DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Test]
    public void A_second_complaint_awaits_acceptance_within_ten_days_of_filing()
    {
        var d = DeadlinesAfter(
            [.. Story.AcceptedComplaint(Story.At(2024, 3, 1)), Story.VerifierAssigned(Story.At(2024, 3, 2)), Story.Verified(Story.At(2024, 3, 10)),
            Story.FirstDecision(Story.At(2024, 3, 20)),
            new SecondComplaintFiled(Id, SecondComplaintGround.DisagreesWithFirstDecision, "disagrees", null, null, Story.Clerk, Story.At(2024, 4, 1))]).Single();
        Assert.That((d.Step, d.StartsAfter, d.Due, d.Citation), Is.EqualTo((DeadlineStep.SecondComplaintAcceptance, D(2024, 4, 1), D(2024, 4, 11), "Law 02/2011/QH13 Art. 36")),
            "the second round's acceptance has its own article");
    }

    [Test]
    public void After_the_first_decision_delivery_is_due_and_the_second_complaint_window_runs_once_the_complainant_has_it()
    {
        object[] story = [.. Story.AcceptedComplaint(Story.At(2024, 3, 1)), Story.VerifierAssigned(Story.At(2024, 3, 2)), Story.Verified(Story.At(2024, 3, 10)), Story.FirstDecision(Story.At(2024, 3, 20))];
        var open = DeadlinesAfter(story);
        // Wed 20 Mar 2024 + 3 working days = Mon 25 Mar (Art. 32). No window yet: it runs from receipt (Art. 33).
        Assert.That(open.Select(d => (d.Step, d.Due)), Is.EqualTo(new[] { (DeadlineStep.DecisionDelivery, (DateOnly?)D(2024, 3, 25)) }));

        var toRespondent = DeadlinesAfter([.. story, new DecisionDelivered(Id, 1, [NoticeParty.Respondent], Story.Clerk, Story.At(2024, 3, 21))]);
        Assert.That(toRespondent.Select(d => d.Step), Is.EqualTo(new[] { DeadlineStep.DecisionDelivery }), "only the complainant's receipt starts the window");

        var delivered = DeadlinesAfter([.. story, new DecisionDelivered(Id, 1, [NoticeParty.Complainant], Story.Clerk, Story.At(2024, 3, 22))]);
        // Received Fri 22 Mar: +30 days = Sun 21 Apr → Mon 22 Apr.
        Assert.That(delivered.Select(d => (d.Step, d.StartsAfter, d.Due)), Is.EqualTo(new[] { (DeadlineStep.SecondComplaintWindow, D(2024, 3, 22), (DateOnly?)D(2024, 4, 22)) }));
        Assert.That(delivered[0].IsObligation, Is.False, "the window is the complainant's, not an authority deadline");
        Assert.That(delivered[0].IsOverdue(D(2025, 1, 1)), Is.False);
    }

    [Test]
    public void The_second_complaint_window_is_longer_in_a_remote_area()
    {
        object[] story = [.. Story.AcceptedComplaint(Story.At(2024, 3, 1), remote: true), Story.VerifierAssigned(Story.At(2024, 3, 2)), Story.Verified(Story.At(2024, 3, 10)), Story.FirstDecision(Story.At(2024, 3, 20)),
            new DecisionDelivered(Id, 1, [NoticeParty.Complainant], Story.Clerk, Story.At(2024, 3, 22))];
        var window = DeadlinesAfter(story).Single(d => !d.IsObligation);
        Assert.That((window.Step, window.Days), Is.EqualTo((DeadlineStep.SecondComplaintWindowRemote, 45)));
    }

    [Test]
    public void The_rule_set_is_chosen_by_the_acceptance_date()
    {
        Assert.That(DeadlinesAfter(Story.AcceptedComplaint(Story.At(2026, 6, 30))).Single().RuleSet, Is.EqualTo("2011"));
        Assert.That(DeadlinesAfter(Story.AcceptedComplaint(Story.At(2026, 7, 1))).Single().RuleSet, Is.EqualTo("2026"));
        Assert.That(Rulebook.Default.For(new DateOnly(2026, 7, 1)).AllowsSuspension, Is.True);
        Assert.That(Rulebook.Default.For(new DateOnly(2026, 6, 30)).AllowsSuspension, Is.False);
    }

    [Test]
    public void A_second_complaint_follows_the_rules_in_force_when_it_was_accepted()
    {
        object[] story =
        [
            .. Story.AcceptedComplaint(Story.At(2026, 5, 4)), Story.VerifierAssigned(Story.At(2026, 5, 5)), Story.Verified(Story.At(2026, 5, 20)),
            Story.FirstDecision(Story.At(2026, 6, 1)),
            new SecondComplaintFiled(Id, SecondComplaintGround.DisagreesWithFirstDecision, "disagrees", null, null, Story.Clerk, Story.At(2026, 6, 25)),
        ];
        Assert.That(DeadlinesAfter(story).Single().RuleSet, Is.EqualTo("2011"), "filed before 1 Jul 2026");
        var accepted = CaseState.Fold(Id, [.. story, Story.Accepted(Story.At(2026, 7, 2), round: 2)]);
        Assert.That(CaseDeadlines.For(accepted, Rulebook.Default, WorkingCalendar.Vietnam).Single().RuleSet, Is.EqualTo("2026"));
        Assert.That(Rulebook.Default.For(accepted.RulesDate).AllowsSuspension, Is.True, "the second round may be suspended under the amendments");
    }

    [Test]
    public void A_suspension_pauses_the_decision_deadline_and_resuming_shifts_it()
    {
        var accepted = Story.AcceptedComplaint(Story.At(2026, 7, 1));
        var suspended = new ComplaintSuspended(Id, 1, SuspensionGround.AwaitingOtherBody, "waiting for the land registry", Story.Chair, Story.At(2026, 7, 10));
        var paused = DeadlinesAfter([.. accepted, suspended]).Single();
        Assert.That(paused.IsPaused, Is.True);
        Assert.That(paused.DaysLeft(D(2026, 7, 15)), Is.Null);
        Assert.That(paused.IsOverdue(D(2027, 1, 1)), Is.False);

        var resumed = DeadlinesAfter([.. accepted, suspended, new ComplaintResumed(Id, 1, [NoticeParty.Complainant], Story.Chair, Story.At(2026, 7, 20))]).Single();
        Assert.That(resumed.Due, Is.EqualTo(D(2026, 8, 10)));
    }

    [Test]
    public void A_denunciation_under_check_has_seven_working_days_or_ten_when_widened()
    {
        object[] received = [Story.Received(Story.At(2024, 3, 1)), Story.Classified(CaseKind.Denunciation, Story.At(2024, 3, 1))];
        var check = DeadlinesAfter(received).Single();
        Assert.That((check.Step, check.Basis, check.Due), Is.EqualTo((DeadlineStep.DenunciationCheck, DayBasis.Working, D(2024, 3, 12))));
        var widened = DeadlinesAfter([.. received, new DenunciationCheckWidened(Id, ["Ấp 1", "Ấp 2"], Story.Chair, Story.At(2024, 3, 4))]).Single();
        Assert.That((widened.Step, widened.Due), Is.EqualTo((DeadlineStep.DenunciationCheckSeveralPlaces, D(2024, 3, 15))));
    }

    [Test]
    public void An_accepted_denunciation_must_notify_the_parties_and_be_settled_with_extensions_added()
    {
        object[] accepted = [Story.Received(Story.At(2024, 3, 1)), Story.Classified(CaseKind.Denunciation, Story.At(2024, 3, 1)), Story.DenunciationAccepted(Story.At(2024, 3, 8))];
        var open = DeadlinesAfter(accepted);
        // Fri 8 Mar 2024: notice + 5 working days = Fri 15 Mar; settlement +30 days = Sun 7 Apr → Mon 8 Apr.
        Assert.That(open.Select(d => (d.Step, d.Due)), Is.EqualTo(new[] { (DeadlineStep.DenunciationNotice, (DateOnly?)D(2024, 3, 15)), (DeadlineStep.DenunciationSettlement, (DateOnly?)D(2024, 4, 8)) }));

        var notified = new DenunciationPartiesNotified(Id, [NoticeParty.Denouncer, NoticeParty.Denounced], DenunciationNoticeSubject.Acceptance, Story.Clerk, Story.At(2024, 3, 12));
        var extended = new DenunciationSettlementExtended(Id, 1, DenunciationComplexity.Complex, 30, "expert opinion needed", false, Story.Chair, Story.At(2024, 4, 1));
        var settlement = DeadlinesAfter([.. accepted, notified, extended]).Single();
        // +60 days from 8 Mar 2024 = Tue 7 May 2024.
        Assert.That((settlement.Step, settlement.Days, settlement.Due), Is.EqualTo((DeadlineStep.DenunciationSettlement, 60, D(2024, 5, 7))));
    }

    [Test]
    public void A_demanded_late_settlement_report_is_due_in_five_working_days()
    {
        object[] accepted =
        [
            Story.Received(Story.At(2024, 3, 1)), Story.Classified(CaseKind.Denunciation, Story.At(2024, 3, 1)), Story.DenunciationAccepted(Story.At(2024, 3, 8)),
            new DenunciationPartiesNotified(Id, [NoticeParty.Denouncer, NoticeParty.Denounced], DenunciationNoticeSubject.Acceptance, Story.Clerk, Story.At(2024, 3, 12)),
            new LateSettlementReportDemanded(Id, "Thanh tra tỉnh", "Chánh Thanh tra", Story.At(2024, 4, 15)),
        ];
        var report = DeadlinesAfter(accepted).Single(d => d.Step == DeadlineStep.LateSettlementReport);
        // Mon 15 Apr 2024 + 5 working days, skipping Thu 18 Apr (Hùng Kings' day): Tue 23 Apr.
        Assert.That(report.Due, Is.EqualTo(D(2024, 4, 23)));
        var submitted = DeadlinesAfter([.. accepted, new LateSettlementReportSubmitted(Id, "BC-12", Story.Chair, Story.At(2024, 4, 19))]);
        Assert.That(submitted.Select(d => d.Step), Has.No.Member(DeadlineStep.LateSettlementReport));
    }

    [Test]
    public void Closed_cases_and_suggestions_have_no_deadline()
    {
        Assert.That(DeadlinesAfter(Story.Received(Story.At(2024, 3, 1)), Story.Classified(CaseKind.Suggestion, Story.At(2024, 3, 1))), Is.Empty);
        Assert.That(DeadlinesAfter([.. Story.AcceptedComplaint(Story.At(2024, 3, 1)), new ComplaintWithdrawn(Id, 1, false, null, Story.Clerk, Story.At(2024, 3, 9))]), Is.Empty);
    }

    [Test]
    public void Days_left_and_overdue_are_counted_from_the_given_day()
    {
        var d = DeadlinesAfter(Story.AcceptedComplaint(Story.At(2024, 3, 1))).Single();
        Assert.That(d.DaysLeft(D(2024, 3, 30)), Is.EqualTo(2));
        Assert.That(d.IsOverdue(D(2024, 4, 1)), Is.False, "the due day itself is still in time");
        Assert.That(d.IsOverdue(D(2024, 4, 2)), Is.True);
        Assert.That(d.DaysLeft(D(2024, 4, 11)), Is.EqualTo(-10));
    }
}
