using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Outreach.Projections;

/// <summary>
/// What one source (a visit, a difficulty) adds to one row of a tally, e.g. one visit to a locality on a day. A source's
/// contributions are recomputed from its current document each time one of its events is projected.
/// </summary>
public interface ITallyContribution
{
    /// <summary>The id of the row it adds to (a locality code, a person).</summary>
    string RowId { get; }
}

/// <summary>A row of a tally view: a document with a string id that contributions are added to and removed from.</summary>
public interface ITallyRow
{
    /// <summary>The row's id.</summary>
    string Id { get; }

    /// <summary>True when no contribution is left in the row; such a row is deleted.</summary>
    bool IsEmpty { get; }
}

/// <summary>What a tally last counted for one source: the mark it subtracts before adding the source's new contributions.</summary>
/// <typeparam name="TContribution">The kind of contribution.</typeparam>
public abstract class TallyMark<TContribution>
    where TContribution : ITallyContribution
{
    /// <summary>The source's id (its stream id).</summary>
    public Guid Id { get; set; }

    /// <summary>The contributions counted for the source.</summary>
    public IReadOnlyList<TContribution> Contributions { get; set; } = [];
}

/// <summary>
/// A view kept by the async daemon as a small set of rows that does not grow with history (ADR 25): each source document
/// of <typeparamref name="TSource"/> contributes to a few rows, the projection remembers what it counted for each source
/// (<typeparamref name="TMark"/>) and, when one of the source's events comes by, applies only the difference between the
/// source's current contributions and the remembered ones. The source documents are inline projections, so the view
/// converges on what they say; replaying the events (a rebuild) gives the same rows.
/// </summary>
/// <typeparam name="TSource">The inline document the contributions come from (<c>Visit</c>, <c>Difficulty</c>).</typeparam>
/// <typeparam name="TContribution">What one source adds to one row.</typeparam>
/// <typeparam name="TMark">The concrete mark document of this view.</typeparam>
/// <typeparam name="TRow">The view's row document.</typeparam>
public abstract class TallyProjection<TSource, TContribution, TMark, TRow> : IProjection
    where TSource : class
    where TContribution : ITallyContribution, IEquatable<TContribution>
    where TMark : TallyMark<TContribution>, new()
    where TRow : class, ITallyRow
{
    private readonly HashSet<Type> _sourceEvents;
    private readonly Func<TSource, Guid> _idOf;

    /// <summary>Creates the projection for the events of the source's stream.</summary>
    /// <param name="sourceEvents">The event types of the source's stream (any of them may change its contributions).</param>
    /// <param name="idOf">The stream id of a source document.</param>
    protected TallyProjection(IEnumerable<Type> sourceEvents, Func<TSource, Guid> idOf)
    {
        _sourceEvents = [.. sourceEvents];
        _idOf = idOf;
    }

    /// <summary>The contributions of a source as its document stands (none when it counts for nothing).</summary>
    protected abstract IEnumerable<TContribution> ContributionsOf(TSource source);

    /// <summary>An empty row with <paramref name="id"/>.</summary>
    protected abstract TRow NewRow(string id);

    /// <summary>The row with <paramref name="contribution"/> added (<paramref name="sign"/> 1) or removed (-1).</summary>
    protected abstract TRow Apply(TRow row, TContribution contribution, int sign);

    /// <inheritdoc />
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        var ids = events.Where(e => _sourceEvents.Contains(e.EventType)).Select(e => e.StreamId).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        // Two reads per batch, whatever its size: the sources as they stand, and what was counted for them.
        var sources = (await operations.LoadManyAsync<TSource>(cancellation, ids).ConfigureAwait(false)).ToDictionary(_idOf);
        var marks = (await operations.LoadManyAsync<TMark>(cancellation, ids).ConfigureAwait(false)).ToDictionary(m => m.Id);

        var changes = new List<(TContribution Contribution, int Sign)>();
        foreach (var id in ids)
        {
            var before = marks.TryGetValue(id, out var mark) ? mark.Contributions : [];
            var after = sources.TryGetValue(id, out var source) ? ContributionsOf(source).ToList() : [];
            if (before.SequenceEqual(after))
            {
                continue;
            }

            changes.AddRange(before.Select(c => (c, -1)));
            changes.AddRange(after.Select(c => (c, 1)));
            if (after.Count == 0)
            {
                operations.Delete<TMark>(id);
            }
            else
            {
                operations.Store(new TMark { Id = id, Contributions = after });
            }
        }

        if (changes.Count == 0)
        {
            return;
        }

        var rowIds = changes.Select(c => c.Contribution.RowId).Distinct(StringComparer.Ordinal).ToArray();
        var rows = (await operations.LoadManyAsync<TRow>(cancellation, rowIds).ConfigureAwait(false)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var (contribution, sign) in changes)
        {
            var row = rows.TryGetValue(contribution.RowId, out var existing) ? existing : NewRow(contribution.RowId);
            rows[contribution.RowId] = Apply(row, contribution, sign);
        }

        // Every row here was loaded or made for a change of this batch.
        foreach (var row in rows.Values)
        {
            if (row.IsEmpty)
            {
                operations.Delete<TRow>(row.Id);
            }
            else
            {
                operations.Store(row);
            }
        }
    }
}
