using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Outreach.Audit;

/// <summary>
/// The per-stream hash chain (ADR 16, 20). Every event appended through a store configured with <c>AddOutreach</c> gets
/// a link in <c>outreach_event_chain</c>, written by the database function <c>outreach_chain_extend</c> in the same
/// transaction as the event, and checked by the write path before the transaction commits. A link's hash (format 2)
/// covers the previous link's hash, the database clock at the time of writing, and the event's whole row: every column
/// of <c>mt_events</c> (stream, version, sequence number, type, .NET type, timestamp, tenant, actor, correlation,
/// causation, headers, archive flag, content), so no column Marten reads back can change unnoticed. Links written
/// before format 2 (format 1) covered fewer columns; they are still verified by their own formula.
/// </summary>
public static class HashChain
{
    /// <summary>The table that holds one link per event.</summary>
    public const string ChainTable = "outreach_event_chain";

    /// <summary>The table that keeps every signed checkpoint written by <c>outreach audit checkpoint</c>.</summary>
    public const string CheckpointTable = "outreach_checkpoints";

    /// <summary>The database function that chains the events just appended to a stream.</summary>
    public const string ExtendFunction = "outreach_chain_extend";

    /// <summary>
    /// The database function that starts the chain of a stream recorded before chains existed (the schema owner's only):
    /// refused once the stream has any link or any checkpoint exists; its links are marked <c>adopted</c>.
    /// </summary>
    public const string AdoptFunction = "outreach_chain_adopt";

    /// <summary>How far a link's recorded time may lie before an earlier event's: the longest an append transaction may
    /// run between drawing its sequence number and writing its link. Anything further back was back-dated.</summary>
    public static readonly TimeSpan ClockSlack = TimeSpan.FromMinutes(10);

    /// <summary>The first field of every format 1 hashed text, so a link can never be mistaken for another format.</summary>
    public const string Format = "outreach-chain-v1";

    /// <summary>The first field of every format 2 hashed text (the whole row of the event).</summary>
    public const string FormatV2 = "outreach-chain-v2";

    /// <summary>The format new links are written in.</summary>
    public const short CurrentFormat = 2;

    /// <summary>How timestamps are written into the hashed text (UTC, microseconds), in .NET and in PostgreSQL.</summary>
    internal const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    internal const string SqlTimestampFormat = "YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"";

    /// <summary>
    /// The hash of one link, as lower-case hex of SHA-256 over the length-prefixed fields (<c>bytes:text</c>, UTF-8).
    /// The same computation is written in SQL twice: in <c>outreach_chain_extend</c> and in
    /// <c>docs/audit/verify-chains.sql</c>, which needs nothing of ours.
    /// </summary>
    public static string Link(ChainedEvent e, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Format >= 2)
        {
            return LinkOfRow(e.Row ?? string.Empty, previousHash, e.RecordedAt);
        }

