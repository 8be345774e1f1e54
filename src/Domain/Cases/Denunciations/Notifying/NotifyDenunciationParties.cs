using FluentValidation;

namespace Outreach.Cases;

/// <summary>Record that the acceptance was notified to the denouncer and/or the person denounced.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Parties">Who was notified: Denouncer, Denounced.</param>
/// <param name="Actor">Who notified them.</param>
/// <param name="OccurredAt">When.</param>
public sealed record NotifyDenunciationParties(Guid CaseId, IReadOnlyList<NoticeParty> Parties, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<NotifyDenunciationParties>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<NotifyDenunciationParties>());
            RuleFor(c => c.Parties).NotNull().Must(p => p is { Count: > 0 }).Says("denunciation.notify.parties.required");
            RuleForEach(c => c.Parties).Must(p => p is NoticeParty.Denouncer or NoticeParty.Denounced)
                .Says("denunciation.notify.parties.only-denunciation-parties");
        }
    }

    /// <summary>Records notices of an accepted denunciation to parties not yet notified.</summary>
    public static object[] Decide(NotifyDenunciationParties command, CaseState state)
    {
        state.EnsureStatus("denunciation.notify", CaseStatus.DenunciationUnderSettlement);
        if (state.IsAnonymous && command.Parties.Contains(NoticeParty.Denouncer))
        {
            throw new DomainRuleException("denunciation.notify.anonymous");
        }

        var fresh = command.Parties.Distinct().Except(state.DenunciationNotified).ToArray();
        return fresh.Length == 0 ? throw new DomainRuleException("denunciation.notify.already-notified") : [new DenunciationPartiesNotified(command.CaseId, fresh, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The denouncer and/or the denounced were notified of the acceptance.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Parties">Who.</param>
/// <param name="NotifiedBy">By whom.</param>
/// <param name="NotifiedAt">When.</param>
public sealed record DenunciationPartiesNotified(Guid CaseId, NoticeParty[] Parties, string NotifiedBy, DateTimeOffset NotifiedAt);
