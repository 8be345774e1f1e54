using FluentValidation;

namespace Outreach.Cases;

/// <summary>Terminate (đình chỉ) the settlement: after a full withdrawal, the complainant's death without successor, or the organisation's dissolution.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Ground">The legal ground.</param>
/// <param name="Note">Details (optional).</param>
/// <param name="Actor">Who signed the termination decision.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TerminateComplaint(Guid CaseId, TerminationGround Ground, string? Note, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<TerminateComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<TerminateComplaint>());
            RuleFor(c => c.Ground).IsInEnum();
            RuleFor(c => c.Note).MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Terminates an open or withdrawn complaint.</summary>
    public static object[] Decide(TerminateComplaint command, CaseState state)
    {
        if (command.Ground == TerminationGround.FullWithdrawal)
        {
            state.EnsureStatus("complaint.terminate-withdrawn", CaseStatus.Withdrawn);
        }
        else
        {
            state.EnsureStatus("complaint.terminate", [.. CaseRules.OpenComplaint, CaseStatus.Withdrawn]);
        }

        return [new ComplaintTerminated(command.CaseId, state.Round, command.Ground, command.Note, command.Actor, command.OccurredAt)];
    }
}

/// <summary>Settlement was terminated.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="Ground">The ground.</param>
/// <param name="Note">Details.</param>
/// <param name="TerminatedBy">Who signed.</param>
/// <param name="TerminatedAt">When.</param>
public sealed record ComplaintTerminated(Guid CaseId, int Round, TerminationGround Ground, string? Note, string TerminatedBy, DateTimeOffset TerminatedAt);
