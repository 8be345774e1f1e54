namespace Outreach.Hosting;

/// <summary>
/// A running private PostgreSQL cluster as returned by <see cref="LocalPostgres.EnsureStartedAsync(LocalPostgresSettings, Action{string}?, CancellationToken)"/>.
/// </summary>
/// <param name="ConnectionString">Npgsql connection string for the cluster's database (no password: the cluster trusts 127.0.0.1).</param>
/// <param name="DataDirectory">Absolute path of the cluster's data directory.</param>
/// <param name="Port">TCP port on 127.0.0.1 the server listens on.</param>
/// <param name="BinDirectory">Directory holding the <c>initdb</c> and <c>pg_ctl</c> binaries that were used.</param>
/// <param name="StartedNow"><see langword="true"/> when this call started the server; <see langword="false"/> when an already running server was reused.</param>
public sealed record LocalPostgresCluster(
    string ConnectionString,
    string DataDirectory,
    int Port,
    string BinDirectory,
    bool StartedNow);
