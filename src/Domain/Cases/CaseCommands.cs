using FluentValidation;

namespace Outreach.Cases;

/// <summary>Describes one case command: its name, where it sits in the console's noun-verb grammar, and how it is checked and decided.</summary>
public sealed class CaseCommandDescriptor
{
    private readonly Func<ICaseCommand, Case, object[]> _decide;
    private readonly IValidator _validator;

    internal CaseCommandDescriptor(Type type, string noun, string verb, string summary, bool opensCase, IValidator validator, Func<ICaseCommand, Case, object[]> decide)
    {
        CommandType = type;
        Noun = noun;
        Verb = verb;
        Summary = summary;
        OpensCase = opensCase;
        _validator = validator;
        _decide = decide;
    }

    /// <summary>The command's name as used in JSON lines (<c>"command": "AcceptComplaint"</c>).</summary>
    public string Name => CommandType.Name;

    /// <summary>The command's record type.</summary>
    public Type CommandType { get; }

    /// <summary>The console noun (petition, complaint, denunciation).</summary>
    public string Noun { get; }

    /// <summary>The console verb (accept, refuse, …).</summary>
    public string Verb { get; }

    /// <summary>One line saying what the command records.</summary>
    public string Summary { get; }

    /// <summary>True for the command that opens a new case.</summary>
    public bool OpensCase { get; }

    /// <summary>Checks the command's shape; throws <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate(ICaseCommand command)
    {
        var result = _validator.Validate(new ValidationContext<object>(command));
        if (!result.IsValid)
        {
            throw new ValidationException($"{Name} is not valid: " + string.Join(" ", result.Errors.Select(e => e.ErrorMessage)), result.Errors);
        }
    }

    internal object[] Decide(ICaseCommand command, Case state) => _decide(command, state);
}

/// <summary>The catalogue of case commands. Both hosts and the JSON-lines importer dispatch through it.</summary>
public static class CaseCommands
{
    /// <summary>Every case command, in lifecycle order.</summary>
    public static readonly IReadOnlyList<CaseCommandDescriptor> All =
    [
        Describe<ReceivePetition>("petition", "receive", "Record a petition as received and open a case.", ReceivePetition.Decide, new ReceivePetition.Validator(), opensCase: true),
        Describe<ClassifyPetition>("petition", "classify", "Classify a petition as suggestion, complaint or denunciation.", ClassifyPetition.Decide, new ClassifyPetition.Validator()),
        Describe<ReclassifyPetition>("petition", "reclassify", "Change a petition's kind before acceptance, with a reason.", ReclassifyPetition.Decide, new ReclassifyPetition.Validator()),
        Describe<DeclareNotProcessable>("petition", "not-processable", "Close an item that cannot be processed (Circular 05/2021 Art. 6).", DeclareNotProcessable.Decide, new DeclareNotProcessable.Validator()),
        Describe<TransferPetition>("petition", "transfer", "Transfer a petition to the competent body.", TransferPetition.Decide, new TransferPetition.Validator()),
        Describe<GuideCitizen>("petition", "guide", "Answer the citizen with guidance and close the case.", GuideCitizen.Decide, new GuideCitizen.Validator()),
        Describe<AnswerPetition>("petition", "answer", "Answer a suggestion or report and close it.", AnswerPetition.Decide, new AnswerPetition.Validator()),
        Describe<AcceptComplaint>("complaint", "accept", "Accept a complaint (either round) and notify the parties.", AcceptComplaint.Decide, new AcceptComplaint.Validator()),
        Describe<RefuseComplaint>("complaint", "refuse", "Refuse to accept a complaint, with the notice's reason.", RefuseComplaint.Decide, new RefuseComplaint.Validator()),
        Describe<AssignVerifier>("complaint", "assign-verifier", "Assign who verifies the complaint.", AssignVerifier.Decide, new AssignVerifier.Validator()),
        Describe<RecordVerification>("complaint", "verify", "File the verification report.", RecordVerification.Decide, new RecordVerification.Validator()),
        Describe<HoldDialogue>("complaint", "dialogue", "Record a dialogue with attendees and minutes.", HoldDialogue.Decide, new HoldDialogue.Validator()),
        Describe<FlagComplaint>("complaint", "flag", "Set the complex / remote-area flags.", FlagComplaint.Decide, new FlagComplaint.Validator()),
        Describe<SuspendComplaint>("complaint", "suspend", "Suspend settlement (2026 rules); the clock stops.", SuspendComplaint.Decide, new SuspendComplaint.Validator()),
        Describe<ResumeComplaint>("complaint", "resume", "Resume a suspended settlement and notify the parties.", ResumeComplaint.Decide, new ResumeComplaint.Validator()),
        Describe<IssueFirstDecision>("complaint", "decide-first", "Issue the first settlement decision.", IssueFirstDecision.Decide, new IssueFirstDecision.Validator()),
        Describe<DeliverDecision>("complaint", "deliver", "Record delivery of the latest decision to parties.", DeliverDecision.Decide, new DeliverDecision.Validator()),
        Describe<FileSecondComplaint>("complaint", "file-second", "Record a second complaint.", FileSecondComplaint.Decide, new FileSecondComplaint.Validator()),
        Describe<IssueSecondDecision>("complaint", "decide-second", "Issue the second settlement decision.", IssueSecondDecision.Decide, new IssueSecondDecision.Validator()),
        Describe<WithdrawComplaint>("complaint", "withdraw", "Record a full or partial withdrawal.", WithdrawComplaint.Decide, new WithdrawComplaint.Validator()),
        Describe<TerminateComplaint>("complaint", "terminate", "Terminate settlement (đình chỉ).", TerminateComplaint.Decide, new TerminateComplaint.Validator()),
        Describe<RecordLawsuit>("complaint", "sue", "Record that the complainant went to court.", RecordLawsuit.Decide, new RecordLawsuit.Validator()),
        Describe<WidenDenunciationCheck>("denunciation", "widen-check", "Extend the receipt check to several places.", WidenDenunciationCheck.Decide, new WidenDenunciationCheck.Validator()),
        Describe<AcceptDenunciation>("denunciation", "accept", "Accept a denunciation for settlement.", AcceptDenunciation.Decide, new AcceptDenunciation.Validator()),
        Describe<RefuseDenunciation>("denunciation", "refuse", "Decide not to accept a denunciation.", RefuseDenunciation.Decide, new RefuseDenunciation.Validator()),
        Describe<NotifyDenunciationParties>("denunciation", "notify", "Record notices to denouncer / denounced.", NotifyDenunciationParties.Decide, new NotifyDenunciationParties.Validator()),
        Describe<ExtendDenunciationSettlement>("denunciation", "extend", "Extend the settlement period.", ExtendDenunciationSettlement.Decide, new ExtendDenunciationSettlement.Validator()),
        Describe<ConcludeDenunciation>("denunciation", "conclude", "Conclude the denunciation.", ConcludeDenunciation.Decide, new ConcludeDenunciation.Validator()),
        Describe<DemandLateSettlementReport>("denunciation", "demand-report", "Record a supervising body's demand for a late-settlement report.", DemandLateSettlementReport.Decide, new DemandLateSettlementReport.Validator()),
        Describe<SubmitLateSettlementReport>("denunciation", "submit-report", "Record the late-settlement report sent.", SubmitLateSettlementReport.Decide, new SubmitLateSettlementReport.Validator()),
    ];

