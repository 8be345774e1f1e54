using Marten;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>A case with one of its overdue deadlines.</summary>
/// <param name="Case">The case.</param>
/// <param name="Deadline">The overdue deadline.</param>
/// <param name="DaysOverdue">Calendar days past the due date.</param>
public sealed record OverdueCase(Case Case, CaseDeadline Deadline, int DaysOverdue);

/// <summary>How many cases a locality has in one status.</summary>
/// <param name="LocalityCode">The locality.</param>
/// <param name="Status">The status.</param>
/// <param name="Count">Number of cases.</param>
public sealed record LocalityStatusCount(string LocalityCode, CaseStatus Status, int Count);

/// <summary>How many cases of one kind are open and settled.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Open">Cases not yet settled.</param>
/// <param name="Settled">Cases settled.</param>
public sealed record KindCount(CaseKind Kind, int Open, int Settled);

/// <summary>Read-side queries over cases: details, time travel, overdue cases, cases by locality and status.</summary>
public static class CaseQueries
{
    /// <summary>The current state of a case with its open deadlines, or null when it does not exist.</summary>
    public static Task<Case?> LoadAsync(IQuerySession session, Guid caseId, CancellationToken cancellation = default)
        => session.LoadAsync<Case>(caseId, cancellation);

    /// <summary>Finds a case by its id or, failing that, by its paper registry number.</summary>
    public static async Task<Case?> FindAsync(IQuerySession session, string idOrNumber, CancellationToken cancellation = default)
    {
        if (Guid.TryParse(idOrNumber, out var id))
        {
            return await session.LoadAsync<Case>(id, cancellation).ConfigureAwait(false);
        }

        var matches = await session.Query<Case>().Where(c => c.Number == idOrNumber).Take(5).ToListAsync(cancellation).ConfigureAwait(false);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw DomainRuleException.Shared(
                "case.find.ambiguous-number", matches.Count == 5 ? "case.find.ambiguous-number-more" : "case.find.ambiguous-number",
                idOrNumber, matches.Count, string.Join(", ", matches.Select(m => m.Id))),
        };
    }

    /// <summary>
    /// Time travel: the case as it stood at a business time (<paramref name="asOf"/>) or a stream version, rebuilt from
    /// its events with the same deadline computation. Null when the case did not exist then.
    /// </summary>
    public static async Task<Case?> AsOfAsync(
        IQuerySession session, Guid caseId, OutreachOptions options, DateTimeOffset? asOf = null, long? version = null, CancellationToken cancellation = default)
    {
        var timeline = await CaseTimeline.LoadAsync(session, caseId, asOf, version, cancellation).ConfigureAwait(false);
        if (timeline.Count == 0)
        {
            return null;
        }

        var state = Case.Fold(caseId, timeline.Select(t => t.Data));
        return CaseProjection.WithDeadlines(state, options);
    }

    /// <summary>Cases whose authority deadline passed before <paramref name="today"/>, most overdue first.</summary>
    public static async Task<IReadOnlyList<OverdueCase>> OverdueAsync(IQuerySession session, DateOnly today, CancellationToken cancellation = default)
    {
        var cases = await session.Query<Case>()
            .Where(c => c.NextObligationDue != null && c.NextObligationDue < today)
            .ToListAsync(cancellation).ConfigureAwait(false);
        return cases
            .SelectMany(c => c.Deadlines.Where(d => d.IsOverdue(today)).Select(d => new OverdueCase(c, d, today.DayNumber - d.Due!.Value.DayNumber)))
            .OrderByDescending(o => o.DaysOverdue)
            .ThenBy(o => o.Case.Id)
            .ToArray();
    }

    /// <summary>Case counts by locality and status: one row per recorded locality (the async view <see cref="LocalityCases"/>).</summary>
    public static async Task<IReadOnlyList<LocalityStatusCount>> ByLocalityAndStatusAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        var rows = await session.Query<LocalityCases>().ToListAsync(cancellation).ConfigureAwait(false);
        return [.. rows.SelectMany(r => r.Entries().GroupBy(e => e.Status).Select(g => new LocalityStatusCount(r.Id, g.Key, g.Sum(e => e.Count))))
            .OrderBy(r => r.LocalityCode, StringComparer.Ordinal).ThenBy(r => r.Status)];
    }

    /// <summary>Open and settled cases by kind, from the same rows.</summary>
    public static async Task<IReadOnlyList<KindCount>> ByKindAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        var rows = await session.Query<LocalityCases>().ToListAsync(cancellation).ConfigureAwait(false);
        return [.. rows.SelectMany(r => r.Entries()).GroupBy(e => e.Kind)
            .Select(g => new KindCount(g.Key, g.Where(e => !CaseState.IsSettledStatus(e.Status)).Sum(e => e.Count), g.Where(e => CaseState.IsSettledStatus(e.Status)).Sum(e => e.Count)))
            .OrderBy(k => k.Kind)];
    }

}
