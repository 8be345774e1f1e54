using FluentValidation;
using Outreach.Deadlines;

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
/// <param name="ObstacleFrom">First day of an obstacle that kept the complainant from filing within the window (its days do not count).</param>
/// <param name="ObstacleTo">Last day of that obstacle.</param>
/// <param name="ObstacleReason">What the obstacle was.</param>
public sealed record FileSecondComplaint(
    Guid CaseId, SecondComplaintGround Ground, string Reason, DateOnly? ObstacleFrom, DateOnly? ObstacleTo, string? ObstacleReason,
    string Actor, DateTimeOffset OccurredAt) : ICaseCommand, IFilingObstacleFields
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
            Include(new FilingObstacleFields.Rules<FileSecondComplaint>());
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

        // The window runs from the day the complainant received the first decision, or from the first round's last day
        // (Art. 33). A filing after it is recorded as the citizen filed it; its acceptance is then refused as out of time
        // unless the obstacle shown covers the delay.
        var startsAfter = FilingWindows.SecondStart(state, command.Ground);
        return [new SecondComplaintFiled(command.CaseId, command.Ground, command.Reason, startsAfter, FilingObstacleFields.Of(command), command.Actor, command.OccurredAt)];
    }
}

/// <summary>A second complaint was filed; it awaits acceptance.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Ground">Why.</param>
/// <param name="Reason">What the complainant says.</param>
/// <param name="ReceivedBy">Who received it.</param>
/// <param name="FiledAt">When.</param>
/// <param name="WindowStartsAfter">The day the filing window started after: the first decision received by the complainant, or the first round's last day (unknown when the decision's receipt is not recorded).</param>
/// <param name="Obstacle">An obstacle whose days did not count toward the window, if one was shown.</param>
public sealed record SecondComplaintFiled(
    Guid CaseId, SecondComplaintGround Ground, string Reason, DateOnly? WindowStartsAfter, FilingObstacle? Obstacle, string ReceivedBy, DateTimeOffset FiledAt);
