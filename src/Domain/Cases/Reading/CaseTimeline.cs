using Marten;

namespace Outreach.Cases;

/// <summary>One line of a case's history: which step, who, when it happened and when it was recorded.</summary>
/// <param name="Version">The event's position in the case stream (1-based).</param>
/// <param name="Sequence">The event's global sequence number.</param>
/// <param name="EventType">The event's name (e.g. <c>ComplaintAccepted</c>).</param>
/// <param name="Actor">Who performed the step.</param>
/// <param name="OccurredAt">Business time: when it happened.</param>
/// <param name="RecordedAt">When it was written: the database clock of its hash-chain link (ADR 16), else Marten's timestamp.</param>
/// <param name="Data">The event itself.</param>
public sealed record CaseTimelineEntry(long Version, long Sequence, string EventType, string Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, object Data)
{
    /// <summary>How long after the fact the step was recorded; more than a day marks a back-filled entry.</summary>
    public TimeSpan RecordingDelay => RecordedAt - OccurredAt;

    /// <summary>True when the step was recorded more than a day after it happened (back-filled from paper records).</summary>
    public bool IsBackFilled => RecordingDelay > TimeSpan.FromDays(1);
}

/// <summary>The case timeline view: one entry per event, read straight from the stream.</summary>
public static class CaseTimeline
{
    /// <summary>
    /// The timeline of a case, optionally cut at a business date (<paramref name="asOf"/>: steps that happened up to the end
    /// of that moment) or at a stream version. Empty when the case does not exist.
    /// </summary>
    public static async Task<IReadOnlyList<CaseTimelineEntry>> LoadAsync(
        IQuerySession session, Guid caseId, DateTimeOffset? asOf = null, long? version = null, CancellationToken cancellation = default)
    {
        var events = await session.Events.FetchStreamAsync(caseId, token: cancellation).ConfigureAwait(false);
        var recorded = events.Count == 0 ? [] : await CaseAudit.LinkTimesAsync(session.DocumentStore, caseId, cancellation).ConfigureAwait(false);
        return events
            .Where(e => version is null || e.Version <= version)
            .Select(e => new CaseTimelineEntry(
                e.Version, e.Sequence, e.Data.GetType().Name,
                OutreachEvents.Actor(e.Data) ?? e.UserName ?? "",
                OutreachEvents.OccurredAt(e.Data) ?? e.Timestamp,
                recorded.TryGetValue(e.Version, out var at) ? at : e.Timestamp, e.Data))
            .Where(e => asOf is null || e.OccurredAt <= asOf)
            .ToArray();
    }
}
