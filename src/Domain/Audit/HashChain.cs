using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;

namespace Outreach.Audit;

/// <summary>
/// The per-stream hash chain (ADR 16). Every event appended through a store configured with <c>AddOutreach</c> gets a
/// link in <c>outreach_event_chain</c>, written by the database function <c>outreach_chain_extend</c> in the same
/// transaction as the event. A link's hash covers the previous link's hash and the event's stream, version, type,
/// recorded timestamp, actor, archive flag and content, plus the database clock at the time of writing.
/// </summary>
public static class HashChain
{
    /// <summary>The table that holds one link per event.</summary>
    public const string ChainTable = "outreach_event_chain";

    /// <summary>The table that keeps every signed checkpoint written by <c>outreach audit checkpoint</c>.</summary>
    public const string CheckpointTable = "outreach_checkpoints";

    /// <summary>The database function that chains the events just appended to a stream.</summary>
    public const string ExtendFunction = "outreach_chain_extend";

    /// <summary>The first field of every hashed text, so a link can never be mistaken for another format.</summary>
    public const string Format = "outreach-chain-v1";

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
        var text = new StringBuilder(e.Data.Length + 256);
        foreach (var field in new[]
                 {
                     Format, previousHash, e.StreamId.ToString("D"), e.Version.ToString(CultureInfo.InvariantCulture), e.Type,
                     e.Timestamp.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture), e.UserName ?? "",
                     e.RecordedAt.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture), e.ArchivedFlag, e.BinaryDataHex, e.Data,
                 })
        {
            text.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field);
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The SQL expression for a link's hash, given the expressions of its fields.</summary>
    internal static string SqlLink(string previousHash, string e, string recordedAt)
    {
        string[] fields =
        [
            $"'{Format}'", previousHash, $"{e}.stream_id::text", $"{e}.version::text", $"{e}.type",
            $"to_char({e}.timestamp AT TIME ZONE 'UTC', '{SqlTimestampFormat}')", $"coalesce({e}.user_name, '')",
            $"to_char({recordedAt} AT TIME ZONE 'UTC', '{SqlTimestampFormat}')", $"coalesce({e}.is_archived::text, 'null')",
            $"coalesce(encode({e}.bdata, 'hex'), '')", $"{e}.data::text",
        ];
        return "encode(sha256(convert_to(concat("
               + string.Join(", ", fields.Select(f => $"octet_length({f}), ':', {f}"))
               + "), 'UTF8')), 'hex')";
    }

    internal static void Register(StoreOptions options)
    {
        var schema = options.Events.DatabaseSchemaName;
        options.Storage.ExtendedSchemaObjects.Add(ChainTableFor(schema));
        options.Storage.ExtendedSchemaObjects.Add(CheckpointTableFor(schema));
        options.Storage.ExtendedSchemaObjects.Add(new Function(new PostgresqlObjectName(schema, ExtendFunction, SchemaUtils.IdentifierUsage.Function), ExtendFunctionSql(schema)));
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
                    RAISE EXCEPTION 'Outreach hash chain: event % of stream % has no chain link: it was written outside Outreach, or before this database had hash chains. Nothing was recorded. Run "outreach audit verify" (and, for a database from before hash chains, "outreach audit adopt" once).', v_first - 1, p_stream USING ERRCODE = 'OR001';
                END IF;
            END IF;
            FOR e IN SELECT * FROM {schema}.mt_events WHERE stream_id = p_stream AND version >= v_first ORDER BY version LOOP
                v_hash := {SqlLink("v_prev", "e", "v_now")};
                INSERT INTO {schema}.{ChainTable} (seq_id, stream_id, version, recorded_at, hash) VALUES (e.seq_id, e.stream_id, e.version, v_now, v_hash);
                v_prev := v_hash;
            END LOOP;
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
    string BinaryDataHex, string Data, DateTimeOffset RecordedAt);

/// <summary>Queues the chain extension for every stream a session appends to, in the same transaction as the events.</summary>
internal sealed class HashChainListener(string schema) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        var streams = session.PendingChanges.Streams();
        if (streams.Count == 0)
        {
            return Task.CompletedTask;
        }

        if (!string.Equals(session.DocumentStore.Options.Events.DatabaseSchemaName, schema, StringComparison.Ordinal))
        {
            throw new InvalidOperationException(
                $"Outreach was registered for events in schema '{schema}' but the store writes them to '{session.DocumentStore.Options.Events.DatabaseSchemaName}'. Set DatabaseSchemaName before calling AddOutreach().");
        }

        foreach (var stream in streams.GroupBy(s => s.Id))
        {
            var count = stream.Sum(s => s.Events.Count);
            if (count > 0)
            {
                session.QueueSqlCommand($"select {schema}.{HashChain.ExtendFunction}(?, ?)", stream.Key, count);
            }
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// An append was refused because the stream's recorded history was changed outside Outreach (its last event has no
/// chain link). Nothing was recorded; run <c>outreach audit verify</c> to see what was altered.
/// </summary>
public sealed class HistoryTamperedException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>The database error code <c>outreach_chain_extend</c> raises.</summary>
    public const string SqlState = "OR001";

    /// <summary>The exception to throw for a database failure caused by a broken chain, or null for any other failure.</summary>
    public static HistoryTamperedException? FromDatabase(Exception ex)
    {
        for (var e = (Exception?)ex; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: SqlState } pg)
            {
                return new HistoryTamperedException(pg.MessageText, ex);
            }
        }

        return null;
    }
}
