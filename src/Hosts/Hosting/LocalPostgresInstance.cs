using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Npgsql;

namespace Outreach.Hosting;

/// <summary>
/// The steps behind <see cref="LocalPostgres"/> for one data directory. Callers hold the cluster's file lock.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class LocalPostgresInstance
{
    private const int StartAttempts = 3;

    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private readonly string? _serviceAccount;
    private readonly LocalPostgresSettings _settings;
    private readonly Action<string>? _report;
    private readonly LocalPostgresSecrets _secrets;

    /// <param name="binDirectory">Folder with initdb and pg_ctl.</param>
    /// <param name="dataDirectory">Absolute, normalised data directory.</param>
    /// <param name="serviceAccount">OS user to run the tools as (through runuser), or <see langword="null"/> for the current user.</param>
    /// <param name="settings">Database name and time-outs.</param>
    /// <param name="report">Receives progress sentences.</param>
    public LocalPostgresInstance(string binDirectory, string dataDirectory, string? serviceAccount, LocalPostgresSettings settings, Action<string>? report)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
        _serviceAccount = serviceAccount;
        _settings = settings;
        _report = report;
        _secrets = LocalPostgresSecrets.For(dataDirectory);
    }

    private enum DataDirectoryState
    {
        Empty,
        Ready,
    }

    private string PidFile => Path.Combine(_dataDirectory, "postmaster.pid");

    private string ConfigFile => Path.Combine(_dataDirectory, LocalPostgres.ConfigFileName);

    private string LogFile => Path.Combine(_dataDirectory, LocalPostgres.ServerLogFileName);

    private string HbaFile => Path.Combine(_dataDirectory, "pg_hba.conf");

    /// <summary>The only way in: SCRAM passwords over TCP from 127.0.0.1 (the server has no Unix socket).</summary>
    internal const string HbaText = """
        # Written by Outreach: the private cluster accepts SCRAM passwords over TCP from 127.0.0.1 only (ADR 19).
        # The passwords are in the secrets folder next to this data directory, readable by its OS user only.
        host    all    all    127.0.0.1/32    scram-sha-256
        # A streaming standby (pg_basebackup -R) is made by the cluster's superuser, with its password (ADR 37).
        host    replication    outreach    127.0.0.1/32    scram-sha-256

        """;

    public async Task<LocalPostgresCluster> EnsureStartedAsync(CancellationToken ct)
    {
        if (InspectDataDirectory() == DataDirectoryState.Empty)
        {
            await InitialiseAsync(ct).ConfigureAwait(false);
        }

        CheckSecretsPresent();
        var runningPort = await FindRunningServerAsync(ct).ConfigureAwait(false);
        var startedNow = runningPort is null;
        var port = runningPort ?? await StartAsync(ct).ConfigureAwait(false);
        await SecureAsync(port, ct).ConfigureAwait(false);
        if (startedNow || !await InPlaceForApplicationAsync(port, ct).ConfigureAwait(false))
        {
            await EnsureDatabaseAsync(port, ct).ConfigureAwait(false);
            await EnsureRolesAsync(port, ct).ConfigureAwait(false);
        }

        _report?.Invoke(HostingText.Format("cluster.using", _dataDirectory, port, HostingText.Format(startedNow ? "cluster.started-now" : "cluster.already-running")));
        var database = _settings.DatabaseName;
        return new LocalPostgresCluster(SuperuserConnection(port, database, forAdministration: false), _dataDirectory, port, _binDirectory, startedNow)
        {
            OwnerConnectionString = LocalPostgres.BuildConnectionString(
                port, database, false, LocalPostgres.OwnerRoleName, _secrets.ReadOrCreate(LocalPostgres.OwnerRoleName)),
            // The application's statements are few and repeated (the append function, a stream's events, a document by
            // id): prepared once per connection, they are not planned again on every call (issue 13: commands 1.3-2x).
            ApplicationConnectionString = new NpgsqlConnectionStringBuilder(LocalPostgres.BuildConnectionString(
                port, database, false, LocalPostgres.ApplicationRoleName, _secrets.ReadOrCreate(LocalPostgres.ApplicationRoleName)))
            {
                MaxAutoPrepare = AutoPreparedStatements,
            }.ConnectionString,
            SecretsFolder = _secrets.Folder,
        };
    }

    /// <summary>How many statements each of the application's connections keeps prepared (Npgsql's <c>Max Auto Prepare</c>).</summary>
    internal const int AutoPreparedStatements = 64;

    private string SuperuserConnection(int port, string database, bool forAdministration) =>
        LocalPostgres.BuildConnectionString(port, database, forAdministration, LocalPostgres.SuperuserName, _secrets.Read(LocalPostgres.SuperuserName));

    /// <summary>
    /// Makes sure the cluster accepts passwords only. A cluster made by an older Outreach trusted every local connection:
    /// its superuser gets a password (set while trust still lets us in), then pg_hba.conf is replaced and reloaded.
    /// </summary>
    private async Task SecureAsync(int port, CancellationToken ct)
    {
        var hba = File.Exists(HbaFile) ? await File.ReadAllTextAsync(HbaFile, ct).ConfigureAwait(false) : string.Empty;
        if (hba == HbaText && _secrets.Has(LocalPostgres.SuperuserName))
        {
            return;
        }

        var trusting = Trusting(hba);
        var connection = new NpgsqlConnection(SuperuserConnection(port, "postgres", forAdministration: true));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            if (trusting)
            {
                var password = _secrets.ReadOrCreate(LocalPostgres.SuperuserName);
                await ExecuteAsync(connection, $"ALTER ROLE \"{LocalPostgres.SuperuserName}\" PASSWORD '{password}'", ct).ConfigureAwait(false);
            }

            await File.WriteAllTextAsync(HbaFile, HbaText, ct).ConfigureAwait(false);
            await ExecuteAsync(connection, "SELECT pg_reload_conf()", ct).ConfigureAwait(false);
        }

        NpgsqlConnection.ClearAllPools();
        if (trusting)
        {
            _report?.Invoke(HostingText.Format("cluster.secured", _dataDirectory, _secrets.Folder));
        }
    }

    private static bool Trusting(string hba) =>
        hba.Split('\n').Any(line => !line.TrimStart().StartsWith('#') && line.Contains("trust", StringComparison.Ordinal));

    /// <summary>Refuses early, with what to do, when the superuser's password is gone and the cluster does not trust us.</summary>
    private void CheckSecretsPresent()
    {
        if (_secrets.Has(LocalPostgres.SuperuserName) || (File.Exists(HbaFile) && Trusting(File.ReadAllText(HbaFile))))
        {
            return;
        }

        throw LocalPostgresUnavailableException.Of(
            "cluster.superuser-password-missing", _secrets.PathOf(LocalPostgres.SuperuserName), _dataDirectory, _secrets.Folder);
    }

    /// <summary>
    /// The schema owner and the application role, with their passwords; the database belongs to the owner, which is not a
    /// superuser, and objects an older Outreach created as the superuser are handed to it.
    /// </summary>
    private async Task EnsureRolesAsync(int port, CancellationToken ct)
    {
        var owner = LocalPostgres.OwnerRoleName;
        var app = LocalPostgres.ApplicationRoleName;
        var passwordsKnown = _secrets.Has(owner) && _secrets.Has(app);
        var ownerPassword = _secrets.ReadOrCreate(owner);
        var appPassword = _secrets.ReadOrCreate(app);
        var database = "\"" + _settings.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var connection = new NpgsqlConnection(SuperuserConnection(port, _settings.DatabaseName, forAdministration: true));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            if (passwordsKnown && await RolesInPlaceAsync(connection, ct).ConfigureAwait(false))
            {
                // The usual start: one read instead of the role and ownership DDL below.
                return;
            }

            await ExecuteAsync(connection, $$"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{owner}}') THEN CREATE ROLE {{owner}} LOGIN; END IF;
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{{app}}') THEN CREATE ROLE {{app}} LOGIN; END IF;
                END $$;
                ALTER ROLE {{owner}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{{ownerPassword}}';
                ALTER ROLE {{app}} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '{{appPassword}}';
                ALTER DATABASE {{database}} OWNER TO {{owner}};
                REVOKE ALL ON DATABASE {{database}} FROM PUBLIC;
                GRANT CONNECT, TEMPORARY ON DATABASE {{database}} TO {{app}};
                REVOKE ALL ON SCHEMA public FROM PUBLIC;
                DO $$ DECLARE r record; BEGIN
                  FOR r IN SELECT nspname FROM pg_namespace
                           WHERE nspowner = current_user::regrole AND nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'public') LOOP
                    EXECUTE format('ALTER SCHEMA %I OWNER TO {{owner}}', r.nspname);
                  END LOOP;
                  FOR r IN SELECT n.nspname, c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE c.relowner = current_user::regrole AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                             AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
                    EXECUTE format('ALTER %s %I.%I OWNER TO {{owner}}',
                      CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, r.nspname, r.relname);
                  END LOOP;
                  FOR r IN SELECT p.oid::regprocedure AS routine FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                           WHERE p.proowner = current_user::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema' LOOP
                    EXECUTE format('ALTER ROUTINE %s OWNER TO {{owner}}', r.routine);
                  END LOOP;
                END $$;
                """, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The usual start of a running cluster, without the superuser (issue 13): the application role connects to the
    /// database and reads the catalogue (<see cref="RolesInPlaceAsync"/>), which every role may read. Any failure (no
    /// database, no role, another password) or a role set-up out of place answers false, and the superuser puts it right.
    /// </summary>
    private async Task<bool> InPlaceForApplicationAsync(int port, CancellationToken ct)
    {
        if (!_secrets.Has(LocalPostgres.OwnerRoleName) || !_secrets.Has(LocalPostgres.ApplicationRoleName))
        {
            return false;
        }

        var builder = new NpgsqlDataSourceBuilder(LocalPostgres.BuildConnectionString(
            port, _settings.DatabaseName, forAdministration: true, LocalPostgres.ApplicationRoleName, _secrets.Read(LocalPostgres.ApplicationRoleName)));
        // One catalogue read: the type information Npgsql loads for a new connection would cost more than the read.
        builder.ConfigureTypeLoading(types => types.EnableTypeLoading(false));
        try
        {
            var source = builder.Build();
            await using (source.ConfigureAwait(false))
            {
                var connection = await source.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    return await RolesInPlaceAsync(connection, ct).ConfigureAwait(false);
                }
            }
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether both roles exist without special rights, own the database, and the superuser owns nothing of ours. Reads
    /// only the catalogue, so any role connected to the database may ask.
    /// </summary>
    private static async Task<bool> RolesInPlaceAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var command = new NpgsqlCommand(
            $$"""
            SELECT (SELECT count(*) FROM pg_roles WHERE rolname IN ('{{LocalPostgres.OwnerRoleName}}', '{{LocalPostgres.ApplicationRoleName}}')
                      AND NOT rolsuper AND NOT rolcreatedb AND NOT rolcreaterole AND rolcanlogin) = 2
               AND (SELECT datdba::regrole::text FROM pg_database WHERE datname = current_database()) = '{{LocalPostgres.OwnerRoleName}}'
               AND NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspowner = '{{LocalPostgres.SuperuserName}}'::regrole
                                 AND nspname NOT LIKE 'pg\_%' AND nspname NOT IN ('information_schema', 'public'))
               AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE c.relowner = '{{LocalPostgres.SuperuserName}}'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema')
               AND NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                                WHERE p.proowner = '{{LocalPostgres.SuperuserName}}'::regrole AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema')
            """, connection);
        await using (command.ConfigureAwait(false))
        {
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) is true;
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var command = new NpgsqlCommand(sql, connection);
        await using (command.ConfigureAwait(false))
        {
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken ct)
    {
        if (!File.Exists(PidFile))
        {
            return;
        }

        if (ReadPidFile() is not { } pid || !ChildProcess.IsLivePostgresProcess(pid.ProcessId))
        {
            return; // Not running; a stale postmaster.pid is dealt with by the next start.
        }

        var result = await RunToolAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], ct).ConfigureAwait(false);
        if (!result.Succeeded && File.Exists(PidFile))
        {
            throw LocalPostgresUnavailableException.Of("cluster.stop-failed", _dataDirectory, result.Output);
        }
    }

    private DataDirectoryState InspectDataDirectory()
    {
        if (!Directory.Exists(_dataDirectory))
        {
            return DataDirectoryState.Empty;
        }

        try
        {
            if (File.Exists(ConfigFile))
            {
                return DataDirectoryState.Ready;
            }

            if (!Directory.EnumerateFileSystemEntries(_dataDirectory).Any())
            {
                return DataDirectoryState.Empty;
            }
        }
        catch (UnauthorizedAccessException ex)
        {
            throw LocalPostgresUnavailableException.Of(
                ex,
                "cluster.data-directory-unreadable",
                _dataDirectory,
                ex.Message,
                (object?)_serviceAccount ?? new HostingTerm("cluster.current-os-user"),
                LocalPostgres.DataDirectoryVariable);
        }

        if (File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            throw LocalPostgresUnavailableException.Of(
                "cluster.setup-unfinished", _dataDirectory, LocalPostgres.ConfigFileName, LocalPostgres.DataDirectoryVariable);
        }

        throw LocalPostgresUnavailableException.Of("cluster.data-directory-not-empty", _dataDirectory, LocalPostgres.DataDirectoryVariable);
    }

    private async Task InitialiseAsync(CancellationToken ct)
    {
        _report?.Invoke(HostingText.Format("cluster.creating", _dataDirectory));
        Directory.CreateDirectory(_dataDirectory);
        File.SetUnixFileMode(_dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (_serviceAccount is not null)
        {
            await ChangeOwnerAsync(_dataDirectory, ct).ConfigureAwait(false);
            await CheckServiceAccountCanWriteAsync(ct).ConfigureAwait(false);
        }

        // initdb reads the superuser's password from a file the server's OS user can read; it is deleted right after.
        var passwordFolder = Directory.CreateTempSubdirectory("outreach-initdb-");
        try
        {
            var passwordFile = Path.Combine(passwordFolder.FullName, "pw");
            await File.WriteAllTextAsync(passwordFile, _secrets.ReadOrCreate(LocalPostgres.SuperuserName) + "\n", ct).ConfigureAwait(false);
            File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (_serviceAccount is not null)
            {
                await ChangeOwnerAsync(passwordFolder.FullName, ct).ConfigureAwait(false);
                await ChangeOwnerAsync(passwordFile, ct).ConfigureAwait(false);
            }

            var result = await RunToolAsync("initdb", InitDbArguments("--locale=C.UTF-8", passwordFile), ct).ConfigureAwait(false);
            if (!result.Succeeded && result.Output.Contains("locale", StringComparison.OrdinalIgnoreCase))
            {
                // No C.UTF-8 locale on this system: fall back to plain C collation with UTF-8 encoding.
                ClearDataDirectory();
                result = await RunToolAsync("initdb", InitDbArguments("--no-locale", passwordFile), ct).ConfigureAwait(false);
            }

            passwordFolder.Delete(recursive: true);

            if (!result.Succeeded)
            {
                throw LocalPostgresUnavailableException.Of("cluster.initdb-failed", _dataDirectory, result.Output);
            }

            await File.WriteAllTextAsync(HbaFile, HbaText, ct).ConfigureAwait(false);
            await File.AppendAllTextAsync(
                Path.Combine(_dataDirectory, "postgresql.conf"),
                $"{Environment.NewLine}# Added by Outreach: listen on 127.0.0.1 only, over TCP only, on the port remembered in {LocalPostgres.ConfigFileName}.{Environment.NewLine}"
                + $"include = '{LocalPostgres.ConfigFileName}'{Environment.NewLine}",
                ct).ConfigureAwait(false);

            // Written last: its presence marks a finished set-up.
            await WriteConfigAsync(LocalPostgres.ChooseFreePort(), ct).ConfigureAwait(false);
        }
        catch
        {
            ClearDataDirectory();
            if (Directory.Exists(passwordFolder.FullName))
            {
                passwordFolder.Delete(recursive: true);
            }

            throw;
        }
    }

    private string[] InitDbArguments(string localeOption, string passwordFile) =>
        ["-D", _dataDirectory, "-U", LocalPostgres.SuperuserName, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", localeOption];

    private async Task CheckServiceAccountCanWriteAsync(CancellationToken ct)
    {
        var test = ChildProcess.FindOnPath("test");
        var runuser = ChildProcess.FindOnPath("runuser");
        if (test is null || runuser is null)
        {
            return;
        }

        var result = await ChildProcess.RunAsync(runuser, ["-u", _serviceAccount!, "--", test, "-w", _dataDirectory], ct).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return;
        }

        var blocking = EnumerateAncestors(_dataDirectory)
            .FirstOrDefault(folder => (File.GetUnixFileMode(folder) & UnixFileMode.OtherExecute) == 0);
        object hint = blocking is null ? string.Empty : new HostingTerm("cluster.folder-not-searchable", blocking);
        throw LocalPostgresUnavailableException.Of(
            "cluster.service-account-cannot-write",
            _serviceAccount,
            _dataDirectory,
            hint,
            LocalPostgres.DataDirectoryVariable,
            LocalPostgres.RootDataDirectory);
    }

    private static IEnumerable<string> EnumerateAncestors(string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            yield return folder;
        }
    }

    private void ClearDataDirectory()
    {
        if (!Directory.Exists(_dataDirectory))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(_dataDirectory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo folder)
            {
                folder.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    /// <summary>Port of our server when it is running (waiting while it starts up), or <see langword="null"/> when it is not.</summary>
    private async Task<int?> FindRunningServerAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        var reported = false;
        while (File.Exists(PidFile))
        {
            var pid = ReadPidFile();
            if (pid is not null && (IsReadyServerFor(pid) || await IsServerForAsync(pid, ct).ConfigureAwait(false)))
            {
                return pid.Port;
            }

            if (pid is null || !ChildProcess.IsLivePostgresProcess(pid.ProcessId))
            {
                return null; // A stale postmaster.pid from a crash; StartAsync clears it.
            }

            if (deadline.Elapsed > _settings.StartTimeout)
            {
                throw LocalPostgresUnavailableException.Of("cluster.server-not-answering", pid.ProcessId, _dataDirectory, pid.Port, LogFile);
            }

            if (!reported)
            {
                reported = true;
                _report?.Invoke(HostingText.Format("cluster.waiting-server", _dataDirectory, pid.ProcessId));
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
        }

        return null;
    }

    private async Task<int> StartAsync(CancellationToken ct)
    {
        var port = File.Exists(ConfigFile) ? LocalPostgres.ReadConfiguredPort(ConfigFile) : null;
        if (port is null)
        {
            port = LocalPostgres.ChooseFreePort();
            await WriteConfigAsync(port.Value, ct).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            if (!LocalPostgres.IsPortFree(port.Value))
            {
                var next = LocalPostgres.ChooseFreePort(avoid: port);
                _report?.Invoke(HostingText.Format("cluster.port-moved", port, next));
                await WriteConfigAsync(next, ct).ConfigureAwait(false);
                port = next;
            }

            await RemoveStalePidFileAsync(ct).ConfigureAwait(false);
            var logLength = File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;
            var timeout = Math.Max(1, (int)Math.Ceiling(_settings.StartTimeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            var result = await RunToolAsync("pg_ctl", ["-D", _dataDirectory, "-l", LogFile, "-w", "-t", timeout, "start"], ct).ConfigureAwait(false);
            if (result.Succeeded)
            {
                return port.Value;
            }

            var log = ReadLogSince(logLength);
            if (ReadPidFile() is { } pid && ChildProcess.IsLivePostgresProcess(pid.ProcessId))
            {
                throw LocalPostgresUnavailableException.Of("cluster.start-timeout", _dataDirectory, timeout, LogFile);
            }

            // Somebody grabbed the port between our check and the server's bind, or the shared memory of a crashed
            // server is still being released: both go away on a retry.
            var transient = !LocalPostgres.IsPortFree(port.Value)
                || log.Contains("pre-existing shared memory block", StringComparison.Ordinal);
            if (!transient || attempt == StartAttempts)
            {
                throw LocalPostgresUnavailableException.Of("cluster.start-failed", _dataDirectory, port, result.Output, LogFile, log);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500 * attempt), ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes postmaster.pid when no PostgreSQL process has its PID any more (crash, reboot, PID reuse). PostgreSQL
    /// copes with most stale pid files itself, but not when the PID now belongs to another process of the same user,
    /// nor when the killed postmaster lingers as a zombie because nothing reaps it (common in containers).
    /// Before deleting, waits until no orphaned backend of the dead server is still attached to its shared memory:
    /// that is the interlock PostgreSQL would otherwise have done with the pid file.
    /// </summary>
    private async Task RemoveStalePidFileAsync(CancellationToken ct)
    {
        if (!File.Exists(PidFile))
        {
            return;
        }

        var pid = ReadPidFile();
        if (pid is not null && ChildProcess.IsLivePostgresProcess(pid.ProcessId))
        {
            return;
        }

        if (pid?.SharedMemory is { } segment)
        {
            var waited = Stopwatch.StartNew();
            while (IsSharedMemoryAttached(segment))
            {
                if (waited.Elapsed > _settings.StartTimeout)
                {
                    throw LocalPostgresUnavailableException.Of("cluster.shared-memory-attached", _dataDirectory, segment.Id);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false);
            }
        }

        _report?.Invoke(HostingText.Format("cluster.stale-pid", _dataDirectory));
        File.Delete(PidFile);
    }

    /// <summary>Whether a System V shared memory segment with this key and id exists and has processes attached (Linux).</summary>
    private static bool IsSharedMemoryAttached(SharedMemorySegment segment)
    {
        const string table = "/proc/sysvipc/shm";
        try
        {
            // Columns: key shmid perms size cpid lpid nattch …
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length >= 7
                    && columns[0] == segment.Key.ToString(CultureInfo.InvariantCulture)
                    && columns[1] == segment.Id.ToString(CultureInfo.InvariantCulture))
                {
                    return columns[6] != "0";
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return false;
    }

    private async Task EnsureDatabaseAsync(int port, CancellationToken ct)
    {
        var name = _settings.DatabaseName;
        if (name == "postgres")
        {
            return;
        }

        var connection = new NpgsqlConnection(SuperuserConnection(port, "postgres", forAdministration: true));
        await using (connection.ConfigureAwait(false))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            await using (exists.ConfigureAwait(false))
            {
                exists.Parameters.Add(new NpgsqlParameter { Value = name });
                if (await exists.ExecuteScalarAsync(ct).ConfigureAwait(false) is not null)
                {
                    return;
                }
            }

            var quoted = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            var create = new NpgsqlCommand("CREATE DATABASE " + quoted, connection);
            await using (create.ConfigureAwait(false))
            {
                try
                {
                    await create.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    _report?.Invoke(HostingText.Format("cluster.database-created", name));
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
                {
                    // Created by someone else in the meantime: fine.
                }
            }
        }
    }

    /// <summary>Whether the server on the pid file's port is the one that wrote the pid file.</summary>
    /// <summary>
    /// True when postmaster.pid says the server is ready and its process is a live postgres server working in our data
    /// directory (the postmaster makes the data directory its working directory): no connection needed (issue 13). False
    /// when any of it cannot be told, and <see cref="IsServerForAsync"/> asks the server itself.
    /// </summary>
    private bool IsReadyServerFor(PidFileContents pid)
    {
        if (pid.Status != "ready" || !ChildProcess.IsLivePostgresProcess(pid.ProcessId))
        {
            return false;
        }

        try
        {
            var cwd = new DirectoryInfo($"/proc/{pid.ProcessId.ToString(CultureInfo.InvariantCulture)}/cwd").LinkTarget;
            return cwd is not null && string.Equals(cwd.TrimEnd('/'), _dataDirectory.TrimEnd('/'), StringComparison.Ordinal);
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

    private async Task<bool> IsServerForAsync(PidFileContents pid, CancellationToken ct)
    {
        try
        {
            var connection = new NpgsqlConnection(SuperuserConnection(pid.Port, "postgres", forAdministration: true));
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(ct).ConfigureAwait(false);
                var command = new NpgsqlCommand("SHOW data_directory", connection);
                await using (command.ConfigureAwait(false))
                {
                    var directory = await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
                    return string.Equals(directory?.TrimEnd('/'), pid.DataDirectory.TrimEnd('/'), StringComparison.Ordinal);
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState.StartsWith("28", StringComparison.Ordinal))
        {
            throw LocalPostgresUnavailableException.Of(
                ex, "cluster.secrets-mismatch", pid.DataDirectory, _secrets.PathOf(LocalPostgres.SuperuserName), ex.SqlState, ex.MessageText, _secrets.Folder);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    private sealed record SharedMemorySegment(long Key, long Id);

    private sealed record PidFileContents(int ProcessId, string DataDirectory, int Port, SharedMemorySegment? SharedMemory)
    {
        /// <summary>Line 8: <c>ready</c> once the server accepts connections (<c>starting</c>, <c>stopping</c> before and after).</summary>
        public string? Status { get; init; }
    }

    /// <summary>Reads postmaster.pid: line 1 PID, line 2 data directory, line 4 port, line 7 shared memory key and id.</summary>
    private PidFileContents? ReadPidFile()
    {
        try
        {
            var lines = File.ReadAllLines(PidFile);
            if (lines.Length >= 4
                && int.TryParse(lines[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
                && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
            {
                SharedMemorySegment? segment = null;
                var shm = lines.Length >= 7 ? lines[6].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
                if (shm.Length == 2
                    && long.TryParse(shm[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var key)
                    && long.TryParse(shm[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                {
                    segment = new SharedMemorySegment(key, id);
                }

                return new PidFileContents(processId, lines[1].Trim(), port, segment) { Status = lines.Length >= 8 ? lines[7].Trim() : null };
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }

    private string ReadLogSince(long offset)
    {
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(offset, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(Environment.NewLine, lines.TakeLast(20));
        }
        catch (IOException)
        {
            return HostingText.Format("cluster.no-server-log");
        }
        catch (UnauthorizedAccessException)
        {
            return HostingText.Format("cluster.server-log-unreadable");
        }
    }

    private async Task WriteConfigAsync(int port, CancellationToken ct)
    {
        var text = string.Join(
            '\n',
            "# Written by Outreach (LocalPostgres). Outreach rewrites the port when another program has taken it.",
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            $"port = {port.ToString(CultureInfo.InvariantCulture)}",
            string.Empty);
        var temporary = ConfigFile + ".tmp";
        await File.WriteAllTextAsync(temporary, text, ct).ConfigureAwait(false);
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (_serviceAccount is not null)
        {
            await ChangeOwnerAsync(temporary, ct).ConfigureAwait(false);
        }

        File.Move(temporary, ConfigFile, overwrite: true);
    }

    private async Task ChangeOwnerAsync(string path, CancellationToken ct)
    {
        var chown = ChildProcess.FindOnPath("chown")
            ?? throw LocalPostgresUnavailableException.Of("cluster.chown-missing", _serviceAccount);
        var result = await ChildProcess.RunAsync(chown, [_serviceAccount + ":", path], ct).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw LocalPostgresUnavailableException.Of("cluster.chown-failed", path, _serviceAccount, result.Output);
        }
    }

    private Task<ChildProcessResult> RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var executable = Path.Combine(_binDirectory, tool);
        if (_serviceAccount is null)
        {
            return ChildProcess.RunAsync(executable, arguments, ct);
        }

        var runuser = ChildProcess.FindOnPath("runuser")
            ?? throw LocalPostgresUnavailableException.Of("cluster.runuser-missing", _serviceAccount);
        return ChildProcess.RunAsync(runuser, ["-u", _serviceAccount, "--", executable, .. arguments], ct);
    }
}
