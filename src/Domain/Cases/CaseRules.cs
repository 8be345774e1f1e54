namespace Outreach.Cases;

/// <summary>Rules shared by several deciders. Pure functions over the state.</summary>
internal static class CaseRules
{
    /// <summary>Statuses in which a petition has not yet been accepted and can still be closed at intake.</summary>
    public static readonly CaseStatus[] BeforeAcceptance =
    [
        CaseStatus.AwaitingClassification, CaseStatus.SuggestionOpen, CaseStatus.AwaitingAcceptance, CaseStatus.DenunciationUnderCheck,
    ];

    /// <summary>Statuses of a complaint still being handled.</summary>
    public static readonly CaseStatus[] OpenComplaint =
    [
        CaseStatus.AwaitingAcceptance, CaseStatus.UnderSettlement, CaseStatus.Suspended, CaseStatus.FirstDecisionIssued,
        CaseStatus.AwaitingSecondAcceptance, CaseStatus.UnderSecondSettlement,
    ];

    public static void EnsureStatus(this Case state, string action, params CaseStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
        {
            var expected = string.Join(" or ", allowed);
            throw new DomainRuleException(
                $"Cannot {action}: the case is {state.Status}{(state.IsClosed ? " (closed)" : "")}, and this step needs it to be {expected}.");
        }
    }

    public static void EnsureKindFits(Case state, CaseKind kind)
    {
        if (kind == CaseKind.Complaint && state.IsAnonymous)
        {
            throw new DomainRuleException(
                "An anonymous submission cannot be handled as a complaint: the complainant must be identified (Law 02/2011/QH13). Classify it as a suggestion or a denunciation.");
        }
    }

    public static void EnsureNotices(IReadOnlyCollection<NoticeParty> notified, NoticeParty required, string notice)
    {
        if (!notified.Contains(required))
        {
            throw new DomainRuleException($"{notice} must be sent to the {required}; add {required} to the notified parties.");
        }
    }

    public static void EnsureVerified(Case state)
    {
        if (state.VerificationReport is null)
        {
            throw new DomainRuleException("No verification report is on file for this round: record the verification (RecordVerification) before deciding.");
        }
    }

    /// <summary>A step may not be dated before the step it follows.</summary>
    public static void EnsureChronology(Case state, ICaseCommand command)
    {
        if (state.Exists && command.OccurredAt < state.LastOccurredAt)
        {
            throw new DomainRuleException(
                $"occurredAt {command.OccurredAt:yyyy-MM-dd HH:mm zzz} is before the case's latest step ({state.LastOccurredAt:yyyy-MM-dd HH:mm zzz}). Steps are recorded in the order they happened; check the date.");
        }
    }
}