        return HashFields(
            Format, previousHash, e.StreamId.ToString("D"), e.Version.ToString(CultureInfo.InvariantCulture), e.Type,
            e.Timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture), e.UserName ?? "",
            e.RecordedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture), e.ArchivedFlag, e.BinaryDataHex, e.Data);
    }

    /// <summary>
    /// The format 2 hash of a link: SHA-256 over the length-prefixed fields <c>outreach-chain-v2</c>, the previous hash,
    /// the recorded time (UTC, microseconds) and the event's whole row as PostgreSQL prints
    /// <see cref="SqlRow"/> (jsonb text, <c>timestamp</c> written in UTC).
    /// </summary>
    public static string LinkOfRow(string row, string previousHash, DateTimeOffset recordedAt)
        => HashFields(FormatV2, previousHash, recordedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture), row);

    private static string HashFields(params string[] fields)
    {
        var text = new StringBuilder(fields.Sum(f => f.Length) + 64);
        foreach (var field in fields)
        {
            text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>
    /// The SQL expression of an event row's hashed text, given the row's alias: every column as jsonb, with the
    /// <c>timestamp</c> column written in UTC so that the text does not depend on the session's time zone.
    /// </summary>
    public static string SqlRow(string e) => $"(to_jsonb({e}) || jsonb_build_object('timestamp', to_char({e}.timestamp AT TIME ZONE 'UTC', '{SqlTimestampFormat}')))::text";

    /// <summary>The SQL expression for a format 2 link's hash.</summary>
    internal static string SqlLinkV2(string previousHash, string e, string recordedAt)
    {
        string[] fields = [$"'{FormatV2}'", previousHash, $"to_char({recordedAt} AT TIME ZONE 'UTC', '{SqlTimestampFormat}')", SqlRow(e)];
        return "encode(sha256(convert_to(concat("
               + string.Join(", ", fields.Select(f => $"octet_length({f}), ':', {f}"))
               + "), 'UTF8')), 'hex')";
    }

    /// <summary>The stream Marten writes its tombstones to (JasperFx's <c>Tombstone.StreamId</c>).</summary>
    public static readonly Guid TombstoneStream = JasperFx.Events.Tombstone.StreamId;

    /// <summary>
    /// The trigger that keeps Marten's tombstones out of <c>mt_events</c> (ADR 20). After a failed append Marten writes
    /// placeholder events for the sequence numbers it had reserved, in a stream of its own and outside our write path,
    /// so they would be unchained rows. They carry nothing; the gaps they would fill are harmless (the async daemon skips
    /// a gap after a few seconds), so they are dropped as they arrive.
    /// </summary>
    internal static string RefuseTombstonesSql(string schema) => $$"""
        DO $do$ BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgname = 'outreach_no_tombstones' AND tgrelid = '{{schema}}.mt_events'::regclass) THEN
            EXECUTE $sql$CREATE OR REPLACE FUNCTION {{schema}}.outreach_drop_tombstone() RETURNS trigger LANGUAGE plpgsql SET search_path TO 'pg_catalog'
              AS $function$ BEGIN RETURN NULL; END; $function$$sql$;
            EXECUTE $sql$CREATE TRIGGER outreach_no_tombstones BEFORE INSERT ON {{schema}}.mt_events
              FOR EACH ROW WHEN (NEW.stream_id = '{{TombstoneStream:D}}'::uuid) EXECUTE FUNCTION {{schema}}.outreach_drop_tombstone()$sql$;
          END IF;
        END $do$;
        """;

    internal static void Register(StoreOptions options)
    {
        var schema = options.Events.DatabaseSchemaName;
        options.Storage.ExtendedSchemaObjects.Add(ChainTableFor(schema));
        options.Storage.ExtendedSchemaObjects.Add(CheckpointTableFor(schema));
        options.Storage.ExtendedSchemaObjects.Add(new Function(new PostgresqlObjectName(schema, ExtendFunction, SchemaUtils.IdentifierUsage.Function), ExtendFunctionSql(schema)));
        options.Storage.ExtendedSchemaObjects.Add(new Function(new PostgresqlObjectName(schema, AdoptFunction, SchemaUtils.IdentifierUsage.Function), AdoptFunctionSql(schema)));
        options.Listeners.Add(new HashChainListener(schema));
    }

    private static Table ChainTableFor(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, ChainTable, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<long>("seq_id").AsPrimaryKey();
        table.AddColumn<Guid>("stream_id").NotNull();
        table.AddColumn<long>("version").NotNull();
        table.AddColumn("recorded_at", "timestamp with time zone").NotNull();
        table.AddColumn("hash", "text").NotNull();
        // Links written before format 2 keep format 1 (the default when the column was added).
        table.AddColumn("format", "smallint").NotNull().DefaultValue(1);
        // Links written by chain adoption, after the fact (ADR 20): exempt from the time order, reported by the verifier.
        table.AddColumn("adopted", "boolean").NotNull().DefaultValueByExpression("false");
        table.Indexes.Add(new IndexDefinition($"ux_{ChainTable}_stream_version") { Columns = ["stream_id", "version"], IsUnique = true });
        return table;
    }

    private static Table CheckpointTableFor(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, CheckpointTable, SchemaUtils.IdentifierUsage.General));
        table.AddColumn("id", "bigserial").AsPrimaryKey();
        table.AddColumn("created_at", "timestamp with time zone").NotNull();
        table.AddColumn<long>("event_count").NotNull();
        table.AddColumn<long>("stream_count").NotNull();
        table.AddColumn("merkle_root", "text").NotNull();
        table.AddColumn("key_fingerprint", "text").NotNull();
        table.AddColumn("document", "jsonb").NotNull();
        return table;
    }

    // Written the way pg_get_functiondef prints it, so that db-assert sees no difference.
    private static string ExtendFunctionSql(string schema) => $"""
        CREATE OR REPLACE FUNCTION {schema}.{ExtendFunction}(p_stream uuid, p_count integer)
         RETURNS void
         LANGUAGE plpgsql
         SECURITY DEFINER
         SET search_path TO 'pg_catalog'
        AS $function$
        DECLARE
            v_top bigint;
            v_first bigint;
            v_prev text := '';
            v_hash text;
            v_now timestamp with time zone := now();
            e record;
        BEGIN
            SELECT max(version) INTO v_top FROM {schema}.mt_events WHERE stream_id = p_stream;
            IF v_top IS NULL OR p_count < 1 THEN
                RETURN;
            END IF;
            v_first := v_top - p_count + 1;
            IF v_first > 1 THEN
                SELECT c.hash INTO v_prev
                  FROM {schema}.mt_events x JOIN {schema}.{ChainTable} c ON c.seq_id = x.seq_id
                 WHERE x.stream_id = p_stream AND x.version = v_first - 1;
                IF v_prev IS NULL THEN
                    RAISE EXCEPTION '{HistoryTamperedException.SqlCode}: event % of stream % has no chain link: it was written outside Outreach, or before this database had hash chains. Nothing was recorded. Verify the history (and, for a database from before hash chains, adopt its unchained streams once).', v_first - 1, p_stream USING ERRCODE = '{HistoryTamperedException.SqlState}';
                END IF;
            END IF;
            FOR e IN SELECT * FROM {schema}.mt_events WHERE stream_id = p_stream AND version >= v_first ORDER BY version LOOP
                v_hash := {SqlLinkV2("v_prev", "e", "v_now")};
                INSERT INTO {schema}.{ChainTable} (seq_id, stream_id, version, recorded_at, hash, format) VALUES (e.seq_id, e.stream_id, e.version, v_now, v_hash, {CurrentFormat});
                v_prev := v_hash;
            END LOOP;
        END;
        $function$;
        """;

    // Written the way pg_get_functiondef prints it, so that db-assert sees no difference.
    private static string AdoptFunctionSql(string schema) => $"""
        CREATE OR REPLACE FUNCTION {schema}.{AdoptFunction}(p_stream uuid)
         RETURNS integer
         LANGUAGE plpgsql
         SECURITY DEFINER
         SET search_path TO 'pg_catalog'
        AS $function$
        DECLARE
            v_prev text := '';
            v_hash text;
            v_now timestamp with time zone := now();
            v_count integer := 0;
            e record;
        BEGIN
            IF EXISTS (SELECT 1 FROM {schema}.{CheckpointTable}) THEN
                RAISE EXCEPTION 'outreach.chain.adopt.checkpointed: this database has signed checkpoints, so every stream was chained from the start; stream % cannot be adopted.', p_stream USING ERRCODE = 'OR002';
            END IF;
            IF EXISTS (SELECT 1 FROM {schema}.{ChainTable} c WHERE c.stream_id = p_stream)
               OR EXISTS (SELECT 1 FROM {schema}.{ChainTable} c JOIN {schema}.mt_events x ON x.seq_id = c.seq_id WHERE x.stream_id = p_stream) THEN
                RAISE EXCEPTION 'outreach.chain.adopt.linked: stream % already has chain links; only a stream without any can be adopted.', p_stream USING ERRCODE = 'OR002';
            END IF;
            FOR e IN SELECT * FROM {schema}.mt_events WHERE stream_id = p_stream ORDER BY version LOOP
                v_hash := {SqlLinkV2("v_prev", "e", "v_now")};
                INSERT INTO {schema}.{ChainTable} (seq_id, stream_id, version, recorded_at, hash, format, adopted) VALUES (e.seq_id, e.stream_id, e.version, v_now, v_hash, {CurrentFormat}, true);
                v_prev := v_hash;
                v_count := v_count + 1;
            END LOOP;
            RETURN v_count;
        END;
        $function$;
        """;
}

