using Marten;

namespace Outreach.Difficulties;

/// <summary>Open difficulties waiting on one person (a unit head, an assignee, the city, or a raiser asked for information).</summary>
/// <param name="WaitingOn">Who must act.</param>
/// <param name="Open">Open difficulties waiting on them.</param>
/// <param name="Overdue">Of those, how many passed their response or solution date.</param>
/// <param name="OldestDue">The earliest due date among them.</param>
public sealed record DifficultiesWaiting(string WaitingOn, int Open, int Overdue, DateOnly? OldestDue);

/// <summary>Reports over difficulties and escalations.</summary>
public static class DifficultyQueries
{
    /// <summary>
    /// Open difficulties grouped by the person they wait on, most overdue first: one row per person from the async view
    /// <see cref="PersonWaiting"/>, whatever the number of difficulties ever raised.
    /// </summary>
    public static async Task<IReadOnlyList<DifficultiesWaiting>> WaitingAsync(IQuerySession session, DateOnly today, CancellationToken cancellation = default)
    {
        var rows = await session.Query<PersonWaiting>().ToListAsync(cancellation).ConfigureAwait(false);
        return [.. rows.Select(r => new DifficultiesWaiting(r.Id, r.Open, r.Dues.Count(d => d < today), r.Dues.Count > 0 ? r.Dues[0] : null))
            .OrderByDescending(w => w.Overdue).ThenBy(w => w.OldestDue ?? DateOnly.MaxValue).ThenBy(w => w.WaitingOn, StringComparer.Ordinal)];
    }
}
