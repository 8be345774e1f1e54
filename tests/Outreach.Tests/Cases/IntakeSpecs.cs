using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>
/// Intake: receiving, classifying, reclassifying and closing petitions before acceptance, plus the two checks
/// <see cref="CaseCommands.Decide"/> adds to every command (unknown case, chronology).
/// </summary>
public sealed class IntakeSpecs
{
    private static readonly DateTimeOffset ReceivedAt = Story.At(2025, 3, 3);
    private static readonly DateTimeOffset Later = Story.At(2025, 3, 14);

    private static ReceivePetition Receive(DateTimeOffset at, bool anonymous = false, string? name = "Lê Văn Cường", string content = "Disputes the land-use fee notice")
        => new(CaseSpec.Id, "12/TCD", ReceptionChannel.CitizenReception, name, "012345678901", "0905 123 456", null, anonymous,
            "phuong-1", content, "Phường 1 People's Committee", Story.Clerk, at);

    private static ClassifyPetition Classify(CaseKind kind, DateTimeOffset at) => new(CaseSpec.Id, kind, "Asks to review a fee notice", Story.Clerk, at);

    private static ReclassifyPetition Reclassify(CaseKind kind, DateTimeOffset at) => new(CaseSpec.Id, kind, "It contests an administrative decision", Story.Clerk, at);

    private static DeclareNotProcessable NotProcessable(DateTimeOffset at)
        => new(CaseSpec.Id, NotProcessableReason.SentToSeveralBodies, "Also sent to the provincial inspectorate", Story.Clerk, at);

    private static TransferPetition Transfer(DateTimeOffset at, string toBody = "Sở Tài nguyên và Môi trường")
        => new(CaseSpec.Id, toBody, "Land matters belong to the provincial department", Story.Clerk, at);

    private static GuideCitizen Guide(DateTimeOffset at) => new(CaseSpec.Id, "Address the district court", "Tòa án nhân dân khu vực 1", Story.Clerk, at);

    private static AnswerPetition Answer(DateTimeOffset at) => new(CaseSpec.Id, "The street light was repaired", Story.Clerk, at);

    private static object[] Suggestion() => [Story.Received(ReceivedAt), Story.Classified(CaseKind.Suggestion, ReceivedAt.AddDays(1))];

    // ---------------------------------------------------------------- ReceivePetition

    [Test]
    public void Receiving_a_petition_opens_the_case()
        => CaseSpec.Given().Then(Receive(ReceivedAt),
            new PetitionReceived(CaseSpec.Id, "12/TCD", ReceptionChannel.CitizenReception, Story.Sealed("Lê Văn Cường", "012345678901", "0905 123 456"), false,
                "phuong-1", "Disputes the land-use fee notice", "Phường 1 People's Committee", Story.Clerk, ReceivedAt));

    [Test]
    public void An_anonymous_petition_records_nothing_that_identifies_the_submitter_even_if_it_was_typed()
        => CaseSpec.Given().Then(Receive(ReceivedAt, anonymous: true, name: "Lê Văn Cường"),
            new PetitionReceived(CaseSpec.Id, "12/TCD", ReceptionChannel.CitizenReception, null, true,
                "phuong-1", "Disputes the land-use fee notice", "Phường 1 People's Committee", Story.Clerk, ReceivedAt));

