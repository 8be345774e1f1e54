using FluentValidation;

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
public sealed record AcceptComplaint(
    Guid CaseId, bool IsComplex, bool IsRemoteArea, IReadOnlyList<NoticeParty> NotifiedParties, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
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
        }
    }

    /// <summary>Accepts a complaint awaiting acceptance; repeating it after acceptance is refused by status (an exact repeat is caught earlier as already recorded, ADR 26).</summary>
    public static object[] Decide(AcceptComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.accept", CaseStatus.AwaitingAcceptance, CaseStatus.AwaitingSecondAcceptance);
        CaseRules.EnsureNotices(command.NotifiedParties, NoticeParty.Complainant, "complaint.accept");
        var round = state.Status == CaseStatus.AwaitingSecondAcceptance ? 2 : 1;
        return
        [
            new ComplaintAccepted(command.CaseId, round, command.IsComplex, command.IsRemoteArea,
                command.NotifiedParties.Distinct().ToArray(), command.Actor, command.OccurredAt),
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
public sealed record ComplaintAccepted(
    Guid CaseId, int Round, bool IsComplex, bool IsRemoteArea, NoticeParty[] NotifiedParties, string AcceptedBy, DateTimeOffset AcceptedAt);
