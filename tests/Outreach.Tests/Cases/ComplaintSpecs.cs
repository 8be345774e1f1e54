using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>
/// The complaint stream (Law 02/2011/QH13, amended by Law 136/2025/QH15 for complaints accepted from 1 Jul 2026):
/// acceptance, verification, dialogue, suspension, decisions in two rounds, withdrawal, termination and court.
/// </summary>
public sealed class ComplaintSpecs
{
    /// <summary>A complaint accepted under the 2011 rules (no suspension, no partial withdrawal).</summary>
    private static readonly DateTimeOffset AcceptedAt = Story.At(2025, 3, 10);

    /// <summary>After every step of the ready-made histories (they span at most 35 days from acceptance).</summary>
    private static readonly DateTimeOffset Later = Story.At(2025, 5, 12);

    /// <summary>A complaint accepted under the 2026 rules.</summary>
    private static readonly DateTimeOffset AcceptedAt2026 = Story.At(2026, 7, 6);
    private static readonly DateTimeOffset Later2026 = Story.At(2026, 9, 7);

    private static readonly Guid Id = CaseSpec.Id;

    private static AcceptComplaint Accept(DateTimeOffset at, params NoticeParty[] parties) => new(Id, true, false, parties, null, null, null, null, Story.Chair, at);

    private static RefuseComplaint Refuse(DateTimeOffset at, params NoticeParty[] parties) => new(Id, "Filed after the 90-day window", parties, ComplaintRefusalGround.Other, null, null, null, null, Story.Chair, at);

    private static AssignVerifier Assign(DateTimeOffset at, string verifier = Story.Verifier) => new(Id, verifier, Story.Chair, at);

    private static RecordVerification Verify(DateTimeOffset at, string reference = "BC-01") => new(Id, reference, "Fee computed on the wrong area", Story.Verifier, at);

    private static HoldDialogue Dialogue(DateTimeOffset at, string minutes = "BB-07", bool absent = false)
        => new(Id, ["Lê Văn Cường", Story.Verifier], minutes, absent, Story.Chair, at);

    private static FlagComplaint Flag(DateTimeOffset at, bool complex, bool remote) => new(Id, complex, remote, "Several plots and owners involved", Story.Chair, at);

    private static SuspendComplaint Suspend(DateTimeOffset at) => new(Id, SuspensionGround.AwaitingOtherBody, "Awaiting the court's ruling on inheritance", Story.Chair, at);

    private static ResumeComplaint Resume(DateTimeOffset at, params NoticeParty[] parties) => new(Id, parties, Story.Chair, at);

    private static IssueFirstDecision DecideFirst(DateTimeOffset at, string number = "QD-99") => new(Id, number, Finding.Founded, "The fee notice is annulled", Story.Chair, at);

    private static DeliverDecision Deliver(DateTimeOffset at, params NoticeParty[] recipients) => new(Id, recipients, Story.Clerk, at);

    private static FileSecondComplaint FileSecond(DateTimeOffset at, SecondComplaintGround ground = SecondComplaintGround.DisagreesWithFirstDecision)
        => new(Id, ground, "The recalculated fee is still wrong", null, null, null, Story.Clerk, at);

    private static IssueSecondDecision DecideSecond(DateTimeOffset at, string number = "QD-100") => new(Id, number, Finding.PartlyFounded, "Fee reduced further", Story.Chair, at);

    private static WithdrawComplaint Withdraw(DateTimeOffset at, bool partial = false) => new(Id, partial, partial ? "The claim for interest" : null, "Lê Văn Cường", at);

    private static TerminateComplaint Terminate(DateTimeOffset at, TerminationGround ground) => new(Id, ground, "Decision QD-TT-3", Story.Chair, at);

    private static RecordLawsuit Sue(DateTimeOffset at) => new(Id, "Tòa án nhân dân thành phố", Story.Clerk, at);

    // ---------------------------------------------------------------- AcceptComplaint

