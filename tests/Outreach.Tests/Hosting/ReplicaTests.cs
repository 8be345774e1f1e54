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
            var standbyPort = LocalPostgres.ChooseFreePort();
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
                await LocalPostgres.StopIfRunningAsync(new LocalPostgresSettings { DataDirectory = standbyFolder });
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
                await LocalPostgres.StopIfRunningAsync(new LocalPostgresSettings { DataDirectory = standbyFolder });
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
            Assert.That((await ChildProcess.RunAsync("chown", [LocalPostgres.ServiceAccount + ":", folder], CancellationToken.None)).Succeeded, Is.True);
        }

        var password = new NpgsqlConnectionStringBuilder(primary.ConnectionString).Password!;
        await RunAsync(Path.Combine(primary.BinDirectory, "pg_basebackup"),
            ["-h", "127.0.0.1", "-p", primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", LocalPostgres.SuperuserName, "-D", folder, "-R", "-X", "stream", "-c", "fast"],
            new Dictionary<string, string> { ["PGPASSWORD"] = password });
        await File.AppendAllTextAsync(Path.Combine(folder, "postgresql.auto.conf"), $"port = {port}\n");
        await PgCtlAsync(primary, folder, "start", "-w", "-l", Path.Combine(folder, "server.log"));
    }

    private static Task PgCtlAsync(LocalPostgresCluster primary, string folder, params string[] arguments)
        => RunAsync(Path.Combine(primary.BinDirectory, "pg_ctl"), ["-D", folder, .. arguments], []);

    /// <summary>Runs a PostgreSQL tool as the owner of the clusters' files (the postgres OS user when the tests run as root).</summary>
    private static async Task RunAsync(string tool, string[] arguments, Dictionary<string, string> environment)
    {
        string[] withEnvironment = ["env", .. environment.Select(e => $"{e.Key}={e.Value}"), tool, .. arguments];
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = Environment.UserName == "root"
            ? await ChildProcess.RunAsync("runuser", ["-u", LocalPostgres.ServiceAccount, "--", .. withEnvironment], timeout.Token)
            : await ChildProcess.RunAsync("env", withEnvironment[1..], timeout.Token);
        Assert.That(result.Succeeded, Is.True, $"{tool} {string.Join(' ', arguments)}: {result.Output}");
    }
}
