using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>Record that the solution went back down to the locality. Closes the difficulty.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Solution">What was done.</param>
/// <param name="Actor">Who delivered it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record DeliverSolution(Guid DifficultyId, string Solution, string Actor, DateTimeOffset OccurredAt) : IDifficultyCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<DeliverSolution>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new DifficultyCommandRules<DeliverSolution>());
            RuleFor(c => c.Solution).NotEmpty().Says("difficulty.deliver-solution.solution.required").MaximumLength(4000);
        }
    }

    /// <summary>Closes an answered or assigned difficulty.</summary>
    public static object[] Decide(DeliverSolution command, Difficulty state)
    {
        state.EnsureStatus("difficulty.deliver-solution", DifficultyStatus.InHand);
        return [new SolutionDelivered(command.DifficultyId, command.Solution, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The solution reached the locality.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Solution">What was done.</param>
/// <param name="DeliveredBy">Who.</param>
/// <param name="DeliveredAt">When.</param>
public sealed record SolutionDelivered(Guid DifficultyId, string Solution, string DeliveredBy, DateTimeOffset DeliveredAt);
