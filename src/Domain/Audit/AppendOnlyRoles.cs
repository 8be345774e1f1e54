using System.Text.RegularExpressions;
using Marten;
using Npgsql;

namespace Outreach.Audit;

/// <summary>
/// The two database roles of an append-only deployment (ADR 17): the schema's owner runs migrations; the application
/// role reads, appends events and maintains read models, but cannot UPDATE, DELETE or TRUNCATE event data.
/// </summary>
public static partial class AppendOnlyRoles
{
    /// <summary>Tables that hold history: the application role may only read and insert.</summary>
    public static IReadOnlyList<string> HistoryTables { get; } = ["mt_events", HashChain.ChainTable, HashChain.CheckpointTable];

    /// <summary>
    /// The statements that give <paramref name="applicationRole"/> what it needs in <paramref name="schema"/> and no more:
    /// read and write read models; read and insert events and checkpoints; read chain links, which only
    /// <c>outreach_chain_extend</c> writes (it runs with its owner's rights, so the role can neither forge a link's time
    /// nor pre-empt one); update only a stream's version and timestamp (never delete a stream, which would cascade to its
    /// events); draw sequence numbers but not reset them.
    /// </summary>
    public static string GrantSql(string schema, string applicationRole)
    {
        var s = Identifier(schema, nameof(schema));
        var r = Identifier(applicationRole, nameof(applicationRole));
        var history = string.Join(", ", HistoryTables.Select(t => $"{s}.{t}"));
        return $"""
            GRANT USAGE ON SCHEMA {s} TO {r};
            REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r};
            REVOKE UPDATE, DELETE, TRUNCATE ON {history} FROM {r};
            REVOKE INSERT ON {s}.{HashChain.ChainTable} FROM {r};
            GRANT REFERENCES ON {s}.{HashChain.ChainTable} TO {r};
            REVOKE UPDATE, DELETE, TRUNCATE ON {s}.mt_streams FROM {r};
            GRANT UPDATE (version, timestamp) ON {s}.mt_streams TO {r};
            REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {r};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA {s} TO {r};
            REVOKE EXECUTE ON FUNCTION {s}.{HashChain.AdoptFunction}(uuid) FROM {r};
            REVOKE EXECUTE ON FUNCTION {s}.{HashChain.AdoptFunction}(uuid) FROM PUBLIC;
            """;
    }

    /// <summary>
    /// Brings <paramref name="schema"/> up to date as its owner (<paramref name="ownerConnection"/>), then grants
    /// <paramref name="applicationRole"/> its append-only rights (<see cref="GrantSql"/>). Schema changes never run as the
    /// application role: the store the application then uses should be built with <c>AutoCreateSchemaObjects = None</c>.
    /// </summary>
    /// <param name="ownerConnection">A connection string of the schema's owner.</param>
    /// <param name="applicationRole">The role the application connects as; when it is the owner itself, no grants are made.</param>
    /// <param name="schema">The PostgreSQL schema holding Outreach's tables.</param>
    /// <param name="options">The deployment's Outreach settings (they shape the schema: projections, indexes).</param>
    /// <param name="configure">Further Marten configuration of the embedding application (its own projections and documents).</param>
    /// <param name="cancellation">Cancels the work.</param>
    public static Task PrepareSchemaAsync(
        string ownerConnection, string applicationRole, string schema, OutreachOptions options,
        Action<StoreOptions>? configure = null, CancellationToken cancellation = default)
        => PrepareSchemaAsync(ownerConnection, applicationRole, schema, options, configure, force: false, cancellation);

