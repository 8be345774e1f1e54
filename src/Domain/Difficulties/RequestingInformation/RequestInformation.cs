using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>The head sends the difficulty back to the raiser asking for more information by a day; the raiser then escalates again.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Question">What is needed.</param>
/// <param name="InformationDue">By when.</param>
/// <param name="Actor">The head asking.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RequestInformation(Guid DifficultyId, string Question, DateOnly InformationDue, string Actor, DateTimeOffset OccurredAt) : IDifficultyCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RequestInformation>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new DifficultyCommandRules<RequestInformation>());
            RuleFor(c => c.Question).NotEmpty().Says("difficulty.ask.question.required").MaximumLength(4000);
        }
    }

    /// <summary>Sends an escalation back; only the person it waits on may do so.</summary>
    public static object[] Decide(RequestInformation command, Difficulty state)
    {
        state.EnsureStatus("difficulty.ask", DifficultyStatus.Escalated);
        state.EnsureResponder(command.Actor, "difficulty.ask");
        DifficultyRules.EnsureDueAfter(command.InformationDue, command.OccurredAt, "informationDue", "difficulty.ask");
        return [new MoreInformationRequested(command.DifficultyId, command.Question, command.InformationDue, command.Actor, command.OccurredAt)];
    }
}

/// <summary>More information was requested from the raiser.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Question">What is needed.</param>
/// <param name="InformationDue">By when.</param>
/// <param name="RequestedBy">Who asked.</param>
/// <param name="RequestedAt">When.</param>
public sealed record MoreInformationRequested(Guid DifficultyId, string Question, DateOnly InformationDue, string RequestedBy, DateTimeOffset RequestedAt);
