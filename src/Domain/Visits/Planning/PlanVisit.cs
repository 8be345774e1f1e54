using FluentValidation;

namespace Outreach.Visits;

/// <summary>Plan a field visit by cadres or a visiting group of a unit to a locality on a day.</summary>
/// <param name="VisitId">The new visit's id.</param>
/// <param name="UnitId">The unit sending the visitors.</param>
/// <param name="Visitors">Cadre codes or a group code.</param>
/// <param name="LocalityCode">The commune/ward or hamlet visited; it must be in force on the planned day.</param>
/// <param name="PlannedFor">The planned day.</param>
/// <param name="FromRota">Planned from the weekly rota (false: ad hoc).</param>
/// <param name="Actor">Who planned it.</param>
/// <param name="OccurredAt">When it was planned.</param>
public sealed record PlanVisit(
    Guid VisitId, Guid UnitId, IReadOnlyList<string> Visitors, string LocalityCode, DateOnly PlannedFor, bool FromRota, string Actor, DateTimeOffset OccurredAt)
    : IVisitCommand, Localities.ILocalityReference
{
    DateOnly Localities.ILocalityReference.On => PlannedFor;

    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<PlanVisit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<PlanVisit>());
            RuleFor(c => c.UnitId).NotEmpty().Says("visit.plan.unit-id.required");
            RuleFor(c => c.Visitors).NotNull().Must(v => v is { Count: > 0 }).Says("visit.plan.visitors.required");
            RuleForEach(c => c.Visitors).NotEmpty().MaximumLength(64);
            RuleFor(c => c.LocalityCode).NotEmpty().Says("visit.plan.locality-code.required").MaximumLength(100);
            RuleFor(c => c.PlannedFor).Must(d => d.Year is >= 2000 and <= 2100).Says("visit.plan.planned-for.range");
        }
    }

    /// <summary>Opens the visit; an id already in use is refused (an exact repeat is caught earlier as already recorded, ADR 26).</summary>
    public static object[] Decide(PlanVisit command, VisitState state)
    {
        var planned = new VisitPlanned(command.VisitId, command.UnitId, [.. command.Visitors], command.LocalityCode, command.PlannedFor, command.FromRota, command.Actor, command.OccurredAt);
        if (state.Exists)
        {
            throw new DomainRuleException("visit.plan.exists", command.VisitId, state.LocalityCode, state.PlannedFor);
        }

        return [planned];
    }
}

/// <summary>A field visit was planned.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="UnitId">The sending unit.</param>
/// <param name="Visitors">Cadre or group codes.</param>
/// <param name="LocalityCode">The locality.</param>
/// <param name="PlannedFor">The planned day.</param>
/// <param name="FromRota">From the rota.</param>
/// <param name="PlannedBy">Who.</param>
/// <param name="PlannedAt">When.</param>
public sealed record VisitPlanned(Guid VisitId, Guid UnitId, string[] Visitors, string LocalityCode, DateOnly PlannedFor, bool FromRota, string PlannedBy, DateTimeOffset PlannedAt);
