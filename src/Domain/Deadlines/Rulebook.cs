using System.Text.Json;

namespace Outreach.Deadlines;

/// <summary>The legal periods the library knows. Each <see cref="CaseDeadline"/> names one.</summary>
public enum DeadlineStep
{
    /// <summary>The complainant's window to complain after learning of the decision or act.</summary>
    FilingWindow,
    /// <summary>Deciding whether to accept a complaint (either round).</summary>
    ComplaintAcceptance,
    /// <summary>First decision, ordinary case.</summary>
    FirstDecision,
    /// <summary>First decision, complex case.</summary>
    FirstDecisionComplex,
    /// <summary>First decision, remote or difficult area.</summary>
    FirstDecisionRemote,
    /// <summary>First decision, complex case in a remote area.</summary>
    FirstDecisionRemoteComplex,
    /// <summary>Sending a decision to the complainant and parties.</summary>
    DecisionDelivery,
    /// <summary>The complainant's window for a second complaint.</summary>
    SecondComplaintWindow,
    /// <summary>The second-complaint window in a remote area.</summary>
    SecondComplaintWindowRemote,
    /// <summary>Second decision, ordinary case.</summary>
    SecondDecision,
    /// <summary>Second decision, complex case.</summary>
    SecondDecisionComplex,
    /// <summary>Second decision, remote area.</summary>
    SecondDecisionRemote,
    /// <summary>Second decision, complex case in a remote area.</summary>
    SecondDecisionRemoteComplex,
    /// <summary>Checking a denunciation on receipt.</summary>
    DenunciationCheck,
    /// <summary>Checking a denunciation that needs checks at several places.</summary>
    DenunciationCheckSeveralPlaces,
    /// <summary>Notifying the denouncer and the denounced of the acceptance.</summary>
    DenunciationNotice,
    /// <summary>Settling an accepted denunciation (plus any extensions).</summary>
    DenunciationSettlement,
    /// <summary>The longest single extension of a denunciation's settlement.</summary>
    DenunciationExtension,
    /// <summary>Reporting on a late settlement when the supervising body demands it.</summary>
    LateSettlementReport,
    /// <summary>Deciding whether to accept a second complaint (Art. 36).</summary>
    SecondComplaintAcceptance,
    /// <summary>Sending the second decision to the complainant and the parties (Art. 41).</summary>
    SecondDecisionDelivery,
    /// <summary>Transferring a denunciation outside one's competence to the competent body (Law 25/2018/QH14 Art. 24 cl. 2).</summary>
    DenunciationTransfer,
    /// <summary>Sending the conclusion to the denounced and notifying the denouncer of it (Law 25/2018/QH14 Art. 35 cl. 3).</summary>
    DenunciationConclusionNotice,
}

/// <summary>Whether a period counts every calendar day or only working days.</summary>
public enum DayBasis
{
    /// <summary>Every day counts (an end on a day off moves to the next working day).</summary>
    Calendar,
    /// <summary>Only working days count.</summary>
    Working,
}

/// <summary>One legal period of a rule set.</summary>
/// <param name="Step">Which period.</param>
/// <param name="Days">Its length.</param>
/// <param name="Basis">Calendar or working days.</param>
/// <param name="Obligation">True when the authority must act by then (can be overdue); false for a citizen's window.</param>
/// <param name="Citation">The law and article it comes from.</param>
/// <param name="Unverified">What about the rule is not yet verified against the official text, if anything.</param>
/// <param name="Start">The step after whose day the period is counted (e.g. "receipt of the complaint"), as the article says it.</param>
public sealed record LegalPeriod(DeadlineStep Step, int Days, DayBasis Basis, bool Obligation, string Citation, string? Unverified, string? Start = null);

/// <summary>Which written notice a rule of required recipients is about.</summary>
public enum NoticeKind
{
    /// <summary>The notice of acceptance of a first complaint.</summary>
    FirstAcceptance,
    /// <summary>The notice of acceptance of a second complaint.</summary>
    SecondAcceptance,
    /// <summary>The first decision, as sent.</summary>
    FirstDecision,
    /// <summary>The second decision, as sent.</summary>
    SecondDecision,
    /// <summary>The notice of an extension of a denunciation's settlement.</summary>
    DenunciationExtension,
    /// <summary>The conclusion of a denunciation, as sent to the denounced and notified to the denouncer.</summary>
    DenunciationConclusion,
}

/// <summary>Who must receive a written notice, and where the law says so.</summary>
/// <param name="Notice">Which notice.</param>
/// <param name="Required">The parties it must reach (others the law names are required only when they exist).</param>
/// <param name="Citation">The law and article.</param>
public sealed record NoticeRule(NoticeKind Notice, IReadOnlyList<Cases.NoticeParty> Required, string Citation);

/// <summary>The rules in force for cases accepted from <see cref="EffectiveFrom"/> until the next set begins.</summary>
public sealed class RuleSet
{
    private readonly Dictionary<DeadlineStep, LegalPeriod> _periods;

