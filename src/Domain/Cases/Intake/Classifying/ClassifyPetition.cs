using FluentValidation;

namespace Outreach.Cases;

/// <summary>Classify a received petition as a suggestion/report, a complaint or a denunciation. This starts the legal clock of that kind.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Kind">What the petition is in law.</param>
/// <param name="Reason">Why (optional note).</param>
/// <param name="Actor">Who classified it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ClassifyPetition(Guid CaseId, CaseKind Kind, string? Reason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ClassifyPetition>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<ClassifyPetition>());
            RuleFor(c => c.Kind).IsInEnum().NotEqual(CaseKind.Unclassified)
                .Says("petition.kind.invalid");
            RuleFor(c => c.Reason).MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Classifies an unclassified petition; the same kind again is refused.</summary>
    public static object[] Decide(ClassifyPetition command, CaseState state)
    {
        if (state.Kind == command.Kind)
        {
            throw new DomainRuleException("petition.classify.same-kind", state.Kind);
        }

        if (state.Kind != CaseKind.Unclassified)
        {
            throw new DomainRuleException("petition.classify.already-classified", state.Kind);
        }

        state.EnsureStatus("petition.classify", CaseStatus.AwaitingClassification);
        CaseRules.EnsureKindFits(state, command.Kind, "petition.classify");
        return [new PetitionClassified(command.CaseId, command.Kind, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The petition was classified; the statutory clock of that kind starts.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Kind">Its kind in law.</param>
/// <param name="Reason">Optional note.</param>
/// <param name="ClassifiedBy">Who classified it.</param>
/// <param name="ClassifiedAt">When.</param>
public sealed record PetitionClassified(Guid CaseId, CaseKind Kind, string? Reason, string ClassifiedBy, DateTimeOffset ClassifiedAt);
