using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>The person the difficulty was escalated to answers, and says by when the solution reaches the locality.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Response">The answer.</param>
/// <param name="SolutionDue">When the solution must reach the locality.</param>
/// <param name="Actor">The head (or city body) answering.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AnswerEscalation(Guid DifficultyId, string Response, DateOnly SolutionDue, string Actor, DateTimeOffset OccurredAt) : IDifficultyCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AnswerEscalation>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new DifficultyCommandRules<AnswerEscalation>());
            RuleFor(c => c.Response).NotEmpty().Says("difficulty.answer.response.required").MaximumLength(4000);
        }
    }

    /// <summary>Answers an escalation; only the person it waits on may answer.</summary>
    public static object[] Decide(AnswerEscalation command, Difficulty state)
    {
        state.EnsureStatus("difficulty.answer", DifficultyStatus.Escalated);
        state.EnsureResponder(command.Actor, "difficulty.answer");
        DifficultyRules.EnsureDueAfter(command.SolutionDue, command.OccurredAt, "solutionDue", "difficulty.answer");
        return [new EscalationAnswered(command.DifficultyId, command.Response, command.SolutionDue, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The escalation was answered.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Response">The answer.</param>
/// <param name="SolutionDue">When the solution is due.</param>
/// <param name="AnsweredBy">Who.</param>
/// <param name="AnsweredAt">When.</param>
public sealed record EscalationAnswered(Guid DifficultyId, string Response, DateOnly SolutionDue, string AnsweredBy, DateTimeOffset AnsweredAt);