    internal RuleSet(string id, string name, DateOnly effectiveFrom, bool allowsSuspension, bool allowsPartialWithdrawal,
        bool complainantAbsenceStopsDialogue, int maxComplex, int maxEspeciallyComplex, IEnumerable<LegalPeriod> periods, IEnumerable<NoticeRule>? notices = null)
    {
        Notices = [.. notices ?? []];
        Id = id;
        Name = name;
        EffectiveFrom = effectiveFrom;
        AllowsSuspension = allowsSuspension;
        AllowsPartialWithdrawal = allowsPartialWithdrawal;
        ComplainantAbsenceStopsDialogue = complainantAbsenceStopsDialogue;
        MaxExtensionsComplex = maxComplex;
        MaxExtensionsEspeciallyComplex = maxEspeciallyComplex;
        _periods = periods.ToDictionary(p => p.Step);
    }

    /// <summary>Short id ("2011", "2026").</summary>
    public string Id { get; }

    /// <summary>The laws it reflects.</summary>
    public string Name { get; }

    /// <summary>First acceptance date it governs.</summary>
    public DateOnly EffectiveFrom { get; }

    /// <summary>Settlement may be suspended.</summary>
    public bool AllowsSuspension { get; }

    /// <summary>A complaint may be withdrawn in part.</summary>
    public bool AllowsPartialWithdrawal { get; }

    /// <summary>A complainant's unexcused absence from a dialogue stops settlement (false from 1 Jul 2026).</summary>
    public bool ComplainantAbsenceStopsDialogue { get; }

    /// <summary>Extensions allowed for a complex denunciation.</summary>
    public int MaxExtensionsComplex { get; }

    /// <summary>Extensions allowed for an especially complex denunciation.</summary>
    public int MaxExtensionsEspeciallyComplex { get; }

    /// <summary>Who must receive each written notice.</summary>
    public IReadOnlyList<NoticeRule> Notices { get; }

    /// <summary>Every period of the set.</summary>
    public IReadOnlyCollection<LegalPeriod> Periods => _periods.Values;

    /// <summary>The period for <paramref name="step"/>.</summary>
    public LegalPeriod Period(DeadlineStep step)
        => _periods.TryGetValue(step, out var p) ? p : throw new InvalidOperationException($"Rule set {Id} has no period for {step}.");
}

/// <summary>
/// The versioned tables of legal periods. The rule set is chosen by the date the case was accepted (or, before acceptance,
/// the date its clock started): amendments are not retroactive. The tables ship with the library as data
/// (<c>Deadlines/Data/rules.json</c>); a change in the law is a new rule set in a new release.
/// </summary>
public sealed class Rulebook
{
    private readonly RuleSet[] _sets;

    private Rulebook(IEnumerable<RuleSet> sets) => _sets = sets.OrderBy(s => s.EffectiveFrom).ToArray();

    /// <summary>The rulebook shipped with the library.</summary>
    public static Rulebook Default { get; } = LoadEmbedded();

    /// <summary>The first date from which suspension exists.</summary>
    public DateOnly SuspensionAvailableFrom => _sets.First(s => s.AllowsSuspension).EffectiveFrom;

    /// <summary>The rule set governing a case whose rules date is <paramref name="date"/>.</summary>
    public RuleSet For(DateOnly date) => _sets.LastOrDefault(s => s.EffectiveFrom <= date) ?? _sets[0];

    private static Rulebook LoadEmbedded()
    {
        using var stream = typeof(Rulebook).Assembly.GetManifestResourceStream("Outreach.Deadlines.rules.json")
            ?? throw new InvalidOperationException("The embedded rulebook is missing from the assembly.");
        var file = JsonSerializer.Deserialize<RulebookFile>(stream, DataFiles.Options)
            ?? throw new InvalidOperationException("The embedded rulebook is empty.");
        var built = new Dictionary<string, RuleSet>();
        foreach (var s in file.RuleSets)
        {
            // A set that follows an amending law cites every inherited rule as the article of the law as amended by it.
            var periods = s.Inherits is { } parent ? built[parent].Periods.Select(p => Amended(p, s)).ToDictionary(p => p.Step) : [];
            foreach (var p in s.Periods)
            {
                periods[p.Step] = p;
            }

            var notices = s.Inherits is { } from
                ? built[from].Notices.Select(n => s.AmendedBy is { } by ? n with { Citation = $"{n.Citation} as amended by {by}" } : n).ToDictionary(n => n.Notice)
                : [];
            foreach (var n in s.Notices ?? [])
            {
                notices[n.Notice] = n;
            }

            built[s.Id] = new RuleSet(s.Id, s.Name, s.EffectiveFrom, s.AllowsSuspension, s.AllowsPartialWithdrawal,
                s.ComplainantAbsenceStopsDialogue, s.MaxExtensionsComplex, s.MaxExtensionsEspeciallyComplex, periods.Values, notices.Values);
        }

        return new Rulebook(built.Values);
    }

    private static LegalPeriod Amended(LegalPeriod period, RuleSetFile set) => set.AmendedBy is not { } by ? period : period with
    {
        Citation = $"{period.Citation} as amended by {by}",
        Unverified = period.Unverified is { } open ? $"{open}; {set.AmendmentUnverified}" : set.AmendmentUnverified,
    };

    internal sealed record RulebookFile(List<RuleSetFile> RuleSets);

    internal sealed record RuleSetFile(
        string Id, string Name, DateOnly EffectiveFrom, bool AllowsSuspension, bool AllowsPartialWithdrawal,
        bool ComplainantAbsenceStopsDialogue, int MaxExtensionsComplex, int MaxExtensionsEspeciallyComplex, string? Inherits, List<LegalPeriod> Periods,
        List<NoticeRule>? Notices, string? AmendedBy, string? AmendmentUnverified);
}
