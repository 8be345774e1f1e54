using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Record a second complaint (khiếu nại lần hai): the complainant disagrees with the first decision, or the first
/// settlement deadline lapsed without one. The second round then needs its own acceptance.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Ground">Why a second complaint is made.</param>
/// <param name="Reason">What the complainant says.</param>
/// <param name="Actor">Who received it.</param>
/// <param name="OccurredAt">When it was filed.</param>
public sealed record FileSecondComplaint(Guid CaseId, SecondComplaintGround Ground, string Reason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<FileSecondComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<FileSecondComplaint>());
            RuleFor(c => c.Ground).IsInEnum();
            RuleFor(c => c.Reason).NotEmpty().Says("complaint.file-second.reason.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Opens the second round after a first decision, or after an unsettled first round.</summary>
    public static object[] Decide(FileSecondComplaint command, CaseState state)
    {
        if (state.Round == 2)
        {
            throw new DomainRuleException("complaint.file-second.third-round");
        }

        if (command.Ground == SecondComplaintGround.DisagreesWithFirstDecision)
        {
            state.EnsureStatus("complaint.file-second", CaseStatus.FirstDecisionIssued);
        }
        else
        {
            state.EnsureStatus("complaint.file-second-lapsed", CaseStatus.UnderSettlement);
            CaseRules.EnsureLapsed(state, CaseRules.DecisionStepOf(state), command.OccurredAt, "complaint.file-second");
        }

        return [new SecondComplaintFiled(command.CaseId, command.Ground, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A second complaint was filed; it awaits acceptance.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Ground">Why.</param>
/// <param name="Reason">What the complainant says.</param>
/// <param name="ReceivedBy">Who received it.</param>
/// <param name="FiledAt">When.</param>
public sealed record SecondComplaintFiled(Guid CaseId, SecondComplaintGround Ground, string Reason, string ReceivedBy, DateTimeOffset FiledAt);
