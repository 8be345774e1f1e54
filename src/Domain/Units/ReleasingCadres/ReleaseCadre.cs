using FluentValidation;

namespace Outreach.Units;

/// <summary>Remove a cadre from the unit (transfer, retirement). The current head must be replaced first.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CadreCode">The cadre.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="OccurredAt">From when.</param>
public sealed record ReleaseCadre(Guid UnitId, string CadreCode, string Reason, string Actor, DateTimeOffset OccurredAt) : IUnitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ReleaseCadre>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new UnitCommandRules<ReleaseCadre>());
            RuleFor(c => c.CadreCode).NotEmpty();
            RuleFor(c => c.Reason).NotEmpty().Says("unit.release-cadre.reason.required").MaximumLength(1000);
        }
    }

    /// <summary>Releases a member who is not the current head.</summary>
    public static object[] Decide(ReleaseCadre command, Unit state)
    {
        if (!state.HasMember(command.CadreCode))
        {
            throw new DomainRuleException("unit.release-cadre.not-member", command.CadreCode, state.Name);
        }

        if (state.Head == command.CadreCode)
        {
            throw new DomainRuleException("unit.release-cadre.is-head", command.CadreCode, state.Name);
        }

        return [new CadreReleased(command.UnitId, command.CadreCode, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A cadre left the unit.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="CadreCode">The cadre.</param>
/// <param name="Reason">Why.</param>
/// <param name="ReleasedBy">Who recorded it.</param>
/// <param name="ReleasedAt">From when.</param>
public sealed record CadreReleased(Guid UnitId, string CadreCode, string Reason, string ReleasedBy, DateTimeOffset ReleasedAt);
