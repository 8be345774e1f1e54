using FluentValidation;

namespace Outreach.Cases;

/// <summary>The catalogue of case commands. Both hosts and the JSON-lines importer dispatch through it.</summary>
public static class CaseCommands
{
    internal static readonly StreamKind<CaseState> Kind = new()
    {
        Noun = "case",
        None = CaseState.None,
        Exists = c => c.Exists,
        Evolve = (c, e) => c.Evolve(e),
        LastOccurredAt = c => c.LastOccurredAt,
        NotFound = id => new CaseNotFoundException(id),
        Settle = (state, options) => state with { Calendar = options.Calendar, Rules = options.Rulebook },
    };

    /// <summary>Every case command, in lifecycle order.</summary>
    public static readonly IReadOnlyList<CommandDescriptor> All =
    [
        Describe<ReceivePetition>("petition", "receive", "Record a petition as received and open a case.", ReceivePetition.Decide, () => new ReceivePetition.Validator(), opensCase: true),
        Describe<ClassifyPetition>("petition", "classify", "Classify a petition as suggestion, complaint or denunciation.", ClassifyPetition.Decide, () => new ClassifyPetition.Validator()),
        Describe<ReclassifyPetition>("petition", "reclassify", "Change a petition's kind before acceptance, with a reason.", ReclassifyPetition.Decide, () => new ReclassifyPetition.Validator()),
        Describe<DeclareNotProcessable>("petition", "not-processable", "Close an item that cannot be processed (Circular 05/2021 Art. 6).", DeclareNotProcessable.Decide, () => new DeclareNotProcessable.Validator()),
        Describe<TransferPetition>("petition", "transfer", "Transfer a petition to the competent body.", TransferPetition.Decide, () => new TransferPetition.Validator()),
        Describe<GuideCitizen>("petition", "guide", "Answer the citizen with guidance and close the case.", GuideCitizen.Decide, () => new GuideCitizen.Validator()),
        Describe<AnswerPetition>("petition", "answer", "Answer a suggestion or report and close it.", AnswerPetition.Decide, () => new AnswerPetition.Validator()),
        Describe<AcceptComplaint>("complaint", "accept", "Accept a complaint (either round) and notify the parties.", AcceptComplaint.Decide, () => new AcceptComplaint.Validator()),
        Describe<RefuseComplaint>("complaint", "refuse", "Refuse to accept a complaint, with the notice's reason.", RefuseComplaint.Decide, () => new RefuseComplaint.Validator()),
        Describe<AssignVerifier>("complaint", "assign-verifier", "Assign who verifies the complaint.", AssignVerifier.Decide, () => new AssignVerifier.Validator()),
        Describe<RecordVerification>("complaint", "verify", "File the verification report.", RecordVerification.Decide, () => new RecordVerification.Validator()),
        Describe<HoldDialogue>("complaint", "dialogue", "Record a dialogue with attendees and minutes.", HoldDialogue.Decide, () => new HoldDialogue.Validator()),
        Describe<FlagComplaint>("complaint", "flag", "Set the complex / remote-area flags.", FlagComplaint.Decide, () => new FlagComplaint.Validator()),
        Describe<SuspendComplaint>("complaint", "suspend", "Suspend settlement (2026 rules); the clock stops.", SuspendComplaint.Decide, () => new SuspendComplaint.Validator()),
        Describe<ResumeComplaint>("complaint", "resume", "Resume a suspended settlement and notify the parties.", ResumeComplaint.Decide, () => new ResumeComplaint.Validator()),
        Describe<IssueFirstDecision>("complaint", "decide-first", "Issue the first settlement decision.", IssueFirstDecision.Decide, () => new IssueFirstDecision.Validator()),
        Describe<DeliverDecision>("complaint", "deliver", "Record delivery of the latest decision to parties.", DeliverDecision.Decide, () => new DeliverDecision.Validator()),
        Describe<FileSecondComplaint>("complaint", "file-second", "Record a second complaint.", FileSecondComplaint.Decide, () => new FileSecondComplaint.Validator()),
        Describe<IssueSecondDecision>("complaint", "decide-second", "Issue the second settlement decision.", IssueSecondDecision.Decide, () => new IssueSecondDecision.Validator()),
        Describe<WithdrawComplaint>("complaint", "withdraw", "Record a full or partial withdrawal.", WithdrawComplaint.Decide, () => new WithdrawComplaint.Validator()),
        Describe<TerminateComplaint>("complaint", "terminate", "Terminate settlement (đình chỉ).", TerminateComplaint.Decide, () => new TerminateComplaint.Validator()),
        Describe<RecordLawsuit>("complaint", "sue", "Record that the complainant went to court.", RecordLawsuit.Decide, () => new RecordLawsuit.Validator()),
        Describe<WidenDenunciationCheck>("denunciation", "widen-check", "Extend the receipt check to several places.", WidenDenunciationCheck.Decide, () => new WidenDenunciationCheck.Validator()),
        Describe<AcceptDenunciation>("denunciation", "accept", "Accept a denunciation for settlement.", AcceptDenunciation.Decide, () => new AcceptDenunciation.Validator()),
        Describe<RefuseDenunciation>("denunciation", "refuse", "Decide not to accept a denunciation.", RefuseDenunciation.Decide, () => new RefuseDenunciation.Validator()),
        Describe<NotifyDenunciationParties>("denunciation", "notify", "Record a written notice to the denouncer / denounced: of the acceptance, an extension or the conclusion.", NotifyDenunciationParties.Decide, () => new NotifyDenunciationParties.Validator()),
        Describe<ExtendDenunciationSettlement>("denunciation", "extend", "Extend the settlement period.", ExtendDenunciationSettlement.Decide, () => new ExtendDenunciationSettlement.Validator()),
        Describe<AssignDenunciationVerifier>("denunciation", "assign-verifier", "Assign in writing who verifies the denunciation.", AssignDenunciationVerifier.Decide, () => new AssignDenunciationVerifier.Validator()),
        Describe<RecordDenunciationVerification>("denunciation", "verify", "Record the verification report.", RecordDenunciationVerification.Decide, () => new RecordDenunciationVerification.Validator()),
        Describe<ConcludeDenunciation>("denunciation", "conclude", "Conclude the denunciation.", ConcludeDenunciation.Decide, () => new ConcludeDenunciation.Validator()),
        Describe<DemandLateSettlementReport>("denunciation", "demand-report", "Record a supervising body's demand for a late-settlement report.", DemandLateSettlementReport.Decide, () => new DemandLateSettlementReport.Validator()),
        Describe<SubmitLateSettlementReport>("denunciation", "submit-report", "Record the late-settlement report sent.", SubmitLateSettlementReport.Decide, () => new SubmitLateSettlementReport.Validator()),
        Describe<RevealDenouncerIdentity>("denunciation", "reveal-identity", "Record that a clearance holder read the denouncer's identity, and why (reading a case with a clearance records it).", RevealDenouncerIdentity.Decide, () => new RevealDenouncerIdentity.Validator()),
        Describe<EraseCitizenData>("citizen", "erase", "Erase a case's citizen's personal data on request: their key is destroyed, the history stays.", EraseCitizenData.Decide, () => new EraseCitizenData.Validator()),
    ];

