namespace Outreach.Hosting;

/// <summary>
/// A running private PostgreSQL cluster as returned by <see cref="LocalPostgres.EnsureStartedAsync(LocalPostgresSettings, Action{string}?, CancellationToken)"/>.
/// </summary>
/// <param name="ConnectionString">Npgsql connection string for the cluster's database as its superuser (with its password): for creating roles and databases only.</param>
/// <param name="DataDirectory">Absolute path of the cluster's data directory.</param>
/// <param name="Port">TCP port on 127.0.0.1 the server listens on.</param>
/// <param name="BinDirectory">Directory holding the <c>initdb</c> and <c>pg_ctl</c> binaries that were used.</param>
/// <param name="StartedNow"><see langword="true"/> when this call started the server; <see langword="false"/> when an already running server was reused.</param>
public sealed record LocalPostgresCluster(
    string ConnectionString,
    string DataDirectory,
    int Port,
    string BinDirectory,
    bool StartedNow)
{
    /// <summary>The schema owner's connection (<see cref="LocalPostgres.OwnerRoleName"/>): schema changes and grants.</summary>
    public required string OwnerConnectionString { get; init; }

    /// <summary>The application role's connection (<see cref="LocalPostgres.ApplicationRoleName"/>): reads and appends.</summary>
    public required string ApplicationConnectionString { get; init; }

    /// <summary>The folder with the roles' password files (owner-only).</summary>
    public required string SecretsFolder { get; init; }
}
