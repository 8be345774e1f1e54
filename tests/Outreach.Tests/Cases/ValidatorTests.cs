using FluentValidation;
using FluentValidation.TestHelper;
using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>Shape rules of every command's nested validator, with boundary values as rows.</summary>
public sealed class ValidatorTests
{
    private static readonly Guid Id = CaseSpec.Id;
    private static readonly DateTimeOffset At = Story.At(2025, 3, 10);

    private static string Text(int length) => new('ă', length);

    // ---------------------------------------------------------------- Rules shared by every command

    private static readonly ClassifyPetition Classify = new(Id, CaseKind.Complaint, null, Story.Clerk, At);

    [TestCase("")]
    [TestCase(" ")]
    [TestCase("\t")]
    public void An_actor_is_required(string actor)
        => new ClassifyPetition.Validator().TestValidate(Classify with { Actor = actor })
            .ShouldHaveValidationErrorFor(c => c.Actor).WithErrorMessage("actor is required: say who performed this step.");

    [TestCase(1, true)]
    [TestCase(200, true)]
    [TestCase(201, false)]
    public void An_actor_has_at_most_200_characters(int length, bool valid)
        => Expect(new ClassifyPetition.Validator().TestValidate(Classify with { Actor = Text(length) }), valid, nameof(ClassifyPetition.Actor));

    [Test]
    public void A_case_id_is_required()
        => new ClassifyPetition.Validator().TestValidate(Classify with { CaseId = Guid.Empty })
            .ShouldHaveValidationErrorFor(c => c.CaseId).WithErrorMessage("caseId is required: give the case's id (a GUID).").Only();

    [Test]
    public void A_business_time_is_required()
        => new ClassifyPetition.Validator().TestValidate(Classify with { OccurredAt = default })
            .ShouldHaveValidationErrorFor(c => c.OccurredAt)
            .WithErrorMessage("occurredAt is required: give the date and time the step happened (ISO 8601, e.g. 2024-03-05T09:00:00+07:00).");