/// <summary>One event as the chain sees it: the columns of <c>mt_events</c> its hash covers, as PostgreSQL prints them.</summary>
/// <param name="SeqId">The event's global sequence number.</param>
/// <param name="StreamId">The stream (case, unit, visit…).</param>
/// <param name="Version">The event's position in its stream, from 1.</param>
/// <param name="Type">The stored event type name.</param>
/// <param name="Timestamp">Marten's recorded timestamp.</param>
/// <param name="UserName">The acting user Marten recorded.</param>
/// <param name="ArchivedFlag"><c>is_archived</c> as text (<c>true</c>, <c>false</c> or <c>null</c>).</param>
/// <param name="BinaryDataHex"><c>bdata</c> as hex, empty when absent.</param>
/// <param name="Data">The payload as <c>data::text</c> (PostgreSQL's canonical jsonb text).</param>
/// <param name="RecordedAt">The database clock when the link was written.</param>
public sealed record ChainedEvent(
    long SeqId, Guid StreamId, long Version, string Type, DateTimeOffset Timestamp, string? UserName, string ArchivedFlag,
    string BinaryDataHex, string Data, DateTimeOffset RecordedAt)
{
    /// <summary>The link's format: 1 (chosen columns) or 2 (the whole row, <see cref="Row"/>).</summary>
    public short Format { get; init; } = 1;

    /// <summary>For format 2: the whole row as <see cref="HashChain.SqlRow"/> prints it.</summary>
    public string? Row { get; init; }
}

