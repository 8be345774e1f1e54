using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>
/// One case file (hồ sơ): a petition from intake to its end, whether it stays a suggestion, becomes a complaint or a
/// denunciation. Built only by folding the case's events with <see cref="Evolve(object)"/>; stored by Marten as the case's
/// inline snapshot (with its open deadlines) and read as the "case details" view.
/// </summary>
public sealed record Case
{
    /// <summary>The case id (the stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>The stream version this state reflects (number of events folded).</summary>
    public long Version { get; init; }

    /// <summary>False for the empty state of a case that has not been received.</summary>
    public bool Exists { get; init; }

    /// <summary>The paper registry number, if any.</summary>
    public string? Number { get; init; }

    /// <summary>What the case is in law.</summary>
    public CaseKind Kind { get; init; }

    /// <summary>Where it stands.</summary>
    public CaseStatus Status { get; init; }

    /// <summary>How it arrived.</summary>
    public ReceptionChannel Channel { get; init; }

    /// <summary>Who received it.</summary>
    public string ReceivedBy { get; init; } = "";

    /// <summary>When it was received (business time).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The citizen's details, sealed with their own key (ADR 18); null when anonymous or not given.</summary>
    public PersonalData.SealedIdentity? Citizen { get; init; }

    /// <summary>When the citizen's personal data was erased on request, if it was.</summary>
    public DateOnly? CitizenErasedOn { get; init; }

    /// <summary>The submitter stayed anonymous.</summary>
    public bool IsAnonymous { get; init; }

    /// <summary>The locality concerned.</summary>
    public string LocalityCode { get; init; } = "";

    /// <summary>What was asked or reported.</summary>
    public string Content { get; init; } = "";

    /// <summary>Whose decision or conduct is at issue.</summary>
    public string? Respondent { get; init; }

    /// <summary>The date (Vietnam time) from which the current kind's clock runs: receipt, or the reclassification date.</summary>
    public DateOnly ClockStartedOn { get; init; }

    /// <summary>Complaint round: 0 before acceptance of a complaint, 1 for the first complaint, 2 after a second complaint.</summary>
    public int Round { get; init; }

    /// <summary>First-round acceptance date.</summary>
    public DateOnly? AcceptedOn { get; init; }

    /// <summary>Second complaint filing date.</summary>
    public DateOnly? SecondFiledOn { get; init; }

    /// <summary>Second-round acceptance date.</summary>
    public DateOnly? SecondAcceptedOn { get; init; }

    /// <summary>The complaint is complex.</summary>
    public bool IsComplex { get; init; }

    /// <summary>The complainant is in a remote or difficult area.</summary>
    public bool IsRemoteArea { get; init; }

    /// <summary>The verifier of the current round.</summary>
    public string? Verifier { get; init; }

    /// <summary>The verification report of the current round.</summary>
    public string? VerificationReport { get; init; }

    /// <summary>Dialogues held in the current round.</summary>
    public int DialoguesInRound { get; init; }

    /// <summary>Minutes of the last dialogue of the current round.</summary>
    public string? LastDialogueMinutes { get; init; }

    /// <summary>First decision's number.</summary>
    public string? FirstDecisionNumber { get; init; }

    /// <summary>First decision's date.</summary>
    public DateOnly? FirstDecisionOn { get; init; }

    /// <summary>Second decision's number.</summary>
    public string? SecondDecisionNumber { get; init; }

    /// <summary>Second decision's date.</summary>
    public DateOnly? SecondDecisionOn { get; init; }

    /// <summary>Parties that have received the latest decision.</summary>
    public IReadOnlyList<NoticeParty> DecisionDeliveredTo { get; init; } = [];

    /// <summary>Suspension periods, oldest first; the last one is open while suspended.</summary>
    public IReadOnlyList<SuspensionPeriod> Suspensions { get; init; } = [];

    /// <summary>Part of the complaint was withdrawn.</summary>
    public bool PartlyWithdrawn { get; init; }

    /// <summary>The parts withdrawn so far.</summary>
    public IReadOnlyList<string> WithdrawnParts { get; init; } = [];

    /// <summary>Where the petition was transferred, if it was.</summary>
    public string? TransferredTo { get; init; }

    /// <summary>The denunciation check covers several places.</summary>
    public bool CheckAtSeveralPlaces { get; init; }

    /// <summary>Denunciation acceptance date.</summary>
    public DateOnly? DenunciationAcceptedOn { get; init; }

    /// <summary>Parties notified of the denunciation's acceptance.</summary>
    public IReadOnlyList<NoticeParty> DenunciationNotified { get; init; } = [];

    /// <summary>Number of settlement extensions.</summary>
    public int Extensions { get; init; }

    /// <summary>Days added by extensions.</summary>
    public int ExtensionDays { get; init; }

    /// <summary>Date of a demand for a late-settlement report.</summary>
    public DateOnly? ReportDemandedOn { get; init; }

