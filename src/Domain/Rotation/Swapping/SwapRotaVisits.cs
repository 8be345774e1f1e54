using FluentValidation;

namespace Outreach.Rotation;

/// <summary>Swap the localities of two visitors in one week.</summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Week">The week's Monday.</param>
/// <param name="FirstVisitor">One visitor.</param>
/// <param name="SecondVisitor">The other.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who changed it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record SwapRotaVisits(Guid RotaId, DateOnly Week, string FirstVisitor, string SecondVisitor, string Reason, string Actor, DateTimeOffset OccurredAt) : IRotaCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<SwapRotaVisits>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new RotaCommandRules<SwapRotaVisits>());
            RuleFor(c => c.FirstVisitor).NotEmpty();
            RuleFor(c => c.SecondVisitor).NotEmpty().NotEqual(c => c.FirstVisitor).Says("rota.swap.second-visitor.same");
            RuleFor(c => c.Reason).NotEmpty().Says("rota.swap.reason.required").MaximumLength(1000);
        }
    }

    /// <summary>Swaps when both have a visit that week and neither ends up somewhere twice in a row.</summary>
    public static object[] Decide(SwapRotaVisits command, Rota state)
    {
        state.Require(command.Week, command.FirstVisitor, "rota.swap");
        state.Require(command.Week, command.SecondVisitor, "rota.swap");
        var after = state.Evolve(new RotaVisitsSwapped(command.RotaId, command.Week, command.FirstVisitor, command.SecondVisitor, command.Reason, command.Actor, command.OccurredAt));
        RotaRules.EnsureNoRepeat(after.Assignments, command.FirstVisitor, "rota.swap");
        RotaRules.EnsureNoRepeat(after.Assignments, command.SecondVisitor, "rota.swap");
        return [new RotaVisitsSwapped(command.RotaId, command.Week, command.FirstVisitor, command.SecondVisitor, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>Two visitors swapped localities for a week.</summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Week">The week.</param>
/// <param name="FirstVisitor">One visitor.</param>
/// <param name="SecondVisitor">The other.</param>
/// <param name="Reason">Why.</param>
/// <param name="SwappedBy">Who.</param>
/// <param name="SwappedAt">When.</param>
public sealed record RotaVisitsSwapped(Guid RotaId, DateOnly Week, string FirstVisitor, string SecondVisitor, string Reason, string SwappedBy, DateTimeOffset SwappedAt);
