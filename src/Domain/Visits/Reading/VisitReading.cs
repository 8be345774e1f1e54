using Marten;

namespace Outreach.Visits;

/// <summary>A single visit, now or in the past.</summary>
public static class VisitReading
{
    /// <summary>
    /// The visit folded from its events, optionally cut at a business time (<paramref name="asOf"/>: steps that happened up
    /// to that moment) or at a stream version.
    /// </summary>
    /// <exception cref="StreamNotFoundException">No visit has that id, or it was not yet planned at that time or version.</exception>
    public static async Task<StreamSnapshot<Visit>> FindAsync(
        IQuerySession session, Guid visitId, DateTimeOffset? asOf = null, long? version = null, CancellationToken cancellation = default)
    {
        var (events, at) = await StreamEvents.UpToAsync(session, visitId, asOf, version, cancellation).ConfigureAwait(false);
        var visit = events.Aggregate(Visit.None(visitId), (state, e) => state.Evolve(e));
        return visit.Exists ? new StreamSnapshot<Visit>(visit, at) : throw new StreamNotFoundException(visitId, "visit");
    }
}
