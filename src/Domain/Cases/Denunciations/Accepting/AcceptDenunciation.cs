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
            RuleFor(c => c.Grounds).NotEmpty().Says("denunciation.accept.grounds.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Accepts a denunciation under check.</summary>
    public static object[] Decide(AcceptDenunciation command, CaseState state)
    {
        state.EnsureStatus("denunciation.accept", CaseStatus.DenunciationUnderCheck);
        if (string.IsNullOrWhiteSpace(state.Respondent))
        {
            throw new DomainRuleException("denunciation.accept.no-respondent");
        }

        if (state.IsAnonymous && !command.HasVerifiableEvidence)
        {
            throw new DomainRuleException("denunciation.accept.anonymous-without-evidence");
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
