using FluentValidation;

namespace Outreach;

/// <summary>Shape rules shared by every command: an actor and a business time.</summary>
public sealed class CommandRules<T> : AbstractValidator<T> where T : IOutreachCommand
{
    /// <summary>Longest accepted actor name.</summary>
    public const int MaxActorLength = 200;

    /// <summary>Builds the shared rules.</summary>
    public CommandRules()
    {
        RuleFor(c => c.Actor).NotEmpty().Says("command.actor.required")
            .MaximumLength(MaxActorLength);
        RuleFor(c => c.OccurredAt).NotEqual(default(DateTimeOffset))
            .Says("command.occurred-at.required")
            .GreaterThan(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .Says("command.occurred-at.too-early");
    }
}
