using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>The denunciation stream (Law 25/2018/QH14): check on receipt, acceptance, notices, extensions, conclusion, late-settlement reports.</summary>
public sealed class DenunciationSpecs
{
    private static readonly DateTimeOffset ReceivedAt = Story.At(2025, 4, 7);
    private static readonly DateTimeOffset AcceptedAt = Story.At(2025, 4, 14);
    private static readonly DateTimeOffset Later = Story.At(2025, 7, 7);

    // Within the thirty days that run from the acceptance (Law 25/2018/QH14 Art. 30 cl. 1).
    private static readonly DateTimeOffset InTime = AcceptedAt.AddDays(28);

    private static readonly Guid Id = CaseSpec.Id;

    private static WidenDenunciationCheck Widen(DateTimeOffset at) => new(Id, ["phuong-1", "xa-2", "phuong-1"], Story.Inspector, at);

    private static AcceptDenunciation Accept(DateTimeOffset at, bool evidence = false) => new(Id, "Names the official and attaches receipts", evidence, Story.Chair, at);

    private static RefuseDenunciation Refuse(DateTimeOffset at) => new(Id, "The matter was already settled", Story.Chair, at);

    private static NotifyDenunciationParties Notify(DateTimeOffset at, params NoticeParty[] parties) => new(Id, parties, DenunciationNoticeSubject.Acceptance, Story.Clerk, at);

    private static ExtendDenunciationSettlement Extend(DateTimeOffset at, DenunciationComplexity complexity, int days = 30)
        => new(Id, complexity, days, "Evidence held by another province", false, Story.Chair, at);

    private static ConcludeDenunciation Conclude(DateTimeOffset at) => new(Id, Finding.PartlyFounded, "The official breached procurement rules", Story.Chair, at);

    private static DemandLateSettlementReport Demand(DateTimeOffset at) => new(Id, "Thanh tra thành phố", Story.Inspector, at);

    private static SubmitLateSettlementReport Submit(DateTimeOffset at, string reference = "BC-TT-09") => new(Id, reference, Story.Chair, at);

    private static object[] Accepted(bool anonymous = false) => Story.AcceptedDenunciation(AcceptedAt, anonymous);

    // ---------------------------------------------------------------- WidenDenunciationCheck

