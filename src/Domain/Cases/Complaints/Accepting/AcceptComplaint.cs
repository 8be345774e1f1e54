using FluentValidation;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>
/// Accept (thụ lý) a complaint for settlement, in the first round or, after a second complaint, in the second round.
/// The acceptance date chooses the rule set (2011 law or the 2026 amendments) for the rest of the case.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="IsComplex">The matter is complex (longer settlement period).</param>
/// <param name="IsRemoteArea">The complainant lives in a remote or difficult area (longer periods).</param>
/// <param name="NotifiedParties">Who received the written notice of acceptance; must include the complainant.</param>
/// <param name="Actor">Who accepted it (the competent person).</param>
/// <param name="OccurredAt">When.</param>
/// <param name="DecisionKnownOn">
/// First round: the day the complainant received or learned of the contested decision or act. When given, a complaint
/// filed after the 90-day window (Art. 9) is not accepted: it is refused as out of time (Art. 11) unless an obstacle
/// covers the delay.
/// </param>
/// <param name="ObstacleFrom">First day of an obstacle that kept the complainant from filing (its days do not count).</param>
/// <param name="ObstacleTo">Last day of that obstacle.</param>
/// <param name="ObstacleReason">What the obstacle was.</param>
public sealed record AcceptComplaint(
    Guid CaseId, bool IsComplex, bool IsRemoteArea, IReadOnlyList<NoticeParty> NotifiedParties,
    DateOnly? DecisionKnownOn, DateOnly? ObstacleFrom, DateOnly? ObstacleTo, string? ObstacleReason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand, IFilingObstacleFields
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AcceptComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<AcceptComplaint>());
            RuleFor(c => c.NotifiedParties).NotNull().Must(p => p is { Count: > 0 })
                .Says("complaint.accept.notified-parties.required");
            RuleForEach(c => c.NotifiedParties).IsInEnum();
            Include(new FilingObstacleFields.Rules<AcceptComplaint>());
        }
    }

    /// <summary>Accepts a complaint awaiting acceptance; repeating it after acceptance is refused by status (an exact repeat is caught earlier as already recorded, ADR 26).</summary>
    public static object[] Decide(AcceptComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.accept", CaseStatus.AwaitingAcceptance, CaseStatus.AwaitingSecondAcceptance);
        CaseRules.EnsureNotices(command.NotifiedParties, NoticeParty.Complainant, "complaint.accept");
        var round = state.Status == CaseStatus.AwaitingSecondAcceptance ? 2 : 1;
        var obstacle = FilingObstacleFields.Of(command);
        FilingRules.EnsureFirstRoundOnly(round, command.DecisionKnownOn, obstacle, "complaint.accept");

        if (round == 1)
        {
            FilingRules.EnsureFirstInTime(state, command.DecisionKnownOn, obstacle, "complaint.accept");
        }

        if (round == 2 && state.SecondWindowStartsAfter is { } after && state.SecondFiledOn is { } filed
            && FilingWindows.Second(state, after, filed, state.SecondFilingObstacle) is { InTime: false } late)
        {
            throw FilingRules.OutOfTime("complaint.accept.second-out-of-time", late);
        }

        return
        [
            new ComplaintAccepted(command.CaseId, round, command.IsComplex, command.IsRemoteArea,
                command.NotifiedParties.Distinct().ToArray(), command.DecisionKnownOn, obstacle, command.Actor, command.OccurredAt),
        ];
    }
}

/// <summary>The complaint was accepted for settlement; the settlement period starts the next day.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">1 for the first complaint, 2 for the second.</param>
/// <param name="IsComplex">Complex matter.</param>
/// <param name="IsRemoteArea">Remote or difficult area.</param>
/// <param name="NotifiedParties">Who received the written notice.</param>
/// <param name="AcceptedBy">Who accepted it.</param>
/// <param name="AcceptedAt">When.</param>
/// <param name="DecisionKnownOn">First round: the day the complainant received or learned of the contested decision or act, if recorded.</param>
/// <param name="Obstacle">An obstacle whose days did not count toward the filing window, if one was shown.</param>
public sealed record ComplaintAccepted(
    Guid CaseId, int Round, bool IsComplex, bool IsRemoteArea, NoticeParty[] NotifiedParties, DateOnly? DecisionKnownOn, FilingObstacle? Obstacle,
    string AcceptedBy, DateTimeOffset AcceptedAt);