    /// <summary>The descriptor of a case command type; throws for a type that is not a case command.</summary>
    public static CommandDescriptor For(Type commandType)
        => All.FirstOrDefault(d => d.CommandType == commandType) ?? throw new ArgumentException($"{commandType.Name} is not a case command.", nameof(commandType));

    /// <summary>
    /// Decides <paramref name="command"/> against <paramref name="state"/>: the case must exist (unless the command opens it),
    /// the command's decider runs, and a step that records something may not be dated before the case's latest step. Pure.
    /// </summary>
    public static IReadOnlyList<object> Decide(ICaseCommand command, CaseState state) => Typed(command).Decide(command, state);

    /// <summary>
    /// True when <paramref name="command"/> is a replay of a step already in <paramref name="history"/>: deciding it against
    /// the state just before some recorded event yields exactly the events recorded there (ADR 26). Pure.
    /// </summary>
    public static bool IsReplay(ICaseCommand command, IReadOnlyList<object> history) => Typed(command).IsReplay(command, history);

    private static StreamCommandDescriptor<CaseState> Typed(ICaseCommand command) => (StreamCommandDescriptor<CaseState>)For(command.GetType());

    private static StreamCommandDescriptor<CaseState> Describe<T>(string noun, string verb, string summary, Func<T, CaseState, object[]> decide, Func<IValidator<T>> validator, bool opensCase = false)
        where T : ICaseCommand
        => new(Kind, typeof(T), noun, verb, summary, opensCase, validator, c => ((T)c).CaseId, (c, s) => decide((T)c, s));
}
