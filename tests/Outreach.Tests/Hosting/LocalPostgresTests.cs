using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Outreach.Hosting;

namespace Outreach.Tests.Hosting;

/// <summary>
/// Creates real private PostgreSQL clusters in temporary folders under /tmp (owned by the postgres OS user when the
/// tests run as root) and stops and deletes them afterwards.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class LocalPostgresTests
{
    private const string DatabaseName = "outreach_test";

    private readonly ConcurrentQueue<string> _reports = new();
    private readonly ConcurrentBag<LocalPostgresCluster> _clusters = [];
    private readonly List<Process> _helpers = [];
    private string _root = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Path.Combine(Path.GetTempPath(), "outreach-pg-test-" + Guid.NewGuid().ToString("N")[..12]);
        _reports.Clear();
        _clusters.Clear();
        _helpers.Clear();
    }

    [TearDown]
    public async Task TearDown()
    {
        foreach (var helper in _helpers)
        {
            StopHelper(helper);
        }

        foreach (var cluster in _clusters.DistinctBy(c => c.DataDirectory))
        {
            await LocalPostgres.StopAsync(cluster);
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Test]
    public async Task FirstCall_InitialisesAndStartsTheCluster_AndItAnswersQueries()
    {
        RequireServerBinaries();
        var settings = Settings();

        var cluster = await StartAsync(settings);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(cluster.StartedNow, Is.True);
            Assert.That(cluster.DataDirectory, Is.EqualTo(settings.DataDirectory));
            Assert.That(File.Exists(Path.Combine(cluster.DataDirectory, "PG_VERSION")), Is.True);
            Assert.That(File.Exists(Path.Combine(cluster.DataDirectory, "outreach.conf")), Is.True);
            Assert.That(File.Exists(Path.Combine(cluster.BinDirectory, "pg_ctl")), Is.True);
            Assert.That(new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password, Has.Length.GreaterThanOrEqualTo(32));
            Assert.That(File.GetUnixFileMode(cluster.SecretsFolder), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
            Assert.That(File.ReadAllText(Path.Combine(cluster.DataDirectory, "pg_hba.conf")), Is.EqualTo(LocalPostgresInstance.HbaText));
            Assert.That(
                _reports,
                Has.Some.EqualTo($"Using the private PostgreSQL cluster at {cluster.DataDirectory} (127.0.0.1:{cluster.Port}, started now)"));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await QueryAsync(cluster, "SELECT current_database()"), Is.EqualTo(DatabaseName));
            Assert.That(await QueryAsync(cluster, "SELECT current_user"), Is.EqualTo("outreach"));
            Assert.That(await QueryAsync(cluster, "SHOW listen_addresses"), Is.EqualTo("127.0.0.1"));
            Assert.That(await QueryAsync(cluster, "SHOW unix_socket_directories"), Is.EqualTo(string.Empty));
            Assert.That(await QueryAsync(cluster, "SHOW server_encoding"), Is.EqualTo("UTF8"));
            Assert.That(await QueryAsync(cluster, "SHOW port"), Is.EqualTo(cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [Test]
    public async Task SecondCall_ReusesTheRunningCluster()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        var startTime = await QueryAsync(first, "SELECT pg_postmaster_start_time()");

        var second = await StartAsync(Settings());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.StartedNow, Is.False);
            Assert.That(second.Port, Is.EqualTo(first.Port));
            Assert.That(second.ConnectionString, Is.EqualTo(first.ConnectionString));
            Assert.That(await QueryAsync(second, "SELECT pg_postmaster_start_time()"), Is.EqualTo(startTime), "the server must not have been restarted");
            Assert.That(_reports.Last(), Does.EndWith($"(127.0.0.1:{first.Port}, already running)"));
        }
    }

    [Test]
    public async Task StartAfterStop_UsesTheRememberedPort_AndKeepsTheData()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        await ExecuteAsync(first, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
        await LocalPostgres.StopAsync(first);
        Assert.That(File.Exists(Path.Combine(first.DataDirectory, "postmaster.pid")), Is.False, "the server should be stopped");

        var again = await StartAsync(Settings());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StartedNow, Is.True);
            Assert.That(again.Port, Is.EqualTo(first.Port));
            Assert.That(await QueryAsync(again, "SELECT id FROM kept"), Is.EqualTo(42));
            Assert.That(_reports.Count(r => r.StartsWith("Creating a private PostgreSQL cluster", StringComparison.Ordinal)), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task RememberedPortTakenByAnotherProgram_MovesToAFreePort_AndRemembersIt()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        await LocalPostgres.StopAsync(first);

        LocalPostgresCluster moved;
        using (var squatter = new TcpListener(IPAddress.Loopback, first.Port))
        {
            squatter.Start();
            moved = await StartAsync(Settings());
            squatter.Stop();
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(moved.StartedNow, Is.True);
            Assert.That(moved.Port, Is.Not.EqualTo(first.Port));
            Assert.That(await QueryAsync(moved, "SELECT 1"), Is.EqualTo(1));
            Assert.That(_reports, Has.Some.Contains($"Port {first.Port} on 127.0.0.1 is taken by another program"));
        }

        await LocalPostgres.StopAsync(moved);
        var later = await StartAsync(Settings());
        Assert.That(later.Port, Is.EqualTo(moved.Port), "the new port should be remembered even once the old one is free again");
    }

    [Test]
    public async Task ConcurrentCalls_InitialiseOnce_AndAllConnectToTheSameCluster()
    {
        RequireServerBinaries();
        var settings = Settings();

        var clusters = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => StartAsync(settings))));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clusters.Count(c => c.StartedNow), Is.EqualTo(1), "exactly one caller starts the server");
            Assert.That(clusters.Select(c => c.Port).Distinct().Count(), Is.EqualTo(1));
            Assert.That(_reports.Count(r => r.StartsWith("Creating a private PostgreSQL cluster", StringComparison.Ordinal)), Is.EqualTo(1), "initdb must run once");
            foreach (var cluster in clusters)
            {
                Assert.That(await QueryAsync(cluster, "SELECT current_database()"), Is.EqualTo(DatabaseName));
            }
        }
    }

    [Test]
    public async Task LockHeldByAnotherProcess_IsWaitedFor_ThenTheClusterStarts()
    {
        RequireServerBinaries();
        var settings = Settings();
        var flock = StartFlockHolder(settings.DataDirectory + ".lock", seconds: 2);

        var clock = Stopwatch.StartNew();
        var cluster = await StartAsync(settings);
        clock.Stop();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(clock.Elapsed, Is.GreaterThan(TimeSpan.FromSeconds(1.2)), "EnsureStartedAsync must wait for the other process's lock");
            Assert.That(flock.HasExited, Is.True);
            Assert.That(cluster.StartedNow, Is.True);
            Assert.That(_reports, Has.Some.StartsWith("Waiting for another Outreach process"));
            Assert.That(await QueryAsync(cluster, "SELECT 1"), Is.EqualTo(1));
        }
    }

    [Test]
    public void LockHeldTooLong_FailsWithAMessageNamingTheLockFile()
    {
        RequireServerBinaries();
        var settings = Settings() with { LockTimeout = TimeSpan.FromSeconds(1) };
        var lockFile = settings.DataDirectory + ".lock";
        StartFlockHolder(lockFile, seconds: 60);

        var error = Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => StartAsync(settings));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.Contain(lockFile));
            Assert.That(error.Message, Does.Contain("OUTREACH_CONNECTION"));
            Assert.That(Directory.Exists(settings.DataDirectory), Is.False, "nothing may be created without the lock");
        }
    }

    [Test]
    public async Task FileLock_ExcludesASecondHolderInTheSameProcess_UntilReleased()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "test.lock");
        var first = await CrossProcessFileLock.AcquireAsync(path, TimeSpan.FromSeconds(5), null, _ => new TimeoutException(), CancellationToken.None);

        var second = CrossProcessFileLock.AcquireAsync(path, TimeSpan.FromSeconds(5), null, _ => new TimeoutException(), CancellationToken.None);
        await Task.Delay(500);
        Assert.That(second.IsCompleted, Is.False, "the second acquisition must wait while the first holds the lock");

        first.Dispose();
        using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.That(acquired, Is.Not.Null);
    }

    [Test]
    public async Task KilledServer_LeavesAStalePidFile_ThatDoesNotWedgeTheNextStart()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        var pidFile = Path.Combine(first.DataDirectory, "postmaster.pid");
        var postmaster = int.Parse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture);

        using (var process = Process.GetProcessById(postmaster))
        {
            process.Kill(); // SIGKILL: no clean shutdown, postmaster.pid stays behind.
        }

        await WaitUntilAsync(() => !ChildProcess.IsLivePostgresProcess(postmaster), TimeSpan.FromSeconds(10));
        using (var pooled = new NpgsqlConnection(first.ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        Assert.That(File.Exists(pidFile), Is.True, "precondition: the crash leaves postmaster.pid behind");

        var again = await StartAsync(Settings());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StartedNow, Is.True);
            Assert.That(await QueryAsync(again, "SELECT 1"), Is.EqualTo(1));
            Assert.That(await QueryAsync(again, "SELECT pg_backend_pid() <> 0"), Is.True);
        }
    }

    [Test]
    public async Task PidFileNamingAnUnrelatedLiveProcess_IsTreatedAsStale()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        await LocalPostgres.StopAsync(first);

        // After a reboot or container restart the PID in an old postmaster.pid often belongs to some other process
        // of the same user; PostgreSQL alone would refuse to start ("lock file already exists").
        var unrelated = StartHelperAsServiceUser("echo $$; exec sleep 60");
        var unrelatedPid = int.Parse(unrelated.StandardOutput.ReadLine()!, System.Globalization.CultureInfo.InvariantCulture);
        var pidFile = Path.Combine(first.DataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, $"{unrelatedPid}\n{first.DataDirectory}\n1700000000\n{first.Port}\n\n127.0.0.1\n  0 0\nready   \n");
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", "postgres:", pidFile);
        }

        var again = await StartAsync(Settings());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.StartedNow, Is.True);
            Assert.That(await QueryAsync(again, "SELECT 1"), Is.EqualTo(1));
            Assert.That(unrelated.HasExited, Is.False, "the unrelated process must be left alone");
            Assert.That(_reports, Has.Some.StartsWith("Removing a stale postmaster.pid"));
        }
    }

    [Test]
    public void MissingBinaries_ThrowUnavailableException_SayingWhatIsMissingAndWhatToDo()
    {
        var emptyRoot = Path.Combine(_root, "no-postgres-here");
        Directory.CreateDirectory(emptyRoot);
        var settings = Settings() with { SearchPath = [], VersionRoots = [emptyRoot] };

        var error = Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => LocalPostgres.EnsureStartedAsync(settings));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Message, Does.StartWith("PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under " + emptyRoot + "/*/bin."));
            Assert.That(error.Message, Does.Contain("sudo apt-get install postgresql"));
            Assert.That(error.Message, Does.Contain("--connection or OUTREACH_CONNECTION"));
            Assert.That(Directory.Exists(settings.DataDirectory), Is.False);
        }
    }

    [Test]
    public void ConfiguredBinDirectoryWithoutTheTools_ThrowsUnavailableException()
    {
        var folder = Path.Combine(_root, "bin");
        Directory.CreateDirectory(folder);
        WriteFakeTool(folder, "initdb");

        var error = Assert.ThrowsAsync<LocalPostgresUnavailableException>(
            () => LocalPostgres.EnsureStartedAsync(Settings() with { BinDirectory = folder }));

        Assert.That(error!.Message, Does.Contain("(pg_ctl) were not found in " + folder));
    }

    [Test]
    public void BinarySearch_PrefersAPathEntry_ThenTheHighestCompleteVersion()
    {
        var versions = Path.Combine(_root, "lib-postgresql");
        foreach (var version in new[] { "9.6", "13", "15", "not-a-version" })
        {
            var bin = Path.Combine(versions, version, "bin");
            Directory.CreateDirectory(bin);
            WriteFakeTool(bin, "initdb");
            WriteFakeTool(bin, "pg_ctl");
        }

        var incomplete = Path.Combine(versions, "17", "bin");
        Directory.CreateDirectory(incomplete);
        WriteFakeTool(incomplete, "initdb");

        var onPath = Path.Combine(_root, "path-bin");
        Directory.CreateDirectory(onPath);
        WriteFakeTool(onPath, "initdb");
        WriteFakeTool(onPath, "pg_ctl");
        var nothing = Path.Combine(_root, "empty");
        Directory.CreateDirectory(nothing);
        var linked = Path.Combine(_root, "linked-bin");
        Directory.CreateDirectory(linked);
        File.CreateSymbolicLink(Path.Combine(linked, "initdb"), Path.Combine(versions, "13", "bin", "initdb"));
        File.CreateSymbolicLink(Path.Combine(linked, "pg_ctl"), Path.Combine(versions, "13", "bin", "pg_ctl"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                LocalPostgres.FindBinDirectory(new LocalPostgresSettings { SearchPath = [nothing], VersionRoots = [versions] }),
                Is.EqualTo(Path.Combine(versions, "15", "bin")));
            Assert.That(
                LocalPostgres.FindBinDirectory(new LocalPostgresSettings { SearchPath = [nothing, onPath], VersionRoots = [versions] }),
                Is.EqualTo(onPath));
            Assert.That(
                LocalPostgres.FindBinDirectory(new LocalPostgresSettings { SearchPath = [linked, onPath], VersionRoots = [versions] }),
                Is.EqualTo(Path.Combine(versions, "13", "bin")),
                "a PATH entry holding symlinks is reported as the folder the links point to");
        }
    }

    [Test]
    public async Task Connection_ExplicitOptionWins_AndThePasswordIsMasked()
    {
        var reports = new List<string>();
        const string explicitConnection = "Host=db.example.org;Username=clerk;Password=s3cret-pw;Database=outreach";

        var resolved = await OutreachConnection.ResolveAsync(
            explicitConnection,
            _ => "Host=from-environment",
            Unavailable(),
            reports.Add,
            CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resolved, Is.EqualTo(explicitConnection));
            Assert.That(reports, Has.Count.EqualTo(1));
            Assert.That(reports[0], Does.StartWith("Using the PostgreSQL server given by --connection: "));
            Assert.That(reports[0], Does.Contain("db.example.org").And.Contain("***").And.Not.Contain("s3cret-pw"));
        }
    }

    [Test]
    public async Task Connection_EnvironmentVariableIsUsed_WhenNoExplicitOptionIsGiven()
    {
        var reports = new List<string>();
        const string fromEnvironment = "Host=env.example.org;Username=clerk;Password=env-secret";

        var resolved = await OutreachConnection.ResolveAsync(
            "  ",
            name => name == "OUTREACH_CONNECTION" ? fromEnvironment : null,
            Unavailable(),
            reports.Add,
            CancellationToken.None);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resolved, Is.EqualTo(fromEnvironment));
            Assert.That(reports.Single(), Does.StartWith("Using the PostgreSQL server given by OUTREACH_CONNECTION: "));
            Assert.That(reports.Single(), Does.Not.Contain("env-secret"));
        }
    }

    [Test]
    public async Task Connection_FallsBackToThePrivateCluster_WhenNothingIsGiven()
    {
        RequireServerBinaries();
        var settings = Settings();

        var resolved = await OutreachConnection.ResolveAsync(null, _ => null, settings, _reports.Enqueue, CancellationToken.None);
        var cluster = await StartAsync(settings);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resolved, Is.EqualTo(cluster.ApplicationConnectionString));
            Assert.That(new NpgsqlConnectionStringBuilder(resolved).Username, Is.EqualTo(LocalPostgres.ApplicationRoleName));
            Assert.That(cluster.StartedNow, Is.False);
            Assert.That(_reports, Has.Some.StartsWith($"Using the private PostgreSQL cluster at {settings.DataDirectory}"));
        }
    }

    [Test]
    public async Task EveryRole_NeedsItsPassword_AndOnlyTheSuperuserIsOne()
    {
        RequireServerBinaries();
        var cluster = await StartAsync(Settings());

        foreach (var connection in new[] { cluster.ConnectionString, cluster.OwnerConnectionString, cluster.ApplicationConnectionString })
        {
            var withoutPassword = new NpgsqlConnectionStringBuilder(connection) { Password = null, Pooling = false }.ConnectionString;
            var wrongPassword = new NpgsqlConnectionStringBuilder(connection) { Password = "guess", Pooling = false }.ConnectionString;
            Assert.That(async () => await OpenAsync(withoutPassword), Throws.InstanceOf<NpgsqlException>(), withoutPassword);
            var refused = Assert.ThrowsAsync<PostgresException>(async () => await OpenAsync(wrongPassword));
            Assert.That(refused!.SqlState, Is.EqualTo("28P01"));
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await QueryAsync(cluster, "select rolsuper from pg_roles where rolname = current_user"), Is.True);
            Assert.That(await QueryAsync(cluster.OwnerConnectionString, "select rolsuper or rolcreaterole or rolcreatedb from pg_roles where rolname = current_user"), Is.False);
            Assert.That(await QueryAsync(cluster.OwnerConnectionString, "select datdba::regrole::text from pg_database where datname = current_database()"), Is.EqualTo(LocalPostgres.OwnerRoleName));
            Assert.That(await QueryAsync(cluster.ApplicationConnectionString, "select current_user"), Is.EqualTo(LocalPostgres.ApplicationRoleName));
        }
    }

    [Test]
    public async Task AClusterThatTrustedLocalConnections_IsSecuredInPlace_AndKeepsItsData()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        await ExecuteAsync(first, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
        // What an older Outreach left: trust for every local connection, no secrets, objects owned by the superuser.
        await File.WriteAllTextAsync(Path.Combine(first.DataDirectory, "pg_hba.conf"), "host all all 127.0.0.1/32 trust\n");
        await ExecuteAsync(first, "SELECT pg_reload_conf()");
        Directory.Delete(first.SecretsFolder, recursive: true);
        NpgsqlConnection.ClearAllPools();

        var secured = await StartAsync(Settings());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_reports, Has.Some.StartsWith($"Secured the private PostgreSQL cluster at {first.DataDirectory}"));
            Assert.That(File.ReadAllText(Path.Combine(first.DataDirectory, "pg_hba.conf")), Is.EqualTo(LocalPostgresInstance.HbaText));
            Assert.That(await QueryAsync(secured.OwnerConnectionString, "SELECT id FROM kept"), Is.EqualTo(7));
            Assert.That(await QueryAsync(secured.OwnerConnectionString, "SELECT tableowner::text FROM pg_tables WHERE tablename = 'kept'"), Is.EqualTo(LocalPostgres.OwnerRoleName));
            var noPassword = new NpgsqlConnectionStringBuilder(secured.ConnectionString) { Password = null, Pooling = false }.ConnectionString;
            Assert.That(async () => await OpenAsync(noPassword), Throws.InstanceOf<NpgsqlException>());
        }
    }

    [Test]
    public async Task ARunningCluster_IsReusedWithoutTheSuperuser_AndARoleOutOfPlaceIsStillPutRight()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        var superuserSecret = Path.Combine(first.SecretsFolder, LocalPostgres.SuperuserName);
        var kept = await File.ReadAllTextAsync(superuserSecret);
        try
        {
            // The usual start (issue 13): the server is known from postmaster.pid and the roles are read as the application
            // role, so a superuser password that no longer works is never tried.
            await File.WriteAllTextAsync(superuserSecret, "not-the-password");
            var again = await StartAsync(Settings());
            Assert.That(again.StartedNow, Is.False);
            Assert.That(await QueryAsync(again.ApplicationConnectionString, "select current_user"), Is.EqualTo(LocalPostgres.ApplicationRoleName));

            // A role out of place is noticed by that read, and then the superuser is needed: the wrong password shows it was asked.
            await File.WriteAllTextAsync(superuserSecret, kept);
            await ExecuteAsync(first, $"ALTER ROLE {LocalPostgres.OwnerRoleName} CREATEDB");
            await File.WriteAllTextAsync(superuserSecret, "not-the-password");
            NpgsqlConnection.ClearAllPools();
            var refused = Assert.ThrowsAsync<PostgresException>(() => StartAsync(Settings()));
            Assert.That(refused!.SqlState, Is.EqualTo("28P01"));
        }
        finally
        {
            await File.WriteAllTextAsync(superuserSecret, kept);
        }

        // With the right password the role is put right, as before.
        var repaired = await StartAsync(Settings());
        Assert.That(await QueryAsync(repaired.OwnerConnectionString, "select rolcreatedb from pg_roles where rolname = current_user"), Is.False);
    }

    [Test]
    public async Task LostSecrets_AreReported_WithWhatToDo()
    {
        RequireServerBinaries();
        var first = await StartAsync(Settings());
        Directory.Delete(first.SecretsFolder, recursive: true);
        NpgsqlConnection.ClearAllPools();

        var error = Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => StartAsync(Settings()));

        Assert.That(error!.Message, Does.Contain("password file of the private cluster's superuser is missing").And.Contain(first.SecretsFolder));
    }

    private static async Task OpenAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
    }

    [Test]
    public void Connection_FallbackFailure_SurfacesTheUnavailableException()
    {
        Assert.ThrowsAsync<LocalPostgresUnavailableException>(
            () => OutreachConnection.ResolveAsync(null, _ => null, Unavailable(), null, CancellationToken.None));
    }

    [TestCase("Host=h;Password=abc;Username=u", "abc")]
    [TestCase("Host=h;Username=u;PWD='x;y'", "x;y")]
    [TestCase("not a connection string; password = hunter2", "hunter2")]
    [TestCase("postgresql://clerk:hunter3@db.example.org:5432/outreach", "hunter3")]
    public void Mask_HidesPasswords(string connectionString, string password)
    {
        var masked = OutreachConnection.Mask(connectionString);

        Assert.That(masked, Does.Not.Contain(password).And.Contain("***"));
    }

    private LocalPostgresSettings Settings() => new()
    {
        DataDirectory = Path.Combine(_root, "pg"),
        DatabaseName = DatabaseName,
        LockTimeout = TimeSpan.FromSeconds(90),
        StartTimeout = TimeSpan.FromSeconds(60),
    };

    private LocalPostgresSettings Unavailable() => Settings() with
    {
        SearchPath = [],
        VersionRoots = [Path.Combine(_root, "nowhere")],
    };

    private async Task<LocalPostgresCluster> StartAsync(LocalPostgresSettings settings)
    {
        var cluster = await LocalPostgres.EnsureStartedAsync(settings, _reports.Enqueue);
        _clusters.Add(cluster);
        return cluster;
    }

    private static void RequireServerBinaries()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("The private PostgreSQL cluster is not supported on Windows.");
        }

        try
        {
            LocalPostgres.FindBinDirectory(new LocalPostgresSettings());
        }
        catch (LocalPostgresUnavailableException ex)
        {
            Assert.Ignore(ex.Message);
        }
    }

    private static async Task<object?> QueryAsync(LocalPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<object?> QueryAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(LocalPostgresCluster cluster, string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Another OS process (util-linux flock) holding the cluster's lock file; returns once it holds it.</summary>
    private Process StartFlockHolder(string lockFile, int seconds)
    {
        if (ChildProcess.FindOnPath("flock") is not { } flock)
        {
            Assert.Ignore("util-linux 'flock' is not installed.");
            return null!;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(lockFile)!);
        var process = StartHelper(flock, "-x", lockFile, "-c", $"echo locked; exec sleep {seconds}");
        Assert.That(process.StandardOutput.ReadLine(), Is.EqualTo("locked"));
        return process;
    }

    /// <summary>Runs a shell snippet as the user the cluster runs as (postgres when root, else ourselves).</summary>
    private Process StartHelperAsServiceUser(string script) =>
        Environment.IsPrivilegedProcess
            ? StartHelper(ChildProcess.FindOnPath("runuser")!, "-u", "postgres", "--", "/bin/sh", "-c", script)
            : StartHelper("/bin/sh", "-c", script);

    private Process StartHelper(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo)!;
        _helpers.Add(process);
        return process;
    }

    private static void StopHelper(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
    }

    private static async Task RunAsync(string fileName, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(fileName) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"{fileName} {string.Join(' ', arguments)}");
    }

    private static void WriteFakeTool(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, "#!/bin/sh\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.That(clock.Elapsed, Is.LessThan(timeout), "timed out waiting");
            await Task.Delay(50);
        }
    }
}
