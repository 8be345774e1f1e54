using FluentValidation;

namespace Outreach.Cases;

/// <summary>Set or clear the complexity and remote-area flags of an open complaint; they change its settlement periods.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="IsComplex">The matter is complex.</param>
/// <param name="IsRemoteArea">Remote or difficult area.</param>
/// <param name="Reason">Why the flags change.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record FlagComplaint(Guid CaseId, bool IsComplex, bool IsRemoteArea, string Reason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<FlagComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<FlagComplaint>());
            RuleFor(c => c.Reason).NotEmpty().Says("complaint.flag.reason.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Changes the flags of an open complaint; the same flags again are refused as unchanged (an exact repeat is caught earlier as already recorded, ADR 26).</summary>
    public static object[] Decide(FlagComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.flag", CaseRules.OpenComplaint);
        if (state.IsComplex == command.IsComplex && state.IsRemoteArea == command.IsRemoteArea)
        {
            throw new DomainRuleException("complaint.flag.unchanged");
        }

        return [new ComplaintFlagsChanged(command.CaseId, command.IsComplex, command.IsRemoteArea, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The complaint's complexity or remote-area flag changed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="IsComplex">Complex matter.</param>
/// <param name="IsRemoteArea">Remote or difficult area.</param>
/// <param name="Reason">Why.</param>
/// <param name="ChangedBy">Who.</param>
/// <param name="ChangedAt">When.</param>
public sealed record ComplaintFlagsChanged(Guid CaseId, bool IsComplex, bool IsRemoteArea, string Reason, string ChangedBy, DateTimeOffset ChangedAt);
