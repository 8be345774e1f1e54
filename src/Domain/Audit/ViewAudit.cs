using System.Globalization;
using System.Text.Json.Serialization;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;

namespace Outreach.Audit;

/// <summary>One read model that does not show what its stream's events say.</summary>
/// <param name="Code"><c>view-differs</c>, <c>view-missing</c> (the stream has no document) or <c>view-orphan</c> (a document without events).</param>
/// <param name="View">The read model: case, unit, visit, difficulty or rota.</param>
/// <param name="Id">The stream and document id.</param>
/// <param name="Explanation">A sentence for a person, in English (<see cref="ExplanationIn"/> gives it in another language).</param>
public sealed record ViewProblem(string Code, string View, Guid Id, string Explanation)
{
    /// <summary>The code of the explanation's text in the resources (<c>finding.…</c>), or none for an explanation given as a plain sentence.</summary>
    [JsonIgnore]
    public string? TextKey { get; init; }

    /// <summary>The values the explanation's text is filled with.</summary>
    [JsonIgnore]
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    /// <summary>The explanation in <paramref name="culture"/> (Vietnamese or English).</summary>
    public string ExplanationIn(CultureInfo culture) => FindingText.In(TextKey, Arguments, Explanation, culture);

    /// <summary>A problem with the read model <paramref name="view"/>, explained by the text <c>finding.</c><paramref name="code"/>.</summary>
    internal static ViewProblem Of(string code, string view, Guid id)
    {
        var key = "finding." + code;
        object?[] arguments = [new Term("view." + view), id];
        return new(code, view, id, OutreachText.Format(key, OutreachText.English, arguments)) { TextKey = key, Arguments = arguments };
    }
}

/// <summary>
/// Compares every inline read model with what its projection makes of the stream's events (ADR 19). The application
/// role may write read models, so a rewritten or deleted document would show people something the history does not
/// say; decisions never read them, and this check finds them. Rebuilding the projections repairs them.
/// </summary>
public static class ViewAudit
{
    /// <summary>Folds every stream with the registered projections' own <c>Evolve</c> and compares with the stored documents.</summary>
    public static async Task<IReadOnlyList<ViewProblem>> CheckAsync(IDocumentStore store, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = OutreachRegistration.OptionsOf(store);
        await using var session = store.QuerySession();
        var streams = (await session.Events.QueryAllRawEvents().ToListAsync(cancellation).ConfigureAwait(false))
            .Where(e => e.StreamId != HashChain.TombstoneStream)
            .GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var problems = new List<ViewProblem>();
        var serializer = store.Options.Serializer();
        await CompareAsync(session, "case", new Cases.CaseProjection(options), c => c.Id, streams, serializer, problems, cancellation).ConfigureAwait(false);
        await CompareAsync(session, "unit", new Units.UnitProjection(), u => u.Id, streams, serializer, problems, cancellation).ConfigureAwait(false);
        await CompareAsync(session, "visit", new Visits.VisitProjection(), v => v.Id, streams, serializer, problems, cancellation).ConfigureAwait(false);
        await CompareAsync(session, "difficulty", new Difficulties.DifficultyProjection(), d => d.Id, streams, serializer, problems, cancellation).ConfigureAwait(false);
        await CompareAsync(session, "rota", new Rotation.RotaProjection(), r => r.Id, streams, serializer, problems, cancellation).ConfigureAwait(false);
        return problems;
    }

    private static async Task CompareAsync<T>(
        IQuerySession session, string view, SingleStreamProjection<T, Guid> projection, Func<T, Guid> idOf,
        Dictionary<Guid, List<IEvent>> streams, ISerializer serializer, List<ViewProblem> problems, CancellationToken cancellation)
        where T : class
    {
        // The stored JSON itself, not the documents read back: a view keeps some values twice (a case's status beside its
        // legal state, for queries and indexes), and reading back would keep one copy and drop the rewritten other.
        var json = await session.Query<T>().ToJsonArray(cancellation).ConfigureAwait(false);
        var stored = (System.Text.Json.Nodes.JsonNode.Parse(json)?.AsArray() ?? [])
            .OfType<System.Text.Json.Nodes.JsonNode>()
            .ToDictionary(node => serializer.FromJson<T>(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(node.ToJsonString()))) is { } doc ? idOf(doc) : Guid.Empty);
        var expected = new Dictionary<Guid, T>();
        foreach (var (id, events) in streams)
        {
            T? state = null;
            foreach (var e in events)
            {
                state = projection.Evolve(state, id, e);
            }

            if (state is not null)
            {
                expected[id] = state;
            }
        }

        foreach (var (id, state) in expected)
        {
            if (!stored.TryGetValue(id, out var document))
            {
                problems.Add(ViewProblem.Of("view-missing", view, id));
            }
            else if (!System.Text.Json.Nodes.JsonNode.DeepEquals(document, System.Text.Json.Nodes.JsonNode.Parse(serializer.ToJson(state))))
            {
                problems.Add(ViewProblem.Of("view-differs", view, id));
            }
        }

        foreach (var id in stored.Keys.Where(id => !expected.ContainsKey(id)))
        {
            problems.Add(ViewProblem.Of("view-orphan", view, id));
        }
    }
}
