using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Change a classified petition's kind (for example a report that turns out to be a complaint). Allowed only before the
/// case is accepted; the new kind's clock starts on the reclassification date.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Kind">The new kind.</param>
/// <param name="Reason">Why the first classification was wrong (required).</param>
/// <param name="Actor">Who reclassified it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ReclassifyPetition(Guid CaseId, CaseKind Kind, string Reason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ReclassifyPetition>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<ReclassifyPetition>());
            RuleFor(c => c.Kind).IsInEnum().NotEqual(CaseKind.Unclassified)
                .Says("petition.kind.invalid");
            RuleFor(c => c.Reason).NotEmpty().Says("petition.reclassify.reason.required")
                .MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Reclassifies a classified, not yet accepted petition.</summary>
    public static object[] Decide(ReclassifyPetition command, CaseState state)
    {
        if (state.Kind == CaseKind.Unclassified)
        {
            throw new DomainRuleException("petition.reclassify.unclassified");
        }

        if (state.Kind == command.Kind)
        {
            throw new DomainRuleException("petition.reclassify.same-kind", state.Kind);
        }

        state.EnsureStatus("petition.reclassify", CaseStatus.SuggestionOpen, CaseStatus.AwaitingAcceptance, CaseStatus.DenunciationUnderCheck);
        CaseRules.EnsureKindFits(state, command.Kind, "petition.reclassify");
        return [new PetitionReclassified(command.CaseId, state.Kind, command.Kind, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The petition's kind was changed; the new kind's clock starts on this date.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="FromKind">The earlier kind.</param>
/// <param name="ToKind">The new kind.</param>
/// <param name="Reason">Why.</param>
/// <param name="ReclassifiedBy">Who.</param>
/// <param name="ReclassifiedAt">When.</param>
public sealed record PetitionReclassified(Guid CaseId, CaseKind FromKind, CaseKind ToKind, string Reason, string ReclassifiedBy, DateTimeOffset ReclassifiedAt);