    private static readonly Dictionary<Type, CaseCommandDescriptor> ByType = All.ToDictionary(d => d.CommandType);
    private static readonly Dictionary<string, CaseCommandDescriptor> ByName = All.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The descriptor of a command type; throws for a type that is not a case command.</summary>
    public static CaseCommandDescriptor For(Type commandType)
        => ByType.TryGetValue(commandType, out var d) ? d : throw new ArgumentException($"{commandType.Name} is not a case command.", nameof(commandType));

    /// <summary>Finds a command by its name (case-insensitive), or null.</summary>
    public static CaseCommandDescriptor? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// Decides <paramref name="command"/> against <paramref name="state"/>: the case must exist (unless the command opens it)
    /// and steps must come in chronological order; then the command's own decider runs. Pure.
    /// </summary>
    public static IReadOnlyList<object> Decide(ICaseCommand command, Case state) => Decide(For(command.GetType()), command, state);

    internal static object[] Decide(CaseCommandDescriptor descriptor, ICaseCommand command, Case state)
    {
        if (!descriptor.OpensCase && !state.Exists)
        {
            throw new CaseNotFoundException(command.CaseId);
        }

        // The decider runs first so that repeating an already-recorded step stays a quiet no-op even when it is dated earlier.
        var events = descriptor.Decide(command, state);
        if (events.Length > 0)
        {
            CaseRules.EnsureChronology(state, command);
        }

        return events;
    }

    /// <summary>
    /// True when <paramref name="command"/> is a replay of a step already in <paramref name="history"/>: deciding it against
    /// the state just before some recorded event yields exactly the events recorded there. Lets a JSON-lines file or a
    /// retried request be applied twice without failing or recording anything twice. Pure.
    /// </summary>
    public static bool IsReplay(ICaseCommand command, IReadOnlyList<object> history)
    {
        var descriptor = For(command.GetType());
        var state = Case.None(command.CaseId);
        for (var k = 0; k < history.Count; k++)
        {
            object[] produced;
            try
            {
                produced = descriptor.Decide(command, state);
            }
            catch (DomainRuleException)
            {
                produced = [];
            }

            if (produced.Length > 0 && k + produced.Length <= history.Count
                && produced.Select((e, i) => SameEvent(e, history[k + i])).All(same => same))
            {
                return true;
            }

            state = state.Evolve(history[k]);
        }

        return false;
    }

    private static bool SameEvent(object a, object b)
        => a.GetType() == b.GetType()
           && System.Text.Json.JsonSerializer.Serialize(a, a.GetType()) == System.Text.Json.JsonSerializer.Serialize(b, b.GetType());

    private static CaseCommandDescriptor Describe<T>(string noun, string verb, string summary, Func<T, Case, object[]> decide, IValidator<T> validator, bool opensCase = false)
        where T : ICaseCommand
        => new(typeof(T), noun, verb, summary, opensCase, validator, (c, s) => decide((T)c, s));
}
