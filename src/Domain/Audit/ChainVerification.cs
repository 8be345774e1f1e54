using System.Data;
using System.Globalization;
using System.Text.Json.Serialization;
using Marten;
using Npgsql;

namespace Outreach.Audit;

/// <summary>What can be wrong with the recorded history. The codes are the ones <c>docs/audit/verify-chains.sql</c> prints.</summary>
public enum ChainProblemKind
{
    /// <summary><c>missing-link</c>: an event without a chain link, so it was written outside Outreach (forged or inserted by hand).</summary>
    MissingLink,

    /// <summary><c>gap</c>: the stream skips a version, so an event was deleted or moved to another stream.</summary>
    Gap,

    /// <summary><c>altered</c>: the event no longer hashes to its link: its content, type, actor, times, stream, position or flags changed.</summary>
    Altered,

    /// <summary><c>orphan-link</c>: a chain link whose event is gone, so the event was deleted.</summary>
    OrphanLink,

    /// <summary><c>stream-version</c>: the stream's recorded version differs from its last event, so events were removed or added by hand.</summary>
    StreamVersion,

    /// <summary><c>archived</c>: a stream is marked archived, which hides it from every read; Outreach never archives.</summary>
    Archived,

    /// <summary><c>checkpoint-differs</c>: the stream no longer has the event a signed checkpoint saw: its history was rewritten or cut.</summary>
    CheckpointDiffers,

    /// <summary><c>checkpoint-invalid</c>: the checkpoint file itself is not intact (signature or Merkle root).</summary>
    CheckpointInvalid,

    /// <summary><c>time-backwards</c>: a link was recorded well before an event that precedes it in the global order: back-dated.</summary>
    RecordedBackwards,

    /// <summary><c>checkpoint-missing</c>: an event recorded before a checkpoint that the checkpoint does not contain: inserted afterwards, back-dated.</summary>
    NotInCheckpoint,

    /// <summary><c>checkpoint-untrusted</c>: the checkpoint is signed by a key the auditor has not declared trusted.</summary>
    CheckpointUntrusted,

    /// <summary><c>adopted-after-checkpoint</c>: a stream was adopted (chained after the fact) after a checkpoint was signed, which the database forbids: its checkpoints were deleted and its history re-chained.</summary>
    AdoptedAfterCheckpoint,
}

/// <summary>One thing found wrong, with the event it concerns.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="StreamId">The stream concerned.</param>
/// <param name="Version">The event's version in the stream, when one event is concerned.</param>
/// <param name="SeqId">The event's global sequence number, when it exists.</param>
/// <param name="Explanation">A sentence for a person, in English (<see cref="ExplanationIn"/> gives it in another language).</param>
public sealed record ChainProblem(ChainProblemKind Kind, Guid StreamId, long? Version, long? SeqId, string Explanation)
{
    /// <summary>The code of the explanation's text in the resources (<c>finding.…</c>), or none for an explanation given as a plain sentence.</summary>
    [JsonIgnore]
    public string? TextKey { get; init; }

    /// <summary>The values the explanation's text is filled with.</summary>
    [JsonIgnore]
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    /// <summary>The explanation in <paramref name="culture"/> (Vietnamese or English).</summary>
    public string ExplanationIn(CultureInfo culture) => FindingText.In(TextKey, Arguments, Explanation, culture);

    /// <summary>A problem explained by the text <paramref name="textKey"/> filled with <paramref name="arguments"/>.</summary>
    internal static ChainProblem Of(ChainProblemKind kind, Guid streamId, long? version, long? seqId, string textKey, params object?[] arguments)
        => new(kind, streamId, version, seqId, OutreachText.Format(textKey, OutreachText.English, arguments)) { TextKey = textKey, Arguments = arguments };

    /// <summary>The problem's short code, as printed by the SQL script.</summary>
    public string Code => CodeOf(Kind);

    /// <summary>The short code of a kind of problem.</summary>
    public static string CodeOf(ChainProblemKind kind) => kind switch
    {
        ChainProblemKind.MissingLink => "missing-link",
        ChainProblemKind.Gap => "gap",
        ChainProblemKind.Altered => "altered",
        ChainProblemKind.OrphanLink => "orphan-link",
        ChainProblemKind.StreamVersion => "stream-version",
        ChainProblemKind.Archived => "archived",
        ChainProblemKind.CheckpointDiffers => "checkpoint-differs",
        ChainProblemKind.RecordedBackwards => "time-backwards",
        ChainProblemKind.NotInCheckpoint => "checkpoint-missing",
        ChainProblemKind.CheckpointUntrusted => "checkpoint-untrusted",
        ChainProblemKind.AdoptedAfterCheckpoint => "adopted-after-checkpoint",
        _ => "checkpoint-invalid",
    };
}

