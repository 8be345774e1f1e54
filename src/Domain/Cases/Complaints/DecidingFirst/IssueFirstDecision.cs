using FluentValidation;

namespace Outreach.Cases;

/// <summary>Issue the first settlement decision (quyết định giải quyết lần đầu), signed by the competent person.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="DecisionNumber">The decision's number.</param>
/// <param name="Finding">Whether the complaint was founded.</param>
/// <param name="Summary">What was decided.</param>
/// <param name="Actor">Who signed it.</param>
/// <param name="OccurredAt">When it was signed.</param>
public sealed record IssueFirstDecision(Guid CaseId, string DecisionNumber, Finding Finding, string Summary, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<IssueFirstDecision>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<IssueFirstDecision>());
            RuleFor(c => c.DecisionNumber).NotEmpty().Says("complaint.decision-number.required").MaximumLength(TextLimits.Reference);
            RuleFor(c => c.Finding).IsInEnum();
            RuleFor(c => c.Summary).NotEmpty().Says("complaint.decision-summary.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Issues the decision of a first-round complaint whose verification is on file.</summary>
    public static object[] Decide(IssueFirstDecision command, CaseState state)
    {
        if (state.Status == CaseStatus.UnderSecondSettlement)
        {
            throw new DomainRuleException("complaint.decide-first.second-round");
        }

        state.EnsureStatus("complaint.decide-first", CaseStatus.UnderSettlement);
        CaseRules.EnsureVerified(state, "complaint.decide-first");
        return [new FirstDecisionIssued(command.CaseId, command.DecisionNumber, command.Finding, command.Summary, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The first settlement decision was signed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="DecisionNumber">Its number.</param>
/// <param name="Finding">Whether the complaint was founded.</param>
/// <param name="Summary">What was decided.</param>
/// <param name="SignedBy">Who signed it.</param>
/// <param name="SignedAt">When.</param>
public sealed record FirstDecisionIssued(Guid CaseId, string DecisionNumber, Finding Finding, string Summary, string SignedBy, DateTimeOffset SignedAt);
