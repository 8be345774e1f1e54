using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>
/// What the rules of a case read (ADR 26): its kind, status, round, legal dates, flags, parties served and the sealed
/// citizen, folded from the case's events by the write path on every command and never stored. What only people read
/// (registry number, content, decision numbers, open deadlines) lives in the <see cref="Case"/> view instead.
/// </summary>
public sealed record CaseState
{
    /// <summary>The case id (the stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>The stream version this state reflects (number of events folded).</summary>
    public long Version { get; init; }

    /// <summary>False for the empty state of a case that has not been received.</summary>
    public bool Exists { get; init; }

    /// <summary>What the case is in law.</summary>
    public CaseKind Kind { get; init; }

    /// <summary>Where it stands.</summary>
    public CaseStatus Status { get; init; }

    /// <summary>When it was received (business time).</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The citizen's details, sealed with their own key (ADR 18); null when anonymous or not given.</summary>
    public PersonalData.SealedIdentity? Citizen { get; init; }

    /// <summary>When the citizen's personal data was erased on request, if it was.</summary>
    public DateOnly? CitizenErasedOn { get; init; }

    /// <summary>The submitter stayed anonymous.</summary>
    public bool IsAnonymous { get; init; }

    /// <summary>Whose decision or conduct is at issue.</summary>
    public string? Respondent { get; init; }

    /// <summary>The date (Vietnam time) from which the acceptance or check clock runs: receipt, also after a reclassification.</summary>
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

    /// <summary>First decision's date.</summary>
    public DateOnly? FirstDecisionOn { get; init; }

    /// <summary>Second decision's date.</summary>
    public DateOnly? SecondDecisionOn { get; init; }

    /// <summary>Parties that have received the latest decision.</summary>
    public IReadOnlyList<NoticeParty> DecisionDeliveredTo { get; init; } = [];

    /// <summary>The day the complainant received the latest decision (a second complaint's window runs from it).</summary>
    public DateOnly? DecisionReceivedOn { get; init; }

    /// <summary>The day the complainant received or learned of the contested decision or act, as recorded at acceptance or refusal.</summary>
    public DateOnly? FilingKnownOn { get; init; }

    /// <summary>An obstacle that kept the complainant from filing the first complaint, as recorded with <see cref="FilingKnownOn"/>.</summary>
    public FilingObstacle? FilingObstacle { get; init; }

    /// <summary>The day after which the second complaint's window ran (the first decision received, or the first round's last day).</summary>
    public DateOnly? SecondWindowStartsAfter { get; init; }

    /// <summary>An obstacle that kept the complainant from filing the second complaint in time.</summary>
    public FilingObstacle? SecondFilingObstacle { get; init; }

    /// <summary>Suspension periods, oldest first; the last one is open while suspended.</summary>
    public IReadOnlyList<SuspensionPeriod> Suspensions { get; init; } = [];

    /// <summary>The parts withdrawn so far.</summary>
    public IReadOnlyList<string> WithdrawnParts { get; init; } = [];

    /// <summary>The denunciation check covers several places.</summary>
    public bool CheckAtSeveralPlaces { get; init; }

    /// <summary>Denunciation acceptance date.</summary>
    public DateOnly? DenunciationAcceptedOn { get; init; }

    /// <summary>Parties notified of the denunciation's acceptance.</summary>
    public IReadOnlyList<NoticeParty> DenunciationNotified { get; init; } = [];

    /// <summary>Parties notified of the latest extension of the denunciation's settlement.</summary>
    public IReadOnlyList<NoticeParty> ExtensionNotified { get; init; } = [];

    /// <summary>The day the denunciation was concluded.</summary>
    public DateOnly? DenunciationConcludedOn { get; init; }

    /// <summary>Parties sent or notified the denunciation's conclusion.</summary>
    public IReadOnlyList<NoticeParty> ConclusionNotified { get; init; } = [];

    /// <summary>Who was assigned in writing to verify the denunciation's content, if anyone.</summary>
    public string? DenunciationVerifier { get; init; }