    [Test]
    public void Accepting_a_complaint_opens_round_1_with_each_notified_party_once()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt.AddDays(-3)))
            .Then(Accept(AcceptedAt, NoticeParty.Complainant, NoticeParty.Respondent, NoticeParty.Complainant, NoticeParty.Inspectorate, NoticeParty.Respondent),
                new ComplaintAccepted(Id, 1, true, false, [NoticeParty.Complainant, NoticeParty.Respondent, NoticeParty.Inspectorate], null, null, Story.Chair, AcceptedAt));

    [Test]
    public void Accepting_a_second_complaint_opens_round_2()
        => CaseSpec.Given(Story.SecondComplaintAwaitingAcceptance(AcceptedAt))
            .Then(Accept(Later, NoticeParty.Complainant), new ComplaintAccepted(Id, 2, true, false, [NoticeParty.Complainant], null, null, Story.Chair, Later));

    [Test]
    public void Accepting_again_in_round_1_is_not_recorded_twice()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).ThenNotRecordedTwice(Accept(Later, NoticeParty.Complainant), exactReplay: false);

    [Test]
    public void Accepting_again_in_round_2_is_not_recorded_twice()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt)).ThenNotRecordedTwice(Accept(Later, NoticeParty.Complainant), exactReplay: false);

    [Test]
    public void The_acceptance_notice_must_go_to_the_complainant()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt))
            .ThenRefused(Accept(Later, NoticeParty.Respondent, NoticeParty.Inspectorate), "acceptance notice must be sent to the Complainant");

    [Test]
    public void An_unclassified_petition_cannot_be_accepted_as_a_complaint()
        => CaseSpec.Given(Story.Received(AcceptedAt))
            .ThenRefused(Accept(Later, NoticeParty.Complainant), "Cannot accept the complaint", "AwaitingClassification", "AwaitingAcceptance or AwaitingSecondAcceptance");

    [Test]
    public void A_suggestion_cannot_be_accepted_as_a_complaint()
        => CaseSpec.Given(Story.Received(AcceptedAt), Story.Classified(CaseKind.Suggestion, AcceptedAt))
            .ThenRefused(Accept(Later, NoticeParty.Complainant), "SuggestionOpen");

    [Test]
    public void A_refused_complaint_cannot_be_accepted()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt)).And(Story.Refused(AcceptedAt.AddDays(5)))
            .ThenRefused(Accept(Later, NoticeParty.Complainant), "Refused (closed)");

    [Test]
    public void A_decided_complaint_needs_a_second_complaint_before_a_new_acceptance()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).ThenRefused(Accept(Later, NoticeParty.Complainant), "FirstDecisionIssued");

    // ---------------------------------------------------------------- RefuseComplaint

    [Test]
    public void Refusing_a_complaint_records_the_reason_and_each_notified_party_once()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt))
            .Then(Refuse(Later, NoticeParty.Complainant, NoticeParty.Complainant, NoticeParty.Respondent),
                new ComplaintRefused(Id, 1, "Filed after the 90-day window", [NoticeParty.Complainant, NoticeParty.Respondent], ComplaintRefusalGround.Other, null, null, Story.Chair, Later));

    [Test]
    public void Refusing_a_second_complaint_is_a_round_2_refusal()
        => CaseSpec.Given(Story.SecondComplaintAwaitingAcceptance(AcceptedAt))
            .Then(Refuse(Later, NoticeParty.Complainant), new ComplaintRefused(Id, 2, "Filed after the 90-day window", [NoticeParty.Complainant], ComplaintRefusalGround.Other, null, null, Story.Chair, Later));

    [Test]
    public void Refusing_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt)).And(Story.Refused(AcceptedAt.AddDays(5)))
            .ThenNotRecordedTwice(Refuse(Later, NoticeParty.Complainant), exactReplay: false);

    [Test]
    public void The_refusal_notice_must_go_to_the_complainant()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt))
            .ThenRefused(Refuse(Later, NoticeParty.Respondent), "refusal notice must be sent to the Complainant");

    [Test]
    public void An_accepted_complaint_cannot_be_refused()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).ThenRefused(Refuse(Later, NoticeParty.Complainant), "Cannot refuse the complaint", "UnderSettlement");

    // ---------------------------------------------------------------- AssignVerifier

    [Test]
    public void Assigning_a_verifier_records_it_for_round_1()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt))
            .Then(Assign(Later), new VerifierAssigned(Id, 1, Story.Verifier, Story.Chair, Later));

    [Test]
    public void Assigning_a_verifier_in_round_2_records_round_2()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt))
            .Then(Assign(Later, "Hoàng Văn Em"), new VerifierAssigned(Id, 2, "Hoàng Văn Em", Story.Chair, Later));

    [Test]
    public void Assigning_the_same_verifier_again_is_refused_unless_it_repeats_the_recorded_step()
    {
        var spec = CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt));
        spec.ThenRefusedWith(Assign(Later), "complaint.assign-verifier.same", "already the verifier");
        spec.ThenAlreadyRecorded(Assign(AcceptedAt.AddDays(1)));
    }

    [Test]
    public void A_verifier_can_be_replaced()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(Assign(Later, "Hoàng Văn Em"), new VerifierAssigned(Id, 1, "Hoàng Văn Em", Story.Chair, Later));

    [Test]
    public void A_verifier_cannot_be_assigned_before_acceptance()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt))
            .ThenRefused(Assign(Later), "Cannot assign a verifier", "AwaitingAcceptance", "UnderSettlement or UnderSecondSettlement");

    [Test]
    public void A_verifier_cannot_be_assigned_after_the_decision_even_the_same_one()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).ThenRefused(Assign(Later), "FirstDecisionIssued");

    // ---------------------------------------------------------------- RecordVerification

    [Test]
    public void Recording_the_verification_report_files_it_for_the_round()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.VerifierAssigned(AcceptedAt.AddDays(1)))
            .Then(Verify(Later), new ComplaintVerified(Id, 1, "BC-01", "Fee computed on the wrong area", Story.Verifier, Later));

    [Test]
    public void Recording_the_same_report_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt)).ThenNotRecordedTwice(Verify(Later), exactReplay: false);

    [Test]
    public void A_corrected_report_replaces_the_earlier_one()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(Verify(Later, "BC-01a"), new ComplaintVerified(Id, 1, "BC-01a", "Fee computed on the wrong area", Story.Verifier, Later));

    [Test]
    public void A_report_needs_an_assigned_verifier()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).ThenRefused(Verify(Later), "No verifier is assigned", "AssignVerifier");

    [Test]
    public void The_first_rounds_verifier_does_not_carry_over_to_round_2()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt)).ThenRefused(Verify(Later, "BC-02"), "No verifier is assigned in this round");

    [Test]
    public void A_report_cannot_be_recorded_before_acceptance()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt)).ThenRefused(Verify(Later), "Cannot record a verification report", "AwaitingAcceptance");

    // ---------------------------------------------------------------- HoldDialogue

    [Test]
    public void The_first_dialogue_of_a_round_is_number_1()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(Dialogue(Later, absent: true),
                new DialogueHeld(Id, 1, 1, ["Lê Văn Cường", Story.Verifier], "BB-07", true, Story.Chair, Later));

    [Test]
    public void A_further_dialogue_is_numbered_after_the_previous_one()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt)).And(Story.Dialogue(AcceptedAt.AddDays(3), number: 1, minutes: "BB-01"))
            .Then(Dialogue(Later, "BB-02"), new DialogueHeld(Id, 1, 2, ["Lê Văn Cường", Story.Verifier], "BB-02", false, Story.Chair, Later));

    [Test]
    public void Dialogue_numbers_restart_in_round_2()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt))
            .And(Story.VerifierAssigned(AcceptedAt.AddDays(1)), Story.Verified(AcceptedAt.AddDays(2)), Story.Dialogue(AcceptedAt.AddDays(3), number: 1, minutes: "BB-01"),
                Story.Dialogue(AcceptedAt.AddDays(4), number: 2, minutes: "BB-02"), Story.FirstDecision(AcceptedAt.AddDays(10)),
                Story.SecondComplaint(AcceptedAt.AddDays(20)), Story.Accepted(AcceptedAt.AddDays(25), round: 2),
                Story.VerifierAssigned(AcceptedAt.AddDays(26), round: 2), Story.Verified(AcceptedAt.AddDays(27), round: 2, reference: "BC-02"))
            .Then(Dialogue(Later, "BB-11"), new DialogueHeld(Id, 2, 1, ["Lê Văn Cường", Story.Verifier], "BB-11", false, Story.Chair, Later));

    [Test]
    public void Recording_the_same_minutes_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt)).And(Story.Dialogue(AcceptedAt.AddDays(3), minutes: "BB-07"))
            .ThenNotRecordedTwice(Dialogue(Later, "BB-07"), exactReplay: false);

    [Test]
    public void A_dialogue_comes_after_the_verification_report()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.VerifierAssigned(AcceptedAt.AddDays(1)))
            .ThenRefused(Dialogue(Later), "after the verification report", "RecordVerification");

    [Test]
    public void No_dialogue_while_suspended()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(5)))
            .ThenRefused(Dialogue(Later2026), "Cannot hold a dialogue", "Suspended");

    [Test]
    public void No_dialogue_after_the_first_decision()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).ThenRefused(Dialogue(Later), "FirstDecisionIssued");

    // ---------------------------------------------------------------- FlagComplaint

    [Test]
    public void Flagging_a_complaint_records_the_new_flags()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt))
            .Then(Flag(Later, complex: true, remote: true), new ComplaintFlagsChanged(Id, true, true, "Several plots and owners involved", Story.Chair, Later));

    [Test]
    public void Flags_can_be_set_before_acceptance()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt))
            .Then(Flag(Later, complex: false, remote: true), new ComplaintFlagsChanged(Id, false, true, "Several plots and owners involved", Story.Chair, Later));

    [Test]
    public void Flagging_with_unchanged_flags_is_refused_as_unchanged()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt, complex: true, remote: false)).ThenRefusedWith(Flag(Later, complex: true, remote: false), "complaint.flag.unchanged");

    [Test]
    public void Flagging_with_flags_already_changed_is_refused_as_unchanged()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.FlagsChanged(AcceptedAt.AddDays(1), complex: true, remote: true))
            .ThenRefusedWith(Flag(Later, complex: true, remote: true), "complaint.flag.unchanged");

    [Test]
    public void A_suggestion_has_no_complaint_flags()
        => CaseSpec.Given(Story.Received(AcceptedAt), Story.Classified(CaseKind.Suggestion, AcceptedAt))
            .ThenRefused(Flag(Later, true, false), "Cannot change the complaint's flags", "SuggestionOpen");

    [Test]
    public void A_closed_complaint_cannot_be_flagged()
        => CaseSpec.Given(Story.SecondDecidedComplaint(AcceptedAt)).ThenRefused(Flag(Later, false, true), "SecondDecisionIssued (closed)");

    // ---------------------------------------------------------------- SuspendComplaint

    [Test]
    public void A_complaint_accepted_under_the_2026_rules_can_be_suspended()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026))
            .Then(Suspend(Later2026),
                new ComplaintSuspended(Id, 1, SuspensionGround.AwaitingOtherBody, "Awaiting the court's ruling on inheritance", Story.Chair, Later2026));

    [Test]
    public void A_complaint_accepted_before_1_July_2026_cannot_be_suspended()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt))
            .ThenRefused(Suspend(Later), "Suspension is not available", "accepted on 2025-03-10", "from 2026-07-01");

    [Test]
    public void A_complaint_accepted_on_30_June_2026_cannot_be_suspended_even_when_suspended_after_1_July()
        => CaseSpec.Given(Story.AcceptedComplaint(Story.At(2026, 6, 30, 23)))
            .ThenRefused(Suspend(Story.At(2026, 7, 15)), "accepted on 2026-06-30");

    [Test]
    public void A_complaint_accepted_on_1_July_2026_can_be_suspended()
    {
        var at = Story.At(2026, 7, 1, 0);
        CaseSpec.Given(Story.AcceptedComplaint(at)).Then(Suspend(at),
            new ComplaintSuspended(Id, 1, SuspensionGround.AwaitingOtherBody, "Awaiting the court's ruling on inheritance", Story.Chair, at));
    }

    [Test]
    public void The_acceptance_date_is_taken_in_Vietnam_time()
    {
        // 30 Jun 2026 17:30 UTC is already 1 Jul 2026 00:30 in Vietnam.
        var utc = new DateTimeOffset(2026, 6, 30, 17, 30, 0, TimeSpan.Zero);
        CaseSpec.Given(Story.AcceptedComplaint(utc)).Then(Suspend(Later2026),
            new ComplaintSuspended(Id, 1, SuspensionGround.AwaitingOtherBody, "Awaiting the court's ruling on inheritance", Story.Chair, Later2026));

        // 30 Jun 2026 16:30 UTC is still 30 Jun 2026 23:30 in Vietnam.
        CaseSpec.Given(Story.AcceptedComplaint(utc.AddHours(-1))).ThenRefused(Suspend(Later2026), "accepted on 2026-06-30");
    }

    [Test]
    public void A_second_round_can_be_suspended_under_the_2026_rules()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt2026))
            .Then(Suspend(Later2026),
                new ComplaintSuspended(Id, 2, SuspensionGround.AwaitingOtherBody, "Awaiting the court's ruling on inheritance", Story.Chair, Later2026));

    [Test]
    public void Suspending_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(3))).ThenNotRecordedTwice(Suspend(Later2026), exactReplay: false);

    [Test]
    public void A_complaint_awaiting_acceptance_cannot_be_suspended()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt2026))
            .ThenRefused(Suspend(Later2026), "Cannot suspend the complaint", "AwaitingAcceptance");

    [Test]
    public void A_decided_complaint_cannot_be_suspended()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt2026)).ThenRefused(Suspend(Later2026), "FirstDecisionIssued");

    // ---------------------------------------------------------------- ResumeComplaint

    [Test]
    public void Resuming_records_the_round_and_each_notified_party_once()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(3)))
            .Then(Resume(Later2026, NoticeParty.Complainant, NoticeParty.RelatedParty, NoticeParty.Complainant),
                new ComplaintResumed(Id, 1, [NoticeParty.Complainant, NoticeParty.RelatedParty], Story.Chair, Later2026));

    [Test]
    public void Resuming_a_second_round_returns_it_to_the_second_settlement()
    {
        var spec = CaseSpec.Given(Story.SecondRoundVerifiedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(28), round: 2));
        spec.Then(Resume(Later2026, NoticeParty.Complainant), new ComplaintResumed(Id, 2, [NoticeParty.Complainant], Story.Chair, Later2026));

        // Folding the resumption lets the second decision be issued.
        spec.And(Story.Resumed(AcceptedAt2026.AddDays(40), round: 2))
            .Then(DecideSecond(Later2026), new SecondDecisionIssued(Id, "QD-100", Finding.PartlyFounded, "Fee reduced further", Story.Chair, Later2026));
    }

    [Test]
    public void The_resumption_notice_must_go_to_the_complainant()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(3)))
            .ThenRefused(Resume(Later2026, NoticeParty.Respondent), "resumption notice must be sent to the Complainant");

    [Test]
    public void A_complaint_that_is_not_suspended_cannot_be_resumed()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026))
            .ThenRefused(Resume(Later2026, NoticeParty.Complainant), "Cannot resume the complaint", "UnderSettlement", "needs it to be Suspended");

    [Test]
    public void Resuming_twice_is_refused_rather_than_ignored()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026))
            .And(Story.Suspended(AcceptedAt2026.AddDays(3)), Story.Resumed(AcceptedAt2026.AddDays(9)))
            .ThenRefused(Resume(Later2026, NoticeParty.Complainant), "Cannot resume the complaint", "UnderSettlement");

    // ---------------------------------------------------------------- IssueFirstDecision

    [Test]
    public void Issuing_the_first_decision_after_verification()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(DecideFirst(Later), new FirstDecisionIssued(Id, "QD-99", Finding.Founded, "The fee notice is annulled", Story.Chair, Later));

    [Test]
    public void Issuing_the_same_first_decision_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).ThenNotRecordedTwice(DecideFirst(Later, "QD-15"), exactReplay: false);

    [Test]
    public void Another_first_decision_cannot_be_issued()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).ThenRefused(DecideFirst(Later, "QD-16"), "Cannot issue the first decision", "FirstDecisionIssued");

    [Test]
    public void The_first_decision_needs_a_verification_report()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.VerifierAssigned(AcceptedAt.AddDays(1)))
            .ThenRefused(DecideFirst(Later), "No verification report", "RecordVerification");

    [Test]
    public void In_round_2_the_first_decision_command_points_to_the_second_decision()
        => CaseSpec.Given(Story.SecondRoundVerifiedComplaint(AcceptedAt)).ThenRefused(DecideFirst(Later), "second round", "IssueSecondDecision");

    [Test]
    public void The_first_decision_cannot_be_issued_before_acceptance()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt)).ThenRefused(DecideFirst(Later), "AwaitingAcceptance", "needs it to be UnderSettlement");

    [Test]
    public void The_first_decision_cannot_be_issued_while_suspended()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(3)))
            .ThenRefused(DecideFirst(Later2026), "Suspended");

    // ---------------------------------------------------------------- DeliverDecision

    [Test]
    public void Delivering_the_first_decision_records_each_recipient_once()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt))
            .Then(Deliver(Later, NoticeParty.Complainant, NoticeParty.RelatedParty, NoticeParty.Complainant),
                new DecisionDelivered(Id, 1, [NoticeParty.Complainant, NoticeParty.RelatedParty], Story.Clerk, Later));

    [Test]
    public void A_later_delivery_records_only_the_parties_not_yet_served()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).And(Story.Delivered(AcceptedAt.AddDays(11), 1, NoticeParty.Complainant))
            .Then(Deliver(Later, NoticeParty.Complainant, NoticeParty.Respondent), new DecisionDelivered(Id, 1, [NoticeParty.Respondent], Story.Clerk, Later));

    [Test]
    public void Delivering_to_parties_already_served_is_refused()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).And(Story.Delivered(AcceptedAt.AddDays(11), 1, NoticeParty.Complainant, NoticeParty.Respondent))
            .ThenRefusedWith(Deliver(Later, NoticeParty.Respondent, NoticeParty.Complainant), "complaint.deliver.already-delivered");

    [Test]
    public void The_second_decision_is_delivered_afresh_in_round_2()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).And(Story.Delivered(AcceptedAt.AddDays(11), 1, NoticeParty.Complainant))
            .And(Story.SecondComplaint(AcceptedAt.AddDays(20)), Story.Accepted(AcceptedAt.AddDays(25), round: 2),
                Story.VerifierAssigned(AcceptedAt.AddDays(26), round: 2), Story.Verified(AcceptedAt.AddDays(27), round: 2, reference: "BC-02"),
                Story.SecondDecision(AcceptedAt.AddDays(35)))
            .Then(Deliver(Later, NoticeParty.Complainant), new DecisionDelivered(Id, 2, [NoticeParty.Complainant], Story.Clerk, Later));

    [Test]
    public void No_decision_to_deliver_while_under_settlement()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .ThenRefused(Deliver(Later, NoticeParty.Complainant), "Cannot deliver the decision", "UnderSettlement", "FirstDecisionIssued or SecondDecisionIssued");

    // ---------------------------------------------------------------- FileSecondComplaint

    [Test]
    public void A_second_complaint_against_the_first_decision()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt))
            .Then(FileSecond(Later),
                new SecondComplaintFiled(Id, SecondComplaintGround.DisagreesWithFirstDecision, "The recalculated fee is still wrong", null, null, Story.Clerk, Later));

    [Test]
    public void A_second_complaint_because_the_first_deadline_lapsed()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(FileSecond(Later, SecondComplaintGround.FirstDeadlineLapsed),
                // The window ran from the first round's last day, Wed 9 Apr 2025 (30 days after Mon 10 Mar).
                new SecondComplaintFiled(Id, SecondComplaintGround.FirstDeadlineLapsed, "The recalculated fee is still wrong", new DateOnly(2025, 4, 9), null, Story.Clerk, Later));

    [Test]
    public void Disagreeing_with_a_first_decision_needs_one()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .ThenRefused(FileSecond(Later), "against the first decision", "UnderSettlement", "needs it to be FirstDecisionIssued");

    [Test]
    public void A_lapsed_deadline_ground_does_not_fit_a_decided_complaint()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt))
            .ThenRefused(FileSecond(Later, SecondComplaintGround.FirstDeadlineLapsed), "first deadline lapsed", "FirstDecisionIssued", "needs it to be UnderSettlement");

    [Test]
    public void Filing_the_second_complaint_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.SecondComplaintAwaitingAcceptance(AcceptedAt)).ThenNotRecordedTwice(FileSecond(Later), exactReplay: false);

    [Test]
    public void There_is_no_third_round()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt)).ThenRefused(FileSecond(Later), "already filed", "no third round");

    [Test]
    public void There_is_no_third_round_after_the_second_decision()
        => CaseSpec.Given(Story.SecondDecidedComplaint(AcceptedAt)).ThenRefused(FileSecond(Later), "no third round");

    [Test]
    public void A_second_complaint_needs_an_accepted_first_one()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt))
            .ThenRefused(FileSecond(Later, SecondComplaintGround.FirstDeadlineLapsed), "AwaitingAcceptance");

    // ---------------------------------------------------------------- IssueSecondDecision

    [Test]
    public void Issuing_the_second_decision_after_the_round_2_verification()
        => CaseSpec.Given(Story.SecondRoundVerifiedComplaint(AcceptedAt))
            .Then(DecideSecond(Later), new SecondDecisionIssued(Id, "QD-100", Finding.PartlyFounded, "Fee reduced further", Story.Chair, Later));

    [Test]
    public void Issuing_the_same_second_decision_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.SecondDecidedComplaint(AcceptedAt)).ThenNotRecordedTwice(DecideSecond(Later, "QD-42"), exactReplay: false);

    [Test]
    public void Another_second_decision_cannot_be_issued()
        => CaseSpec.Given(Story.SecondDecidedComplaint(AcceptedAt)).ThenRefused(DecideSecond(Later, "QD-43"), "SecondDecisionIssued (closed)");

    [Test]
    public void The_first_rounds_report_does_not_verify_round_2()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt)).And(Story.VerifierAssigned(AcceptedAt.AddDays(26), round: 2))
            .ThenRefused(DecideSecond(Later), "No verification report is on file for this round");

    [Test]
    public void The_second_decision_needs_a_second_complaint()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt))
            .ThenRefused(DecideSecond(Later), "Cannot issue the second decision", "FirstDecisionIssued", "needs it to be UnderSecondSettlement");

    [Test]
    public void The_second_decision_needs_the_second_complaint_accepted()
        => CaseSpec.Given(Story.SecondComplaintAwaitingAcceptance(AcceptedAt)).ThenRefused(DecideSecond(Later), "AwaitingSecondAcceptance");

    // ---------------------------------------------------------------- WithdrawComplaint

    [Test]
    public void A_full_withdrawal_during_settlement()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(Withdraw(Later), new ComplaintWithdrawn(Id, 1, false, null, "Lê Văn Cường", Later));

    [Test]
    public void A_full_withdrawal_in_round_2()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt))
            .Then(Withdraw(Later), new ComplaintWithdrawn(Id, 2, false, null, "Lê Văn Cường", Later));

    [Test]
    public void A_full_withdrawal_while_suspended()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(3)))
            .Then(Withdraw(Later2026), new ComplaintWithdrawn(Id, 1, false, null, "Lê Văn Cường", Later2026));

    [Test]
    public void Withdrawing_in_full_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.Withdrawn(AcceptedAt.AddDays(4))).ThenNotRecordedTwice(Withdraw(Later), exactReplay: false);

    [Test]
    public void A_partial_withdrawal_is_not_available_for_a_complaint_accepted_before_1_July_2026()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt))
            .ThenRefused(Withdraw(Later, partial: true), "Partial withdrawal is not available", "2025-03-10", "only a full withdrawal");

    [Test]
    public void A_partial_withdrawal_on_a_complaint_accepted_on_30_June_2026_is_refused()
        => CaseSpec.Given(Story.AcceptedComplaint(Story.At(2026, 6, 30)))
            .ThenRefused(Withdraw(Story.At(2026, 7, 20), partial: true), "Partial withdrawal is not available", "2026-06-30");

    [Test]
    public void A_partial_withdrawal_for_a_complaint_accepted_from_1_July_2026()
        => CaseSpec.Given(Story.AcceptedComplaint(Story.At(2026, 7, 1)))
            .Then(Withdraw(Later2026, partial: true), new ComplaintWithdrawn(Id, 1, true, "The claim for interest", "Lê Văn Cường", Later2026));

    [Test]
    public void A_partial_withdrawal_leaves_the_complaint_under_settlement_and_another_part_may_follow()
    {
        var spec = CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Withdrawn(AcceptedAt2026.AddDays(3), partial: true));
        Assert.That(spec.State.Status, Is.EqualTo(CaseStatus.UnderSettlement));
        Assert.That(Case.Fold(Id, spec.History).PartlyWithdrawn, Is.True, "the view shows the partial withdrawal");
        Assert.That(spec.State.WithdrawnParts, Has.Count.EqualTo(1));
        var otherPart = new WithdrawComplaint(Id, true, "The claim for costs", "Lê Văn Cường", Later2026);
        spec.Then(otherPart, new ComplaintWithdrawn(Id, 1, true, "The claim for costs", "Lê Văn Cường", Later2026));
        var withdrawnPart = spec.State.WithdrawnParts.Single();
        spec.ThenRefused(new WithdrawComplaint(Id, true, withdrawnPart, "Lê Văn Cường", Later2026), "already withdrawn");
    }

    [Test]
    public void Before_acceptance_the_partial_withdrawal_rule_follows_the_receipt_date()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(Story.At(2026, 7, 2)))
            .Then(Withdraw(Later2026, partial: true), new ComplaintWithdrawn(Id, 0, true, "The claim for interest", "Lê Văn Cường", Later2026));

    [Test]
    public void A_withdrawn_complaint_cannot_be_partly_withdrawn()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Withdrawn(AcceptedAt2026.AddDays(3)))
            .ThenRefused(Withdraw(Later2026, partial: true), "Cannot withdraw the complaint", "Withdrawn (closed)");

    [Test]
    public void A_closed_complaint_cannot_be_withdrawn()
        => CaseSpec.Given(Story.SecondDecidedComplaint(AcceptedAt)).ThenRefused(Withdraw(Later), "SecondDecisionIssued (closed)");

    [Test]
    public void A_suggestion_cannot_be_withdrawn_as_a_complaint()
        => CaseSpec.Given(Story.Received(AcceptedAt), Story.Classified(CaseKind.Suggestion, AcceptedAt)).ThenRefused(Withdraw(Later), "SuggestionOpen");

    // ---------------------------------------------------------------- TerminateComplaint

    [Test]
    public void Termination_for_full_withdrawal_follows_the_withdrawal()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.Withdrawn(AcceptedAt.AddDays(4)))
            .Then(Terminate(Later, TerminationGround.FullWithdrawal), new ComplaintTerminated(Id, 1, TerminationGround.FullWithdrawal, "Decision QD-TT-3", Story.Chair, Later));

    [Test]
    public void Termination_for_full_withdrawal_needs_the_withdrawal_recorded()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .ThenRefused(Terminate(Later, TerminationGround.FullWithdrawal), "record the withdrawal first", "UnderSettlement", "needs it to be Withdrawn");

    [Test]
    public void A_partial_withdrawal_is_no_ground_for_termination()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Withdrawn(AcceptedAt2026.AddDays(3), partial: true))
            .ThenRefused(Terminate(Later2026, TerminationGround.FullWithdrawal), "record the withdrawal first");

    [TestCase(TerminationGround.ComplainantDiedWithoutSuccessor)]
    [TestCase(TerminationGround.OrganisationDissolved)]
    public void Termination_on_other_grounds_during_settlement(TerminationGround ground)
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(Terminate(Later, ground), new ComplaintTerminated(Id, 1, ground, "Decision QD-TT-3", Story.Chair, Later));

    [Test]
    public void Termination_in_round_2_records_round_2()
        => CaseSpec.Given(Story.SecondRoundComplaint(AcceptedAt))
            .Then(Terminate(Later, TerminationGround.OrganisationDissolved), new ComplaintTerminated(Id, 2, TerminationGround.OrganisationDissolved, "Decision QD-TT-3", Story.Chair, Later));

    [Test]
    public void Terminating_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.Withdrawn(AcceptedAt.AddDays(4)), Story.Terminated(AcceptedAt.AddDays(5)))
            .ThenNotRecordedTwice(Terminate(Later, TerminationGround.ComplainantDiedWithoutSuccessor), exactReplay: false);

    [Test]
    public void A_refused_complaint_cannot_be_terminated()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt)).And(Story.Refused(AcceptedAt.AddDays(5)))
            .ThenRefused(Terminate(Later, TerminationGround.ComplainantDiedWithoutSuccessor), "Cannot terminate the complaint", "Refused (closed)");

    // ---------------------------------------------------------------- RecordLawsuit

    [Test]
    public void A_lawsuit_after_the_first_decision()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt))
            .Then(Sue(Later), new LawsuitFiled(Id, 1, "Tòa án nhân dân thành phố", Story.Clerk, Later));

    [Test]
    public void A_lawsuit_after_the_second_decision()
        => CaseSpec.Given(Story.SecondDecidedComplaint(AcceptedAt))
            .Then(Sue(Later), new LawsuitFiled(Id, 2, "Tòa án nhân dân thành phố", Story.Clerk, Later));

    [Test]
    public void A_lawsuit_while_the_complaint_is_unsettled()
        => CaseSpec.Given(Story.VerifiedComplaint(AcceptedAt))
            .Then(Sue(Later), new LawsuitFiled(Id, 1, "Tòa án nhân dân thành phố", Story.Clerk, Later));

    [Test]
    public void Recording_the_lawsuit_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).And(Story.Lawsuit(AcceptedAt.AddDays(15))).ThenNotRecordedTwice(Sue(Later), exactReplay: false);

    [Test]
    public void No_lawsuit_before_acceptance()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(AcceptedAt)).ThenRefused(Sue(Later), "Cannot record a lawsuit", "AwaitingAcceptance");

    [Test]
    public void No_lawsuit_while_suspended()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt2026)).And(Story.Suspended(AcceptedAt2026.AddDays(3)))
            .ThenRefused(Sue(Later2026), "Suspended");

    [Test]
    public void No_lawsuit_on_a_withdrawn_complaint()
        => CaseSpec.Given(Story.AcceptedComplaint(AcceptedAt)).And(Story.Withdrawn(AcceptedAt.AddDays(4))).ThenRefused(Sue(Later), "Withdrawn (closed)");
}
