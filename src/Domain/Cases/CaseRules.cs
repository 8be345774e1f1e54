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

    /// <summary>
    /// Refuses unless the case is in one of the <paramref name="allowed"/> statuses. <paramref name="action"/> is the
    /// step's code (<c>complaint.accept</c>): the refusal's code is <c>{action}.status</c> and the sentence names the
    /// step by its term <c>step.{action}</c>.
    /// </summary>
    public static void EnsureStatus(this CaseState state, string action, params CaseStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
        {
            throw DomainRuleException.Shared(
                action + ".status", state.IsClosed ? "case.status-refused-closed" : "case.status-refused",
                new Term("step." + action), state.Status, Terms.Or(allowed.Cast<Enum>()));
        }
    }

    /// <summary>
    /// Refuses to handle an anonymous submission as a complaint. <paramref name="action"/> is the step's code
    /// (<c>petition.classify</c>); the refusal's code is <c>{action}.anonymous-complaint</c>.
    /// </summary>
    public static void EnsureKindFits(CaseState state, CaseKind kind, string action)
    {
        if (kind == CaseKind.Complaint && state.IsAnonymous)
        {
            throw DomainRuleException.Shared(action + ".anonymous-complaint", "case.anonymous-complaint");
        }
    }

    /// <summary>
    /// Refuses unless the <paramref name="required"/> party is among the notified ones. <paramref name="action"/> is the
    /// step's code (<c>complaint.accept</c>): the refusal's code is <c>{action}.notice-missing</c> and the notice is named
    /// by its term <c>notice.{action}</c>.
    /// </summary>
    public static void EnsureNotices(IReadOnlyCollection<NoticeParty> notified, NoticeParty required, string action)
    {
        if (!notified.Contains(required))
        {
            throw DomainRuleException.Shared(action + ".notice-missing", "case.notice-missing", new Term("notice." + action), required, required.ToString());
        }
    }

    /// <summary>The decision-period step currently running for a complaint under settlement.</summary>
    public static DeadlineStep DecisionStepOf(CaseState state)
        => CaseDeadlines.For(state, state.Rules, state.Calendar).FirstOrDefault(d => d.IsObligation)?.Step ?? DeadlineStep.FirstDecision;

    /// <summary>
    /// Refuses unless the deadline of <paramref name="step"/> has passed by <paramref name="at"/>, counted with the
    /// deployment's rulebook and calendar carried by the state: the same deadline the views show. <paramref name="action"/>
    /// is the step's code (<c>complaint.sue</c>): the refusal's code is <c>{action}.not-lapsed</c> and what waits for the
    /// deadline is named by the term <c>lapse.{action}</c>.
    /// </summary>
    public static void EnsureLapsed(CaseState state, DeadlineStep step, DateTimeOffset at, string action)
    {
        var deadline = CaseDeadlines.For(state, state.Rules, state.Calendar).FirstOrDefault(d => d.Step == step);
        var on = VietnamTime.DateOf(at);
        if (deadline is null || deadline.Due is null || deadline.Due >= on)
        {
            object citation = deadline?.Citation is { } cited ? new LegalCitation(cited) : new Term("deadline.see-docs");
            throw DomainRuleException.Shared(
                action + ".not-lapsed", deadline?.Due is null ? "case.not-lapsed.not-running" : "case.not-lapsed.running",
                new Term("lapse." + action), step, deadline?.Due, citation);
        }
    }

    /// <summary>
    /// Refuses a decision while no verification report is on file for the round. <paramref name="action"/> is the step's
    /// code (<c>complaint.decide-first</c>); the refusal's code is <c>{action}.not-verified</c>.
    /// </summary>
    public static void EnsureVerified(CaseState state, string action)
    {
        if (state.VerificationReport is null)
        {
            throw DomainRuleException.Shared(action + ".not-verified", "case.not-verified");
        }
    }
}

/// <summary>
/// Terms joined by commas only ("name, ID number"), each in the reader's language: an argument of a sentence, put into
/// the sentence's culture when it is formatted.
/// </summary>
/// <param name="Items">The terms, in order.</param>
internal sealed record CommaList(IReadOnlyList<Term> Items) : IFormattable
{
    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider)
        => string.Join(", ", Items.Select(t => t.In(formatProvider as System.Globalization.CultureInfo ?? System.Globalization.CultureInfo.CurrentUICulture)));

    /// <summary>The list in the current UI culture (a null provider means that culture).</summary>
    public override string ToString() => ToString(null, null);
}