    /// <summary>The reference of the latest verification report on the denunciation.</summary>
    public string? DenunciationVerificationReport { get; init; }

    /// <summary>Who a denunciation's written notices must reach: the denounced, and the denouncer unless anonymous.</summary>
    public IReadOnlyList<NoticeParty> DenunciationParties => IsAnonymous ? [NoticeParty.Denounced] : [NoticeParty.Denouncer, NoticeParty.Denounced];

    /// <summary>Number of settlement extensions.</summary>
    public int Extensions { get; init; }

    /// <summary>Days added by extensions.</summary>
    public int ExtensionDays { get; init; }

    /// <summary>Date of a demand for a late-settlement report.</summary>
    public DateOnly? ReportDemandedOn { get; init; }

    /// <summary>The demanded report was sent.</summary>
    public bool ReportSubmitted { get; init; }

    /// <summary>Business time of the latest step; a new step may not be dated before it.</summary>
    public DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>
    /// The deployment's working calendar the rules count with (set by the write path from <see cref="OutreachOptions"/>;
    /// the shipped one otherwise). Not part of the fold, not stored.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public WorkingCalendar Calendar { get; init; } = WorkingCalendar.Vietnam;

    /// <summary>The deployment's rulebook the rules read (like <see cref="Calendar"/>). Not part of the fold, not stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Rulebook Rules { get; init; } = Rulebook.Default;

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
    public static CaseState None(Guid id) => new() { Id = id };

    /// <summary>Folds events into a state, starting from <see cref="None"/>.</summary>
    public static CaseState Fold(Guid id, IEnumerable<object> events) => events.Aggregate(None(id), (state, e) => state.Evolve(e));

    /// <summary>
    /// True for events about the record rather than the case's legal course (an erasure, a reveal to a clearance holder):
    /// they are dated when they happen, today, and must not stop earlier paper steps from being back-filled afterwards.
    /// </summary>
    public static bool IsRecordKeeping(object @event) => @event is CitizenDataErased or DenouncerIdentityRevealed;

