using FluentValidation;

namespace Outreach.Cases;

/// <summary>Decide not to accept a denunciation (for example anonymous without evidence, or already settled). Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RefuseDenunciation(Guid CaseId, string Reason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RefuseDenunciation>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<RefuseDenunciation>());
            RuleFor(c => c.Reason).NotEmpty().Says("denunciation.refuse.reason.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Refuses a denunciation under check.</summary>
    public static object[] Decide(RefuseDenunciation command, CaseState state)
    {
        state.EnsureStatus("denunciation.refuse", CaseStatus.DenunciationUnderCheck);
        return [new DenunciationNotAccepted(command.CaseId, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The denunciation was not accepted.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Reason">Why.</param>
/// <param name="DecidedBy">Who.</param>
/// <param name="DecidedAt">When.</param>
public sealed record DenunciationNotAccepted(Guid CaseId, string Reason, string DecidedBy, DateTimeOffset DecidedAt);
