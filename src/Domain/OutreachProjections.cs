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

/// <summary>How far one asynchronous view has read the event store.</summary>
/// <param name="Name">The projection.</param>
/// <param name="Sequence">The last event sequence it has processed.</param>
/// <param name="Behind">How many events it still has to read (0 when it is current).</param>
public sealed record ViewProgress(string Name, long Sequence, long Behind);

/// <summary>How current the asynchronous views are, against the highest event sequence.</summary>
/// <param name="HighestSequence">The highest event sequence in the store.</param>
/// <param name="Views">Each asynchronous view's progress.</param>
public sealed record ViewFreshness(long HighestSequence, IReadOnlyList<ViewProgress> Views)
{
    /// <summary>True when every asynchronous view has read every event.</summary>
    public bool IsCurrent => Views.All(v => v.Behind == 0);
}

/// <summary>
/// Lists and rebuilds the store's projections (Outreach's read models and any an embedding application added), the same for
/// every host: a rebuild empties a projection's documents and replays every event into it through Marten's daemon.
/// </summary>
public static class OutreachProjections
{
    /// <summary>
    /// The store's stored projections (inline and async), in Marten's order. Live ones are left out: the write path's
    /// stream history is folded on each command and has nothing to list or rebuild.
    /// </summary>
    public static IReadOnlyList<ProjectionInfo> List(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return [.. store.Options.Events.Projections().Where(p => p.Lifecycle != ProjectionLifecycle.Live)
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

    /// <summary>How far each asynchronous view has read, against the highest event sequence.</summary>
    public static Task<ViewFreshness> FreshnessAsync(IDocumentStore store, CancellationToken cancellation = default)
        => FreshnessAsync(store, store, cancellation);

    /// <summary>
    /// How far each asynchronous view of <paramref name="store"/> (a standby's, say) has read, against the highest event
    /// sequence of <paramref name="latest"/> (the primary's): a standby's replication lag counts as its views' lag.
    /// </summary>
    public static async Task<ViewFreshness> FreshnessAsync(IDocumentStore store, IDocumentStore latest, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(latest);
        var highest = await LatestEventAsync(latest, cancellation).ConfigureAwait(false);
        var progress = await store.Storage.Database.AllProjectionProgress(cancellation).ConfigureAwait(false);
        var views = List(store).Where(p => p.Lifecycle == ProjectionLifecycle.Async).Select(p =>
        {
            var sequence = progress.Where(s => p.Shards.Contains(s.ShardName, StringComparer.Ordinal)).Select(s => s.Sequence).DefaultIfEmpty(0).Min();
            return new ViewProgress(p.Name, sequence, Math.Max(0, highest - sequence));
        });
        return new ViewFreshness(highest, [.. views]);
    }

    /// <summary>
    /// The sequence number of the latest recorded event (0 when none): not the sequence's own value, which an empty store
    /// starts at 1 and a rolled-back append moves on without an event for a view to read.
    /// </summary>
    private static async Task<long> LatestEventAsync(IDocumentStore store, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new Npgsql.NpgsqlCommand($"select coalesce(max(seq_id), 0) from {store.Options.Events.DatabaseSchemaName}.mt_events", connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Runs the asynchronous views until they have read every event recorded so far (or <paramref name="timeout"/> passes),
    /// then stops, and says how current they are: what a host without a running daemon (a console verb) does before it
    /// reads them. A host that runs the daemon (<c>AddAsyncDaemon</c>) reads <see cref="FreshnessAsync(IDocumentStore, CancellationToken)"/> instead.
    /// </summary>
    public static async Task<ViewFreshness> CatchUpAsync(IDocumentStore store, TimeSpan timeout, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var before = await FreshnessAsync(store, cancellation).ConfigureAwait(false);
        if (before.IsCurrent)
        {
            return before;
        }

        using var daemon = await store.BuildProjectionDaemonAsync().ConfigureAwait(false);
        await daemon.StartAllAsync().ConfigureAwait(false);
        try
        {
            await daemon.WaitForNonStaleData(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Reported below as how far behind the views still are.
        }
        finally
        {
            await daemon.StopAllAsync().ConfigureAwait(false);
        }

        return await FreshnessAsync(store, cancellation).ConfigureAwait(false);
    }
}
