using FluentValidation;

namespace Outreach.Units;

/// <summary>Appoint the head of the unit (người đứng đầu). Heads change over time; earlier terms stay on record.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CadreCode">The new head, a member of the unit.</param>
/// <param name="Actor">Who appointed them.</param>
/// <param name="OccurredAt">From when.</param>
public sealed record AppointUnitHead(Guid UnitId, string CadreCode, string Actor, DateTimeOffset OccurredAt) : IUnitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AppointUnitHead>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new UnitCommandRules<AppointUnitHead>());
            RuleFor(c => c.CadreCode).NotEmpty().Says("unit.appoint-head.cadre-code.required");
        }
    }

    /// <summary>Appoints a member of the unit; the current head again is refused.</summary>
    public static object[] Decide(AppointUnitHead command, Unit state)
    {
        if (state.Head == command.CadreCode)
        {
            throw new DomainRuleException("unit.appoint-head.already-head", command.CadreCode, state.Name);
        }

        if (!state.HasMember(command.CadreCode))
        {
            throw new DomainRuleException("unit.appoint-head.not-member", command.CadreCode, state.Name);
        }

        return [new UnitHeadAppointed(command.UnitId, command.CadreCode, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A new head took office.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CadreCode">The head.</param>
/// <param name="AppointedBy">Who appointed them.</param>
/// <param name="AppointedAt">From when.</param>
public sealed record UnitHeadAppointed(Guid UnitId, string CadreCode, string AppointedBy, DateTimeOffset AppointedAt);
