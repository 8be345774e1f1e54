using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>Record that the cadre solved the difficulty on the spot (tháo gỡ tại chỗ), within their authority. Closes it.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Solution">What was done.</param>
/// <param name="Actor">The cadre.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ResolveOnSite(Guid DifficultyId, string Solution, string Actor, DateTimeOffset OccurredAt) : IDifficultyCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ResolveOnSite>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new DifficultyCommandRules<ResolveOnSite>());
            RuleFor(c => c.Solution).NotEmpty().Says("difficulty.resolve-on-site.solution.required").MaximumLength(4000);
        }
    }

    /// <summary>Closes an open difficulty that was never escalated.</summary>
    public static object[] Decide(ResolveOnSite command, Difficulty state)
    {
        state.EnsureStatus("difficulty.resolve-on-site", DifficultyStatus.Open);
        return [new DifficultyResolvedOnSite(command.DifficultyId, command.Solution, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The difficulty was solved on the spot.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Solution">What was done.</param>
/// <param name="ResolvedBy">Who.</param>
/// <param name="ResolvedAt">When.</param>
public sealed record DifficultyResolvedOnSite(Guid DifficultyId, string Solution, string ResolvedBy, DateTimeOffset ResolvedAt);
