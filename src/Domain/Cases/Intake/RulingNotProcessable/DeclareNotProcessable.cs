using FluentValidation;

namespace Outreach.Cases;

/// <summary>Declare a written item not processable for one of the reasons of Circular 05/2021/TT-TTCP Art. 6. Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Reason">The legal reason.</param>
/// <param name="Note">Details (optional).</param>
/// <param name="Actor">Who decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record DeclareNotProcessable(Guid CaseId, NotProcessableReason Reason, string? Note, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<DeclareNotProcessable>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<DeclareNotProcessable>());
            RuleFor(c => c.Reason).IsInEnum();
            RuleFor(c => c.Note).MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Closes a case that has not been accepted.</summary>
    public static object[] Decide(DeclareNotProcessable command, CaseState state)
    {
        state.EnsureStatus("petition.not-processable", CaseRules.BeforeAcceptance);
        return [new PetitionFoundNotProcessable(command.CaseId, command.Reason, command.Note, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The item was found not processable and closed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Reason">The legal reason.</param>
/// <param name="Note">Details.</param>
/// <param name="DecidedBy">Who decided.</param>
/// <param name="DecidedAt">When.</param>
public sealed record PetitionFoundNotProcessable(Guid CaseId, NotProcessableReason Reason, string? Note, string DecidedBy, DateTimeOffset DecidedAt);
