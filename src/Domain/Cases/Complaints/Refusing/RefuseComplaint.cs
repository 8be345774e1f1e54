using FluentValidation;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>Refuse to accept a complaint (không thụ lý), with the reason given in the written notice. Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Reason">The legal reason (e.g. filed after the 90-day window).</param>
/// <param name="NotifiedParties">Who received the notice; must include the complainant.</param>
/// <param name="Actor">Who refused.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Ground">
/// The legal ground: <see cref="ComplaintRefusalGround.OutOfTime"/> is checked against the filing window (a first complaint
/// needs <paramref name="DecisionKnownOn"/>; a second complaint's window was fixed when it was filed) and refused when
/// the complaint was in time.
/// </param>
/// <param name="DecisionKnownOn">First round: the day the complainant received or learned of the contested decision or act.</param>
/// <param name="ObstacleFrom">First day of an obstacle the complainant showed (its days do not count).</param>
/// <param name="ObstacleTo">Last day of that obstacle.</param>
/// <param name="ObstacleReason">What the obstacle was.</param>
public sealed record RefuseComplaint(
    Guid CaseId, string Reason, IReadOnlyList<NoticeParty> NotifiedParties, ComplaintRefusalGround Ground, DateOnly? DecisionKnownOn,
    DateOnly? ObstacleFrom, DateOnly? ObstacleTo, string? ObstacleReason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand, IFilingObstacleFields
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RefuseComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<RefuseComplaint>());
            RuleFor(c => c.Reason).NotEmpty().Says("complaint.refuse.reason.required").MaximumLength(TextLimits.Text);
            RuleFor(c => c.NotifiedParties).NotNull().Must(p => p is { Count: > 0 })
                .Says("complaint.refuse.notified-parties.required");
            RuleForEach(c => c.NotifiedParties).IsInEnum();
            RuleFor(c => c.Ground).IsInEnum();
            Include(new FilingObstacleFields.Rules<RefuseComplaint>());
        }
    }

    /// <summary>Refuses a complaint awaiting acceptance; a refusal as out of time must be out of time.</summary>
    public static object[] Decide(RefuseComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.refuse", CaseStatus.AwaitingAcceptance, CaseStatus.AwaitingSecondAcceptance);
        CaseRules.EnsureNotices(command.NotifiedParties, NoticeParty.Complainant, "complaint.refuse");
        var round = state.Status == CaseStatus.AwaitingSecondAcceptance ? 2 : 1;
        var obstacle = FilingObstacleFields.Of(command);
        FilingRules.EnsureFirstRoundOnly(round, command.DecisionKnownOn, obstacle, "complaint.refuse");

        var check = round == 1
            ? FilingRules.CheckFirst(state, command.DecisionKnownOn, obstacle, "complaint.refuse")
            : state is { SecondWindowStartsAfter: { } after, SecondFiledOn: { } filed } ? FilingWindows.Second(state, after, filed, state.SecondFilingObstacle) : null;
        if (command.Ground == ComplaintRefusalGround.OutOfTime)
        {
            if (check is null)
            {
                throw new DomainRuleException(round == 1 ? "complaint.refuse.known-on-required" : "complaint.refuse.second-window-unknown");
            }

            if (check.InTime)
            {
                throw DomainRuleException.Shared("complaint.refuse.in-time", "filing.in-time", check.FiledOn, check.LastDay, new LegalCitation(check.Citation));
            }
        }

        return
        [
            new ComplaintRefused(command.CaseId, round, command.Reason, command.NotifiedParties.Distinct().ToArray(),
                command.Ground, command.DecisionKnownOn, obstacle, command.Actor, command.OccurredAt),
        ];
    }
}

/// <summary>The complaint was not accepted.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="Reason">Why.</param>
/// <param name="NotifiedParties">Who was told in writing.</param>
/// <param name="RefusedBy">Who.</param>
/// <param name="RefusedAt">When.</param>
/// <param name="Ground">The legal ground (out of time, or another ground stated in the reason).</param>
/// <param name="DecisionKnownOn">First round: the day the complainant received or learned of the contested decision or act, if recorded.</param>
/// <param name="Obstacle">An obstacle the complainant showed, if any.</param>
public sealed record ComplaintRefused(
    Guid CaseId, int Round, string Reason, NoticeParty[] NotifiedParties, ComplaintRefusalGround Ground, DateOnly? DecisionKnownOn, FilingObstacle? Obstacle,
    string RefusedBy, DateTimeOffset RefusedAt);
