using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// A request to record one step of a case. Every command names the case, the person acting
/// (<see cref="IOutreachCommand.Actor"/>) and the business time the step happened (<see cref="IOutreachCommand.OccurredAt"/>), which may lie in the past
/// when history is back-filled from paper records. The time the step is recorded is kept separately by the event store.
/// </summary>
public interface ICaseCommand : IOutreachCommand
{
    /// <summary>The case (one event stream) the step belongs to. Chosen by the caller when the petition is received.</summary>
    Guid CaseId { get; }
}

/// <summary>Shape rules shared by every case command: an id, an actor and a business time.</summary>
public sealed class CaseCommandRules<T> : AbstractValidator<T> where T : ICaseCommand
{
    /// <summary>Builds the shared rules.</summary>
    public CaseCommandRules()
    {
        RuleFor(c => c.CaseId).NotEmpty().Says("case.id.required");
        Include(new CommandRules<T>());
    }
}

/// <summary>Small helpers for the text limits used by several commands.</summary>
internal static class TextLimits
{
    public const int Name = 200;
    public const int Reference = 100;
    public const int Text = 4000;
}
