using System.Globalization;
using Outreach.Cases;
using Outreach.Deadlines;

namespace Outreach.Hosting;

/// <summary>One legal period in the JSON audit report.</summary>
/// <param name="Step">The period.</param>
/// <param name="Citation">Law and article, as stored.</param>
/// <param name="RuleSet">The rule set.</param>
/// <param name="Days">Its length.</param>
/// <param name="Basis">Calendar or working days.</param>
/// <param name="StartsAfter">Its trigger date.</param>
/// <param name="Due">Its last day (null while paused).</param>
/// <param name="Outcome">Met, missed, ended, open, overdue, or a citizen's window.</param>
/// <param name="DaysLate">Days after the last day, when late or overdue.</param>
/// <param name="Responsible">Who answers for a missed or overdue step (the competent person when the record names one).</param>
/// <param name="Competent">The person competent for the period (who accepted the round, signed the decision…), if recorded.</param>
/// <param name="LastActor">Who last acted before a missed or overdue period ended or the report's date.</param>
/// <param name="ClosedOn">When the period closed.</param>
/// <param name="ClosedBy">Who closed it.</param>
/// <param name="ClosedByEvent">The type of the step that closed it.</param>
/// <param name="ClosedByVersion">The step that closed it.</param>
/// <param name="OpenedBy">Who took the step that opened it.</param>
/// <param name="OpenedByVersion">The step that opened it.</param>
/// <param name="Changes">Every change of its last day, with the step that made it.</param>
/// <param name="Text">The outcome in the reader's language.</param>
public sealed record AuditDeadlineAnswer(
    DeadlineStep Step, string Citation, string RuleSet, int Days, DayBasis Basis, DateOnly StartsAfter, DateOnly? Due, DeadlineOutcome Outcome,
    int? DaysLate, string? Responsible, string? Competent, string? LastActor, DateOnly? ClosedOn, string? ClosedBy, string? ClosedByEvent, long? ClosedByVersion,
    string OpenedBy, long OpenedByVersion, IReadOnlyList<DueChange> Changes, string Text);

/// <summary>One recorded step in the JSON audit report (its sentence, never the raw event: a denouncer is never named).</summary>
/// <param name="Version">Its position in the stream.</param>
/// <param name="Section">Which of the auditor's questions it answers.</param>
/// <param name="EventType">Its type.</param>
/// <param name="Actor">Who took it, as recorded.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="RecordedAt">When it was written.</param>
/// <param name="RecordedByDatabaseClock">Whether <paramref name="RecordedAt"/> is the chain link's database clock.</param>
/// <param name="IsBackFilled">Recorded more than a day after it happened.</param>
/// <param name="Recipients">Who a notice or decision went to.</param>
/// <param name="Text">What it records, in the reader's language.</param>
public sealed record AuditStepAnswer(
    long Version, AuditSection Section, string EventType, string Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, bool RecordedByDatabaseClock,
    bool IsBackFilled, IReadOnlyList<NoticeParty> Recipients, string Text);

/// <summary>A written notice or decision that has not reached a party the law requires.</summary>
/// <param name="Notice">Which notice.</param>
/// <param name="Version">The step that issued it.</param>
/// <param name="Actor">Who issued it.</param>
/// <param name="Missing">The parties it has not reached.</param>
/// <param name="Citation">The article that requires them, as stored.</param>
/// <param name="Text">The finding in the reader's language.</param>
public sealed record AuditNoticeGapAnswer(NoticeKind Notice, long Version, string Actor, IReadOnlyList<NoticeParty> Missing, string Citation, string Text);

/// <summary>The case's hash-chain check.</summary>
/// <param name="Passed">Nothing was altered.</param>
/// <param name="Events">Events recomputed.</param>
/// <param name="Text">The library's sentence: intact, or what was altered first.</param>
public sealed record AuditIntegrityAnswer(bool Passed, long Events, string Text);

/// <summary>The auditor's report of a case as JSON: the console's <c>audit case --json</c> and the web host's <c>/api/cases/{id}/audit</c>.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its file number.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Status">Its status.</param>
/// <param name="LocalityCode">Where it was raised.</param>
/// <param name="AsOf">The day deadlines are judged on.</param>
/// <param name="Version">The last event included.</param>
/// <param name="Deadlines">Every legal period.</param>
/// <param name="NoticeGaps">Every notice or decision that has not reached a party the law requires.</param>
/// <param name="Steps">Every step.</param>
/// <param name="Integrity">The hash-chain check.</param>
public sealed record AuditAnswer(
    Guid CaseId, string? Number, CaseKind Kind, CaseStatus Status, string LocalityCode, DateOnly AsOf, long Version,
    IReadOnlyList<AuditDeadlineAnswer> Deadlines, IReadOnlyList<AuditNoticeGapAnswer> NoticeGaps, IReadOnlyList<AuditStepAnswer> Steps, AuditIntegrityAnswer? Integrity)
{
    /// <summary>The report with every sentence in <paramref name="t"/>'s language.</summary>
    public static AuditAnswer From(CaseAuditReport report, CaseText t)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(t);
        return new AuditAnswer(
            report.CaseId, report.Number, report.Kind, report.Status, report.LocalityCode, report.AsOf, report.Version,
            [.. report.Deadlines.Select(d => new AuditDeadlineAnswer(d.Deadline.Step, d.Deadline.Citation, d.Deadline.RuleSet, d.Deadline.Days, d.Deadline.Basis,
                d.Deadline.StartsAfter, d.Deadline.Due, d.Outcome, d.DaysLate, d.Responsible, d.Competent, d.LastActor, d.ClosedOn, d.ClosedBy, d.ClosedByEvent,
                d.ClosedByVersion, d.OpenedBy, d.OpenedByVersion, d.Changes, t.Outcome(d, report.AsOf)))],
            [.. report.NoticeGaps.Select(g => new AuditNoticeGapAnswer(g.Notice, g.Version, g.Actor, g.Missing, g.Citation, t.Gap(g)))],
            [.. report.Entries.Select(e => new AuditStepAnswer(e.Version, e.Section, e.EventType, e.Actor, e.OccurredAt, e.RecordedAt, e.RecordedByDatabaseClock,
                e.IsBackFilled, e.Recipients, t.Describe(e.Data)))],
            report.Integrity is { } i ? new AuditIntegrityAnswer(i.Passed, i.Events, IntegrityText(i, t.Culture)) : null);
    }

    /// <summary>The library's words for a hash-chain check.</summary>
    public static string IntegrityText(Audit.ChainVerification integrity, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(integrity);
        return integrity.Passed
            ? OutreachText.Format("chain.intact", culture, integrity.Events)
            : OutreachText.Format("chain.altered", culture, integrity.FirstBroken!.ExplanationIn(culture));
    }
}