/// <summary>The outcome of recomputing every chain.</summary>
/// <param name="Events">Events checked.</param>
/// <param name="Streams">Streams checked.</param>
/// <param name="Problems">Everything found wrong, in recorded order (by sequence number).</param>
/// <param name="CheckedAt">The database clock when the check ran.</param>
/// <param name="Checkpoint">The comparison with a checkpoint file, when one was given.</param>
public sealed record ChainVerification(long Events, long Streams, IReadOnlyList<ChainProblem> Problems, DateTimeOffset CheckedAt, CheckpointComparison? Checkpoint)
{
    /// <summary>True when nothing is wrong.</summary>
    public bool Passed => Problems.Count == 0;

    /// <summary>The first broken event in recorded order, if any.</summary>
    public ChainProblem? FirstBroken => Problems.Count == 0 ? null : Problems[0];

    /// <summary>Events whose links were written by chain adoption (after the fact), and when the first and last were adopted.</summary>
    public (long Events, DateTimeOffset? First, DateTimeOffset? Last) Adopted { get; init; }

    /// <summary>Events whose links are of format 1 (written before every column was hashed).</summary>
    public long LegacyLinks { get; init; }
}

/// <summary>How the database compares with a signed checkpoint.</summary>
/// <param name="CreatedAt">When the checkpoint was taken.</param>
/// <param name="StreamsCovered">Stream heads the checkpoint recorded.</param>
/// <param name="EventsCovered">Events that existed when it was taken.</param>
/// <param name="KeyFingerprint">The fingerprint of the key that signed it.</param>
/// <param name="SignatureValid">Whether the signature and Merkle root check out.</param>
public sealed record CheckpointComparison(DateTimeOffset CreatedAt, int StreamsCovered, long EventsCovered, string KeyFingerprint, bool SignatureValid)
{
    /// <summary>Whether the signing key is one the auditor declared trusted.</summary>
    public bool KeyTrusted { get; init; }
}

