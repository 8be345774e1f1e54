using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;

namespace Outreach.Audit;

/// <summary>
/// What a schema was last completely prepared for (issue 13): a fingerprint of this build of Outreach and Marten, the
/// schema's name and the application role, in <c>outreach_schema_marker</c>. Only the owner writes it; the application
/// role may read it, so that the usual start needs no owner connection at all. A different build, schema or role does not
/// match, so the schema is prepared again.
/// </summary>
internal static class SchemaMarker
{
    /// <summary>The marker table, beside Marten's tables in the schema.</summary>
    public const string Table = "outreach_schema_marker";

    /// <summary>The fingerprint for <paramref name="schema"/> prepared for <paramref name="applicationRole"/> by this build.</summary>
    public static string Of(string schema, string applicationRole)
    {
        var parts = string.Join('\n',
            typeof(SchemaMarker).Assembly.ManifestModule.ModuleVersionId.ToString("D"),
            typeof(DocumentStore).Assembly.ManifestModule.ModuleVersionId.ToString("D"),
            typeof(JasperFx.AutoCreate).Assembly.ManifestModule.ModuleVersionId.ToString("D"),
            schema,
            applicationRole);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(parts)));
    }

    /// <summary>Whether <paramref name="schema"/> holds a marker equal to <paramref name="fingerprint"/>.</summary>
    public static async Task<bool> MatchesAsync(NpgsqlConnection owner, string schema, string fingerprint, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select fingerprint from {schema}.{Table} limit 1", owner);
        try
        {
            return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is string stored && stored == fingerprint;
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            // Never prepared (or prepared before markers existed).
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="schema"/> holds a marker equal to <paramref name="fingerprint"/>, asked with the application's
    /// own connection string (one short connection that loads no type information). False whenever it cannot be told:
    /// the owner then looks (<see cref="MatchesAsync"/>) and prepares what is missing.
    /// </summary>
    public static async Task<bool> MatchesForApplicationAsync(string applicationConnection, string schema, string fingerprint, CancellationToken cancellation)
    {
        var builder = new NpgsqlDataSourceBuilder(applicationConnection);
        builder.ConnectionStringBuilder.Pooling = false;
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        try
        {
            await using var source = builder.Build();
            await using var connection = await source.OpenConnectionAsync(cancellation).ConfigureAwait(false);
            return await MatchesAsync(connection, schema, fingerprint, cancellation).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // No right to read it (a marker written before the application role could), or no connection: the owner looks.
            return false;
        }
    }

    /// <summary>Records <paramref name="fingerprint"/> as what <paramref name="schema"/> was prepared for; <paramref name="reader"/> may read it.</summary>
    public static async Task RecordAsync(NpgsqlConnection owner, string schema, string fingerprint, string? reader, CancellationToken cancellation)
    {
        var grant = reader is null ? "" : $"grant select on {schema}.{Table} to \"{reader.Replace("\"", "\"\"", StringComparison.Ordinal)}\";";
        await using (var table = new NpgsqlCommand(
                         $"""
                          create table if not exists {schema}.{Table} (fingerprint text not null, prepared_at timestamptz not null default now());
                          revoke all on {schema}.{Table} from public;
                          {grant}
                          delete from {schema}.{Table};
                          """, owner))
        {
            await table.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        await using var insert = new NpgsqlCommand($"insert into {schema}.{Table} (fingerprint) values ($1)", owner);
        insert.Parameters.Add(new NpgsqlParameter { Value = fingerprint });
        await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }
}
