using FluentValidation;

namespace Outreach.Cases;

/// <summary>Issue the second settlement decision (quyết định giải quyết lần hai).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="DecisionNumber">The decision's number.</param>
/// <param name="Finding">Whether the complaint was founded.</param>
/// <param name="Summary">What was decided.</param>
/// <param name="Actor">Who signed it.</param>
/// <param name="OccurredAt">When it was signed.</param>
public sealed record IssueSecondDecision(Guid CaseId, string DecisionNumber, Finding Finding, string Summary, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<IssueSecondDecision>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<IssueSecondDecision>());
            RuleFor(c => c.DecisionNumber).NotEmpty().Says("complaint.decision-number.required").MaximumLength(TextLimits.Reference);
            RuleFor(c => c.Finding).IsInEnum();
            RuleFor(c => c.Summary).NotEmpty().Says("complaint.decision-summary.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Issues the decision of an accepted second complaint whose verification is on file.</summary>
    public static object[] Decide(IssueSecondDecision command, CaseState state)
    {
        state.EnsureStatus("complaint.decide-second", CaseStatus.UnderSecondSettlement);
        CaseRules.EnsureVerified(state, "complaint.decide-second");
        // The second round holds a dialogue without condition (Art. 39), and its decision states the dialogue's result
        // (Art. 40(2)(e), without "if any" as for the first decision).
        if (state.DialoguesInRound == 0)
        {
            throw new DomainRuleException("complaint.decide-second.no-dialogue");
        }

        return [new SecondDecisionIssued(command.CaseId, command.DecisionNumber, command.Finding, command.Summary, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The second settlement decision was signed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="DecisionNumber">Its number.</param>
/// <param name="Finding">Whether the complaint was founded.</param>
/// <param name="Summary">What was decided.</param>
/// <param name="SignedBy">Who signed it.</param>
/// <param name="SignedAt">When.</param>
public sealed record SecondDecisionIssued(Guid CaseId, string DecisionNumber, Finding Finding, string Summary, string SignedBy, DateTimeOffset SignedAt);
