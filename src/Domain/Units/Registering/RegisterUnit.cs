using FluentValidation;

namespace Outreach.Units;

/// <summary>Register a city department or unit that sends cadres on visits.</summary>
/// <param name="UnitId">The new unit's id.</param>
/// <param name="Code">Short code (e.g. <c>phong-tu-phap</c>).</param>
/// <param name="Name">Name (e.g. "Phòng Tư pháp").</param>
/// <param name="Actor">Who registered it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RegisterUnit(Guid UnitId, string Code, string Name, string Actor, DateTimeOffset OccurredAt) : IUnitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RegisterUnit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new UnitCommandRules<RegisterUnit>());
            RuleFor(c => c.Code).NotEmpty().Matches(Codes.Pattern).Says("unit.register.code.format", Codes.Rule);
            RuleFor(c => c.Name).NotEmpty().Says("unit.register.name.required").MaximumLength(200);
        }
    }

    /// <summary>Registers the unit; registering an existing id again is refused (an exact repeat is caught earlier as already recorded, ADR 26).</summary>
    public static object[] Decide(RegisterUnit command, Unit state)
    {
        if (state.Exists)
        {
            throw new DomainRuleException("unit.register.exists", command.UnitId, state.Code, state.Name);
        }

        return [new UnitRegistered(command.UnitId, command.Code, command.Name, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A unit was registered.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="Code">Its code.</param>
/// <param name="Name">Its name.</param>
/// <param name="RegisteredBy">Who.</param>
/// <param name="RegisteredAt">When.</param>
public sealed record UnitRegistered(Guid UnitId, string Code, string Name, string RegisteredBy, DateTimeOffset RegisteredAt);
