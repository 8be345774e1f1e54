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
        RuleFor(c => c.Actor).NotEmpty().WithMessage("actor is required: say who performed this step.")
            .MaximumLength(MaxActorLength);
        RuleFor(c => c.OccurredAt).NotEqual(default(DateTimeOffset))
            .WithMessage("occurredAt is required: give the date and time the step happened (ISO 8601, e.g. 2024-03-05T09:00:00+07:00).")
            .GreaterThan(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero))
            .WithMessage("occurredAt must be after the year 2000.");
    }
}
