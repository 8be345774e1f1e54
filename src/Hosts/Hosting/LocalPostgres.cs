using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Outreach.Hosting;

/// <summary>
/// The "embedded default database": a private PostgreSQL cluster that Outreach creates on first use and starts
/// when needed, so the hosts work without any database set-up. It listens on 127.0.0.1 only (TCP, no Unix socket),
/// on a port chosen at first start and remembered in the data directory, and accepts SCRAM passwords only. Three roles:
/// the cluster's superuser <c>outreach</c> (used only to create the other two), the schema owner <c>outreach_owner</c>
/// (not a superuser; it owns the database and applies schema changes) and the application role <c>outreach_app</c>
/// (reads and appends). Their passwords live in <c>&lt;data directory&gt;.secrets</c>, readable by the OS user running
/// Outreach only (ADR 19).
/// </summary>
/// <remarks>
/// When the process runs as root (which PostgreSQL refuses), <c>initdb</c> and <c>pg_ctl</c> run as the
/// <c>postgres</c> OS user through <c>runuser</c>, and the data lives in a folder that user owns.
/// Concurrent callers, in one process or many, are serialised by an exclusive lock on <c>&lt;data directory&gt;.lock</c>.
/// </remarks>
public static partial class LocalPostgres
{
    /// <summary>Name of the database created in the cluster unless the settings say otherwise.</summary>
    public const string DefaultDatabaseName = "outreach";

    /// <summary>The cluster's superuser (the bootstrap role of <c>initdb</c>); used only to create the other roles and the database.</summary>
    public const string SuperuserName = "outreach";

    /// <summary>The schema owner: not a superuser; owns the database, applies schema changes and grants (ADR 17, 19).</summary>
    public const string OwnerRoleName = "outreach_owner";

    /// <summary>The application role: reads, appends events and keeps read models; cannot rewrite history (ADR 17).</summary>
    public const string ApplicationRoleName = "outreach_app";

    /// <summary>Environment variable that overrides the default data directory.</summary>
    public const string DataDirectoryVariable = "OUTREACH_PGDATA";

    /// <summary>Default data directory when Outreach runs as root; owned by the <c>postgres</c> OS user.</summary>
    public const string RootDataDirectory = "/var/lib/outreach/pg-root";

    /// <summary>OS user that runs the cluster when Outreach itself runs as root.</summary>
    internal const string ServiceAccount = "postgres";

    /// <summary>Settings file Outreach writes into the data directory; its presence marks a finished set-up.</summary>
    internal const string ConfigFileName = "outreach.conf";

    internal const string ServerLogFileName = "server.log";

    private const string DefaultVersionRoot = "/usr/lib/postgresql";
    private const int PreferredPortLow = 54320;
    private const int PreferredPortHigh = 54999;
    private static readonly string[] RequiredTools = ["initdb", "pg_ctl"];

