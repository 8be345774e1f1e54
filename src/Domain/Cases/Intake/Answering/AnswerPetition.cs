using FluentValidation;

namespace Outreach.Cases;

/// <summary>Answer a suggestion or report (the body's reply or the action taken). Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Answer">The reply or action taken.</param>
/// <param name="Actor">Who answered.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AnswerPetition(Guid CaseId, string Answer, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AnswerPetition>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<AnswerPetition>());
            RuleFor(c => c.Answer).NotEmpty().Says("petition.answer.answer.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Answers an open suggestion or report.</summary>
    public static object[] Decide(AnswerPetition command, CaseState state)
    {
        state.EnsureStatus("petition.answer", CaseStatus.SuggestionOpen);
        return [new PetitionAnswered(command.CaseId, command.Answer, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A suggestion or report was answered and the case closed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Answer">The reply.</param>
/// <param name="AnsweredBy">Who.</param>
/// <param name="AnsweredAt">When.</param>
public sealed record PetitionAnswered(Guid CaseId, string Answer, string AnsweredBy, DateTimeOffset AnsweredAt);
