using FluentValidation;

namespace Outreach.Cases;

/// <summary>Answer the citizen with guidance (which body to address, what to do) instead of settling the matter here. Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Guidance">What the citizen was told.</param>
/// <param name="CompetentBody">The body the citizen should address, if any.</param>
/// <param name="Actor">Who guided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record GuideCitizen(Guid CaseId, string Guidance, string? CompetentBody, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<GuideCitizen>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<GuideCitizen>());
            RuleFor(c => c.Guidance).NotEmpty().Says("petition.guide.guidance.required").MaximumLength(TextLimits.Text);
            RuleFor(c => c.CompetentBody).MaximumLength(TextLimits.Name);
        }
    }

    /// <summary>Closes a case that has not been accepted with guidance to the citizen.</summary>
    public static object[] Decide(GuideCitizen command, CaseState state)
    {
        state.EnsureStatus("petition.guide", CaseRules.BeforeAcceptance);
        return [new CitizenGuided(command.CaseId, command.Guidance, command.CompetentBody, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The citizen was given guidance and the case closed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Guidance">What they were told.</param>
/// <param name="CompetentBody">Where to turn.</param>
/// <param name="GuidedBy">Who.</param>
/// <param name="GuidedAt">When.</param>
public sealed record CitizenGuided(Guid CaseId, string Guidance, string? CompetentBody, string GuidedBy, DateTimeOffset GuidedAt);