    /// <summary>
    /// Brings <paramref name="schema"/> up to date as its owner (<paramref name="ownerConnection"/>), then grants
    /// <paramref name="applicationRole"/> its append-only rights (<see cref="GrantSql"/>). Schema changes never run as the
    /// application role: the store the application then uses should be built with <c>AutoCreateSchemaObjects = None</c>.
    /// </summary>
    /// <param name="ownerConnection">A connection string of the schema's owner.</param>
    /// <param name="applicationRole">The role the application connects as; when it is the owner itself, no grants are made.</param>
    /// <param name="schema">The PostgreSQL schema holding Outreach's tables.</param>
    /// <param name="options">The deployment's Outreach settings (they shape the schema: projections, indexes).</param>
    /// <param name="configure">Further Marten configuration of the embedding application (its own projections and documents).</param>
    /// <param name="cancellation">Cancels the work.</param>
    /// <param name="force">
    /// Compare and apply everything even when the schema's marker says this build already prepared it (the console's
    /// <c>schema db-apply</c>, to repair a schema changed by hand).
    /// </param>
    public static async Task PrepareSchemaAsync(
        string ownerConnection, string applicationRole, string schema, OutreachOptions options,
        Action<StoreOptions>? configure, bool force, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(ownerConnection);
        ArgumentNullException.ThrowIfNull(options);

        // Two processes starting at once must not prepare the same schema together: PostgreSQL refuses concurrent
        // changes to the same catalogue rows (XX000 "tuple concurrently updated"). A session-level advisory lock on this
        // connection makes the second wait until the first is done; the work below then finds nothing left to change.
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using (var take = new NpgsqlCommand("select pg_advisory_lock(hashtext($1))", connection))
        {
            take.Parameters.Add(new NpgsqlParameter { Value = "outreach-schema:" + schema });
            await take.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        try
        {
            // Applying the configuration means comparing every table, index and function with the catalogue: about a
            // second per process. The schema depends only on this build of Outreach and Marten, the schema's name and the
            // application role, so a marker of those, written after a complete preparation, lets the next process skip
            // it (issue 13). A caller's own Marten configuration cannot be fingerprinted: it always applies.
            var marker = configure is null ? SchemaMarker.Of(schema, applicationRole) : null;
            if (!force && marker is not null && await SchemaMarker.MatchesAsync(connection, schema, marker, cancellation).ConfigureAwait(false))
            {
                return;
            }

            using (var owner = DocumentStore.For(opts =>
                   {
                       opts.Connection(ownerConnection);
                       opts.DatabaseSchemaName = schema;
                       opts.AddOutreach(options);
                       configure?.Invoke(opts);
                   }))
            {
                await owner.Storage.ApplyAllConfiguredChangesToDatabaseAsync().ConfigureAwait(false);
            }

            await using (var tombstones = new NpgsqlCommand(HashChain.RefuseTombstonesSql(Identifier(schema, nameof(schema))), connection))
            {
                await tombstones.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
            }

            var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnection).Username;
            if (!string.Equals(ownerRole, applicationRole, StringComparison.Ordinal))
            {
                await GrantAsync(connection, schema, applicationRole, cancellation).ConfigureAwait(false);
            }

            if (marker is not null)
            {
                await SchemaMarker.RecordAsync(connection, schema, marker, ownerRole == applicationRole ? null : applicationRole, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            await using var release = new NpgsqlCommand("select pg_advisory_unlock(hashtext($1))", connection);
            release.Parameters.Add(new NpgsqlParameter { Value = "outreach-schema:" + schema });
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Whether the role of <paramref name="connectionString"/> may change <paramref name="schema"/>: it is a superuser,
    /// owns the schema, or the schema does not exist yet and it may create schemas in the database. An application role
    /// is none of these, so callers skip schema preparation for it and use the schema as its owner left it.
    /// </summary>
    public static async Task<bool> CanChangeSchemaAsync(string connectionString, string schema, CancellationToken cancellation = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            select (select rolsuper from pg_roles where rolname = current_user)
                or coalesce((select nspowner = (select oid from pg_roles where rolname = current_user) from pg_namespace where nspname = $1),
                            has_database_privilege(current_database(), 'CREATE'))
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        return await command.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is true;
    }

    /// <summary>Applies <see cref="GrantSql"/> on an owner's connection.</summary>
    public static async Task GrantAsync(NpgsqlConnection admin, string schema, string applicationRole, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(admin);
        await using var command = new NpgsqlCommand(GrantSql(schema, applicationRole), admin);
        await command.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// What the connection's own role could do to history in <paramref name="schema"/>: an empty list when it is
    /// append-only. Each entry is a sentence (for example "UPDATE on mt_events").
    /// </summary>
    public static async Task<IReadOnlyList<string>> RewriteRightsAsync(NpgsqlConnection connection, string schema, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rights = new List<string>();
        await using (var super = new NpgsqlCommand("select rolsuper from pg_roles where rolname = current_user", connection))
        {
            if (await super.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is true)
            {
                rights.Add("superuser (bypasses every privilege)");
                return rights;
            }
        }

        foreach (var table in HistoryTables.Append("mt_streams"))
        {
            foreach (var privilege in table == "mt_streams" ? new[] { "DELETE", "TRUNCATE" } : ["UPDATE", "DELETE", "TRUNCATE"])
            {
                await using var check = new NpgsqlCommand("select to_regclass($1) is not null and has_table_privilege(to_regclass($1), $2)", connection);
                check.Parameters.Add(new NpgsqlParameter { Value = $"{schema}.{table}" });
                check.Parameters.Add(new NpgsqlParameter { Value = privilege });
                if (await check.ExecuteScalarAsync(cancellation).ConfigureAwait(false) is true)
                {
                    rights.Add($"{privilege} on {table}");
                }
            }
        }

        return rights;
    }

    private static string Identifier(string name, string what)
        => SafeIdentifier().IsMatch(name)
            ? name
            : throw new ArgumentException($"{what} \"{name}\" is not allowed: use lower-case letters, digits and underscores, starting with a letter (at most 63 characters).");

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex SafeIdentifier();
}
