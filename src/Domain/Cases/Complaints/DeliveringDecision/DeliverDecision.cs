using FluentValidation;

namespace Outreach.Cases;

/// <summary>Record that the latest decision was sent to (received by) some parties.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Recipients">Who it was delivered to.</param>
/// <param name="Actor">Who sent it.</param>
/// <param name="OccurredAt">When it was delivered.</param>
public sealed record DeliverDecision(Guid CaseId, IReadOnlyList<NoticeParty> Recipients, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<DeliverDecision>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<DeliverDecision>());
            RuleFor(c => c.Recipients).NotNull().Must(p => p is { Count: > 0 })
                .Says("complaint.deliver.recipients.required");
            RuleForEach(c => c.Recipients).IsInEnum();
        }
    }

    /// <summary>Records delivery of the latest decision to parties not yet served.</summary>
    public static object[] Decide(DeliverDecision command, CaseState state)
    {
        state.EnsureStatus("complaint.deliver", CaseStatus.FirstDecisionIssued, CaseStatus.SecondDecisionIssued);
        var fresh = command.Recipients.Distinct().Except(state.DecisionDeliveredTo).ToArray();
        if (fresh.Length == 0)
        {
            throw new DomainRuleException("complaint.deliver.already-delivered");
        }

        return [new DecisionDelivered(command.CaseId, state.Round, fresh, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The latest decision reached these parties.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which decision (1 or 2).</param>
/// <param name="Recipients">Who received it.</param>
/// <param name="DeliveredBy">Who sent it.</param>
/// <param name="DeliveredAt">When.</param>
public sealed record DecisionDelivered(Guid CaseId, int Round, NoticeParty[] Recipients, string DeliveredBy, DateTimeOffset DeliveredAt);