    [Test]
    public void Receiving_the_same_petition_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.Received(ReceivedAt)).ThenNotRecordedTwice(Receive(ReceivedAt), exactReplay: false);

    [Test]
    public void Receiving_a_different_petition_under_an_existing_id_is_refused()
        => CaseSpec.Given(Story.Received(ReceivedAt))
            .ThenRefused(Receive(ReceivedAt, content: "Asks for a street light"), "already exists", "2025-03-03", "Use a new id");

    [Test]
    public void Receiving_the_same_content_at_another_time_under_an_existing_id_is_refused()
        => CaseSpec.Given(Story.Received(ReceivedAt)).ThenRefused(Receive(ReceivedAt.AddHours(1)), "already exists");

    // ---------------------------------------------------------------- ClassifyPetition

    [TestCase(CaseKind.Suggestion)]
    [TestCase(CaseKind.Complaint)]
    [TestCase(CaseKind.Denunciation)]
    public void Classifying_a_received_petition_records_its_kind(CaseKind kind)
        => CaseSpec.Given(Story.Received(ReceivedAt)).Then(Classify(kind, Later),
            new PetitionClassified(CaseSpec.Id, kind, "Asks to review a fee notice", Story.Clerk, Later));

    [TestCase(CaseKind.Suggestion)]
    [TestCase(CaseKind.Denunciation)]
    public void An_anonymous_petition_may_be_a_suggestion_or_a_denunciation(CaseKind kind)
        => CaseSpec.Given(Story.Received(ReceivedAt, anonymous: true)).Then(Classify(kind, Later),
            new PetitionClassified(CaseSpec.Id, kind, "Asks to review a fee notice", Story.Clerk, Later));

    [Test]
    public void An_anonymous_petition_cannot_be_classified_as_a_complaint()
        => CaseSpec.Given(Story.Received(ReceivedAt, anonymous: true))
            .ThenRefused(Classify(CaseKind.Complaint, Later), "anonymous", "complainant must be identified");

    [Test]
    public void Classifying_again_with_the_same_kind_is_refused()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).ThenRefusedWith(Classify(CaseKind.Complaint, Later), "petition.classify.same-kind", "already classified as Complaint");

    [Test]
    public void Classifying_again_with_another_kind_points_to_reclassification()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt))
            .ThenRefused(Classify(CaseKind.Denunciation, Later), "already classified as Complaint", "ReclassifyPetition");

    [Test]
    public void A_petition_closed_before_classification_cannot_be_classified()
        => CaseSpec.Given(Story.Received(ReceivedAt), Story.NotProcessable(ReceivedAt.AddDays(1)))
            .ThenRefused(Classify(CaseKind.Suggestion, Later), "NotProcessable (closed)", "AwaitingClassification");

    // ---------------------------------------------------------------- ReclassifyPetition

    [Test]
    public void Reclassifying_records_the_old_and_the_new_kind()
        => CaseSpec.Given(Suggestion()).Then(Reclassify(CaseKind.Complaint, Later),
            new PetitionReclassified(CaseSpec.Id, CaseKind.Suggestion, CaseKind.Complaint, "It contests an administrative decision", Story.Clerk, Later));

    [Test]
    public void A_denunciation_under_check_can_become_a_complaint()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt)).Then(Reclassify(CaseKind.Complaint, Later),
            new PetitionReclassified(CaseSpec.Id, CaseKind.Denunciation, CaseKind.Complaint, "It contests an administrative decision", Story.Clerk, Later));

    [Test]
    public void Reclassification_changes_the_kind_but_not_the_day_the_clock_started()
    {
        var spec = CaseSpec.Given(Suggestion()).And(Story.Reclassified(CaseKind.Suggestion, CaseKind.Complaint, Later));
        Assert.That(spec.State.Status, Is.EqualTo(CaseStatus.AwaitingAcceptance));
        Assert.That(spec.State.ClockStartedOn, Is.EqualTo(new DateOnly(2025, 3, 3)), "the body received the complaint when the item came in");
    }

    [Test]
    public void An_unclassified_petition_must_be_classified_not_reclassified()
        => CaseSpec.Given(Story.Received(ReceivedAt)).ThenRefused(Reclassify(CaseKind.Complaint, Later), "not been classified", "ClassifyPetition");

    [Test]
    public void Reclassifying_to_the_current_kind_is_refused()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).ThenRefused(Reclassify(CaseKind.Complaint, Later), "already a Complaint");

    [Test]
    public void An_accepted_complaint_cannot_be_reclassified()
        => CaseSpec.Given(Story.AcceptedComplaint(ReceivedAt)).ThenRefused(Reclassify(CaseKind.Denunciation, Later), "Cannot reclassify", "UnderSettlement");

    [Test]
    public void An_accepted_denunciation_cannot_be_reclassified()
        => CaseSpec.Given(Story.AcceptedDenunciation(ReceivedAt)).ThenRefused(Reclassify(CaseKind.Suggestion, Later), "DenunciationUnderSettlement");

    [Test]
    public void An_answered_suggestion_cannot_be_reclassified()
        => CaseSpec.Given(Suggestion()).And(Story.Answered(ReceivedAt.AddDays(2)))
            .ThenRefused(Reclassify(CaseKind.Complaint, Later), "Answered (closed)");

    [Test]
    public void An_anonymous_denunciation_cannot_be_reclassified_as_a_complaint()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt, anonymous: true))
            .ThenRefused(Reclassify(CaseKind.Complaint, Later), "anonymous", "cannot be handled as a complaint");

    // ---------------------------------------------------------------- DeclareNotProcessable, TransferPetition, GuideCitizen

    private static IEnumerable<TestCaseData> BeforeAcceptance()
    {
        yield return new TestCaseData(CaseKind.Unclassified).SetArgDisplayNames("unclassified");
        yield return new TestCaseData(CaseKind.Suggestion).SetArgDisplayNames("suggestion");
        yield return new TestCaseData(CaseKind.Complaint).SetArgDisplayNames("complaint awaiting acceptance");
        yield return new TestCaseData(CaseKind.Denunciation).SetArgDisplayNames("denunciation under check");
    }

    private static object[] History(CaseKind kind) => kind == CaseKind.Unclassified
        ? [Story.Received(ReceivedAt)]
        : [Story.Received(ReceivedAt), Story.Classified(kind, ReceivedAt.AddDays(1))];

    [TestCaseSource(nameof(BeforeAcceptance))]
    public void A_petition_not_yet_accepted_can_be_declared_not_processable(CaseKind kind)
        => CaseSpec.Given(History(kind)).Then(NotProcessable(Later),
            new PetitionFoundNotProcessable(CaseSpec.Id, NotProcessableReason.SentToSeveralBodies, "Also sent to the provincial inspectorate", Story.Clerk, Later));

    [Test]
    public void Declaring_not_processable_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.Received(ReceivedAt), Story.NotProcessable(ReceivedAt.AddDays(1))).ThenNotRecordedTwice(NotProcessable(Later), exactReplay: false);

    [Test]
    public void An_accepted_complaint_cannot_be_declared_not_processable()
        => CaseSpec.Given(Story.AcceptedComplaint(ReceivedAt)).ThenRefused(NotProcessable(Later), "Cannot declare it not processable", "UnderSettlement");

    [Test]
    public void A_transferred_petition_cannot_be_declared_not_processable()
        => CaseSpec.Given(Story.Received(ReceivedAt), Story.Transferred(ReceivedAt.AddDays(1)))
            .ThenRefused(NotProcessable(Later), "Transferred (closed)");

    [TestCaseSource(nameof(BeforeAcceptance))]
    public void A_petition_not_yet_accepted_can_be_transferred(CaseKind kind)
        => CaseSpec.Given(History(kind)).Then(Transfer(Later),
            new PetitionTransferred(CaseSpec.Id, "Sở Tài nguyên và Môi trường", "Land matters belong to the provincial department", Story.Clerk, Later));

    [Test]
    public void Transferring_again_to_the_same_body_is_not_recorded_twice()
        => CaseSpec.Given(Story.Received(ReceivedAt), Story.Transferred(ReceivedAt.AddDays(1))).ThenNotRecordedTwice(Transfer(Later), exactReplay: false);

    [Test]
    public void A_transferred_petition_cannot_be_transferred_to_another_body()
        => CaseSpec.Given(Story.Received(ReceivedAt), Story.Transferred(ReceivedAt.AddDays(1)))
            .ThenRefused(Transfer(Later, "Sở Xây dựng"), "Cannot transfer it", "Transferred (closed)");

    [Test]
    public void An_accepted_denunciation_cannot_be_transferred()
        => CaseSpec.Given(Story.AcceptedDenunciation(ReceivedAt)).ThenRefused(Transfer(Later), "DenunciationUnderSettlement");

    [TestCaseSource(nameof(BeforeAcceptance))]
    public void A_petition_not_yet_accepted_can_be_answered_with_guidance(CaseKind kind)
        => CaseSpec.Given(History(kind)).Then(Guide(Later),
            new CitizenGuided(CaseSpec.Id, "Address the district court", "Tòa án nhân dân khu vực 1", Story.Clerk, Later));

    [Test]
    public void Guiding_again_is_not_recorded_twice()
        => CaseSpec.Given(Story.Received(ReceivedAt), Story.Guided(ReceivedAt.AddDays(1))).ThenNotRecordedTwice(Guide(Later), exactReplay: false);

    [Test]
    public void An_accepted_complaint_cannot_be_closed_with_guidance()
        => CaseSpec.Given(Story.AcceptedComplaint(ReceivedAt)).ThenRefused(Guide(Later), "Cannot answer it with guidance", "UnderSettlement");

    [Test]
    public void An_answered_suggestion_cannot_be_closed_with_guidance()
        => CaseSpec.Given(Suggestion()).And(Story.Answered(ReceivedAt.AddDays(2))).ThenRefused(Guide(Later), "Answered (closed)");

    // ---------------------------------------------------------------- AnswerPetition

    [Test]
    public void Answering_a_suggestion_closes_it()
        => CaseSpec.Given(Suggestion()).Then(Answer(Later), new PetitionAnswered(CaseSpec.Id, "The street light was repaired", Story.Clerk, Later));

    [Test]
    public void Answering_again_is_not_recorded_twice()
        => CaseSpec.Given(Suggestion()).And(Story.Answered(ReceivedAt.AddDays(2))).ThenNotRecordedTwice(Answer(Later), exactReplay: false);

    [Test]
    public void An_unclassified_petition_cannot_be_answered()
        => CaseSpec.Given(Story.Received(ReceivedAt)).ThenRefused(Answer(Later), "Cannot answer it", "AwaitingClassification", "SuggestionOpen");

    [Test]
    public void A_complaint_is_settled_by_decision_not_answered()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).ThenRefused(Answer(Later), "AwaitingAcceptance", "SuggestionOpen");

    [Test]
    public void A_denunciation_cannot_be_answered_as_a_suggestion()
        => CaseSpec.Given(Story.DenunciationUnderCheck(ReceivedAt)).ThenRefused(Answer(Later), "DenunciationUnderCheck");

    // ---------------------------------------------------------------- Generic checks of CaseCommands.Decide

    private static IEnumerable<TestCaseData> CommandsOnExistingCases()
        => CommandSamples.All(Story.At(2025, 3, 1))
            .Where(c => !CaseCommands.For(c.GetType()).OpensStream)
            .Select(c => new TestCaseData(c).SetArgDisplayNames(c.GetType().Name));

    [Test]
    public void The_samples_cover_every_command_of_the_catalogue()
        => Assert.That(CommandSamples.All(Later).Select(c => c.GetType().Name), Is.EquivalentTo(CaseCommands.All.Select(d => d.Name)));

    [Test]
    public void Only_receiving_a_petition_opens_a_case()
        => Assert.That(CaseCommands.All.Where(d => d.OpensStream).Select(d => d.Name), Is.EqualTo(new[] { nameof(ReceivePetition) }));

    [TestCaseSource(nameof(CommandsOnExistingCases))]
    public void A_command_for_an_unknown_case_is_refused_as_not_found(ICaseCommand command)
    {
        var ex = Assert.Throws<CaseNotFoundException>(() => CaseSpec.Given().When(command))!;
        Assert.That(ex.StreamId, Is.EqualTo(CaseSpec.Id));
        Assert.That(ex.Message, Does.Contain(CaseSpec.Id.ToString()).And.Contain("ReceivePetition"));
    }

    /// <summary>For every command but the one opening a case, a history (2026 rules) in which its sample records events.</summary>
    private static readonly Dictionary<Type, object[]> HappyHistories = HappyHistoriesFrom(Story.At(2026, 7, 6));

    private static Dictionary<Type, object[]> HappyHistoriesFrom(DateTimeOffset t) => new()
    {
        [typeof(ClassifyPetition)] = [Story.Received(t)],
        [typeof(ReclassifyPetition)] = Story.ComplaintAwaitingAcceptance(t),
        [typeof(DeclareNotProcessable)] = [Story.Received(t)],
        [typeof(TransferPetition)] = [Story.Received(t)],
        [typeof(GuideCitizen)] = [Story.Received(t)],
        [typeof(AnswerPetition)] = [Story.Received(t), Story.Classified(CaseKind.Suggestion, t.AddDays(1))],
        [typeof(AcceptComplaint)] = Story.ComplaintAwaitingAcceptance(t),
        [typeof(RefuseComplaint)] = Story.ComplaintAwaitingAcceptance(t),
        [typeof(AssignVerifier)] = Story.AcceptedComplaint(t),
        [typeof(RecordVerification)] = [.. Story.AcceptedComplaint(t), Story.VerifierAssigned(t.AddDays(1))],
        [typeof(HoldDialogue)] = Story.VerifiedComplaint(t),
        [typeof(FlagComplaint)] = Story.AcceptedComplaint(t),
        [typeof(SuspendComplaint)] = Story.AcceptedComplaint(t),
        [typeof(ResumeComplaint)] = [.. Story.AcceptedComplaint(t), Story.Suspended(t.AddDays(1))],
        [typeof(IssueFirstDecision)] = Story.VerifiedComplaint(t),
        [typeof(DeliverDecision)] = Story.FirstDecidedComplaint(t),
        [typeof(FileSecondComplaint)] = Story.FirstDecidedComplaint(t),
        [typeof(IssueSecondDecision)] = Story.SecondRoundVerifiedComplaint(t),
        [typeof(WithdrawComplaint)] = Story.AcceptedComplaint(t),
        [typeof(TerminateComplaint)] = [.. Story.AcceptedComplaint(t), Story.Withdrawn(t.AddDays(1))],
        [typeof(RecordLawsuit)] = Story.FirstDecidedComplaint(t),
        [typeof(WidenDenunciationCheck)] = Story.DenunciationUnderCheck(t),
        [typeof(AcceptDenunciation)] = Story.DenunciationUnderCheck(t),
        [typeof(RefuseDenunciation)] = Story.DenunciationUnderCheck(t),
        [typeof(NotifyDenunciationParties)] = Story.AcceptedDenunciation(t),
        [typeof(ExtendDenunciationSettlement)] = Story.AcceptedDenunciation(t),
        [typeof(AssignDenunciationVerifier)] = Story.AcceptedDenunciation(t),
        [typeof(RecordDenunciationVerification)] = Story.AcceptedDenunciation(t),
        [typeof(ConcludeDenunciation)] = [.. Story.AcceptedDenunciation(t), Story.DenunciationVerified(t.AddDays(1))],
        // The demand needs a settlement already late: the parties were notified 40 days after acceptance.
        [typeof(DemandLateSettlementReport)] =
            [.. Story.AcceptedDenunciation(t), new DenunciationPartiesNotified(CaseSpec.Id, [NoticeParty.Denounced], DenunciationNoticeSubject.Acceptance, Story.Clerk, t.AddDays(40))],
        [typeof(SubmitLateSettlementReport)] = [.. Story.AcceptedDenunciation(t), Story.ReportDemanded(t.AddDays(1))],
        [typeof(EraseCitizenData)] = Story.AcceptedComplaint(t),
        [typeof(RevealDenouncerIdentity)] = Story.DenunciationUnderCheck(t),
    };

    private static IEnumerable<TestCaseData> CommandTypesOnExistingCases()
        => CaseCommands.All.Where(d => !d.OpensStream).Select(d => new TestCaseData(d.CommandType).SetArgDisplayNames(d.Name));

    private static ICaseCommand SampleOf(Type type, DateTimeOffset at) => CommandSamples.All(at).Single(c => c.GetType() == type);

    [TestCaseSource(nameof(CommandTypesOnExistingCases))]
    public void A_step_dated_at_the_latest_step_is_recorded_and_one_dated_a_minute_earlier_is_refused(Type commandType)
    {
        var history = HappyHistories[commandType];
        var spec = CaseSpec.Given(history);
        var latest = spec.State.LastOccurredAt;

        Assert.That(spec.When(SampleOf(commandType, latest)), Is.Not.Empty, "at the same instant as the latest step the command records events");

        var ex = spec.ThenRefused(SampleOf(commandType, latest.AddMinutes(-1)), "before the case's latest step", "check the date");
        Assert.That(ex.Message, Does.Contain($"{latest:yyyy-MM-dd HH:mm zzz}"));
    }

    [Test]
    public void Every_command_that_needs_a_case_has_a_happy_history_in_the_chronology_sweep()
        => Assert.That(HappyHistories.Keys.Select(t => t.Name), Is.EquivalentTo(CaseCommands.All.Where(d => !d.OpensStream).Select(d => d.Name)));

    [Test]
    public void A_repeated_step_dated_before_later_steps_is_not_recorded_twice()
        => CaseSpec.Given(Story.VerifiedComplaint(ReceivedAt))
            .ThenNotRecordedTwice(new AcceptComplaint(CaseSpec.Id, true, false, [NoticeParty.Complainant], null, null, null, null, Story.Chair, ReceivedAt), exactReplay: false);

    [Test]
    public void Receiving_the_same_petition_again_after_later_steps_is_not_recorded_twice()
        => CaseSpec.Given(Story.VerifiedComplaint(ReceivedAt.AddDays(3))).ThenNotRecordedTwice(Receive(ReceivedAt), exactReplay: false);

    [Test]
    public void A_stale_step_that_also_breaks_a_rule_reports_the_rule()
        => CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt))
            .ThenRefused(Answer(ReceivedAt.AddDays(-1)), "Cannot answer it", "AwaitingAcceptance");

    [Test]
    public void A_step_at_the_same_instant_as_the_latest_one_is_in_order()
        => CaseSpec.Given(Story.Received(ReceivedAt)).Then(Classify(CaseKind.Suggestion, ReceivedAt),
            new PetitionClassified(CaseSpec.Id, CaseKind.Suggestion, "Asks to review a fee notice", Story.Clerk, ReceivedAt));

    [Test]
    public void Chronology_compares_instants_not_clock_readings()
    {
        // 02:30 UTC is 09:30 in Vietnam: after a step recorded at 09:00 +07:00, although "02:30" reads earlier.
        var utc = new DateTimeOffset(2025, 3, 3, 2, 30, 0, TimeSpan.Zero);
        CaseSpec.Given(Story.Received(ReceivedAt)).Then(Classify(CaseKind.Suggestion, utc),
            new PetitionClassified(CaseSpec.Id, CaseKind.Suggestion, "Asks to review a fee notice", Story.Clerk, utc));

        // 08:30 at UTC+7 is 01:30 UTC: before the 09:00 +07:00 receipt.
        CaseSpec.Given(Story.Received(ReceivedAt)).ThenRefused(Classify(CaseKind.Suggestion, ReceivedAt.AddMinutes(-30)), "before the case's latest step");
    }
}
