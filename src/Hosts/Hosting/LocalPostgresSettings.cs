namespace Outreach.Hosting;

/// <summary>
/// Where and how <see cref="LocalPostgres"/> keeps its private PostgreSQL cluster.
/// Every property has a sensible default; tests override <see cref="DataDirectory"/> and the binary search.
/// </summary>
public sealed record LocalPostgresSettings
{
    /// <summary>
    /// Data directory of the cluster. <see langword="null"/> means <see cref="LocalPostgres.GetDefaultDataDirectory"/>.
    /// The cross-process lock file is placed next to it as <c>&lt;DataDirectory&gt;.lock</c>.
    /// </summary>
    public string? DataDirectory { get; init; }

    /// <summary>Database created (if missing) and named in the returned connection string. Defaults to <c>outreach</c>.</summary>
    public string DatabaseName { get; init; } = LocalPostgres.DefaultDatabaseName;

    /// <summary>
    /// Directory that must contain <c>initdb</c> and <c>pg_ctl</c>. When set, no search is done.
    /// </summary>
    public string? BinDirectory { get; init; }

    /// <summary>
    /// Directories searched for <c>initdb</c> before the version roots. <see langword="null"/> means the entries of <c>$PATH</c>.
    /// </summary>
    public IReadOnlyList<string>? SearchPath { get; init; }

    /// <summary>
    /// Folders laid out like <c>/usr/lib/postgresql</c> (<c>&lt;root&gt;/&lt;version&gt;/bin/initdb</c>); the highest version wins.
    /// <see langword="null"/> means <c>/usr/lib/postgresql</c>.
    /// </summary>
    public IReadOnlyList<string>? VersionRoots { get; init; }

    /// <summary>How long to wait for another process that is preparing the same cluster. Defaults to two minutes.</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long to wait for the server to start accepting connections. Defaults to one minute.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