    /// <summary>The demanded report was sent.</summary>
    public bool ReportSubmitted { get; init; }

    /// <summary>The date the case ended, if it has.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>Business time of the latest step; a new step may not be dated before it.</summary>
    public DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>The open legal deadlines, earliest first; filled by the projection from the rulebook and calendar.</summary>
    public IReadOnlyList<CaseDeadline> Deadlines { get; init; } = [];

    /// <summary>
    /// The deployment's working calendar the rules count with (set by the write path from <see cref="OutreachOptions"/>;
    /// the shipped one otherwise). Not part of the fold, not stored.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public WorkingCalendar Calendar { get; init; } = WorkingCalendar.Vietnam;

    /// <summary>The deployment's rulebook the rules read (like <see cref="Calendar"/>). Not part of the fold, not stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Rulebook Rules { get; init; } = Rulebook.Default;

    /// <summary>The earliest due date among the authority's open deadlines (for overdue queries).</summary>
    public DateOnly? NextObligationDue { get; init; }

    /// <summary>True once the case has reached a final status.</summary>
    public bool IsClosed => IsFinal(Status);

    /// <summary>True for the final statuses.</summary>
    public static bool IsFinal(CaseStatus status) => status >= CaseStatus.SecondDecisionIssued;

    /// <summary>True for final statuses and for a first decision (which only a second complaint reopens).</summary>
    public static bool IsSettledStatus(CaseStatus status) => IsFinal(status) || status == CaseStatus.FirstDecisionIssued;

    /// <summary>True while a complaint is being settled in either round.</summary>
    public bool IsUnderSettlement => Status is CaseStatus.UnderSettlement or CaseStatus.UnderSecondSettlement;

    /// <summary>
    /// The date whose rule set applies: the acceptance date of the current round once accepted (a second complaint is
    /// governed by its own acceptance, or before that its filing), otherwise the date the clock started.
    /// </summary>
    public DateOnly RulesDate => Round == 2
        ? SecondAcceptedOn ?? SecondFiledOn ?? AcceptedOn ?? ClockStartedOn
        : AcceptedOn ?? DenunciationAcceptedOn ?? ClockStartedOn;

    /// <summary>The empty state of a case not yet received.</summary>
    public static Case None(Guid id) => new() { Id = id };

    /// <summary>Folds events into a state, starting from <see cref="None"/>.</summary>
    public static Case Fold(Guid id, IEnumerable<object> events) => events.Aggregate(None(id), (state, e) => state.Evolve(e));

    /// <summary>
    /// True for events about the record rather than the case's legal course (an erasure, a reveal to a clearance holder):
    /// they are dated when they happen, today, and must not stop earlier paper steps from being back-filled afterwards.
    /// </summary>
    public static bool IsRecordKeeping(object @event) => @event is CitizenDataErased or DenouncerIdentityRevealed;

