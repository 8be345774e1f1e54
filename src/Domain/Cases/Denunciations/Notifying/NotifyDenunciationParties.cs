using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Record a written notice to the denouncer and/or the person denounced: of the acceptance (Law 25/2018/QH14 Art. 29
/// cl. 3), of the latest extension (Art. 30 cl. 4), or of the conclusion (Art. 35 cl. 3: the conclusion itself is sent to
/// the denounced, a notice of it to the denouncer).
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Parties">Who was notified: Denouncer, Denounced.</param>
/// <param name="Subject">What the notice is about (the acceptance when not given).</param>
/// <param name="Actor">Who notified them.</param>
/// <param name="OccurredAt">When.</param>
public sealed record NotifyDenunciationParties(Guid CaseId, IReadOnlyList<NoticeParty> Parties, DenunciationNoticeSubject? Subject, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
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
            RuleFor(c => c.Subject).IsInEnum();
        }
    }

    /// <summary>Records a notice to parties not yet notified of the same thing.</summary>
    public static object[] Decide(NotifyDenunciationParties command, CaseState state)
    {
        var subject = command.Subject ?? DenunciationNoticeSubject.Acceptance;
        IReadOnlyList<NoticeParty> already;
        switch (subject)
        {
            case DenunciationNoticeSubject.Extension:
                state.EnsureStatus("denunciation.notify", CaseStatus.DenunciationUnderSettlement);
                if (state.Extensions == 0)
                {
                    throw new DomainRuleException("denunciation.notify.no-extension");
                }

                already = state.ExtensionNotified;
                break;
            case DenunciationNoticeSubject.Conclusion:
                state.EnsureStatus("denunciation.notify", CaseStatus.DenunciationConcluded);
                already = state.ConclusionNotified;
                break;
            default:
                state.EnsureStatus("denunciation.notify", CaseStatus.DenunciationUnderSettlement);
                already = state.DenunciationNotified;
                break;
        }

        if (state.IsAnonymous && command.Parties.Contains(NoticeParty.Denouncer))
        {
            throw new DomainRuleException("denunciation.notify.anonymous");
        }

        var fresh = command.Parties.Distinct().Except(already).ToArray();
        return fresh.Length == 0
            ? throw new DomainRuleException("denunciation.notify.already-notified")
            : [new DenunciationPartiesNotified(command.CaseId, fresh, subject, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The denouncer and/or the denounced were notified in writing.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Parties">Who.</param>
/// <param name="Subject">Of what: the acceptance (also for steps recorded before the subject existed), an extension, the conclusion.</param>
/// <param name="NotifiedBy">By whom.</param>
/// <param name="NotifiedAt">When.</param>
public sealed record DenunciationPartiesNotified(Guid CaseId, NoticeParty[] Parties, DenunciationNoticeSubject Subject, string NotifiedBy, DateTimeOffset NotifiedAt);
