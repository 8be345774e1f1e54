using FluentValidation;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>
/// Extend the settlement period of a denunciation: once for a complex case, at most twice for an especially complex one,
/// each extension within the rule set's maximum.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Complexity">How complex the case is.</param>
/// <param name="Days">How many days this extension adds.</param>
/// <param name="Reason">Why.</param>
/// <param name="FromPaperRecord">
/// True when the step is copied from the paper file after the fact: an extension decided after the settlement's last day
/// is then recorded as it happened (the audit shows the lapse it came too late to prevent); otherwise it is refused.
/// </param>
/// <param name="Actor">Who decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ExtendDenunciationSettlement(Guid CaseId, DenunciationComplexity Complexity, int Days, string Reason, bool FromPaperRecord, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ExtendDenunciationSettlement>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<ExtendDenunciationSettlement>());
            RuleFor(c => c.Complexity).IsInEnum();
            RuleFor(c => c.Days).InclusiveBetween(1, 366).Says("denunciation.extend.days.range");
            RuleFor(c => c.Reason).NotEmpty().Says("denunciation.extend.reason.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>
    /// Extends an accepted denunciation within the number and length of extensions its rules allow, decided before the
    /// settlement's last day (Art. 30 cl. 2–4: the extension extends a period still running).
    /// </summary>
    public static object[] Decide(ExtendDenunciationSettlement command, CaseState state)
    {
        state.EnsureStatus("denunciation.extend", CaseStatus.DenunciationUnderSettlement);
        var on = VietnamTime.DateOf(command.OccurredAt);
        if (!command.FromPaperRecord
            && CaseDeadlines.For(state, state.Rules, state.Calendar).FirstOrDefault(d => d.Step == DeadlineStep.DenunciationSettlement) is { Due: { } due } settlement
            && on > due)
        {
            throw new DomainRuleException("denunciation.extend.after-deadline", on, due, new LegalCitation(settlement.Citation));
        }

        var rules = state.Rules.For(state.RulesDate);
        var maxDays = rules.Period(DeadlineStep.DenunciationExtension).Days;
        if (command.Days > maxDays)
        {
            throw new DomainRuleException("denunciation.extend.too-many-days", maxDays, rules.Name, command.Days);
        }

        var allowed = command.Complexity == DenunciationComplexity.EspeciallyComplex ? rules.MaxExtensionsEspeciallyComplex : rules.MaxExtensionsComplex;
        if (state.Extensions >= allowed)
        {
            throw new DomainRuleException("denunciation.extend.too-many-extensions", command.Complexity, allowed, state.Extensions);
        }

        return [new DenunciationSettlementExtended(command.CaseId, state.Extensions + 1, command.Complexity, command.Days, command.Reason, command.FromPaperRecord,
            command.Actor, command.OccurredAt)];
    }
}

/// <summary>The settlement period was extended.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ExtensionNumber">1 for the first extension, 2 for the second.</param>
/// <param name="Complexity">The complexity that justified it.</param>
/// <param name="Days">Days added.</param>
/// <param name="Reason">Why.</param>
/// <param name="FromPaperRecord">Copied from the paper file after the fact (false for steps recorded before the field existed).</param>
/// <param name="ExtendedBy">Who.</param>
/// <param name="ExtendedAt">When.</param>
public sealed record DenunciationSettlementExtended(Guid CaseId, int ExtensionNumber, DenunciationComplexity Complexity, int Days, string Reason, bool FromPaperRecord,
    string ExtendedBy, DateTimeOffset ExtendedAt);
