using Marten;

namespace Outreach.Difficulties;

/// <summary>A single difficulty, now or in the past.</summary>
public static class DifficultyReading
{
    /// <summary>
    /// The difficulty folded from its events, optionally cut at a business time (<paramref name="asOf"/>) or at a stream version.
    /// </summary>
    /// <exception cref="StreamNotFoundException">No difficulty has that id, or it was not yet raised at that time or version.</exception>
    public static async Task<StreamSnapshot<Difficulty>> FindAsync(
        IQuerySession session, Guid difficultyId, DateTimeOffset? asOf = null, long? version = null, CancellationToken cancellation = default)
    {
        var (events, at) = await StreamEvents.UpToAsync(session, difficultyId, asOf, version, cancellation).ConfigureAwait(false);
        var difficulty = events.Aggregate(Difficulty.None(difficultyId), (state, e) => state.Evolve(e));
        return difficulty.Exists ? new StreamSnapshot<Difficulty>(difficulty, at) : throw new StreamNotFoundException(difficultyId, "difficulty");
    }
}
