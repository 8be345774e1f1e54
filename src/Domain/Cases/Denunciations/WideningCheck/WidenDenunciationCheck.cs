using FluentValidation;

namespace Outreach.Cases;

/// <summary>Declare that the check on receipt needs verification at several places, which lengthens the check period.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Places">Where the checks take place.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record WidenDenunciationCheck(Guid CaseId, IReadOnlyList<string> Places, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<WidenDenunciationCheck>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<WidenDenunciationCheck>());
            RuleFor(c => c.Places).NotNull().Must(p => p is { Count: >= 2 })
                .Says("denunciation.widen-check.places.too-few");
            RuleForEach(c => c.Places).NotEmpty().MaximumLength(TextLimits.Name);
        }
    }

    /// <summary>Widens the check of a denunciation under check, once.</summary>
    public static object[] Decide(WidenDenunciationCheck command, CaseState state)
    {
        state.EnsureStatus("denunciation.widen-check", CaseStatus.DenunciationUnderCheck);
        if (state.CheckAtSeveralPlaces)
        {
            throw new DomainRuleException("denunciation.widen-check.already-widened");
        }

        return [new DenunciationCheckWidened(command.CaseId, command.Places.ToArray(), command.Actor, command.OccurredAt)];
    }
}

/// <summary>The check on receipt covers several places (longer check period).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Places">Where.</param>
/// <param name="WidenedBy">Who.</param>
/// <param name="WidenedAt">When.</param>
public sealed record DenunciationCheckWidened(Guid CaseId, string[] Places, string WidenedBy, DateTimeOffset WidenedAt);