/// <summary>Queues the chain extension for every stream a session appends to, in the same transaction as the events.</summary>
internal sealed class HashChainListener(string schema) : DocumentSessionListenerBase
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDocumentSession, ChainWriteCheck> Pending = [];

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams();
        if (streams.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (!string.Equals(session.DocumentStore.Options.Events.DatabaseSchemaName, schema, StringComparison.Ordinal))
        {
            throw new ChainSchemaException(schema, session.DocumentStore.Options.Events.DatabaseSchemaName);
        }

        var appended = new List<(Guid Stream, int Count)>();
        foreach (var stream in streams.GroupBy(s => s.Id))
        {
            var count = stream.Sum(s => s.Events.Count);
            if (count > 0)
            {
                session.QueueSqlCommand($"select {schema}.{HashChain.ExtendFunction}(?, ?)", stream.Key, count);
                appended.Add((stream.Key, count));
            }
        }

        if (appended.Count > 0 && session is ITransactionParticipantRegistrar registrar)
        {
            // A session keeps its participants across SaveChanges calls: the check of an earlier save (failed before it
            // ran, or already done) must not run again in this one.
            if (Pending.TryGetValue(session, out var earlier))
            {
                earlier.Retire();
            }

            var check = new ChainWriteCheck(schema, appended);
            Pending.AddOrUpdate(session, check);
            registrar.AddTransactionParticipant(check);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// Runs inside the append's transaction, after the events and their links were written and before COMMIT: recomputes
/// the link of every appended event from its row and refuses (rolling everything back) when a link is missing, was
/// written in another format, at another time than this transaction's, or with another hash. So a chain function that
/// was replaced or disabled by whoever owns the schema stops the write path instead of leaving events unchained.
/// </summary>
internal sealed class ChainWriteCheck(string schema, IReadOnlyList<(Guid Stream, int Count)> appended) : ITransactionParticipant
{
    private bool _checked;

    /// <summary>Makes this check a no-op: it belonged to an earlier save of the same session.</summary>
    public void Retire() => _checked = true;

    public async Task BeforeCommitAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, CancellationToken token)
    {
        // Each check belongs to the one save that registered it.
        if (_checked)
        {
            return;
        }

        _checked = true;
        foreach (var (stream, count) in appended)
        {
            await using var command = new Npgsql.NpgsqlCommand(
                $"""
                 select e.version, {HashChain.SqlRow("e")}, c.hash, c.recorded_at, c.format, now()
                   from {schema}.mt_events e left join {schema}.{HashChain.ChainTable} c on c.seq_id = e.seq_id
                  where e.stream_id = $1
                    and e.version >= (select max(version) from {schema}.mt_events where stream_id = $1) - $2
                  order by e.version
                 """, connection, transaction);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = stream });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = count });
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var rows = new List<(long Version, string Row, string? Hash, DateTimeOffset? At, short? Format, DateTimeOffset Now)>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                rows.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetInt16(4),
                    reader.GetFieldValue<DateTimeOffset>(5)));
            }

            var fresh = rows.Skip(rows.Count - count).ToList();
            var previous = rows.Count > count ? rows[0].Hash ?? string.Empty : string.Empty;
            foreach (var row in fresh)
            {
                var function = $"{schema}.{HashChain.ExtendFunction}";
                var refusal = row.Hash is null ? HistoryTamperedException.WrittenBadly("history.tampered.no-link", row.Version, stream, function)
                    : row.Format != HashChain.CurrentFormat ? HistoryTamperedException.WrittenBadly("history.tampered.other-format", row.Version, stream, function, row.Format, HashChain.CurrentFormat)
                    : row.At != row.Now ? HistoryTamperedException.WrittenBadly("history.tampered.other-time", row.Version, stream, function, row.At, row.Now)
                    : HashChain.LinkOfRow(row.Row, previous, row.At.Value) != row.Hash ? HistoryTamperedException.WrittenBadly("history.tampered.hash-mismatch", row.Version, stream, function)
                    : null;
                if (refusal is not null)
                {
                    throw refusal;
                }

                previous = row.Hash!;
            }
        }
    }

    public Task AfterCommitAsync(CancellationToken token) => Task.CompletedTask;
}

