using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>The head assigns someone to solve the difficulty by a day.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Assignee">Who is to solve it.</param>
/// <param name="SolutionDue">By when.</param>
/// <param name="Actor">The head assigning it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AssignDifficulty(Guid DifficultyId, string Assignee, DateOnly SolutionDue, string Actor, DateTimeOffset OccurredAt) : IDifficultyCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AssignDifficulty>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new DifficultyCommandRules<AssignDifficulty>());
            RuleFor(c => c.Assignee).NotEmpty().Says("difficulty.assign.assignee.required").MaximumLength(200);
        }
    }

    /// <summary>Assigns an escalated difficulty; only the person it waits on may assign it.</summary>
    public static object[] Decide(AssignDifficulty command, Difficulty state)
    {
        state.EnsureStatus("difficulty.assign", DifficultyStatus.Escalated);
        state.EnsureResponder(command.Actor, "difficulty.assign");
        DifficultyRules.EnsureDueAfter(command.SolutionDue, command.OccurredAt, "solutionDue", "difficulty.assign");
        return [new DifficultyAssigned(command.DifficultyId, command.Assignee, command.SolutionDue, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The difficulty was assigned.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Assignee">Who solves it.</param>
/// <param name="SolutionDue">By when.</param>
/// <param name="AssignedBy">Who assigned it.</param>
/// <param name="AssignedAt">When.</param>
public sealed record DifficultyAssigned(Guid DifficultyId, string Assignee, DateOnly SolutionDue, string AssignedBy, DateTimeOffset AssignedAt);
