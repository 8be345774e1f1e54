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
    /// <summary>Open difficulties grouped by the person they wait on, most overdue first.</summary>
    public static async Task<IReadOnlyList<DifficultiesWaiting>> WaitingAsync(IQuerySession session, DateOnly today, CancellationToken cancellation = default)
    {
        var open = await session.Query<Difficulty>()
            .Where(d => d.Status != DifficultyStatus.ResolvedOnSite && d.Status != DifficultyStatus.Solved)
            .ToListAsync(cancellation).ConfigureAwait(false);
        return [.. open.GroupBy(d => d.AwaitingResponseFrom ?? d.RaisedBy)
            .Select(g => new DifficultiesWaiting(g.Key, g.Count(), g.Count(d => d.IsOverdue(today)), g.Min(d => d.ResponseDue)))
            .OrderByDescending(w => w.Overdue).ThenBy(w => w.OldestDue ?? DateOnly.MaxValue)];
    }
}