    /// <summary>
    /// The data directory used when none is configured: <c>$OUTREACH_PGDATA</c> if set; otherwise
    /// <see cref="RootDataDirectory"/> for root, or <c>$XDG_DATA_HOME/outreach/pg</c>
    /// (<c>~/.local/share/outreach/pg</c> when <c>XDG_DATA_HOME</c> is unset) for everybody else.
    /// </summary>
    /// <returns>An absolute path; the folder may not exist yet.</returns>
    public static string GetDefaultDataDirectory()
    {
        var configured = Environment.GetEnvironmentVariable(DataDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            return RootDataDirectory;
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome) || !Path.IsPathRooted(dataHome))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrWhiteSpace(home))
            {
                home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            }

            dataHome = Path.Combine(home, ".local", "share");
        }

        return Path.Combine(dataHome, "outreach", "pg");
    }

    /// <summary>
    /// Makes sure the private cluster in the default data directory exists and runs, and that the
    /// <c>outreach</c> database exists in it.
    /// </summary>
    /// <param name="report">Receives human sentences about what happens (where the data lives, first-time set-up).</param>
    /// <param name="ct">Cancels waiting and any running tool.</param>
    /// <returns>The running cluster.</returns>
    /// <exception cref="LocalPostgresUnavailableException">The binaries are missing, or the cluster cannot be created or started.</exception>
    public static Task<LocalPostgresCluster> EnsureStartedAsync(Action<string>? report = null, CancellationToken ct = default) =>
        EnsureStartedAsync(new LocalPostgresSettings(), report, ct);

    /// <summary>
    /// Makes sure the private cluster described by <paramref name="settings"/> exists and runs, and that its database exists:
    /// runs <c>initdb</c> the first time, starts the server when it is not running, and reuses it when it is.
    /// </summary>
    /// <param name="settings">Data directory, database name and where to look for the binaries.</param>
    /// <param name="report">Receives human sentences about what happens (where the data lives, first-time set-up).</param>
    /// <param name="ct">Cancels waiting and any running tool.</param>
    /// <returns>The running cluster; <see cref="LocalPostgresCluster.StartedNow"/> tells whether this call started it.</returns>
    /// <exception cref="LocalPostgresUnavailableException">The binaries are missing, or the cluster cannot be created or started.</exception>
    public static async Task<LocalPostgresCluster> EnsureStartedAsync(
        LocalPostgresSettings settings,
        Action<string>? report = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (OperatingSystem.IsWindows())
        {
            throw LocalPostgresUnavailableException.Of("cluster.windows-unsupported");
        }

        ValidateDatabaseName(settings.DatabaseName);
        var binDirectory = FindBinDirectory(settings);
        var dataDirectory = NormaliseDirectory(settings.DataDirectory ?? GetDefaultDataDirectory());
        var serviceAccount = await ResolveServiceAccountAsync(ct).ConfigureAwait(false);
        var cluster = new LocalPostgresInstance(binDirectory, dataDirectory, serviceAccount, settings, report);

        CreateParentDirectories(dataDirectory, serviceAccount is not null);
        using (await AcquireLockAsync(dataDirectory, settings.LockTimeout, report, ct).ConfigureAwait(false))
        {
            return await cluster.EnsureStartedAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Stops a cluster returned by <c>EnsureStartedAsync</c> (fast shutdown: open sessions are ended) and clears
    /// Npgsql's pool for its connection string. Does nothing when the server is not running. Meant for tests.
    /// </summary>
    /// <param name="cluster">The cluster to stop.</param>
    /// <param name="ct">Cancels waiting for the lock or for <c>pg_ctl</c>.</param>
    /// <returns>A task that completes when the server has stopped.</returns>
    public static async Task StopAsync(LocalPostgresCluster cluster, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var serviceAccount = await ResolveServiceAccountAsync(ct).ConfigureAwait(false);
        var files = new LocalPostgresInstance(cluster.BinDirectory, cluster.DataDirectory, serviceAccount, new LocalPostgresSettings(), null);
        using (await AcquireLockAsync(cluster.DataDirectory, TimeSpan.FromMinutes(2), null, ct).ConfigureAwait(false))
        {
            await files.StopAsync(ct).ConfigureAwait(false);
        }

        using var connection = new NpgsqlConnection(cluster.ConnectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>
    /// Stops the private cluster of <paramref name="settings"/> (by default the one the hosts use) if it runs.
    /// </summary>
    /// <returns>The data directory, and whether a server was running there and is now stopped.</returns>
    public static async Task<(string DataDirectory, bool Stopped)> StopIfRunningAsync(LocalPostgresSettings? settings = null, CancellationToken ct = default)
    {
        settings ??= new LocalPostgresSettings();
        var dataDirectory = NormaliseDirectory(settings.DataDirectory ?? GetDefaultDataDirectory());
        if (OperatingSystem.IsWindows() || !File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
        {
            return (dataDirectory, false);
        }

        var serviceAccount = await ResolveServiceAccountAsync(ct).ConfigureAwait(false);
        var instance = new LocalPostgresInstance(FindBinDirectory(settings), dataDirectory, serviceAccount, settings, null);
        using (await AcquireLockAsync(dataDirectory, settings.LockTimeout, null, ct).ConfigureAwait(false))
        {
            await instance.StopAsync(ct).ConfigureAwait(false);
        }

        NpgsqlConnection.ClearAllPools();
        return (dataDirectory, !File.Exists(Path.Combine(dataDirectory, "postmaster.pid")));
    }

    /// <summary>
    /// Finds the folder with <c>initdb</c> and <c>pg_ctl</c>: the configured one, else the first PATH entry with both,
    /// else the highest version under the version roots (<c>/usr/lib/postgresql/*/bin</c>).
    /// </summary>
    internal static string FindBinDirectory(LocalPostgresSettings settings)
    {
        if (settings.BinDirectory is { } configured)
        {
            var missing = RequiredTools
                .Where(tool => !ChildProcess.IsExecutableFile(Path.Combine(configured, tool)))
                .ToList();
            if (missing.Count == 0)
            {
                return NormaliseDirectory(configured);
            }

            throw LocalPostgresUnavailableException.Of("cluster.binaries-missing-configured", string.Join(", ", missing), configured);
        }

        var searchPath = settings.SearchPath
            ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (var folder in searchPath)
        {
            if (HasServerTools(folder))
            {
                // Report the real bin directory when PATH only holds symlinks (e.g. /usr/local/bin/initdb).
                var target = ResolveSymlinkFolder(Path.Combine(folder, "initdb"));
                return NormaliseDirectory(target is not null && HasServerTools(target) ? target : folder);
            }
        }

        var roots = settings.VersionRoots ?? [DefaultVersionRoot];
        var best = roots
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateDirectories(root))
            .Select(folder => (Version: ParseVersion(Path.GetFileName(folder)), Bin: Path.Combine(folder, "bin")))
            .Where(candidate => candidate.Version is not null && HasServerTools(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
        if (best is not null)
        {
            return NormaliseDirectory(best);
        }

        var where = string.Join(HostingText.Format("list.or"), roots.Select(root => root.TrimEnd('/') + "/*/bin"));
        throw LocalPostgresUnavailableException.Of("cluster.binaries-missing", where);
    }

    internal static string NormaliseDirectory(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static bool HasServerTools(string folder) =>
        ChildProcess.IsExecutableFile(Path.Combine(folder, "initdb"))
        && ChildProcess.IsExecutableFile(Path.Combine(folder, "pg_ctl"));

    private static string? ResolveSymlinkFolder(string file)
    {
        try
        {
            return File.ResolveLinkTarget(file, returnFinalTarget: true) is { } target ? Path.GetDirectoryName(target.FullName) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static Version? ParseVersion(string name) =>
        Version.TryParse(name.Contains('.', StringComparison.Ordinal) ? name : name + ".0", out var version) ? version : null;

    private static void ValidateDatabaseName(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Contains('\0', StringComparison.Ordinal) || Encoding.UTF8.GetByteCount(name) > 63)
        {
            throw new ArgumentException(HostingText.Format("cluster.database-name-invalid", name), nameof(name));
        }
    }

    /// <summary>The OS user to run the server tools as: <see langword="null"/> for "ourselves", <c>postgres</c> when we are root.</summary>
    private static async Task<string?> ResolveServiceAccountAsync(CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return null;
        }

        // /etc/passwd answers without starting a process (issue 13); `id` also asks the other name services (LDAP, …).
        var known = InPasswordFile(ServiceAccount);
        if (!known && ChildProcess.FindOnPath("id") is { } id)
        {
            known = (await ChildProcess.RunAsync(id, ["-u", ServiceAccount], ct).ConfigureAwait(false)).Succeeded;
        }

        if (!known)
        {
            throw LocalPostgresUnavailableException.Of("cluster.service-account-missing", ServiceAccount);
        }

        if (ChildProcess.FindOnPath("runuser") is null)
        {
            throw LocalPostgresUnavailableException.Of("cluster.runuser-missing", ServiceAccount);
        }

        return ServiceAccount;
    }

    private static bool InPasswordFile(string account)
    {
        try
        {
            return File.ReadLines("/etc/passwd").Any(line => line.StartsWith(account + ":", StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Creates the folders above the data directory; when root, new ones get mode 0755 so the postgres user can pass.</summary>
    [UnsupportedOSPlatform("windows")]
    private static void CreateParentDirectories(string dataDirectory, bool forServiceAccount)
    {
        var missing = new Stack<string>();
        for (var folder = Path.GetDirectoryName(dataDirectory); folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        foreach (var folder in missing)
        {
            Directory.CreateDirectory(folder);
            if (forServiceAccount)
            {
                File.SetUnixFileMode(
                    folder,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }
        }
    }

    private static Task<CrossProcessFileLock> AcquireLockAsync(string dataDirectory, TimeSpan timeout, Action<string>? report, CancellationToken ct)
    {
        var lockFile = dataDirectory + ".lock";
        return CrossProcessFileLock.AcquireAsync(
            lockFile,
            timeout,
            () => report?.Invoke(HostingText.Format("cluster.waiting-lock", dataDirectory, lockFile)),
            lastError => LocalPostgresUnavailableException.Of(lastError, "cluster.lock-timeout", timeout.TotalSeconds, lockFile, dataDirectory),
            ct);
    }

    /// <summary>A port on 127.0.0.1 that nothing listens on right now, preferably in 54320–54999.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "Spreads port choices; nothing secret depends on it.")]
    internal static int ChooseFreePort(int? avoid = null)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = Random.Shared.Next(PreferredPortLow, PreferredPortHigh + 1);
            if (candidate != avoid && IsPortFree(candidate))
            {
                return candidate;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// Whether a server could listen on 127.0.0.1:<paramref name="port"/> now. .NET already sets SO_REUSEADDR on Unix
    /// (as PostgreSQL does), so connections in TIME_WAIT do not count; <see cref="SocketOptionName.ReuseAddress"/>
    /// must not be set here, because on Linux .NET turns it into SO_REUSEPORT too, which would let the probe share
    /// a port that PostgreSQL could not bind.
    /// </summary>
    internal static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    internal static string BuildConnectionString(int port, string database, bool forAdministration, string user, string? password)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = user,
            Password = password,
            Database = database,
        };
        if (forAdministration)
        {
            builder.Pooling = false;
            builder.Timeout = 5;
        }

        return builder.ConnectionString;
    }

    [GeneratedRegex(@"^\s*port\s*=\s*(\d+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PortSetting();

    internal static int? ReadConfiguredPort(string configFile)
    {
        var match = PortSetting().Match(File.ReadAllText(configFile));
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null;
    }
}
