using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>Record a difficulty (khó khăn, vướng mắc) a locality raised, usually on a visit.</summary>
/// <param name="DifficultyId">The new difficulty's id.</param>
/// <param name="VisitId">The visit it was raised on, if any.</param>
/// <param name="UnitId">The unit of the cadre recording it (its head receives escalations).</param>
/// <param name="LocalityCode">The locality concerned; it must be in force that day.</param>
/// <param name="Description">What the difficulty is.</param>
/// <param name="Actor">The cadre who recorded it.</param>
/// <param name="OccurredAt">When it was raised.</param>
public sealed record RaiseDifficulty(Guid DifficultyId, Guid? VisitId, Guid UnitId, string LocalityCode, string Description, string Actor, DateTimeOffset OccurredAt)
    : IDifficultyCommand, Localities.ILocalityReference
{
    DateOnly Localities.ILocalityReference.On => Deadlines.VietnamTime.DateOf(OccurredAt);

    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RaiseDifficulty>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new DifficultyCommandRules<RaiseDifficulty>());
            RuleFor(c => c.UnitId).NotEmpty().Says("difficulty.raise.unit-id.required");
            RuleFor(c => c.LocalityCode).NotEmpty().Says("difficulty.raise.locality-code.required").MaximumLength(100);
            RuleFor(c => c.Description).NotEmpty().Says("difficulty.raise.description.required").MaximumLength(4000);
        }
    }

    /// <summary>Opens the difficulty; an existing id is refused (an exact repeat is caught earlier as already recorded, ADR 26).</summary>
    public static object[] Decide(RaiseDifficulty command, Difficulty state)
    {
        if (state.Exists)
        {
            throw state.Description == command.Description && state.LocalityCode == command.LocalityCode && state.RaisedBy == command.Actor
                ? new DomainRuleException("difficulty.raise.already-raised", command.DifficultyId, state.RaisedOn)
                : new DomainRuleException("difficulty.raise.exists", command.DifficultyId);
        }

        return [new DifficultyRaised(command.DifficultyId, command.VisitId, command.UnitId, command.LocalityCode, command.Description, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A locality raised a difficulty.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="VisitId">The visit, if any.</param>
/// <param name="UnitId">The recording cadre's unit.</param>
/// <param name="LocalityCode">The locality.</param>
/// <param name="Description">What it is.</param>
/// <param name="RaisedBy">The cadre who recorded it.</param>
/// <param name="RaisedAt">When.</param>
public sealed record DifficultyRaised(Guid DifficultyId, Guid? VisitId, Guid UnitId, string LocalityCode, string Description, string RaisedBy, DateTimeOffset RaisedAt);