    [Test]
    public void Widening_the_check_records_the_places()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt))
            .Then(Widen(Later), new DenunciationCheckWidened(Id, ["phuong-1", "xa-2", "phuong-1"], Story.Inspector, Later));

    [Test]
    public void Widening_a_check_already_widened_is_refused()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt)).And(Story.CheckWidened(ReceivedAt.AddDays(2))).ThenRefusedWith(Widen(Later), "denunciation.widen-check.already-widened");

    [Test]
    public void An_accepted_denunciation_is_past_the_check()
        => CaseSpec.Given(Accepted()).ThenRefused(Widen(Later), "Cannot widen the check", "DenunciationUnderSettlement", "needs it to be DenunciationUnderCheck");

    [Test]
    public void A_complaint_has_no_denunciation_check()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).ThenRefused(Widen(Later), "AwaitingAcceptance");

    // ---------------------------------------------------------------- AcceptDenunciation

    [Test]
    public void Accepting_a_named_denunciation()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt))
            .Then(Accept(Later), new DenunciationAccepted(Id, "Names the official and attaches receipts", false, Story.Chair, Later));

    [Test]
    public void An_anonymous_denunciation_with_verifiable_evidence_is_accepted()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt, anonymous: true))
            .Then(Accept(Later, evidence: true), new DenunciationAccepted(Id, "Names the official and attaches receipts", true, Story.Chair, Later));

    [Test]
    public void An_anonymous_denunciation_without_verifiable_evidence_is_refused()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt, anonymous: true))
            .ThenRefused(Accept(Later), "anonymous denunciation", "concrete, verifiable evidence", "RefuseDenunciation");

    [TestCase(false)]
    [TestCase(true)]
    public void A_denunciation_that_names_no_one_cannot_be_accepted(bool anonymous)
        => CaseSpec.Given(Story.ReceivedWithoutRespondent(ReceivedAt, anonymous), Story.Classified(CaseKind.Denunciation, ReceivedAt.AddDays(1)))
            .ThenRefused(Accept(Later, evidence: true), "names who is denounced");

    [Test]
    public void A_blank_respondent_names_no_one()
        => CaseSpec.Given(Story.Received(ReceivedAt) with { Respondent = "   " }, Story.Classified(CaseKind.Denunciation, ReceivedAt.AddDays(1)))
            .ThenRefused(Accept(Later), "names who is denounced");

    [Test]
    public void Accepting_again_is_not_recorded_twice()
        => CaseSpec.Given(Accepted()).ThenNotRecordedTwice(Accept(Later), exactReplay: false);

    [Test]
    public void A_refused_denunciation_cannot_be_accepted()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt)).And(Story.DenunciationRefused(ReceivedAt.AddDays(3)))
            .ThenRefused(Accept(Later), "Cannot accept the denunciation", "DenunciationNotAccepted (closed)");

    [Test]
    public void A_complaint_cannot_be_accepted_as_a_denunciation()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).ThenRefused(Accept(Later), "AwaitingAcceptance", "DenunciationUnderCheck");

    // ---------------------------------------------------------------- RefuseDenunciation

    [Test]
    public void Refusing_a_denunciation_under_check()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt))
            .Then(Refuse(Later), new DenunciationNotAccepted(Id, "The matter was already settled", Story.Chair, Later));

    [Test]
    public void Refusing_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt)).And(Story.DenunciationRefused(ReceivedAt.AddDays(3))).ThenNotRecordedTwice(Refuse(Later), exactReplay: false);

    [Test]
    public void An_accepted_denunciation_cannot_be_refused()
        => CaseSpec.Given(Accepted()).ThenRefused(Refuse(Later), "Cannot refuse the denunciation", "DenunciationUnderSettlement");

    // ---------------------------------------------------------------- NotifyDenunciationParties

    [Test]
    public void Notifying_records_each_party_once()
        => CaseSpec.Given(Accepted())
            .Then(Notify(Later, NoticeParty.Denounced, NoticeParty.Denouncer, NoticeParty.Denounced),
                new DenunciationPartiesNotified(Id, [NoticeParty.Denounced, NoticeParty.Denouncer], DenunciationNoticeSubject.Acceptance, Story.Clerk, Later));

    [Test]
    public void A_later_notice_records_only_the_parties_not_yet_notified()
        => CaseSpec.Given(Accepted()).And(Story.DenunciationNotified(AcceptedAt.AddDays(1), NoticeParty.Denouncer))
            .Then(Notify(Later, NoticeParty.Denouncer, NoticeParty.Denounced), new DenunciationPartiesNotified(Id, [NoticeParty.Denounced], DenunciationNoticeSubject.Acceptance, Story.Clerk, Later));

    [Test]
    public void Notifying_parties_already_notified_is_refused()
        => CaseSpec.Given(Accepted()).And(Story.DenunciationNotified(AcceptedAt.AddDays(1), NoticeParty.Denouncer, NoticeParty.Denounced))
            .ThenRefusedWith(Notify(Later, NoticeParty.Denounced), "denunciation.notify.already-notified");

    [Test]
    public void An_anonymous_denunciation_has_no_denouncer_to_notify()
        => CaseSpec.Given(Accepted(anonymous: true))
            .ThenRefused(Notify(Later, NoticeParty.Denounced, NoticeParty.Denouncer), "anonymous", "no denouncer to notify");

    [Test]
    public void The_person_denounced_in_an_anonymous_denunciation_is_notified()
        => CaseSpec.Given(Accepted(anonymous: true))
            .Then(Notify(Later, NoticeParty.Denounced), new DenunciationPartiesNotified(Id, [NoticeParty.Denounced], DenunciationNoticeSubject.Acceptance, Story.Clerk, Later));

    [Test]
    public void Notices_follow_the_acceptance()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt))
            .ThenRefused(Notify(Later, NoticeParty.Denounced), "Cannot notify the parties", "DenunciationUnderCheck", "needs it to be DenunciationUnderSettlement");

    // ---------------------------------------------------------------- ExtendDenunciationSettlement

    [TestCase(DenunciationComplexity.Complex, 1)]
    [TestCase(DenunciationComplexity.Complex, 30)]
    [TestCase(DenunciationComplexity.EspeciallyComplex, 30)]
    public void The_first_extension_is_number_1(DenunciationComplexity complexity, int days)
        => CaseSpec.Given(Accepted())
            .Then(Extend(InTime, complexity, days),
                new DenunciationSettlementExtended(Id, 1, complexity, days, "Evidence held by another province", false, Story.Chair, InTime));

    [TestCase(DenunciationComplexity.Complex)]
    [TestCase(DenunciationComplexity.EspeciallyComplex)]
    public void An_extension_adds_at_most_30_days(DenunciationComplexity complexity)
        => CaseSpec.Given(Accepted()).ThenRefused(Extend(InTime, complexity, 31), "at most 30 days", "31 were asked");

    [Test]
    public void A_complex_denunciation_is_extended_once()
        => CaseSpec.Given(Accepted()).And(Story.Extended(AcceptedAt.AddDays(25), 1, DenunciationComplexity.Complex))
            .ThenRefused(Extend(InTime, DenunciationComplexity.Complex), "A Complex denunciation may be extended 1 time(s)", "already extended 1 time(s)");

    [Test]
    public void An_especially_complex_denunciation_is_extended_a_second_time()
        => CaseSpec.Given(Accepted()).And(Story.Extended(AcceptedAt.AddDays(25), 1))
            .Then(Extend(InTime, DenunciationComplexity.EspeciallyComplex, 20),
                new DenunciationSettlementExtended(Id, 2, DenunciationComplexity.EspeciallyComplex, 20, "Evidence held by another province", false, Story.Chair, InTime));

    [Test]
    public void An_especially_complex_denunciation_is_not_extended_a_third_time()
        => CaseSpec.Given(Accepted()).And(Story.Extended(AcceptedAt.AddDays(25), 1), Story.Extended(AcceptedAt.AddDays(50), 2))
            .ThenRefused(Extend(Later, DenunciationComplexity.EspeciallyComplex), "may be extended 2 time(s)", "already extended 2 time(s)");

    [Test]
    public void The_2026_rules_keep_the_extension_limits()
    {
        var accepted = Story.At(2026, 7, 6);
        CaseSpec.Given(Story.AcceptedDenunciation(accepted)).And(Story.Extended(accepted.AddDays(25), 1, DenunciationComplexity.Complex))
            .ThenRefused(Extend(accepted.AddDays(40), DenunciationComplexity.Complex), "may be extended 1 time(s)");
        CaseSpec.Given(Story.AcceptedDenunciation(accepted)).ThenRefused(Extend(accepted.AddDays(20), DenunciationComplexity.Complex, 31), "at most 30 days");
    }

    [Test]
    public void A_denunciation_under_check_cannot_be_extended()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt))
            .ThenRefused(Extend(Later, DenunciationComplexity.Complex), "Cannot extend the settlement period", "DenunciationUnderCheck");

    [Test]
    public void A_concluded_denunciation_cannot_be_extended()
        => CaseSpec.Given(Accepted()).And(Story.Concluded(AcceptedAt.AddDays(20)))
            .ThenRefused(Extend(Later, DenunciationComplexity.Complex), "DenunciationConcluded (closed)");

    // ---------------------------------------------------------------- ConcludeDenunciation

    [Test]
    public void Concluding_a_denunciation()
        => CaseSpec.Given(Accepted()).And(Story.DenunciationVerified(AcceptedAt.AddDays(20)))
            .Then(Conclude(Later), new DenunciationConcluded(Id, Finding.PartlyFounded, "The official breached procurement rules", Story.Chair, Later));

    [Test]
    public void Concluding_again_is_not_recorded_twice()
        => CaseSpec.Given(Accepted()).And(Story.DenunciationVerified(AcceptedAt.AddDays(19)), Story.Concluded(AcceptedAt.AddDays(20))).ThenNotRecordedTwice(Conclude(Later), exactReplay: false);

    [Test]
    public void A_denunciation_must_be_accepted_before_it_is_concluded()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt))
            .ThenRefused(Conclude(Later), "Cannot conclude the denunciation", "DenunciationUnderCheck", "needs it to be DenunciationUnderSettlement");

    // ---------------------------------------------------------------- DemandLateSettlementReport

    [Test]
    public void A_supervising_body_demands_a_late_settlement_report()
        => CaseSpec.Given(Accepted())
            .Then(Demand(Later), new LateSettlementReportDemanded(Id, "Thanh tra thành phố", Story.Inspector, Later));

    [Test]
    public void Demanding_while_a_demand_is_pending_is_not_recorded_twice()
        => CaseSpec.Given(Accepted()).And(Story.ReportDemanded(AcceptedAt.AddDays(35))).ThenNotRecordedTwice(Demand(Later), exactReplay: false);

    [Test]
    public void A_new_demand_after_the_report_was_sent_is_recorded()
        => CaseSpec.Given(Accepted()).And(Story.ReportDemanded(AcceptedAt.AddDays(35)), Story.ReportSubmitted(AcceptedAt.AddDays(38)))
            .Then(Demand(Later), new LateSettlementReportDemanded(Id, "Thanh tra thành phố", Story.Inspector, Later));

    [Test]
    public void No_report_is_demanded_on_a_concluded_denunciation()
        => CaseSpec.Given(Accepted()).And(Story.Concluded(AcceptedAt.AddDays(20)))
            .ThenRefused(Demand(Later), "Cannot demand a late-settlement report", "DenunciationConcluded (closed)");

    [Test]
    public void No_report_is_demanded_before_acceptance()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt)).ThenRefused(Demand(Later), "DenunciationUnderCheck");

    // ---------------------------------------------------------------- SubmitLateSettlementReport

    [Test]
    public void Submitting_the_demanded_report()
        => CaseSpec.Given(Accepted()).And(Story.ReportDemanded(AcceptedAt.AddDays(35)))
            .Then(Submit(Later), new LateSettlementReportSubmitted(Id, "BC-TT-09", Story.Chair, Later));

    [Test]
    public void Submitting_again_is_not_recorded_twice()
        => CaseSpec.Given(Accepted()).And(Story.ReportDemanded(AcceptedAt.AddDays(35)), Story.ReportSubmitted(AcceptedAt.AddDays(38)))
            .ThenNotRecordedTwice(Submit(Later), exactReplay: false);

    [Test]
    public void A_report_nobody_demanded_is_refused()
        => CaseSpec.Given(Accepted()).ThenRefused(Submit(Later), "No late-settlement report was demanded");

    [Test]
    public void A_report_demanded_before_the_conclusion_can_be_sent_after_it()
        => CaseSpec.Given(Accepted()).And(Story.ReportDemanded(AcceptedAt.AddDays(35)), Story.Concluded(AcceptedAt.AddDays(37)))
            .Then(Submit(Later), new LateSettlementReportSubmitted(Id, "BC-TT-09", Story.Chair, Later));

    [Test]
    public void A_reveal_to_a_clearance_holder_counts_as_a_step_but_does_not_stop_earlier_steps_from_being_back_filled()
    {
        var received = Story.At(2024, 3, 4);
        var spec = CaseSpec.Given(Story.DenunciationUnderCheck(received))
            .And(new DenouncerIdentityRevealed(CaseSpec.Id, "Xác minh nội dung tố cáo", Story.Inspector, Story.At(2026, 11, 26)));
        Assert.That(spec.State.Version, Is.EqualTo(3), "the reveal is an event of the case");
        spec.Then(new AcceptDenunciation(CaseSpec.Id, "Concrete evidence of a bribe", true, Story.Chair, received.AddDays(5)),
            new DenunciationAccepted(CaseSpec.Id, "Concrete evidence of a bribe", true, Story.Chair, received.AddDays(5)));
    }

    [Test]
    public void Only_a_named_denouncer_can_be_revealed()
    {
        var at = Story.At(2024, 3, 4);
        CaseSpec.Given(Story.ComplaintAwaitingAcceptance(at)).ThenRefused(new RevealDenouncerIdentity(CaseSpec.Id, "x", Story.Inspector, at.AddDays(1)), "not a denunciation");
        CaseSpec.Given(Story.DenunciationUnderCheck(at, anonymous: true)).ThenRefused(new RevealDenouncerIdentity(CaseSpec.Id, "x", Story.Inspector, at.AddDays(1)), "anonymous");
    }
}
