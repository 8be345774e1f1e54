using FluentValidation;

namespace Outreach.Cases;

/// <summary>Record that the complainant took the matter to an administrative court (after a decision or an unsettled deadline). Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Court">Which court.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="OccurredAt">When the lawsuit was filed.</param>
public sealed record RecordLawsuit(Guid CaseId, string Court, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RecordLawsuit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<RecordLawsuit>());
            RuleFor(c => c.Court).NotEmpty().Says("complaint.sue.court.required").MaximumLength(TextLimits.Name);
        }
    }

    /// <summary>Records a lawsuit after a decision or during an unsettled round.</summary>
    public static object[] Decide(RecordLawsuit command, CaseState state)
    {
        state.EnsureStatus("complaint.sue", CaseStatus.UnderSettlement, CaseStatus.FirstDecisionIssued, CaseStatus.UnderSecondSettlement, CaseStatus.SecondDecisionIssued);
        if (state.IsUnderSettlement)
        {
            // Without a decision, court is open only once the settlement deadline has lapsed.
            CaseRules.EnsureLapsed(state, CaseRules.DecisionStepOf(state), command.OccurredAt, "complaint.sue");
        }
        return [new LawsuitFiled(command.CaseId, state.Round, command.Court, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The complainant sued in court.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">The round at which they went to court.</param>
/// <param name="Court">Which court.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="FiledAt">When.</param>
public sealed record LawsuitFiled(Guid CaseId, int Round, string Court, string RecordedBy, DateTimeOffset FiledAt);
