using Marten;

namespace Outreach.Rotation;

/// <summary>Reads of the recorded rotas.</summary>
public static class RotaQueries
{
    /// <summary>
    /// The assignments of every recorded rota for the week starting <paramref name="monday"/>, by visitor: read from the
    /// async view <see cref="RotaWeek"/> (ADR 25), one row per rota covering the week. A host that runs no daemon
    /// catches the views up first (<see cref="OutreachProjections.CatchUpAsync"/>).
    /// </summary>
    /// <param name="session">A query session.</param>
    /// <param name="monday">The Monday of the week.</param>
    /// <param name="cancellation">Cancels the query.</param>
    public static async Task<IReadOnlyList<RotaAssignment>> WeekAsync(IQuerySession session, DateOnly monday, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var weeks = await session.Query<RotaWeek>().Where(w => w.Week == monday).ToListAsync(cancellation).ConfigureAwait(false);
        return [.. weeks.OrderBy(w => w.RotaId).SelectMany(w => w.Assignments)];
    }
}
