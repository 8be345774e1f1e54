using JasperFx.Events.Projections;
using Marten;

namespace Outreach;

/// <summary>A projection the store runs: its name (what <see cref="OutreachProjections.RebuildAsync"/> takes), when it runs, and its version.</summary>
/// <param name="Name">Marten's name for the projection, e.g. <c>Case</c>.</param>
/// <param name="Lifecycle">Inline (in the transaction of the events), Async (by the daemon) or Live (computed on read).</param>
/// <param name="Version">The projection's version; a new version is rebuilt beside the old one.</param>
/// <param name="Shards">The daemon's shards of the projection, e.g. <c>Case:All</c>.</param>
public sealed record ProjectionInfo(string Name, ProjectionLifecycle Lifecycle, uint Version, IReadOnlyList<string> Shards);

/// <summary>How a rebuild of one projection went.</summary>
/// <param name="Name">The projection.</param>
/// <param name="Elapsed">How long the rebuild took.</param>
public sealed record ProjectionRebuilt(string Name, TimeSpan Elapsed);

/// <summary>
/// Lists and rebuilds the store's projections (Outreach's read models and any an embedding application added), the same for
/// every host: a rebuild empties a projection's documents and replays every event into it through Marten's daemon.
/// </summary>
public static class OutreachProjections
{
    /// <summary>The store's projections, in Marten's order.</summary>
    public static IReadOnlyList<ProjectionInfo> List(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return [.. store.Options.Events.Projections()
            .Select(p => new ProjectionInfo(p.Name, p.Lifecycle, p.Version, [.. p.ShardNames().Select(s => s.Identity)]))];
    }

    /// <summary>
    /// Rebuilds the named projections (every projection when <paramref name="names"/> is empty), one after another, and
    /// reports each as it finishes. An unknown name is refused (<c>projection.unknown</c>) before anything is rebuilt.
    /// </summary>
    public static async Task<IReadOnlyList<ProjectionRebuilt>> RebuildAsync(
        IDocumentStore store,
        IReadOnlyCollection<string>? names = null,
        IProgress<ProjectionRebuilt>? progress = null,
        TimeSpan? shardTimeout = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var known = List(store).Select(p => p.Name).ToList();
        var chosen = new List<string>();
        foreach (var name in names ?? [])
        {
            var match = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new CommandInputException("projection.unknown", name, string.Join(", ", known.Select(k => $"\"{k}\"")));
            if (!chosen.Contains(match, StringComparer.Ordinal))
            {
                chosen.Add(match);
            }
        }

        if (chosen.Count == 0)
        {
            chosen = known;
        }

        var timeout = shardTimeout ?? TimeSpan.FromMinutes(30);
        var done = new List<ProjectionRebuilt>();
        using var daemon = await store.BuildProjectionDaemonAsync().ConfigureAwait(false);
        foreach (var name in chosen)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await daemon.RebuildProjectionAsync(name, timeout, cancellation).ConfigureAwait(false);
            var rebuilt = new ProjectionRebuilt(name, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            done.Add(rebuilt);
            progress?.Report(rebuilt);
        }

        return done;
    }
}
