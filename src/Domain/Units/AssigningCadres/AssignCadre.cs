using FluentValidation;

namespace Outreach.Units;

/// <summary>Add a cadre (cán bộ, đảng viên) to the unit.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CadreCode">The cadre's staff code.</param>
/// <param name="FullName">Full name.</param>
/// <param name="Position">Position, if any.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="OccurredAt">From when.</param>
public sealed record AssignCadre(Guid UnitId, string CadreCode, string FullName, string? Position, string Actor, DateTimeOffset OccurredAt) : IUnitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AssignCadre>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new UnitCommandRules<AssignCadre>());
            RuleFor(c => c.CadreCode).NotEmpty().Matches(Codes.Pattern).Says("unit.assign-cadre.cadre-code.format", Codes.Rule);
            RuleFor(c => c.FullName).NotEmpty().Says("unit.assign-cadre.full-name.required").MaximumLength(200);
            RuleFor(c => c.Position).MaximumLength(200);
        }
    }

    /// <summary>Adds a cadre who is not yet a member.</summary>
    public static object[] Decide(AssignCadre command, Unit state)
    {
        if (state.HasMember(command.CadreCode))
        {
            throw new DomainRuleException("unit.assign-cadre.already-member", command.CadreCode, state.Name);
        }

        return [new CadreAssigned(command.UnitId, command.CadreCode, command.FullName, command.Position, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A cadre joined the unit.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CadreCode">The cadre.</param>
/// <param name="FullName">Full name.</param>
/// <param name="Position">Position.</param>
/// <param name="AssignedBy">Who recorded it.</param>
/// <param name="AssignedAt">From when.</param>
public sealed record CadreAssigned(Guid UnitId, string CadreCode, string FullName, string? Position, string AssignedBy, DateTimeOffset AssignedAt);