    /// <summary>Applies one event to the state. Pure: no clock, no I/O; unknown events leave the state unchanged.</summary>
    public Case Evolve(object @event)
    {
        var state = this;
        var next = @event switch
        {
            PetitionReceived e => state with
            {
                Id = e.CaseId, Exists = true, Number = e.Number, Kind = CaseKind.Unclassified, Status = CaseStatus.AwaitingClassification,
                Channel = e.Channel, ReceivedBy = e.ReceivedBy, ReceivedAt = e.ReceivedAt, Citizen = e.Citizen,
                IsAnonymous = e.IsAnonymous, LocalityCode = e.LocalityCode, Content = e.Content, Respondent = e.Respondent,
                ClockStartedOn = VietnamTime.DateOf(e.ReceivedAt),
            },
            PetitionClassified e => state with { Kind = e.Kind, Status = StatusForNewKind(e.Kind) },
            CitizenDataErased e => state with { CitizenErasedOn = VietnamTime.DateOf(e.ErasedAt) },
            DenouncerIdentityRevealed => state with { },
            PetitionReclassified e => state with
            {
                Kind = e.ToKind, Status = StatusForNewKind(e.ToKind), ClockStartedOn = VietnamTime.DateOf(e.ReclassifiedAt),
            },
            PetitionFoundNotProcessable e => Close(state, CaseStatus.NotProcessable, e.DecidedAt),
            PetitionTransferred e => Close(state, CaseStatus.Transferred, e.TransferredAt) with { TransferredTo = e.ToBody },
            CitizenGuided e => Close(state, CaseStatus.Guided, e.GuidedAt),
            PetitionAnswered e => Close(state, CaseStatus.Answered, e.AnsweredAt),
            ComplaintAccepted { Round: 1 } e => state with
            {
                Round = 1, Status = CaseStatus.UnderSettlement, AcceptedOn = VietnamTime.DateOf(e.AcceptedAt),
                IsComplex = e.IsComplex, IsRemoteArea = e.IsRemoteArea,
            },
            ComplaintAccepted e => state with
            {
                Round = 2, Status = CaseStatus.UnderSecondSettlement, SecondAcceptedOn = VietnamTime.DateOf(e.AcceptedAt),
                IsComplex = e.IsComplex, IsRemoteArea = e.IsRemoteArea,
            },
            ComplaintRefused e => Close(state, CaseStatus.Refused, e.RefusedAt),
            VerifierAssigned e => state with { Verifier = e.Verifier },
            ComplaintVerified e => state with { VerificationReport = e.ReportReference },
            DialogueHeld e => state with { DialoguesInRound = e.DialogueNumber, LastDialogueMinutes = e.MinutesReference },
            ComplaintFlagsChanged e => state with { IsComplex = e.IsComplex, IsRemoteArea = e.IsRemoteArea },
            ComplaintSuspended e => state with
            {
                Status = CaseStatus.Suspended,
                Suspensions = [.. state.Suspensions, new SuspensionPeriod(VietnamTime.DateOf(e.SuspendedAt), null, e.Ground)],
            },
            ComplaintResumed e => state with
            {
                Status = e.Round == 2 ? CaseStatus.UnderSecondSettlement : CaseStatus.UnderSettlement,
                Suspensions = [.. state.Suspensions.Take(state.Suspensions.Count - 1), state.Suspensions[^1] with { To = VietnamTime.DateOf(e.ResumedAt) }],
            },
            FirstDecisionIssued e => state with
            {
                Status = CaseStatus.FirstDecisionIssued, FirstDecisionNumber = e.DecisionNumber,
                FirstDecisionOn = VietnamTime.DateOf(e.SignedAt), DecisionDeliveredTo = [],
            },
            DecisionDelivered e => state with { DecisionDeliveredTo = [.. state.DecisionDeliveredTo, .. e.Recipients] },
            SecondComplaintFiled e => state with
            {
                Round = 2, Status = CaseStatus.AwaitingSecondAcceptance, SecondFiledOn = VietnamTime.DateOf(e.FiledAt),
                Verifier = null, VerificationReport = null, DialoguesInRound = 0, LastDialogueMinutes = null,
            },
            SecondDecisionIssued e => state with
            {
                Status = CaseStatus.SecondDecisionIssued, SecondDecisionNumber = e.DecisionNumber, ClosedOn = VietnamTime.DateOf(e.SignedAt),
                SecondDecisionOn = VietnamTime.DateOf(e.SignedAt), DecisionDeliveredTo = [],
            },
            ComplaintWithdrawn { IsPartial: true } e => state with { PartlyWithdrawn = e.IsPartial, WithdrawnParts = [.. state.WithdrawnParts, e.WithdrawnPart ?? ""] },
            ComplaintWithdrawn e => Close(state, CaseStatus.Withdrawn, e.WithdrawnAt),
            ComplaintTerminated e => Close(state, CaseStatus.Terminated, e.TerminatedAt),
            LawsuitFiled e => Close(state, CaseStatus.InCourt, e.FiledAt),
            DenunciationCheckWidened e => state with { CheckAtSeveralPlaces = e.Places.Length > 0 },
            DenunciationAccepted e => state with
            {
                Status = CaseStatus.DenunciationUnderSettlement, DenunciationAcceptedOn = VietnamTime.DateOf(e.AcceptedAt),
            },
            DenunciationNotAccepted e => Close(state, CaseStatus.DenunciationNotAccepted, e.DecidedAt),
            DenunciationPartiesNotified e => state with { DenunciationNotified = [.. state.DenunciationNotified, .. e.Parties] },
            DenunciationSettlementExtended e => state with { Extensions = e.ExtensionNumber, ExtensionDays = state.ExtensionDays + e.Days },
            DenunciationConcluded e => Close(state, CaseStatus.DenunciationConcluded, e.ConcludedAt),
            LateSettlementReportDemanded e => state with { ReportDemandedOn = VietnamTime.DateOf(e.DemandedAt), ReportSubmitted = false },
            LateSettlementReportSubmitted e => state with { ReportSubmitted = e.ReportReference.Length > 0 },
            _ => state,
        };

        return ReferenceEquals(next, state)
            ? state
            : next with { Version = state.Version + 1, LastOccurredAt = IsRecordKeeping(@event) ? state.LastOccurredAt : OutreachEvents.OccurredAt(@event) ?? state.LastOccurredAt };
    }

    private static CaseStatus StatusForNewKind(CaseKind kind) => kind switch
    {
        CaseKind.Suggestion => CaseStatus.SuggestionOpen,
        CaseKind.Complaint => CaseStatus.AwaitingAcceptance,
        CaseKind.Denunciation => CaseStatus.DenunciationUnderCheck,
        _ => CaseStatus.AwaitingClassification,
    };

    private static Case Close(Case state, CaseStatus status, DateTimeOffset at)
        => state with { Status = status, ClosedOn = VietnamTime.DateOf(at) };
}