    [TestCase("1999-12-31T23:59:59+00:00", false)]
    [TestCase("2000-01-01T00:00:00+00:00", false)]
    [TestCase("2000-01-01T06:59:59+07:00", false)] // 31 Dec 1999 23:59:59 UTC
    [TestCase("2000-01-01T00:00:01+00:00", true)]
    [TestCase("2000-01-01T07:00:01+07:00", true)]
    [TestCase("2026-07-01T08:00:00+07:00", true)]
    public void A_business_time_is_after_the_year_2000(string occurredAt, bool valid)
    {
        var result = new ClassifyPetition.Validator().TestValidate(Classify with { OccurredAt = DateTimeOffset.Parse(occurredAt, System.Globalization.CultureInfo.InvariantCulture) });
        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(c => c.OccurredAt).WithErrorMessage("occurredAt must be after the year 2000.").Only();
        }
    }

    private static IEnumerable<TestCaseData> Samples()
        => CommandSamples.All(At).Select(c => new TestCaseData(c).SetArgDisplayNames(c.GetType().Name));

    [TestCaseSource(nameof(Samples))]
    public void Every_command_has_a_validator_that_accepts_a_well_formed_command(ICaseCommand command)
        => Assert.DoesNotThrow(() => CaseCommands.For(command.GetType()).Validate(command));

    [TestCaseSource(nameof(Samples))]
    public void Every_command_checks_the_shared_rules(ICaseCommand command)
    {
        var descriptor = CaseCommands.For(command.GetType());
        var sample = CommandSamples.All(At, Guid.Empty, actor: " ").Single(c => c.GetType() == command.GetType());
        var ex = Assert.Catch<ValidationException>(() => descriptor.Validate(sample))!;
        Assert.That(ex.Message, Does.StartWith($"{descriptor.Name} is not valid:"));
        Assert.That(ex.Message, Does.Contain("caseId is required").And.Contain("actor is required"));

        var undated = CommandSamples.All(default).Single(c => c.GetType() == command.GetType());
        Assert.That(() => descriptor.Validate(undated), Throws.InstanceOf<ValidationException>().With.Message.Contains("occurredAt is required"));

        var longActor = CommandSamples.All(At, actor: Text(201)).Single(c => c.GetType() == command.GetType());
        Assert.That(() => descriptor.Validate(longActor), Throws.InstanceOf<ValidationException>().With.Message.Contains("200"));
    }

    // ---------------------------------------------------------------- ReceivePetition

    private static readonly ReceivePetition Receive = new(
        Id, "125/TCD", ReceptionChannel.FieldVisit, "Võ Thị Hoa", "079123456789", "0905 123 456", "12 Lê Lợi, Phường 1", false,
        "phuong-1", "Asks for the drainage ditch to be cleared", "Phường 1 People's Committee", Story.Clerk, At);

    [Test]
    public void A_well_formed_petition_is_valid()
        => new ReceivePetition.Validator().TestValidate(Receive).ShouldNotHaveAnyValidationErrors();

    [TestCase(null, false, false)]
    [TestCase("", false, false)]
    [TestCase("   ", false, false)]
    [TestCase("Võ Thị Hoa", false, true)]
    [TestCase(null, true, true)]
    [TestCase("", true, true)]
    public void The_citizens_name_is_required_unless_anonymous(string? name, bool anonymous, bool valid)
    {
        var result = new ReceivePetition.Validator().TestValidate(Receive with { CitizenName = name, IsAnonymous = anonymous });
        Expect(result, valid, nameof(ReceivePetition.CitizenName));
        if (!valid)
        {
            result.ShouldHaveValidationErrorFor(c => c.CitizenName).WithErrorMessage("citizenName is required unless isAnonymous is true.");
        }
    }

    [TestCase(200, true)]
    [TestCase(201, false)]
    public void The_citizens_name_has_at_most_200_characters(int length, bool valid)
        => Expect(new ReceivePetition.Validator().TestValidate(Receive with { CitizenName = Text(length) }), valid, nameof(ReceivePetition.CitizenName));

    [TestCase("079123456", true)]       // 9 digits: identity card
    [TestCase("079123456789", true)]    // 12 digits: citizen ID
    [TestCase(null, true)]
    [TestCase("", true)]
    [TestCase("07912345", false)]       // 8
    [TestCase("0791234567", false)]     // 10
    [TestCase("07912345678", false)]    // 11
    [TestCase("0791234567890", false)]  // 13
    [TestCase("07912345a", false)]
    [TestCase("079 123 456", false)]
    [TestCase("079123456\n", false)]
    public void A_citizen_id_number_has_9_or_12_digits(string? idNumber, bool valid)
    {
        var result = new ReceivePetition.Validator().TestValidate(Receive with { CitizenIdNumber = idNumber });
        Expect(result, valid, nameof(ReceivePetition.CitizenIdNumber));
        if (!valid)
        {
            result.ShouldHaveValidationErrorFor(c => c.CitizenIdNumber).WithErrorMessage("citizenIdNumber must be 9 or 12 digits (identity card or citizen ID).");
        }
    }

    [TestCase("0905 123 456", true)]
    [TestCase("+84 905 123 456", true)]
    [TestCase("0905-123-456", true)]
    [TestCase("12345678", true)]
    [TestCase("123456789012345", true)]
    [TestCase(null, true)]
    [TestCase("1234567", false)]
    [TestCase("1234567890123456", false)]
    [TestCase("0905 abc 456", false)]
    [TestCase("0905123456\n", false)]
    public void A_phone_number_has_8_to_15_digits(string? phone, bool valid)
        => Expect(new ReceivePetition.Validator().TestValidate(Receive with { CitizenPhone = phone }), valid, nameof(ReceivePetition.CitizenPhone));

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ")]
    public void A_locality_is_required(string? locality)
        => new ReceivePetition.Validator().TestValidate(Receive with { LocalityCode = locality! })
            .ShouldHaveValidationErrorFor(c => c.LocalityCode).WithErrorMessage("localityCode is required: name the commune/ward the matter concerns.").Only();

    [TestCase(100, true)]
    [TestCase(101, false)]
    public void A_locality_code_has_at_most_100_characters(int length, bool valid)
        => Expect(new ReceivePetition.Validator().TestValidate(Receive with { LocalityCode = Text(length) }), valid, nameof(ReceivePetition.LocalityCode));

    [TestCase(0, false)]
    [TestCase(1, true)]
    [TestCase(4000, true)]
    [TestCase(4001, false)]
    public void The_content_is_required_and_at_most_4000_characters(int length, bool valid)
        => Expect(new ReceivePetition.Validator().TestValidate(Receive with { Content = Text(length) }), valid, nameof(ReceivePetition.Content));

    [TestCase(100, true)]
    [TestCase(101, false)]
    public void A_registry_number_has_at_most_100_characters(int length, bool valid)
        => Expect(new ReceivePetition.Validator().TestValidate(Receive with { Number = Text(length) }), valid, nameof(ReceivePetition.Number));

    [TestCase(400, true)]
    [TestCase(401, false)]
    public void An_address_has_at_most_400_characters(int length, bool valid)
        => Expect(new ReceivePetition.Validator().TestValidate(Receive with { CitizenAddress = Text(length) }), valid, nameof(ReceivePetition.CitizenAddress));

    [TestCase(200, true)]
    [TestCase(201, false)]
    public void A_respondent_has_at_most_200_characters(int length, bool valid)
        => Expect(new ReceivePetition.Validator().TestValidate(Receive with { Respondent = Text(length) }), valid, nameof(ReceivePetition.Respondent));

    [Test]
    public void An_unknown_channel_is_refused()
        => new ReceivePetition.Validator().TestValidate(Receive with { Channel = (ReceptionChannel)9 }).ShouldHaveValidationErrorFor(c => c.Channel).Only();

    // ---------------------------------------------------------------- ClassifyPetition, ReclassifyPetition

    [TestCase(CaseKind.Suggestion, true)]
    [TestCase(CaseKind.Complaint, true)]
    [TestCase(CaseKind.Denunciation, true)]
    [TestCase(CaseKind.Unclassified, false)]
    [TestCase((CaseKind)7, false)]
    public void A_classification_names_a_real_kind(CaseKind kind, bool valid)
        => Expect(new ClassifyPetition.Validator().TestValidate(Classify with { Kind = kind }), valid, nameof(ClassifyPetition.Kind));

    [Test]
    public void Classifying_as_unclassified_says_which_kinds_exist()
        => new ClassifyPetition.Validator().TestValidate(Classify with { Kind = CaseKind.Unclassified })
            .ShouldHaveValidationErrorFor(c => c.Kind).WithErrorMessage("kind must be Suggestion, Complaint or Denunciation.");

    [TestCase(4000, true)]
    [TestCase(4001, false)]
    public void A_classification_note_has_at_most_4000_characters(int length, bool valid)
        => Expect(new ClassifyPetition.Validator().TestValidate(Classify with { Reason = Text(length) }), valid, nameof(ClassifyPetition.Reason));

    private static readonly ReclassifyPetition Reclassify = new(Id, CaseKind.Denunciation, "It reports misconduct by an official", Story.Clerk, At);

    [Test]
    public void A_well_formed_reclassification_is_valid()
        => new ReclassifyPetition.Validator().TestValidate(Reclassify).ShouldNotHaveAnyValidationErrors();

    [TestCase("")]
    [TestCase("  ")]
    public void A_reclassification_needs_a_reason(string reason)
        => new ReclassifyPetition.Validator().TestValidate(Reclassify with { Reason = reason })
            .ShouldHaveValidationErrorFor(c => c.Reason).WithErrorMessage("reason is required: say why the classification changes.").Only();

    [Test]
    public void A_reclassification_to_unclassified_is_refused()
        => new ReclassifyPetition.Validator().TestValidate(Reclassify with { Kind = CaseKind.Unclassified }).ShouldHaveValidationErrorFor(c => c.Kind).Only();

    // ---------------------------------------------------------------- DeclareNotProcessable, TransferPetition, GuideCitizen, AnswerPetition

    private static readonly DeclareNotProcessable NotProcessable = new(Id, NotProcessableReason.UnlawfulContent, null, Story.Clerk, At);

    [Test]
    public void A_well_formed_not_processable_ruling_is_valid()
        => new DeclareNotProcessable.Validator().TestValidate(NotProcessable).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_not_processable_ruling_needs_a_known_reason()
        => new DeclareNotProcessable.Validator().TestValidate(NotProcessable with { Reason = (NotProcessableReason)9 }).ShouldHaveValidationErrorFor(c => c.Reason).Only();

    [TestCase(4000, true)]
    [TestCase(4001, false)]
    public void A_not_processable_note_has_at_most_4000_characters(int length, bool valid)
        => Expect(new DeclareNotProcessable.Validator().TestValidate(NotProcessable with { Note = Text(length) }), valid, nameof(DeclareNotProcessable.Note));

    private static readonly TransferPetition Transfer = new(Id, "Sở Xây dựng", "Construction permits are a provincial matter", Story.Clerk, At);

    [Test]
    public void A_well_formed_transfer_is_valid()
        => new TransferPetition.Validator().TestValidate(Transfer).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(200, true)]
    [TestCase(201, false)]
    public void A_transfer_names_the_competent_body(int length, bool valid)
        => Expect(new TransferPetition.Validator().TestValidate(Transfer with { ToBody = Text(length) }), valid, nameof(TransferPetition.ToBody));

    [Test]
    public void A_transfer_needs_a_reason()
        => new TransferPetition.Validator().TestValidate(Transfer with { Reason = "" })
            .ShouldHaveValidationErrorFor(c => c.Reason).WithErrorMessage("reason is required: say why this body is not competent.").Only();

    private static readonly GuideCitizen Guide = new(Id, "Bring the land-use certificate to the ward office", null, Story.Clerk, At);

    [Test]
    public void A_well_formed_guidance_is_valid()
        => new GuideCitizen.Validator().TestValidate(Guide).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void Guidance_needs_its_text()
        => new GuideCitizen.Validator().TestValidate(Guide with { Guidance = " " }).ShouldHaveValidationErrorFor(c => c.Guidance).Only();

    [TestCase(200, true)]
    [TestCase(201, false)]
    public void The_competent_body_in_a_guidance_has_at_most_200_characters(int length, bool valid)
        => Expect(new GuideCitizen.Validator().TestValidate(Guide with { CompetentBody = Text(length) }), valid, nameof(GuideCitizen.CompetentBody));

    private static readonly AnswerPetition Answer = new(Id, "The ditch was cleared on Monday", Story.Clerk, At);

    [Test]
    public void A_well_formed_answer_is_valid()
        => new AnswerPetition.Validator().TestValidate(Answer).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(4000, true)]
    [TestCase(4001, false)]
    public void An_answer_is_required_and_at_most_4000_characters(int length, bool valid)
        => Expect(new AnswerPetition.Validator().TestValidate(Answer with { Answer = Text(length) }), valid, nameof(AnswerPetition.Answer));

    // ---------------------------------------------------------------- Complaints

    private static readonly AcceptComplaint Accept = new(Id, false, false, [NoticeParty.Complainant, NoticeParty.Respondent], null, null, null, null, Story.Chair, At);

    [Test]
    public void A_well_formed_acceptance_is_valid()
        => new AcceptComplaint.Validator().TestValidate(Accept).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void An_acceptance_lists_the_notified_parties()
    {
        new AcceptComplaint.Validator().TestValidate(Accept with { NotifiedParties = [] }).ShouldHaveValidationErrorFor(c => c.NotifiedParties)
            .WithErrorMessage("notifiedParties is required: list who received the written notice (Complainant, Respondent, RelatedParty, Inspectorate).");
        new AcceptComplaint.Validator().TestValidate(Accept with { NotifiedParties = null! }).ShouldHaveValidationErrorFor(c => c.NotifiedParties);
    }

    [Test]
    public void An_acceptance_refuses_an_unknown_party()
        => new AcceptComplaint.Validator().TestValidate(Accept with { NotifiedParties = [NoticeParty.Complainant, (NoticeParty)42] })
            .ShouldHaveValidationErrorFor("NotifiedParties[1]").Only();

    private static readonly RefuseComplaint RefuseC = new(Id, "Filed after the 90-day window", [NoticeParty.Complainant], ComplaintRefusalGround.Other, null, null, null, null, Story.Chair, At);

    [Test]
    public void A_well_formed_refusal_is_valid()
        => new RefuseComplaint.Validator().TestValidate(RefuseC).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_refusal_states_its_reason()
        => new RefuseComplaint.Validator().TestValidate(RefuseC with { Reason = "" })
            .ShouldHaveValidationErrorFor(c => c.Reason).WithErrorMessage("reason is required: the refusal notice must state it.").Only();

    [Test]
    public void A_refusal_lists_the_notified_parties()
        => new RefuseComplaint.Validator().TestValidate(RefuseC with { NotifiedParties = [] }).ShouldHaveValidationErrorFor(c => c.NotifiedParties).Only();

    private static readonly AssignVerifier Assign = new(Id, Story.Verifier, Story.Chair, At);

    [Test]
    public void A_well_formed_assignment_is_valid()
        => new AssignVerifier.Validator().TestValidate(Assign).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(200, true)]
    [TestCase(201, false)]
    public void An_assignment_names_the_verifier(int length, bool valid)
        => Expect(new AssignVerifier.Validator().TestValidate(Assign with { Verifier = Text(length) }), valid, nameof(AssignVerifier.Verifier));

    private static readonly RecordVerification Verify = new(Id, "BC-01", "Fee computed on the wrong area", Story.Verifier, At);

    [Test]
    public void A_well_formed_verification_is_valid()
        => new RecordVerification.Validator().TestValidate(Verify).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(100, true)]
    [TestCase(101, false)]
    public void A_verification_gives_the_reports_number(int length, bool valid)
        => Expect(new RecordVerification.Validator().TestValidate(Verify with { ReportReference = Text(length) }), valid, nameof(RecordVerification.ReportReference));

    [Test]
    public void A_verification_summarises_its_findings()
        => new RecordVerification.Validator().TestValidate(Verify with { Findings = "" }).ShouldHaveValidationErrorFor(c => c.Findings).Only();

    private static readonly HoldDialogue Dialogue = new(Id, ["Võ Thị Hoa", Story.Verifier], "BB-01", false, Story.Chair, At);

    [Test]
    public void A_well_formed_dialogue_is_valid()
        => new HoldDialogue.Validator().TestValidate(Dialogue).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_dialogue_lists_its_attendees()
    {
        new HoldDialogue.Validator().TestValidate(Dialogue with { Attendees = [] }).ShouldHaveValidationErrorFor(c => c.Attendees)
            .WithErrorMessage("attendees is required: list who attended the dialogue.");
        new HoldDialogue.Validator().TestValidate(Dialogue with { Attendees = ["Võ Thị Hoa", " "] }).ShouldHaveValidationErrorFor("Attendees[1]").Only();
        new HoldDialogue.Validator().TestValidate(Dialogue with { Attendees = [Text(201)] }).ShouldHaveValidationErrorFor("Attendees[0]").Only();
    }

    [Test]
    public void A_dialogue_says_where_the_minutes_are()
        => new HoldDialogue.Validator().TestValidate(Dialogue with { MinutesReference = "" }).ShouldHaveValidationErrorFor(c => c.MinutesReference).Only();

    private static readonly FlagComplaint Flag = new(Id, true, true, "Several plots and owners involved", Story.Chair, At);

    [Test]
    public void A_well_formed_flag_change_is_valid()
        => new FlagComplaint.Validator().TestValidate(Flag).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_flag_change_needs_a_reason()
        => new FlagComplaint.Validator().TestValidate(Flag with { Reason = "" }).ShouldHaveValidationErrorFor(c => c.Reason).Only();

    private static readonly SuspendComplaint Suspend = new(Id, SuspensionGround.ForceMajeure, "Typhoon damage to the archive", Story.Chair, At);

    [Test]
    public void A_well_formed_suspension_is_valid()
        => new SuspendComplaint.Validator().TestValidate(Suspend).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_suspension_needs_a_known_ground_and_a_reason()
    {
        new SuspendComplaint.Validator().TestValidate(Suspend with { Ground = (SuspensionGround)5 }).ShouldHaveValidationErrorFor(c => c.Ground).Only();
        new SuspendComplaint.Validator().TestValidate(Suspend with { Reason = "" }).ShouldHaveValidationErrorFor(c => c.Reason).Only();
    }

    private static readonly ResumeComplaint Resume = new(Id, [NoticeParty.Complainant], Story.Chair, At);

    [Test]
    public void A_well_formed_resumption_is_valid()
        => new ResumeComplaint.Validator().TestValidate(Resume).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_resumption_lists_the_notified_parties()
        => new ResumeComplaint.Validator().TestValidate(Resume with { NotifiedParties = [] }).ShouldHaveValidationErrorFor(c => c.NotifiedParties).Only();

    private static readonly IssueFirstDecision First = new(Id, "QD-15", Finding.PartlyFounded, "Fee recalculated", Story.Chair, At);

    [Test]
    public void A_well_formed_first_decision_is_valid()
        => new IssueFirstDecision.Validator().TestValidate(First).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(100, true)]
    [TestCase(101, false)]
    public void A_first_decision_has_a_number(int length, bool valid)
        => Expect(new IssueFirstDecision.Validator().TestValidate(First with { DecisionNumber = Text(length) }), valid, nameof(IssueFirstDecision.DecisionNumber));

    [Test]
    public void A_first_decision_needs_a_known_finding_and_a_summary()
    {
        new IssueFirstDecision.Validator().TestValidate(First with { Finding = (Finding)3 }).ShouldHaveValidationErrorFor(c => c.Finding).Only();
        new IssueFirstDecision.Validator().TestValidate(First with { Summary = "" }).ShouldHaveValidationErrorFor(c => c.Summary).Only();
    }

    private static readonly DeliverDecision Deliver = new(Id, [NoticeParty.Complainant, NoticeParty.RelatedParty], Story.Clerk, At);

    [Test]
    public void A_well_formed_delivery_is_valid()
        => new DeliverDecision.Validator().TestValidate(Deliver).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_delivery_lists_its_recipients()
    {
        new DeliverDecision.Validator().TestValidate(Deliver with { Recipients = [] }).ShouldHaveValidationErrorFor(c => c.Recipients)
            .WithErrorMessage("recipients is required: list who received the decision.");
        new DeliverDecision.Validator().TestValidate(Deliver with { Recipients = [(NoticeParty)(-1)] }).ShouldHaveValidationErrorFor("Recipients[0]").Only();
    }

    private static readonly FileSecondComplaint FileSecond = new(Id, SecondComplaintGround.FirstDeadlineLapsed, "No decision after 45 days", null, null, null, Story.Clerk, At);

    [Test]
    public void A_well_formed_second_complaint_is_valid()
        => new FileSecondComplaint.Validator().TestValidate(FileSecond).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_second_complaint_needs_a_known_ground_and_a_reason()
    {
        new FileSecondComplaint.Validator().TestValidate(FileSecond with { Ground = (SecondComplaintGround)2 }).ShouldHaveValidationErrorFor(c => c.Ground).Only();
        new FileSecondComplaint.Validator().TestValidate(FileSecond with { Reason = "" }).ShouldHaveValidationErrorFor(c => c.Reason).Only();
    }

    private static readonly IssueSecondDecision Second = new(Id, "QD-42", Finding.Unfounded, "First decision upheld", Story.Chair, At);

    [Test]
    public void A_well_formed_second_decision_is_valid()
        => new IssueSecondDecision.Validator().TestValidate(Second).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_second_decision_has_a_number_and_a_summary()
    {
        new IssueSecondDecision.Validator().TestValidate(Second with { DecisionNumber = "" }).ShouldHaveValidationErrorFor(c => c.DecisionNumber)
            .WithErrorMessage("decisionNumber is required.").Only();
        new IssueSecondDecision.Validator().TestValidate(Second with { Summary = "" }).ShouldHaveValidationErrorFor(c => c.Summary).Only();
    }

    [TestCase(false, null, true)]
    [TestCase(false, "", true)]
    [TestCase(true, "The claim for interest", true)]
    [TestCase(true, null, false)]
    [TestCase(true, "", false)]
    [TestCase(true, "  ", false)]
    public void A_partial_withdrawal_says_which_part(bool partial, string? part, bool valid)
    {
        var result = new WithdrawComplaint.Validator().TestValidate(new WithdrawComplaint(Id, partial, part, "Võ Thị Hoa", At));
        Expect(result, valid, nameof(WithdrawComplaint.WithdrawnPart));
        if (!valid)
        {
            result.ShouldHaveValidationErrorFor(c => c.WithdrawnPart)
                .WithErrorMessage("withdrawnPart is required for a partial withdrawal: say which part is withdrawn.");
        }
    }

    [Test]
    public void A_withdrawn_part_has_at_most_4000_characters()
        => new WithdrawComplaint.Validator().TestValidate(new WithdrawComplaint(Id, true, Text(4001), "Võ Thị Hoa", At))
            .ShouldHaveValidationErrorFor(c => c.WithdrawnPart).Only();

    private static readonly TerminateComplaint Terminate = new(Id, TerminationGround.OrganisationDissolved, null, Story.Chair, At);

    [Test]
    public void A_well_formed_termination_is_valid()
        => new TerminateComplaint.Validator().TestValidate(Terminate).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_termination_needs_a_known_ground()
        => new TerminateComplaint.Validator().TestValidate(Terminate with { Ground = (TerminationGround)3 }).ShouldHaveValidationErrorFor(c => c.Ground).Only();

    [Test]
    public void A_termination_note_has_at_most_4000_characters()
        => new TerminateComplaint.Validator().TestValidate(Terminate with { Note = Text(4001) }).ShouldHaveValidationErrorFor(c => c.Note).Only();

    private static readonly RecordLawsuit Sue = new(Id, "Tòa án nhân dân thành phố", Story.Clerk, At);

    [Test]
    public void A_well_formed_lawsuit_is_valid()
        => new RecordLawsuit.Validator().TestValidate(Sue).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(200, true)]
    [TestCase(201, false)]
    public void A_lawsuit_names_the_court(int length, bool valid)
        => Expect(new RecordLawsuit.Validator().TestValidate(Sue with { Court = Text(length) }), valid, nameof(RecordLawsuit.Court));

    // ---------------------------------------------------------------- Denunciations

    [TestCase(0, false)]
    [TestCase(1, false)]
    [TestCase(2, true)]
    [TestCase(5, true)]
    public void A_widened_check_names_at_least_two_places(int count, bool valid)
    {
        var places = Enumerable.Range(1, count).Select(i => $"xa-{i}").ToArray();
        var result = new WidenDenunciationCheck.Validator().TestValidate(new WidenDenunciationCheck(Id, places, Story.Inspector, At));
        Expect(result, valid, nameof(WidenDenunciationCheck.Places));
        if (!valid)
        {
            result.ShouldHaveValidationErrorFor(c => c.Places).WithErrorMessage("places must name at least two places where checks are needed.");
        }
    }

    [Test]
    public void A_widened_check_has_no_blank_place()
        => new WidenDenunciationCheck.Validator().TestValidate(new WidenDenunciationCheck(Id, ["xa-1", ""], Story.Inspector, At))
            .ShouldHaveValidationErrorFor("Places[1]").Only();

    private static readonly AcceptDenunciation AcceptD = new(Id, "Names the official and attaches receipts", false, Story.Chair, At);

    [Test]
    public void A_well_formed_denunciation_acceptance_is_valid()
        => new AcceptDenunciation.Validator().TestValidate(AcceptD).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_denunciation_acceptance_states_its_grounds()
        => new AcceptDenunciation.Validator().TestValidate(AcceptD with { Grounds = "" })
            .ShouldHaveValidationErrorFor(c => c.Grounds).WithErrorMessage("grounds is required: the acceptance decision states its grounds.").Only();

    private static readonly RefuseDenunciation RefuseD = new(Id, "No violation is named", Story.Chair, At);

    [Test]
    public void A_well_formed_denunciation_refusal_is_valid()
        => new RefuseDenunciation.Validator().TestValidate(RefuseD).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_denunciation_refusal_states_its_reason()
        => new RefuseDenunciation.Validator().TestValidate(RefuseD with { Reason = " " }).ShouldHaveValidationErrorFor(c => c.Reason).Only();

    [TestCase(new[] { NoticeParty.Denouncer }, null, null)]
    [TestCase(new[] { NoticeParty.Denounced }, null, null)]
    [TestCase(new[] { NoticeParty.Denouncer, NoticeParty.Denounced }, null, null)]
    [TestCase(new NoticeParty[0], "Parties", "parties is required: Denouncer and/or Denounced.")]
    [TestCase(new[] { NoticeParty.Complainant }, "Parties[0]", "parties may only contain Denouncer or Denounced.")]
    [TestCase(new[] { NoticeParty.Denounced, NoticeParty.Respondent }, "Parties[1]", "parties may only contain Denouncer or Denounced.")]
    public void Denunciation_notices_go_to_the_denouncer_or_the_denounced(NoticeParty[] parties, string? invalidProperty, string? message)
    {
        var result = new NotifyDenunciationParties.Validator().TestValidate(new NotifyDenunciationParties(Id, parties, DenunciationNoticeSubject.Acceptance, Story.Clerk, At));
        if (invalidProperty is null)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(invalidProperty).WithErrorMessage(message!).Only();
        }
    }

    private static readonly ExtendDenunciationSettlement Extend = new(Id, DenunciationComplexity.Complex, 30, "Evidence held by another province", false, Story.Chair, At);

    [TestCase(-1, false)]
    [TestCase(0, false)]
    [TestCase(1, true)]
    [TestCase(30, true)]
    [TestCase(366, true)]
    [TestCase(367, false)]
    public void Extension_days_are_positive(int days, bool valid)
    {
        var result = new ExtendDenunciationSettlement.Validator().TestValidate(Extend with { Days = days });
        Expect(result, valid, nameof(ExtendDenunciationSettlement.Days));
        if (!valid)
        {
            result.ShouldHaveValidationErrorFor(c => c.Days).WithErrorMessage("days must be between 1 and the rule's maximum (30 under Law 25/2018).");
        }
    }

    [Test]
    public void An_extension_needs_a_known_complexity_and_a_reason()
    {
        new ExtendDenunciationSettlement.Validator().TestValidate(Extend with { Complexity = (DenunciationComplexity)2 }).ShouldHaveValidationErrorFor(c => c.Complexity).Only();
        new ExtendDenunciationSettlement.Validator().TestValidate(Extend with { Reason = "" }).ShouldHaveValidationErrorFor(c => c.Reason).Only();
    }

    private static readonly ConcludeDenunciation Conclude = new(Id, Finding.Founded, "The official took a bribe", Story.Chair, At);

    [Test]
    public void A_well_formed_conclusion_is_valid()
        => new ConcludeDenunciation.Validator().TestValidate(Conclude).ShouldNotHaveAnyValidationErrors();

    [Test]
    public void A_conclusion_needs_a_known_finding_and_a_summary()
    {
        new ConcludeDenunciation.Validator().TestValidate(Conclude with { Finding = (Finding)(-1) }).ShouldHaveValidationErrorFor(c => c.Finding).Only();
        new ConcludeDenunciation.Validator().TestValidate(Conclude with { Summary = "" }).ShouldHaveValidationErrorFor(c => c.Summary)
            .WithErrorMessage("summary is required: state the conclusion.").Only();
    }

    private static readonly DemandLateSettlementReport Demand = new(Id, "Thanh tra thành phố", Story.Inspector, At);

    [Test]
    public void A_well_formed_demand_is_valid()
        => new DemandLateSettlementReport.Validator().TestValidate(Demand).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(200, true)]
    [TestCase(201, false)]
    public void A_demand_names_the_supervising_body(int length, bool valid)
        => Expect(new DemandLateSettlementReport.Validator().TestValidate(Demand with { SupervisingBody = Text(length) }), valid, nameof(DemandLateSettlementReport.SupervisingBody));

    private static readonly SubmitLateSettlementReport Submit = new(Id, "BC-TT-07", Story.Chair, At);

    [Test]
    public void A_well_formed_report_is_valid()
        => new SubmitLateSettlementReport.Validator().TestValidate(Submit).ShouldNotHaveAnyValidationErrors();

    [TestCase(0, false)]
    [TestCase(100, true)]
    [TestCase(101, false)]
    public void A_report_gives_its_reference(int length, bool valid)
        => Expect(new SubmitLateSettlementReport.Validator().TestValidate(Submit with { ReportReference = Text(length) }), valid, nameof(SubmitLateSettlementReport.ReportReference));

    // ---------------------------------------------------------------- Helper

    /// <summary>Valid: no error at all. Invalid: an error for <paramref name="property"/> and for nothing else.</summary>
    private static void Expect<T>(TestValidationResult<T> result, bool valid, string property)
    {
        if (valid)
        {
            result.ShouldNotHaveAnyValidationErrors();
        }
        else
        {
            result.ShouldHaveValidationErrorFor(property).Only();
        }
    }
}
