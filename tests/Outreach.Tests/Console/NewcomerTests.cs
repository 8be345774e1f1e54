using System.Diagnostics;
using Npgsql;
using Outreach.Hosting;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>
/// The README's first command, exactly as written, on a machine where Outreach never ran: a fresh data folder and key
/// folder, no connection configured. It must create its private cluster, load the demo and print the integrity line;
/// a second run must load nothing again; Marten's schema check as the application role must see no difference; and
/// another OS user must not be able to log in to the new cluster.
/// </summary>
[TestFixture]
[Category("PostgreSQL")]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
[NonParallelizable]
public sealed class NewcomerTests
{
    private string _home = "";
    private ProcessResult _first = null!;
    private ProcessResult _second = null!;

    private string DataFolder => Path.Combine(_home, "pg");

    private string KeyFolder => Path.Combine(_home, "keys");

    /// <summary>The first line of the README's first code block.</summary>
    public static string FirstCommand()
    {
        var readme = Repository.ReadFile("README.md").ReplaceLineEndings("\n");
        var block = readme[(readme.IndexOf("```bash\n", StringComparison.Ordinal) + "```bash\n".Length)..];
        return block[..block.IndexOf('\n', StringComparison.Ordinal)].Trim();
    }

    [OneTimeSetUp]
    public async Task RunTheFirstCommandTwice()
    {
        // Readable by all (as /tmp folders are), so that the postgres OS user can reach the data folder when we are root.
        _home = Path.Combine(Path.GetTempPath(), "outreach-newcomer-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(_home);
        File.SetUnixFileMode(_home, (UnixFileMode)0b111_101_101);
        _first = await RunReadmeCommandAsync();
        _second = await RunReadmeCommandAsync();
    }

    [OneTimeTearDown]
    public async Task StopAndDelete()
    {
        await LocalPostgres.StopIfRunningAsync(new LocalPostgresSettings { DataDirectory = DataFolder });
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    [Test]
    public void The_readme_opens_with_the_demo_command()
        => Assert.That(FirstCommand(), Is.EqualTo("dotnet run --project src/Hosts/Console -- demo"));

    [Test]
    public void The_first_run_creates_the_cluster_loads_the_demo_and_prints_the_integrity_line()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_first.ExitCode, Is.Zero, _first.ToString());
            Assert.That(_first.Error, Does.Contain($"Đang tạo cụm PostgreSQL riêng tại {DataFolder}"), _first.ToString());
            Assert.That(_first.Error, Does.Contain("vai trò cơ sở dữ liệu outreach_app").And.Contain("chỉ đọc và ghi thêm").And.Contain("do outreach_owner thực hiện"));
            Assert.That(_first.Out, Does.Contain("Toàn vẹn lịch sử: đã tính lại chuỗi băm của"), _first.ToString());
            Assert.That(_first.Error, Does.Not.Contain("   at "), "no stack trace");
            Assert.That(Directory.Exists(Path.Combine(KeyFolder, "persons")), Is.True, "citizens' keys go to the key folder");
        }
    }

    [Test]
    public void The_second_run_reuses_the_cluster_and_loads_nothing_again()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_second.ExitCode, Is.Zero, _second.ToString());
            Assert.That(_second.Error, Does.Contain("đang chạy sẵn").And.Not.Contain("Đang tạo cụm PostgreSQL riêng"));
            Assert.That(_second.Error, Does.Contain("không nạp lại hồ sơ mẫu").And.Contain("không nạp lại."), _second.ToString());
            Assert.That(_second.Error, Does.Not.Contain("Đã nạp"));
            Assert.That(_second.Out, Does.Contain("Toàn vẹn lịch sử: đã tính lại chuỗi băm của"));
        }
    }

    [Test]
    public async Task The_schema_check_as_the_application_role_finds_no_difference()
    {
        var cluster = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = DataFolder });
        var assert = await RunAsync(NewcomerEnvironment(), "dotnet", "run", "--no-build", "--project", "src/Hosts/Console", "--", "db-assert",
            "--connection", cluster.ApplicationConnectionString);
        Assert.That(assert.ExitCode, Is.Zero, assert.ToString());
        Assert.That(assert.Out, Does.Contain("khớp với cấu hình: không có khác biệt"), assert.ToString());
    }

    [Test]
    public async Task Each_role_is_what_it_should_be()
    {
        var cluster = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = DataFolder });
        await using var owner = new NpgsqlConnection(cluster.OwnerConnectionString);
        await owner.OpenAsync();
        await using var roles = new NpgsqlCommand(
            "select rolname, rolsuper, rolcreaterole, rolcreatedb from pg_roles where rolname in ('outreach', 'outreach_owner', 'outreach_app') order by rolname", owner);
        var found = new List<string>();
        await using (var reader = await roles.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                found.Add($"{reader.GetString(0)} super={reader.GetBoolean(1)} createrole={reader.GetBoolean(2)} createdb={reader.GetBoolean(3)}");
            }
        }

        await using var schemaOwner = new NpgsqlCommand("select nspowner::regrole::text from pg_namespace where nspname = 'outreach'", owner);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(found, Is.EqualTo(new[]
            {
                "outreach super=True createrole=True createdb=True",
                "outreach_app super=False createrole=False createdb=False",
                "outreach_owner super=False createrole=False createdb=False",
            }));
            Assert.That(await schemaOwner.ExecuteScalarAsync(), Is.EqualTo("outreach_owner"));
        }
    }

    [Test]
    public async Task Another_os_user_cannot_log_in_as_any_role_nor_read_the_passwords()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Assert.Ignore("Needs root to act as another OS user (runuser -u nobody).");
        }

        var cluster = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = DataFolder });
        var psql = Path.Combine(cluster.BinDirectory, "psql");
        foreach (var role in new[] { LocalPostgres.SuperuserName, LocalPostgres.OwnerRoleName, LocalPostgres.ApplicationRoleName, "postgres" })
        {
            var login = await RunAsync([], "runuser", "-u", "nobody", "--", psql, "-w", "-h", "127.0.0.1", "-p", cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-U", role, "-d", "outreach", "-c", "select 1");
            Assert.That(login.ExitCode, Is.Not.Zero, $"{role}: {login}");
            Assert.That(login.Error, Does.Contain("password").Or.Contain("authentication"), $"{role}: {login}");
        }

        var read = await RunAsync([], "runuser", "-u", "nobody", "--", "cat", Path.Combine(cluster.SecretsFolder, LocalPostgres.SuperuserName));
        Assert.That(read.ExitCode, Is.Not.Zero, read.ToString());
        Assert.That(read.Error, Does.Contain("Permission denied"), read.ToString());
        Assert.That(File.GetUnixFileMode(cluster.SecretsFolder), Is.EqualTo((UnixFileMode)0b111_000_000));
    }

    private Dictionary<string, string?> NewcomerEnvironment() => new()
    {
        ["OUTREACH_PGDATA"] = DataFolder,
        ["OUTREACH_KEYS"] = KeyFolder,
        ["OUTREACH_CONNECTION"] = null,
        ["OUTREACH_ADMIN_CONNECTION"] = null,
        ["OUTREACH_SCHEMA"] = null,
        ["OUTREACH_LOCALITIES"] = null,
    };

    private Task<ProcessResult> RunReadmeCommandAsync() => RunAsync(NewcomerEnvironment(), "bash", "-c", FirstCommand());

    private static async Task<ProcessResult> RunAsync(Dictionary<string, string?> environment, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Root(),
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
