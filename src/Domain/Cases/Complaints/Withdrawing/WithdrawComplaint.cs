using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Record that the complainant withdrew the complaint in writing, in full or (for complaints under the 2026 amendments)
/// in part. A full withdrawal stops the clock and calls for a termination decision.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="IsPartial">Only part of the complaint is withdrawn.</param>
/// <param name="WithdrawnPart">For a partial withdrawal, which part.</param>
/// <param name="Actor">Who recorded the written withdrawal.</param>
/// <param name="OccurredAt">When the complainant withdrew.</param>
public sealed record WithdrawComplaint(Guid CaseId, bool IsPartial, string? WithdrawnPart, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<WithdrawComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<WithdrawComplaint>());
            RuleFor(c => c.WithdrawnPart).NotEmpty().When(c => c.IsPartial)
                .Says("complaint.withdraw.withdrawn-part.required");
            RuleFor(c => c.WithdrawnPart).MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Records a withdrawal of an open complaint.</summary>
    public static object[] Decide(WithdrawComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.withdraw", CaseRules.OpenComplaint);
        if (command.IsPartial && state.WithdrawnParts.Contains(command.WithdrawnPart))
        {
            throw new DomainRuleException("complaint.withdraw.part-withdrawn", command.WithdrawnPart);
        }

        if (command.IsPartial)
        {
            var rules = state.Rules.For(state.RulesDate);
            if (!rules.AllowsPartialWithdrawal)
            {
                throw new DomainRuleException("complaint.withdraw.partial-not-available", rules.Name, state.RulesDate);
            }
        }

        return [new ComplaintWithdrawn(command.CaseId, state.Round, command.IsPartial, command.WithdrawnPart, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The complainant withdrew the complaint, fully or in part.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="IsPartial">Only part was withdrawn.</param>
/// <param name="WithdrawnPart">Which part.</param>
/// <param name="RecordedBy">Who recorded the written withdrawal.</param>
/// <param name="WithdrawnAt">When.</param>
public sealed record ComplaintWithdrawn(Guid CaseId, int Round, bool IsPartial, string? WithdrawnPart, string RecordedBy, DateTimeOffset WithdrawnAt);
