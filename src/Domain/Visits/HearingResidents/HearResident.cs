using FluentValidation;

namespace Outreach.Visits;

/// <summary>
/// Record a resident's grievance heard on the visit, linked to the petition opened for it in the case streams
/// (record the petition with <c>ReceivePetition</c>, channel FieldVisit, under <paramref name="CaseId"/>).
/// </summary>
/// <param name="VisitId">The visit.</param>
/// <param name="CaseId">The petition's case id.</param>
/// <param name="Summary">What the resident raised.</param>
/// <param name="Actor">Who heard it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record HearResident(Guid VisitId, Guid CaseId, string Summary, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<HearResident>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<HearResident>());
            RuleFor(c => c.CaseId).NotEmpty().Says("visit.hear.case-id.required");
            RuleFor(c => c.Summary).NotEmpty().Says("visit.hear.summary.required").MaximumLength(2000);
        }
    }

    /// <summary>Links a petition to an arranged visit, once.</summary>
    public static object[] Decide(HearResident command, VisitState state)
    {
        state.EnsureCanRecordActivity("visit.hear", command.OccurredAt);
        if (state.PetitionsHeard.Contains(command.CaseId))
        {
            throw new DomainRuleException("visit.hear.already-linked", command.CaseId);
        }

        return [new ResidentHeard(command.VisitId, command.CaseId, command.Summary, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A resident was heard; the grievance became the linked petition.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="CaseId">The petition's case.</param>
/// <param name="Summary">What was raised.</param>
/// <param name="HeardBy">Who heard it.</param>
/// <param name="HeardAt">When.</param>
public sealed record ResidentHeard(Guid VisitId, Guid CaseId, string Summary, string HeardBy, DateTimeOffset HeardAt);
