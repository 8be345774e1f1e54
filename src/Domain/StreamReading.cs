using Marten;

namespace Outreach;

/// <summary>One stream's state and the version it was read at (send the version back as the expected version of the next step).</summary>
/// <typeparam name="T">The state's type (a visit, a difficulty).</typeparam>
/// <param name="State">The state folded from the stream's events.</param>
/// <param name="Version">How many of the stream's events the state holds.</param>
public sealed record StreamSnapshot<T>(T State, long Version);

/// <summary>The events of one stream up to a business time or a version.</summary>
internal static class StreamEvents
{
    /// <summary>The events' data in order, and the version of the last one kept (0 when none).</summary>
    public static async Task<(IReadOnlyList<object> Events, long Version)> UpToAsync(
        IQuerySession session, Guid streamId, DateTimeOffset? asOf, long? version, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        var events = await session.Events.FetchStreamAsync(streamId, version ?? 0, token: cancellation).ConfigureAwait(false);
        var kept = events.Where(e => asOf is null || (OutreachEvents.OccurredAt(e.Data) ?? e.Timestamp) <= asOf).ToList();
        return ([.. kept.Select(e => e.Data)], kept.Count == 0 ? 0 : kept[^1].Version);
    }
}
