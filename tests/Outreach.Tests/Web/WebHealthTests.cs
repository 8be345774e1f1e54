using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Support;
using Outreach.Units;

namespace Outreach.Tests.Web;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> through the real host (ADR 29): live answers without the database; ready
/// says not ready (503) when PostgreSQL cannot be reached or a view lags more than <c>Web:Readiness:MaxProjectionLag</c>,
/// each check with a code and a sentence in the reader's language.
/// </summary>
public sealed class WebHealthTests
{
    private static readonly DateTimeOffset At = new(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));

    [Test]
    public async Task Ready_says_not_ready_while_a_view_lags_more_than_allowed_and_ready_within_the_bound()
    {
        var schema = TestDatabase.NewSchemaName();
        var keys = Path.Combine(Path.GetTempPath(), "outreach-health-" + schema);
        using var store = await TestDatabase.CreateStoreAsync(schema);
        try
        {
            // Events the views have not read: this store runs no daemon, and neither will the hosts below.
            foreach (var i in Enumerable.Range(0, 3))
            {
                await using var session = store.LightweightSession();
                await session.HandleAsync(new RegisterUnit(Guid.NewGuid(), $"health-{i}", $"Phòng {i}", "tester.1", At));
            }

            var database = await TestDatabase.DatabaseAsync();
            await using var strict = Host(database.Application, schema, keys, maxLag: "0", withDaemon: false);
            using var http = strict.CreateClient();
            var answer = await http.GetAsync("/health/ready");
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable), await answer.Content.ReadAsStringAsync());
            var body = await answer.Content.ReadFromJsonAsync<JsonObject>();
            Assert.That(body!["status"]!.GetValue<string>(), Is.EqualTo("Unhealthy"));
            var projections = Check(body, "projections");
            Assert.That((projections["status"]!.GetValue<string>(), projections["code"]!.GetValue<string>()), Is.EqualTo(("Unhealthy", "ready.projections.behind")));
            Assert.That(projections["description"]!.GetValue<string>(), Does.Contain("Bảng tổng hợp").And.Contain("chậm"), "Vietnamese by default");
            Assert.That(Check(body, "database")["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
            Assert.That(((StoreOptions)strict.Services.GetRequiredService<IDocumentStore>().Options).Projections.AsyncMode, Is.EqualTo(DaemonMode.ExternallyManaged),
                "Outreach:Projections:RunDaemon=false: the host runs no daemon that could catch the views up");

            await using var lenient = Host(database.Application, schema, keys, maxLag: "1000000", withDaemon: false);
            using var english = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
            english.Headers.AcceptLanguage.ParseAdd("en");
            var ok = await lenient.CreateClient().SendAsync(english);
            Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var okBody = await ok.Content.ReadFromJsonAsync<JsonObject>();
            Assert.That(Check(okBody!, "projections")["description"]!.GetValue<string>(), Does.StartWith("The ").And.Contain("allowed: 1,000,000"));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
    }

    [Test]
    public async Task Live_answers_without_the_database_and_ready_says_why_it_cannot_reach_it()
    {
        // A port nobody listens on: bound, then released.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var keys = Path.Combine(Path.GetTempPath(), "outreach-health-closed-" + port);
        await using var host = Host($"Host=127.0.0.1;Port={port};Database=outreach;Username=nobody;Password=nothing;Timeout=3", "outreach", keys, maxLag: null, withDaemon: false);
        using var http = host.CreateClient();

        var live = await http.GetAsync("/health/live");
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the process is up, whatever the database");

        var ready = await http.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = await ready.Content.ReadFromJsonAsync<JsonObject>();
        var database = Check(body!, "database");
        Assert.That((database["status"]!.GetValue<string>(), database["code"]!.GetValue<string>()), Is.EqualTo(("Unhealthy", "ready.database.down")));
        Assert.That(database["description"]!.GetValue<string>(), Does.StartWith("Không kết nối được PostgreSQL"));
        Assert.That(body!.ToJsonString(), Does.Not.Contain("   at ").And.Not.Contain("Exception"), "a sentence, never a stack trace");

        using var english = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var en = await (await http.SendAsync(english)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(Check(en!, "database")["description"]!.GetValue<string>(), Does.StartWith("PostgreSQL cannot be reached"));
    }

    [Test]
    public void The_lag_bound_is_judged_on_the_view_furthest_behind()
    {
        var freshness = new ViewFreshness(100, [new ViewProgress("LocalityCases", 100, 0), new ViewProgress("WeekVisits", 40, 60)]);
        Assert.That(OutreachReadiness.JudgeProjectionLag(freshness, 60).IsReady, Is.True, "at the bound is still ready");
        var behind = OutreachReadiness.JudgeProjectionLag(freshness, 59, OutreachText.English);
        Assert.That((behind.IsReady, behind.Code), Is.EqualTo((false, "ready.projections.behind")));
        Assert.That(behind.Description, Does.Contain("WeekVisits").And.Contain("60"));
        Assert.That(OutreachReadiness.JudgeProjectionLag(new ViewFreshness(0, []), 0).IsReady, Is.True, "no views, nothing to lag");
    }

    private static JsonObject Check(JsonObject body, string name)
        => body["checks"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["name"]!.GetValue<string>() == name);

    private static WebApplicationFactory<Program> Host(string connection, string schema, string keys, string? maxLag, bool withDaemon)
        => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Outreach:ConnectionString", connection)
                .UseSetting("Outreach:SchemaName", schema)
                .UseSetting("Outreach:KeyFolder", keys)
                .UseSetting("Outreach:PrepareSchemaOnStart", "false");
            if (maxLag is not null)
            {
                b.UseSetting("Web:Readiness:MaxProjectionLag", maxLag);
            }

            if (!withDaemon)
            {
                // The views stay where they are: this host runs no daemon (a read-only instance, ADR 29).
                b.UseSetting("Outreach:Projections:RunDaemon", "false");
            }
        });
}
