using Marten;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Outreach;

/// <summary>
/// Brings Outreach's schema up to date with the deployment's two roles (ADR 19): with an owner connection, the owner
/// applies the schema and grants the application role its append-only rights; without one, the application role
/// applies the schema itself when it may (development), and otherwise uses the schema as its owner left it.
/// </summary>
public sealed partial class OutreachSchema
{
    private readonly OutreachOptions _options;
    private readonly Action<StoreOptions>? _configureMarten;
    private readonly ILogger _logger;

    /// <summary>Creates the service for <paramref name="options"/>; <paramref name="configureMarten"/> is the embedding application's own Marten configuration.</summary>
    public OutreachSchema(OutreachOptions options, Action<StoreOptions>? configureMarten = null, ILogger<OutreachSchema>? logger = null)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _configureMarten = configureMarten;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>What <see cref="PrepareAsync(CancellationToken)"/> did.</summary>
    public enum Outcome
    {
        /// <summary>The owner applied the schema and granted the application role its rights.</summary>
        PreparedByOwner,

        /// <summary>The application role applied the schema itself (no owner configured; it may change the schema).</summary>
        PreparedByApplication,

        /// <summary>Nothing was applied: the application role may not change the schema and no owner is configured.</summary>
        UsedAsIs,
    }

    /// <summary>
    /// Prepares the schema as described above and logs which database, schema, role and key folder are in use. A schema
    /// this build already prepared for the same role is left as it is, which saves about a second per process.
    /// </summary>
    public Task<Outcome> PrepareAsync(CancellationToken cancellation = default) => PrepareAsync(force: false, cancellation);

    /// <summary>
    /// As <see cref="PrepareAsync(CancellationToken)"/>; with <paramref name="force"/>, compares and applies everything even
    /// when this build already prepared the schema (to repair a schema changed by hand).
    /// </summary>
    public async Task<Outcome> PrepareAsync(bool force, CancellationToken cancellation = default)
    {
        var application = _options.ConnectionString ?? throw new InvalidOperationException(OutreachText.Get("options.connection-missing"));
        var appRole = new NpgsqlConnectionStringBuilder(application).Username ?? string.Empty;
        var target = new NpgsqlConnectionStringBuilder(application);
        UsingDatabase(_logger, target.Database, target.Host, target.Port, _options.SchemaName, appRole, _options.KeyFolder);
        Outcome outcome;
        if (!string.IsNullOrWhiteSpace(_options.OwnerConnectionString))
        {
            // The usual start: the application role reads the marker the owner left, and the owner is not asked at all.
            if (force || _configureMarten is not null
                || !await Audit.SchemaMarker.MatchesForApplicationAsync(application, _options.SchemaName, Audit.SchemaMarker.Of(_options.SchemaName, appRole), cancellation).ConfigureAwait(false))
            {
                await Audit.AppendOnlyRoles.PrepareSchemaAsync(_options.OwnerConnectionString, appRole, _options.SchemaName, _options, _configureMarten, force, cancellation).ConfigureAwait(false);
            }

            outcome = Outcome.PreparedByOwner;
        }
        else if (await Audit.AppendOnlyRoles.CanChangeSchemaAsync(application, _options.SchemaName, cancellation).ConfigureAwait(false))
        {
            await Audit.AppendOnlyRoles.PrepareSchemaAsync(application, appRole, _options.SchemaName, _options, _configureMarten, force, cancellation).ConfigureAwait(false);
            outcome = Outcome.PreparedByApplication;
        }
        else
        {
            outcome = Outcome.UsedAsIs;
        }

        SchemaPrepared(_logger, _options.SchemaName, outcome);
        return outcome;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Outreach: database {Database} on {Host}:{Port}, schema {Schema}, application role {Role}, keys in {KeyFolder}")]
    private static partial void UsingDatabase(ILogger logger, string? database, string? host, int port, string schema, string role, string keyFolder);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Outreach: schema {Schema} {Outcome}")]
    private static partial void SchemaPrepared(ILogger logger, string schema, Outcome outcome);

    /// <summary>
    /// Compares the database with what the store's configuration expects (tables, indexes, functions, including Outreach's
    /// hash chain and checkpoints), without changing anything: the changes the owner's <see cref="PrepareAsync(CancellationToken)"/> would make.
    /// </summary>
    public static async Task<SchemaComparison> CompareAsync(IDocumentStore store, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var migration = await store.Storage.Database.CreateMigrationAsync(cancellation).ConfigureAwait(false);
        var changes = migration.Deltas
            .Where(d => d.Difference != Weasel.Core.SchemaPatchDifference.None)
            .Select(d => new SchemaChange(d.SchemaObject.Identifier.QualifiedName, d.Difference.ToString()))
            .ToList();
        return new SchemaComparison(changes);
    }
}

/// <summary>One difference between the database and the configuration.</summary>
/// <param name="Object">The table, index or function, qualified by its schema.</param>
/// <param name="Difference">The kind of difference: Create, Update or Invalid.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "\"object\" is the field db-assert --json prints and scripts read.")]
public sealed record SchemaChange(string Object, string Difference);

/// <summary>What <see cref="OutreachSchema.CompareAsync"/> found.</summary>
/// <param name="Changes">The objects that differ; empty when the database matches.</param>
public sealed record SchemaComparison(IReadOnlyList<SchemaChange> Changes)
{
    /// <summary>Whether the database matches the configuration.</summary>
    public bool Matches => Changes.Count == 0;
}
