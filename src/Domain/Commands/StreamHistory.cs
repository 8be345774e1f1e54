using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Outreach;

/// <summary>
/// The events of one stream as recorded, oldest first: what the write path folds a decision state from and checks a
/// repeated command against. Aggregated live by Marten from the stream's events when a command is handled
/// (<c>FetchForWriting</c>), never stored, so no read-model document that a database role could rewrite feeds a decision
/// (ADR 19, ADR 26).
/// </summary>
internal sealed class StreamHistory
{
    private readonly List<object> _events = [];

    /// <summary>The stream id.</summary>
    public Guid Id { get; init; }

    /// <summary>The recorded events' data, oldest first.</summary>
    public IReadOnlyList<object> Events => _events;

    /// <summary>Adds the next recorded event; the history is private to one write, so it grows in place.</summary>
    internal StreamHistory Then(object @event)
    {
        _events.Add(@event);
        return this;
    }
}

/// <summary>Marten's live aggregation of <see cref="StreamHistory"/>, registered with <c>ProjectionLifecycle.Live</c>.</summary>
internal sealed partial class StreamHistoryProjection : SingleStreamProjection<StreamHistory, Guid>
{
    /// <inheritdoc />
    public override StreamHistory Evolve(StreamHistory? snapshot, Guid id, IEvent e) => (snapshot ?? new StreamHistory { Id = id }).Then(e.Data);
}