    /// <summary>Applies one event to the state. Pure: no clock, no I/O; unknown events leave the state unchanged.</summary>
    public CaseState Evolve(object @event)
    {
        var state = this;
        var next = @event switch
        {
            PetitionReceived e => state with
            {
                Id = e.CaseId, Exists = true, Kind = CaseKind.Unclassified, Status = CaseStatus.AwaitingClassification,
                ReceivedAt = e.ReceivedAt, Citizen = e.Citizen, IsAnonymous = e.IsAnonymous, Respondent = e.Respondent,
                ClockStartedOn = VietnamTime.DateOf(e.ReceivedAt),
            },
            PetitionClassified e => state with { Kind = e.Kind, Status = StatusForNewKind(e.Kind) },
            CitizenDataErased e => state with { CitizenErasedOn = VietnamTime.DateOf(e.ErasedAt) },
            DenouncerIdentityRevealed => state with { },
            PetitionReclassified e => state with
            {
                // The clock keeps running from receipt: the body received a complaint (or denunciation) when the item came
                // in, and correcting its own classification gives it no new time (Law 02/2011/QH13 Art. 27, Law
                // 25/2018/QH14 Art. 24 cl. 1: "kể từ ngày nhận được"; ADR 34).
                Kind = e.ToKind, Status = StatusForNewKind(e.ToKind),
            },
            PetitionFoundNotProcessable => Close(state, CaseStatus.NotProcessable),
            PetitionTransferred => Close(state, CaseStatus.Transferred),
            CitizenGuided => Close(state, CaseStatus.Guided),
            PetitionAnswered => Close(state, CaseStatus.Answered),
            ComplaintAccepted { Round: 1 } e => state with
            {
                Round = 1, Status = CaseStatus.UnderSettlement, AcceptedOn = VietnamTime.DateOf(e.AcceptedAt),
                IsComplex = e.IsComplex, IsRemoteArea = e.IsRemoteArea,
                FilingKnownOn = e.DecisionKnownOn ?? state.FilingKnownOn, FilingObstacle = e.Obstacle ?? state.FilingObstacle,
            },
            ComplaintAccepted e => state with
            {
                Round = 2, Status = CaseStatus.UnderSecondSettlement, SecondAcceptedOn = VietnamTime.DateOf(e.AcceptedAt),
                IsComplex = e.IsComplex, IsRemoteArea = e.IsRemoteArea,
            },
            ComplaintRefused { Round: 1 } e => Close(state, CaseStatus.Refused) with
            {
                FilingKnownOn = e.DecisionKnownOn ?? state.FilingKnownOn, FilingObstacle = e.Obstacle ?? state.FilingObstacle,
            },
            ComplaintRefused => Close(state, CaseStatus.Refused),
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
                Status = CaseStatus.FirstDecisionIssued,
                FirstDecisionOn = VietnamTime.DateOf(e.SignedAt), DecisionDeliveredTo = [], DecisionReceivedOn = null,
            },
            DecisionDelivered e => state with
            {
                DecisionDeliveredTo = [.. state.DecisionDeliveredTo, .. e.Recipients],
                DecisionReceivedOn = state.DecisionReceivedOn ?? (e.Recipients.Contains(NoticeParty.Complainant) ? VietnamTime.DateOf(e.DeliveredAt) : null),
            },
            SecondComplaintFiled e => state with
            {
                Round = 2, Status = CaseStatus.AwaitingSecondAcceptance, SecondFiledOn = VietnamTime.DateOf(e.FiledAt),
                SecondWindowStartsAfter = e.WindowStartsAfter, SecondFilingObstacle = e.Obstacle,
                Verifier = null, VerificationReport = null, DialoguesInRound = 0, LastDialogueMinutes = null,
            },
            SecondDecisionIssued e => state with
            {
                Status = CaseStatus.SecondDecisionIssued,
                SecondDecisionOn = VietnamTime.DateOf(e.SignedAt), DecisionDeliveredTo = [], DecisionReceivedOn = null,
            },
            ComplaintWithdrawn { IsPartial: true } e => state with { WithdrawnParts = [.. state.WithdrawnParts, e.WithdrawnPart ?? ""] },
            ComplaintWithdrawn => Close(state, CaseStatus.Withdrawn),
            ComplaintTerminated => Close(state, CaseStatus.Terminated),
            LawsuitFiled => Close(state, CaseStatus.InCourt),
            DenunciationCheckWidened e => state with { CheckAtSeveralPlaces = e.Places.Length > 0 },
            DenunciationAccepted e => state with
            {
                Status = CaseStatus.DenunciationUnderSettlement, DenunciationAcceptedOn = VietnamTime.DateOf(e.AcceptedAt),
            },
            DenunciationNotAccepted => Close(state, CaseStatus.DenunciationNotAccepted),
            DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Extension } e => state with { ExtensionNotified = [.. state.ExtensionNotified, .. e.Parties] },
            DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Conclusion } e => state with { ConclusionNotified = [.. state.ConclusionNotified, .. e.Parties] },
            DenunciationPartiesNotified e => state with { DenunciationNotified = [.. state.DenunciationNotified, .. e.Parties] },
            DenunciationSettlementExtended e => state with { Extensions = e.ExtensionNumber, ExtensionDays = state.ExtensionDays + e.Days, ExtensionNotified = [] },
            DenunciationVerifierAssigned e => state with { DenunciationVerifier = e.Verifier },
            DenunciationVerified e => state with { DenunciationVerificationReport = e.ReportReference },
            DenunciationConcluded e => Close(state, CaseStatus.DenunciationConcluded) with { DenunciationConcludedOn = VietnamTime.DateOf(e.ConcludedAt) },
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

    private static CaseState Close(CaseState state, CaseStatus status) => state with { Status = status };
}
