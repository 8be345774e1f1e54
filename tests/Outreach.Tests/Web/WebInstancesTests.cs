using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using JasperFx;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Deadlines;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Tests.Support;
using Outreach.Visits;

namespace Outreach.Tests.Web;

/// <summary>
/// Several web instances on one database (issue 11, ADR 29): each runs Marten's daemon in HotCold mode, so each view's
/// shard runs on exactly one instance at a time (an advisory lock per shard). The tallies must be what one fold of the
/// documents gives, with nothing counted twice, and when the instance running the views stops, the other one takes them over.
/// </summary>
public sealed class WebInstancesTests
{
    private static readonly DateTimeOffset Until = new(2019, 6, 30, 12, 0, 0, VietnamTime.Offset);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Test]
    public async Task Two_instances_count_every_visit_once_and_the_survivor_takes_the_views_over()
    {
        var schema = TestDatabase.NewSchemaName();
        var keys = Path.Combine(Path.GetTempPath(), "outreach-instances-" + schema);
        using var store = await TestDatabase.CreateStoreAsync(schema);
        var database = await TestDatabase.DatabaseAsync();
        var shards = OutreachProjections.List(store).Where(p => p.Lifecycle == ProjectionLifecycle.Async).SelectMany(p => p.Shards).Order(StringComparer.Ordinal).ToList();
        Assert.That(shards, Has.Count.EqualTo(7), "the seven asynchronous views of ADR 25, one shard each");

        // The schema is prepared (as a deployment step does); both instances only use it.
        var hosts = new List<WebHost>
        {
            WebHost.Start(database, schema, keys, b => b.UseSetting("Outreach:PrepareSchemaOnStart", "false")),
            WebHost.Start(database, schema, keys, b => b.UseSetting("Outreach:PrepareSchemaOnStart", "false")),
        };
        var clients = hosts.Select(h => h.Client("auditor-1", "auditor")).ToList();
        try
        {
            // Recorded through the library while both daemons run: two thirds now, the rest after one instance stops.
            var streams = SampleProgramme.Generate(Until, LocalityCatalogue.CaoLanh);
            var now = streams.Count * 2 / 3;
            await RecordAsync(store, streams.Take(now));

            var running = await WaitAsync(() => Running(hosts), r => r.Values.SelectMany(s => s).Distinct().Count() == shards.Count, "both daemons hold every shard between them");
            Assert.That(running.Values.SelectMany(s => s).Order(StringComparer.Ordinal), Is.EqualTo(shards), "each shard runs on exactly one of the two instances: " + Describe(running));
            foreach (var client in clients)
            {
                await WaitUntilCurrentAsync(client);
            }

            await AssertCountedOnceAsync(store, clients);

            // The instance running more of the views stops; the other takes them over and reads what is recorded next.
            var leader = running.OrderByDescending(r => r.Value.Count).First().Key;
            var survivor = 1 - leader;
            clients[leader].Dispose();
            await hosts[leader].DisposeAsync();
            await RecordAsync(store, streams.Skip(now));
            var taken = await WaitAsync(() => Running([hosts[survivor]]), r => r[0].Count == shards.Count, "the surviving instance takes over every shard");
            Assert.That(taken[0].Order(StringComparer.Ordinal), Is.EqualTo(shards));
            await WaitUntilCurrentAsync(clients[survivor]);
            await AssertCountedOnceAsync(store, [clients[survivor]]);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            await TestDatabase.DropSchemaAsync(schema);
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
    }

    private static async Task RecordAsync(IDocumentStore store, IEnumerable<IReadOnlyList<IOutreachCommand>> streams)
    {
        foreach (var command in streams.SelectMany(s => s))
        {
            await using var session = store.LightweightSession();
            await session.HandleAsync(command, TimeProvider.System);
        }
    }

    /// <summary>
    /// The weekly rows each instance answers equal a fold of the Visit documents, and the coverage rows add up to the
    /// visits that took place: a batch projected by both daemons would count its visits twice.
    /// </summary>
    private static async Task AssertCountedOnceAsync(IDocumentStore store, IReadOnlyList<HttpClient> clients)
    {
        await using var query = store.QuerySession();
        var tookPlace = (await query.Query<Visit>().ToListAsync()).Where(v => v.TookPlace).ToList();
        var fold = tookPlace
            .SelectMany(v => v.Visitors.Select(person => (Week: ProgrammeQueries.MondayOf(v.CarriedOutOn ?? v.PlannedFor), v.UnitId, Visitor: person)))
            .GroupBy(k => k)
            .Select(g => new VisitCount(g.Key.Week, g.Key.UnitId, g.Key.Visitor, g.Count()))
            .OrderBy(c => c.Week).ThenBy(c => c.UnitId).ThenBy(c => c.Visitor, StringComparer.Ordinal)
            .ToList();
        Assert.That(tookPlace, Is.Not.Empty, "the sample has visits that took place");

        foreach (var client in clients)
        {
            var body = await client.GetFromJsonAsync<JsonObject>($"/api/programme/visits-per-week?from=2019-01-01&to={Until:yyyy-MM-dd}");
            var rows = body!["rows"].Deserialize<List<VisitCount>>(Web)!;
            Assert.That(rows, Is.EqualTo(fold), "the weekly view is one fold of the visits");
            Assert.That(rows.Sum(r => r.Visits), Is.EqualTo(tookPlace.Sum(v => v.Visitors.Count)), "each visitor of each visit once");
        }

        Assert.That(await ProgrammeQueries.VisitsPerWeekAsync(query), Is.EqualTo(fold));
        var coverage = await query.Query<LocalityVisits>().ToListAsync();
        Assert.That(coverage.Sum(r => r.Visits), Is.EqualTo(tookPlace.Count), "each visit that took place counted once for its locality");
    }

    /// <summary>The shards each host's daemon is running now, by the host's place in <paramref name="hosts"/>.</summary>
    private static Dictionary<int, List<string>> Running(IReadOnlyList<WebHost> hosts)
    {
        var running = hosts.Select((h, i) => (Index: i, Shards: h.Factory.Services.GetRequiredService<Marten.Events.Daemon.Coordination.IProjectionCoordinator>()
                .DaemonForMainDatabase().CurrentAgents().Where(a => a.Status == AgentStatus.Running).Select(a => a.Name.Identity).ToList()))
            .ToDictionary(r => r.Index, r => r.Shards);
        var twice = running.Values.SelectMany(s => s).GroupBy(s => s, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.That(twice, Is.Empty, "no shard ever runs on two instances: " + Describe(running));
        return running;
    }

    private static string Describe(Dictionary<int, List<string>> running)
        => string.Join("; ", running.Select(r => $"instance {r.Key}: {string.Join(", ", r.Value.Order(StringComparer.Ordinal))}"));

    private static async Task<T> WaitAsync<T>(Func<T> read, Func<T, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), what);
            await Task.Delay(250);
        }
    }

    private static async Task WaitUntilCurrentAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow + Patience;
        while ((await client.GetFromJsonAsync<JsonObject>("/api/views"))!["isCurrent"]!.GetValue<bool>() is false)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the instances' daemons catch the views up");
            await Task.Delay(250);
        }
    }
}
