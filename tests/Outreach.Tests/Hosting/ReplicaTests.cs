using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Outreach.Hosting;
using Outreach.Tests.Web;

namespace Outreach.Tests.Hosting;

/// <summary>
/// The dashboards read a streaming standby (ADR 37, point 8): a private primary cluster, a standby made from it by
/// <c>pg_basebackup</c> as an operator makes one, and the web host with <c>Outreach:ReplicaConnectionString</c>. The
/// tallies arrive on the standby by replication; with the standby stopped, the dashboards fail while a case's page,
/// which reads the primary, still answers.
/// </summary>
[Category("PostgreSQL")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ReplicaTests
{
    [Test]
    public async Task The_dashboards_read_the_standby_and_a_case_reads_the_primary()
    {
        var home = Directory.CreateTempSubdirectory("outreach-replica-").FullName;
        // The clusters run as the postgres OS user when the tests run as root: it must reach the folders.
        File.SetUnixFileMode(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        var (primaryFolder, standbyFolder) = (Path.Combine(home, "primary"), Path.Combine(home, "standby"));
        LocalPostgresCluster? primary = null;
        try
        {
            primary = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = primaryFolder });
            var standbyPort = FreePort();
            await MakeStandbyAsync(primary, standbyFolder, standbyPort);
            var replica = new NpgsqlConnectionStringBuilder(primary.ApplicationConnectionString) { Port = standbyPort }.ConnectionString;
            var recorded = Guid.CreateVersion7();
            await using (var host = WebHost.StartWith(b => b
                .UseSetting("Outreach:ConnectionString", primary.ApplicationConnectionString)
                .UseSetting("Outreach:OwnerConnectionString", primary.OwnerConnectionString)
                .UseSetting("Outreach:ReplicaConnectionString", replica)
                .UseSetting("Outreach:KeyFolder", Path.Combine(home, "keys"))))
            {
                using var cadre = host.Client("cb-2", "cadre");
                var answer = await cadre.PostAsJsonAsync("/api/petition/receive", new
                {
                    caseId = recorded, channel = "FieldVisit", citizenName = "Võ Thị Hoa", localityCode = "phuong-1", content = "Đường ngập nước sau mưa",
                    occurredAt = new DateTimeOffset(2025, 6, 3, 9, 0, 0, TimeSpan.FromHours(7)),
                });
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());

                // The primary's daemon counts the case; the count reaches the dashboards by replication.
                using var committee = host.Client("phong-tu-phap.1", "committee");
                var counted = 0;
                for (var attempt = 0; attempt < 120 && counted == 0; attempt++)
                {
                    var tally = await committee.GetFromJsonAsync<JsonNode>("/api/cases/by-locality");
                    counted = tally!["rows"]!.AsArray().Sum(r => (int)r!["count"]!);
                    if (counted == 0)
                    {
                        await Task.Delay(500);
                    }
                }

                Assert.That(counted, Is.EqualTo(1), "the tally arrived on the standby");

                // With the standby stopped, the dashboards cannot answer; a case's page reads the primary and still does.
                await PgCtlAsync(primary, standbyFolder, "stop", "-m", "fast");
                var tallies = await committee.GetAsync("/api/cases/by-locality");
                Assert.That(tallies.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await tallies.Content.ReadAsStringAsync());
                Assert.That((await committee.GetAsync($"/api/cases/{recorded}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That((await committee.GetAsync("/api/views")).StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "the views' freshness is the standby's");
            }
        }
        finally
        {
            // Each step on its own, so that one failing still stops the rest.
            try
            {
                if (primary is not null && File.Exists(Path.Combine(standbyFolder, "postmaster.pid")))
                {
                    await PgCtlAsync(primary, standbyFolder, "stop", "-m", "fast");
                }
            }
            finally
            {
                try
                {
                    await LocalPostgres.StopIfRunningAsync(new LocalPostgresSettings { DataDirectory = primaryFolder });
                }
                finally
                {
                    Directory.Delete(home, recursive: true);
                }
            }
        }
    }

    /// <summary>
    /// A standby of <paramref name="primary"/> in <paramref name="folder"/> on <paramref name="port"/>, as an operator makes
    /// one: <c>pg_basebackup -R</c> as the cluster's superuser, its own port, started.
    /// </summary>
    private static async Task MakeStandbyAsync(LocalPostgresCluster primary, string folder, int port)
    {
        // The private cluster lets its superuser replicate from 127.0.0.1 with its password (LocalPostgresInstance.HbaText).
        // The standby's folder belongs to the OS user that runs the clusters, as the primary's does.
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if (Environment.UserName == "root")
        {
            using var chown = System.Diagnostics.Process.Start("chown", ["postgres:", folder]);
            await chown.WaitForExitAsync();
            Assert.That(chown.ExitCode, Is.EqualTo(0));
        }

        var password = new NpgsqlConnectionStringBuilder(primary.ConnectionString).Password!;
        await RunAsync(Path.Combine(primary.BinDirectory, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", LocalPostgres.SuperuserName, "-D", folder, "-R", "-X", "stream", "-c", "fast"],
            new Dictionary<string, string> { ["PGPASSWORD"] = password });
        await RunAsync("/bin/sh", ["-c", $"echo 'port = {port}' >> '{Path.Combine(folder, "postgresql.auto.conf")}'"], []);
        await PgCtlAsync(primary, folder, "start", "-w", "-l", Path.Combine(folder, "server.log"));
    }

    private static Task PgCtlAsync(LocalPostgresCluster primary, string folder, params string[] arguments)
        => RunAsync(Path.Combine(primary.BinDirectory, "pg_ctl"), ["-D", folder, .. arguments], []);

    /// <summary>Runs a PostgreSQL tool as the owner of the clusters' files (the postgres OS user when the tests run as root).</summary>
    private static async Task RunAsync(string tool, string[] arguments, Dictionary<string, string> environment)
    {
        var asPostgres = Environment.UserName == "root";
        var start = new System.Diagnostics.ProcessStartInfo(asPostgres ? "runuser" : tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (asPostgres)
        {
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add("postgres");
            start.ArgumentList.Add("--");
            start.ArgumentList.Add("env");
            foreach (var (name, value) in environment)
            {
                start.ArgumentList.Add($"{name}={value}");
            }

            start.ArgumentList.Add(tool);
        }
        else
        {
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var (output, error) = (process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{tool} {string.Join(' ', arguments)} did not finish in 2 minutes");
        }

        Assert.That(process.ExitCode, Is.EqualTo(0), $"{tool} {string.Join(' ', arguments)}: {await output} {await error}");
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