/// <summary>Recomputes the hash chains from the stored events (the check <c>outreach audit verify</c> runs).</summary>
public static class ChainVerifier
{
    /// <summary>
    /// Reads every event and link in one consistent snapshot, recomputes each link, and reports every problem. With a
    /// <paramref name="checkpoint"/>, also checks its signature and that every stream still has the head it recorded.
    /// </summary>
    /// <param name="store">The store to verify.</param>
    /// <param name="checkpoint">A checkpoint file to compare with, or none.</param>
    /// <param name="progress">Receives the number of events checked so far.</param>
    /// <param name="cancellation">Cancels the check.</param>
    /// <param name="trustedKeys">
    /// Fingerprints of the signing keys the auditor trusts (<see cref="Checkpoint.KeyFingerprint"/>). A checkpoint signed by
    /// any other key, or given with no trusted key at all, fails with <c>checkpoint-untrusted</c>: anyone can sign a
    /// checkpoint with a key of their own.
    /// </param>
    public static async Task<ChainVerification> VerifyAsync(
        IDocumentStore store, Checkpoint? checkpoint = null, IReadOnlyCollection<string>? trustedKeys = null, IProgress<long>? progress = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation).ConfigureAwait(false);
        var result = await VerifyAsync(connection, store.Options.Events.DatabaseSchemaName, checkpoint, trustedKeys, progress, cancellation).ConfigureAwait(false);
        await tx.CommitAsync(cancellation).ConfigureAwait(false);
        return result;
    }

    /// <summary>The same check on an open connection (inside the caller's transaction, if any).</summary>
    public static async Task<ChainVerification> VerifyAsync(
        NpgsqlConnection connection, string schema, Checkpoint? checkpoint, IReadOnlyCollection<string>? trustedKeys, IProgress<long>? progress, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var scan = await ScanAsync(connection, schema, checkpoint, progress, cancellation).ConfigureAwait(false);
        var problems = scan.Problems;
        CheckpointComparison? comparison = null;
        if (checkpoint is not null)
        {
            comparison = CompareWithCheckpoint(checkpoint, scan, problems, trustedKeys ?? []);
        }

        return scan.ToVerification(comparison);
    }

    /// <summary>
    /// Recomputes the chain of one stream only (what the auditor's report of one case shows): its links, hashes and
    /// versions, and the order of its links' recorded times against the <see cref="NeighbourLinks"/> links written just
    /// before each of them. The whole-store check compares the recorded times with every earlier link.
    /// </summary>
    public static async Task<ChainVerification> VerifyStreamAsync(IDocumentStore store, Guid streamId, CancellationToken cancellation = default)
        => (await VerifyStreamWithTimesAsync(store, streamId, cancellation).ConfigureAwait(false)).Result;

    /// <summary>
    /// <see cref="VerifyStreamAsync"/>, with the database clock of each of the stream's links by version, read in the same
    /// scan (the auditor's report needs both: one connection and one pass instead of two).
    /// </summary>
    internal static async Task<(ChainVerification Result, IReadOnlyDictionary<long, DateTimeOffset> RecordedAt)> VerifyStreamWithTimesAsync(
        IDocumentStore store, Guid streamId, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation).ConfigureAwait(false);
        var scan = await ScanAsync(connection, store.Options.Events.DatabaseSchemaName, null, null, cancellation, streamId).ConfigureAwait(false);
        await tx.CommitAsync(cancellation).ConfigureAwait(false);
        return (scan.ToVerification(null), scan.RecordedAt);
    }

    /// <summary>The last link of every stream in a verified scan: what a checkpoint signs.</summary>
    internal static async Task<(ChainVerification Result, IReadOnlyList<CheckpointHead> Heads)> VerifyForCheckpointAsync(NpgsqlConnection connection, string schema, IProgress<long>? progress, CancellationToken cancellation)
    {
        var scan = await ScanAsync(connection, schema, null, progress, cancellation).ConfigureAwait(false);
        var heads = scan.Heads.OrderBy(h => h.Key.ToString("D"), StringComparer.Ordinal)
            .Select(h => new CheckpointHead(h.Key, h.Value.Version, h.Value.Hash)).ToList();
        return (scan.ToVerification(null), heads);
    }

    private sealed class Scan
    {
        public long Events { get; set; }

        public DateTimeOffset CheckedAt { get; set; }

        public List<ChainProblem> Problems { get; } = [];

        public Dictionary<Guid, (long Version, string Hash)> Heads { get; } = [];

        /// <summary>When one stream is scanned: each linked version's recorded time.</summary>
        public Dictionary<long, DateTimeOffset> RecordedAt { get; } = [];

        /// <summary>The stored link hash at each version a checkpoint asks about.</summary>
        public Dictionary<Guid, string> AtCheckpointVersion { get; } = [];

        /// <summary>With a checkpoint: per stream, the last event whose link was recorded clearly before the checkpoint.</summary>
        public Dictionary<Guid, (long Version, long Seq)> RecordedBeforeCheckpoint { get; } = [];

        /// <summary>With a checkpoint: adopted links recorded after it.</summary>
        public List<(Guid Stream, long Version, long Seq, DateTimeOffset At)> AdoptedAfterCheckpoint { get; } = [];

        public (long Events, DateTimeOffset? First, DateTimeOffset? Last) Adopted { get; set; }

        public long LegacyLinks { get; set; }

        /// <summary>The outcome, problems in recorded order (sequence number; stream-level ones last).</summary>
        public ChainVerification ToVerification(CheckpointComparison? checkpoint)
            => new(Events, Heads.Count, [.. Problems.OrderBy(p => p.SeqId ?? long.MaxValue).ThenBy(p => p.StreamId).ThenBy(p => p.Version)], CheckedAt, checkpoint)
            {
                Adopted = Adopted,
                LegacyLinks = LegacyLinks,
            };
    }

    /// <summary>How many links before each of a stream's links its own check compares recorded times with.</summary>
    internal const int NeighbourLinks = 256;

    private static async Task<Scan> ScanAsync(NpgsqlConnection connection, string schema, Checkpoint? checkpoint, IProgress<long>? progress, CancellationToken cancellation, Guid? only = null)
    {
        // One stream's check is the same text for every stream, its id a parameter: the server plans it once per connection
        // (prepared statements, ADR 35) instead of once per report.
        var oneStream = only is not null;
        var onlyEvents = oneStream ? "where e.stream_id = $1" : "";
        var onlyLinks = oneStream ? "and c.stream_id = $1" : "";
        var onlyStreams = oneStream ? "where s.id = $1" : "";
        var scan = new Scan();
        var wanted = checkpoint?.Heads.ToDictionary(h => h.StreamId, h => h.Version) ?? [];
        var sql = $"""
            select e.seq_id, e.stream_id, e.version, e.type, e.timestamp, e.user_name, coalesce(e.is_archived::text, 'null'),
                   coalesce(encode(e.bdata, 'hex'), ''), e.data::text, c.seq_id is not null, c.recorded_at, c.hash, c.stream_id, c.version,
                   coalesce(c.format, 1), case when c.format >= 2 then {HashChain.SqlRow("e")} end, coalesce(c.adopted, false)
              from {schema}.mt_events e
              left join {schema}.{HashChain.ChainTable} c on c.seq_id = e.seq_id
             {onlyEvents}
             order by e.stream_id, e.version
            """;
        var orphans = $"select c.seq_id, c.stream_id, c.version from {schema}.{HashChain.ChainTable} c where not exists (select 1 from {schema}.mt_events e where e.seq_id = c.seq_id) {onlyLinks} order by c.seq_id";
        // Along the global order (sequence numbers), a link's recorded time may only run behind an earlier one's by the
        // clock slack of concurrent appends; adopted links were written after the fact and are reported, not ordered.
        // For one stream (a case's report), each of its links is compared with the links just before it in the global
        // order (through the primary key), not with every link ever written: the report stays as fast on a million
        // events as on a hundred. The whole-store check (`audit verify`) compares with all of them.
        var order = !oneStream
            ? $"""
               select seq_id, stream_id, version, recorded_at, latest from (
                 select c.seq_id, c.stream_id, c.version, c.recorded_at,
                        max(c.recorded_at) over (order by c.seq_id rows between unbounded preceding and 1 preceding) as latest
                   from {schema}.{HashChain.ChainTable} c where not c.adopted) t
                where recorded_at < latest - make_interval(secs => $1)
                order by seq_id
               """
            : $"""
               select c.seq_id, c.stream_id, c.version, c.recorded_at, p.latest
                 from {schema}.{HashChain.ChainTable} c
                 cross join lateral (
                   select max(n.recorded_at) as latest from (
                     select x.recorded_at from {schema}.{HashChain.ChainTable} x
                      where x.seq_id < c.seq_id and not x.adopted order by x.seq_id desc limit {NeighbourLinks}) n) p
                where c.stream_id = $2 and not c.adopted and c.recorded_at < p.latest - make_interval(secs => $1)
                order by c.seq_id
               """;
        var streams = $"""
            select s.id, coalesce(s.version, 0), coalesce(s.is_archived, false), coalesce(max(e.version), 0)
              from {schema}.mt_streams s left join {schema}.mt_events e on e.stream_id = s.id
             {onlyStreams}
             group by s.id, s.version, s.is_archived
            having coalesce(s.version, 0) <> coalesce(max(e.version), 0) or coalesce(s.is_archived, false)
             order by s.id
            """;

        // One round trip for the five statements (issue 13): the caller's transaction gives them one snapshot.
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("select now()"),
                StreamScoped(sql),
                StreamScoped(orphans),
                StreamScoped(order, new NpgsqlParameter { Value = HashChain.ClockSlack.TotalSeconds }),
                StreamScoped(streams),
            },
        };

        // The stream's id comes last among a statement's parameters ($1, or $2 after the clock slack).
        NpgsqlBatchCommand StreamScoped(string text, params NpgsqlParameter[] first)
        {
            var command = new NpgsqlBatchCommand(text);
            command.Parameters.AddRange(first);
            if (only is { } id)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = id });
            }

            return command;
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        await reader.ReadAsync(cancellation).ConfigureAwait(false);
        scan.CheckedAt = reader.GetDateTime(0);
        await reader.NextResultAsync(cancellation).ConfigureAwait(false);
        {
            Guid? stream = null;
            long previousVersion = 0;
            var previousHash = "";
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                var seq = reader.GetInt64(0);
                // A NULL stream id (possible by hand: the column is nullable) is reported under the empty id, never crashes the check.
                var streamId = reader.IsDBNull(1) ? Guid.Empty : reader.GetGuid(1);
                var version = reader.GetInt64(2);
                if (stream != streamId)
                {
                    stream = streamId;
                    previousVersion = 0;
                    previousHash = "";
                }

                var linked = reader.GetBoolean(9);
                var storedHash = linked ? reader.GetString(11) : null;
                if (!linked)
                {
                    scan.Problems.Add(
                        streamId == HashChain.TombstoneStream
                            ? ChainProblem.Of(ChainProblemKind.MissingLink, streamId, version, seq, "finding.missing-link.tombstone", seq, streamId)
                            : version == 1
                            ? ChainProblem.Of(ChainProblemKind.MissingLink, streamId, version, seq, "finding.missing-link.first", streamId, seq, reader.GetString(3))
                            : ChainProblem.Of(ChainProblemKind.MissingLink, streamId, version, seq, "finding.missing-link", version, streamId, seq, reader.GetString(3)));
                }
                else if (version != previousVersion + 1)
                {
                    scan.Problems.Add(
                        previousVersion + 1 == version - 1
                            ? ChainProblem.Of(ChainProblemKind.Gap, streamId, version, seq, "finding.gap.one", streamId, previousVersion + 1)
                            : ChainProblem.Of(ChainProblemKind.Gap, streamId, version, seq, "finding.gap", streamId, previousVersion + 1, version - 1));
                }
                else
                {
                    var e = new ChainedEvent(seq, streamId, version, reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(6), reader.GetString(7), reader.GetString(8),
                        reader.GetFieldValue<DateTimeOffset>(10))
                    {
                        Format = reader.GetInt16(14),
                        Row = reader.IsDBNull(15) ? null : reader.GetString(15),
                    };
                    if (HashChain.Link(e, previousHash) != storedHash)
                    {
                        var linkStream = reader.GetGuid(12);
                        var linkVersion = reader.GetInt64(13);
                        scan.Problems.Add(linkStream != streamId || linkVersion != version
                            ? ChainProblem.Of(ChainProblemKind.Altered, streamId, version, seq, "finding.altered.moved", version, streamId, seq, e.Type, linkVersion, linkStream)
                            : ChainProblem.Of(ChainProblemKind.Altered, streamId, version, seq, "finding.altered", version, streamId, seq, e.Type));
                    }
                }

                if (linked)
                {
                    var recordedAt = reader.GetFieldValue<DateTimeOffset>(10);
                    if (oneStream)
                    {
                        scan.RecordedAt[version] = recordedAt;
                    }

                    var adopted = reader.GetBoolean(16);
                    scan.LegacyLinks += reader.GetInt16(14) < 2 ? 1 : 0;
                    if (adopted)
                    {
                        var (n, first, last) = scan.Adopted;
                        scan.Adopted = (n + 1, first is null || recordedAt < first ? recordedAt : first, last is null || recordedAt > last ? recordedAt : last);
                    }

                    if (checkpoint is not null && recordedAt < checkpoint.CreatedAt - HashChain.ClockSlack)
                    {
                        scan.RecordedBeforeCheckpoint[streamId] = (version, seq);
                    }

                    if (checkpoint is not null && adopted && recordedAt > checkpoint.CreatedAt)
                    {
                        scan.AdoptedAfterCheckpoint.Add((streamId, version, seq, recordedAt));
                    }
                }

                previousVersion = version;
                previousHash = storedHash ?? "";
                scan.Heads[streamId] = (version, storedHash ?? "");
                if (wanted.TryGetValue(streamId, out var at) && at == version)
                {
                    scan.AtCheckpointVersion[streamId] = storedHash ?? "";
                }

                scan.Events++;
                if (scan.Events % 1000 == 0)
                {
                    progress?.Report(scan.Events);
                }
            }
        }

        progress?.Report(scan.Events);
        await reader.NextResultAsync(cancellation).ConfigureAwait(false);
        {
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                scan.Problems.Add(ChainProblem.Of(ChainProblemKind.OrphanLink, reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(0),
                    "finding.orphan-link", reader.GetInt64(2), reader.GetGuid(1), reader.GetInt64(0)));
            }
        }

        await reader.NextResultAsync(cancellation).ConfigureAwait(false);
        {
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                scan.Problems.Add(ChainProblem.Of(ChainProblemKind.RecordedBackwards, reader.GetGuid(1), reader.GetInt64(2), reader.GetInt64(0),
                    "finding.time-backwards", reader.GetInt64(2), reader.GetGuid(1), reader.GetInt64(0),
                    reader.GetFieldValue<DateTimeOffset>(3).ToUniversalTime(), reader.GetFieldValue<DateTimeOffset>(4).ToUniversalTime()));
            }
        }

        await reader.NextResultAsync(cancellation).ConfigureAwait(false);
        {
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                var id = reader.GetGuid(0);
                if (reader.GetBoolean(2))
                {
                    scan.Problems.Add(ChainProblem.Of(ChainProblemKind.Archived, id, null, null, "finding.archived", id));
                }

                if (reader.GetInt64(1) != reader.GetInt64(3))
                {
                    scan.Problems.Add(ChainProblem.Of(ChainProblemKind.StreamVersion, id, reader.GetInt64(1), null,
                        "finding.stream-version", id, reader.GetInt64(1), reader.GetInt64(3)));
                }
            }
        }

        return scan;
    }

    private static CheckpointComparison CompareWithCheckpoint(Checkpoint checkpoint, Scan scan, List<ChainProblem> problems, IReadOnlyCollection<string> trustedKeys)
    {
        var intact = checkpoint.CheckIntegrity(out var why);
        if (!intact)
        {
            problems.Add(ChainProblem.Of(ChainProblemKind.CheckpointInvalid, Guid.Empty, null, null, "finding.checkpoint-invalid", why));
        }

        var trusted = trustedKeys.Contains(checkpoint.KeyFingerprint, StringComparer.OrdinalIgnoreCase);
        if (!trusted)
        {
            problems.Add(trustedKeys.Count == 0
                ? ChainProblem.Of(ChainProblemKind.CheckpointUntrusted, Guid.Empty, null, null, "finding.checkpoint-untrusted.none-declared", checkpoint.KeyFingerprint)
                : ChainProblem.Of(ChainProblemKind.CheckpointUntrusted, Guid.Empty, null, null, "finding.checkpoint-untrusted", checkpoint.KeyFingerprint, string.Join(", ", trustedKeys)));
        }

        var heads = checkpoint.Heads.ToDictionary(h => h.StreamId, h => h.Version);
        foreach (var (stream, (version, seq)) in scan.RecordedBeforeCheckpoint)
        {
            if (!heads.TryGetValue(stream, out var covered) || covered < version)
            {
                problems.Add(covered == 0
                    ? ChainProblem.Of(ChainProblemKind.NotInCheckpoint, stream, version, seq, "finding.checkpoint-missing.stream", stream, checkpoint.CreatedAt.ToUniversalTime())
                    : ChainProblem.Of(ChainProblemKind.NotInCheckpoint, stream, version, seq, "finding.checkpoint-missing", version, stream, checkpoint.CreatedAt.ToUniversalTime(), covered));
            }
        }

        foreach (var (stream, version, seq, at) in scan.AdoptedAfterCheckpoint)
        {
            problems.Add(ChainProblem.Of(ChainProblemKind.AdoptedAfterCheckpoint, stream, version, seq,
                "finding.adopted-after-checkpoint", version, stream, at.ToUniversalTime(), checkpoint.CreatedAt.ToUniversalTime()));
        }

        foreach (var head in checkpoint.Heads)
        {
            if (!scan.AtCheckpointVersion.TryGetValue(head.StreamId, out var hash))
            {
                var now = scan.Heads.TryGetValue(head.StreamId, out var h) ? h.Version : 0;
                problems.Add(now == 0
                    ? ChainProblem.Of(ChainProblemKind.CheckpointDiffers, head.StreamId, head.Version, null,
                        "finding.checkpoint-differs.gone", head.StreamId, head.Version, checkpoint.CreatedAt.ToUniversalTime())
                    : ChainProblem.Of(ChainProblemKind.CheckpointDiffers, head.StreamId, head.Version, null,
                        "finding.checkpoint-differs.shorter", head.StreamId, head.Version, checkpoint.CreatedAt.ToUniversalTime(), now));
            }
            else if (!string.Equals(hash, head.Hash, StringComparison.Ordinal))
            {
                problems.Add(ChainProblem.Of(ChainProblemKind.CheckpointDiffers, head.StreamId, head.Version, null,
                    "finding.checkpoint-differs", head.StreamId, head.Version, checkpoint.CreatedAt.ToUniversalTime()));
            }
        }

        return new CheckpointComparison(checkpoint.CreatedAt, checkpoint.Heads.Count, checkpoint.EventCount, checkpoint.KeyFingerprint, intact) { KeyTrusted = trusted };
    }
}
