using FluentValidation;

namespace Outreach.Visits;

/// <summary>Record that the visitors contacted the local party committee or government and agreed the time and place.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="ContactedPerson">Who was contacted.</param>
/// <param name="ContactedBody">Which body (party committee, people's committee, hamlet head…).</param>
/// <param name="AgreedFor">The agreed time.</param>
/// <param name="Place">The agreed place.</param>
/// <param name="Actor">Who arranged it.</param>
/// <param name="OccurredAt">When it was arranged.</param>
public sealed record ArrangeVisit(Guid VisitId, string ContactedPerson, string ContactedBody, DateTimeOffset AgreedFor, string Place, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ArrangeVisit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<ArrangeVisit>());
            RuleFor(c => c.ContactedPerson).NotEmpty().Says("visit.arrange.contacted-person.required").MaximumLength(200);
            RuleFor(c => c.ContactedBody).NotEmpty().Says("visit.arrange.contacted-body.required").MaximumLength(200);
            RuleFor(c => c.Place).NotEmpty().Says("visit.arrange.place.required").MaximumLength(200);
            RuleFor(c => c.AgreedFor).NotEqual(default(DateTimeOffset)).Says("visit.arrange.agreed-for.required");
        }
    }

    /// <summary>Arranges (or re-arranges) a planned visit; the agreed time may not be before the arrangement.</summary>
    public static object[] Decide(ArrangeVisit command, VisitState state)
    {
        state.EnsureStatus("visit.arrange", VisitStatus.Planned, VisitStatus.Arranged);
        if (command.AgreedFor < command.OccurredAt.AddDays(-1))
        {
            throw new DomainRuleException("visit.arrange.agreed-before", command.AgreedFor, command.OccurredAt);
        }

        return [new VisitArranged(command.VisitId, command.ContactedPerson, command.ContactedBody, command.AgreedFor, command.Place, command.Actor, command.OccurredAt)];
    }
}

/// <summary>Time and place were agreed with the locality.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="ContactedPerson">Who agreed.</param>
/// <param name="ContactedBody">Which body.</param>
/// <param name="AgreedFor">Agreed time.</param>
/// <param name="Place">Agreed place.</param>
/// <param name="ArrangedBy">Who arranged it.</param>
/// <param name="ArrangedAt">When.</param>
public sealed record VisitArranged(Guid VisitId, string ContactedPerson, string ContactedBody, DateTimeOffset AgreedFor, string Place, string ArrangedBy, DateTimeOffset ArrangedAt);