/// <summary>
/// An append was refused because the stream's recorded history was changed outside Outreach (its last event has no
/// chain link), or because the chain function was changed or disabled. Nothing was recorded; verify the chains
/// (<see cref="ChainVerifier"/>) to see what was altered. The code is always <c>history.tampered</c>; the sentence says
/// what was found.
/// </summary>
public sealed partial class HistoryTamperedException : OutreachException
{
    /// <summary>The database error code <c>outreach_chain_extend</c> raises.</summary>
    public const string SqlState = "OR001";

    /// <summary>The stable code that starts the database's own message (<c>RAISE EXCEPTION</c>) for an unlinked event.</summary>
    public const string SqlCode = "outreach.history.unlinked";

    /// <summary>The code of every tampered-history refusal.</summary>
    public const string TamperedCode = "history.tampered";

    private HistoryTamperedException(string textKey, object?[] arguments, Exception? inner)
        : base(TamperedCode, textKey, arguments, inner)
    {
    }

    /// <summary>The exception to throw for a database failure caused by a broken chain, or null for any other failure.</summary>
    public static HistoryTamperedException? FromDatabase(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: SqlState } pg)
            {
                // The database's sentence is English; the event and stream it names are put into the reader's language.
                var unlinked = Unlinked().Match(pg.MessageText);
                return unlinked.Success
                    ? new HistoryTamperedException("history.tampered.unlinked", [long.Parse(unlinked.Groups[1].Value, CultureInfo.InvariantCulture), Guid.Parse(unlinked.Groups[2].Value)], ex)
                    : new HistoryTamperedException(TamperedCode, [pg.MessageText], ex);
            }
        }

        return null;
    }

    /// <summary>The refusal of the write path's own check: the link of an event just appended was written wrongly.</summary>
    internal static HistoryTamperedException WrittenBadly(string textKey, long version, Guid stream, string function, params object?[] found)
        => new(textKey, [version, stream, function, .. found], null);

    [System.Text.RegularExpressions.GeneratedRegex("event ([0-9]+) of stream ([0-9a-fA-F-]{36}) has no chain link", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Unlinked();
}

/// <summary>
/// Thrown when a store appends events to another schema than the one Outreach was registered for (code
/// <c>chain.schema-mismatch</c>): the configuration is wrong, so nothing can be chained. Set
/// <c>DatabaseSchemaName</c> before calling <c>AddOutreach</c>.
/// </summary>
public sealed class ChainSchemaException : InvalidOperationException, IOutreachFailure
{
    private const string TextCode = "chain.schema-mismatch";
    private readonly object?[] _arguments;

    /// <summary>Creates the exception for events registered in <paramref name="registered"/> but written to <paramref name="written"/>.</summary>
    public ChainSchemaException(string registered, string written)
        : base(OutreachText.Format(TextCode, null, registered, written))
    {
        _arguments = [registered, written];
        RegisteredSchema = registered;
        WrittenSchema = written;
    }

    /// <summary>The schema Outreach was registered for.</summary>
    public string RegisteredSchema { get; }

    /// <summary>The schema the store writes events to.</summary>
    public string WrittenSchema { get; }

    /// <inheritdoc />
    public string Code => TextCode;

    /// <inheritdoc />
    public string MessageIn(CultureInfo culture) => OutreachText.Format(TextCode, culture, _arguments);
}
