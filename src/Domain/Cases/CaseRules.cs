using Outreach.Deadlines;

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

    /// <summary>The decision-period step currently running for a complaint under settlement.</summary>
    public static DeadlineStep DecisionStepOf(Case state)
        => CaseDeadlines.For(state, state.Rules, state.Calendar).FirstOrDefault(d => d.IsObligation)?.Step ?? DeadlineStep.FirstDecision;

    /// <summary>
    /// Refuses unless the deadline of <paramref name="step"/> has passed by <paramref name="at"/>, counted with the
    /// deployment's rulebook and calendar carried by the state: the same deadline the views show.
    /// </summary>
    public static void EnsureLapsed(Case state, DeadlineStep step, DateTimeOffset at, string what)
    {
        var deadline = CaseDeadlines.For(state, state.Rules, state.Calendar).FirstOrDefault(d => d.Step == step);
        var on = VietnamTime.DateOf(at);
        if (deadline is null || deadline.Due is null || deadline.Due >= on)
        {
            var until = deadline?.Due is { } due ? $"runs until {due:yyyy-MM-dd}" : "is not running (suspended or not started)";
            throw new DomainRuleException($"Not yet: {what} only after the deadline has passed, and the {step} period {until} ({deadline?.Citation ?? "see docs/deadlines.md"}).");
        }
    }

    public static void EnsureVerified(Case state)
    {
        if (state.VerificationReport is null)
        {
            throw new DomainRuleException("No verification report is on file for this round: record the verification (RecordVerification) before deciding.");
        }
    }
}
