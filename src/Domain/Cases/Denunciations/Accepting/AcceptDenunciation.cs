using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Accept a denunciation for settlement, with the grounds. An anonymous denunciation is accepted only when it names the
/// violator with concrete, verifiable evidence.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Grounds">Grounds of the acceptance decision.</param>
/// <param name="HasVerifiableEvidence">The denunciation names the violator with concrete, verifiable evidence.</param>
/// <param name="Actor">Who accepted it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AcceptDenunciation(Guid CaseId, string Grounds, bool HasVerifiableEvidence, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AcceptDenunciation>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<AcceptDenunciation>());
            RuleFor(c => c.Grounds).NotEmpty().WithMessage("grounds is required: the acceptance decision states its grounds.").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Accepts a denunciation under check.</summary>
    public static object[] Decide(AcceptDenunciation command, Case state)
    {
        state.EnsureStatus("accept the denunciation", CaseStatus.DenunciationUnderCheck);
        if (string.IsNullOrWhiteSpace(state.Respondent))
        {
            throw new DomainRuleException("A denunciation can be accepted only when it names who is denounced (the case's respondent is empty).");
        }

        if (state.IsAnonymous && !command.HasVerifiableEvidence)
        {
            throw new DomainRuleException(
                "An anonymous denunciation is handled only if it names the violator with concrete, verifiable evidence (Law 25/2018/QH14). Set hasVerifiableEvidence, or refuse it (RefuseDenunciation).");
        }

        return [new DenunciationAccepted(command.CaseId, command.Grounds, command.HasVerifiableEvidence, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The denunciation was accepted; the settlement period starts the next day.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Grounds">Grounds of the decision.</param>
/// <param name="HasVerifiableEvidence">Concrete evidence was provided.</param>
/// <param name="AcceptedBy">Who.</param>
/// <param name="AcceptedAt">When.</param>
public sealed record DenunciationAccepted(Guid CaseId, string Grounds, bool HasVerifiableEvidence, string AcceptedBy, DateTimeOffset AcceptedAt);
