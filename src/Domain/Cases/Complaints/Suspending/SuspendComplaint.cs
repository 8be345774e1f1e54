using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Suspend (tạm đình chỉ) the settlement of a complaint for force majeure or while waiting for another body's result.
/// Allowed only for complaints accepted under the 2026 amendments; the suspended days do not count toward the deadline.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Ground">The legal ground.</param>
/// <param name="Reason">Details.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record SuspendComplaint(Guid CaseId, SuspensionGround Ground, string Reason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<SuspendComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<SuspendComplaint>());
            RuleFor(c => c.Ground).IsInEnum();
            RuleFor(c => c.Reason).NotEmpty().Says("complaint.suspend.reason.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Suspends a complaint under settlement when its rule set allows suspension.</summary>
    public static object[] Decide(SuspendComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.suspend", CaseStatus.UnderSettlement, CaseStatus.UnderSecondSettlement);
        var rules = state.Rules.For(state.RulesDate);
        if (!rules.AllowsSuspension)
        {
            throw new DomainRuleException("complaint.suspend.not-available", state.RulesDate, rules.Name, state.Rules.SuspensionAvailableFrom);
        }

        return [new ComplaintSuspended(command.CaseId, state.Round, command.Ground, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>Settlement was suspended; the clock stops from this day until it resumes.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="Ground">The ground.</param>
/// <param name="Reason">Details.</param>
/// <param name="SuspendedBy">Who.</param>
/// <param name="SuspendedAt">When.</param>
public sealed record ComplaintSuspended(Guid CaseId, int Round, SuspensionGround Ground, string Reason, string SuspendedBy, DateTimeOffset SuspendedAt);
