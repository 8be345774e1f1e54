using System.Diagnostics;
using System.Globalization;
using Marten;
using Npgsql;
using Outreach.Cases;
using Outreach.Hosting;

namespace Outreach.Benchmarks;

/// <summary>
/// The cost of the hash chain on the append path (ADR 16): the same workload (receive, classify and accept a complaint
/// through <c>HandleAsync</c>, one case after another) on a store with the chain and on one with its listener removed,
/// in alternating rounds, each in a fresh schema on the same server. Reports steps per second and the ratio per round.
/// </summary>
internal static class ChainBenchmark
{
    public static async Task<int> RunAsync(int rounds, int casesPerRound, TextWriter output)
    {
        // The two-role set-up users get: the owner prepares each schema, the application role appends.
        var connection = await OutreachConnection.ResolveDatabaseAsync(null, Console.Error.WriteLine);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Hash chain on the append path: {rounds} rounds x {casesPerRound} cases x 3 steps, one writer, alternating with and without the chain"));
        var with = new List<double>();
        var without = new List<double>();
        for (var round = 0; round < rounds + 1; round++)
        {
            // Round 0 warms up both paths (JIT, Marten's session set-up, PostgreSQL caches) and is not counted.
            var order = round % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var chained in order)
            {
                var rate = await MeasureAsync(connection, chained, casesPerRound);
                if (round > 0)
                {
                    (chained ? with : without).Add(rate);
                }
            }

            if (round > 0)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  round {round}: with chain {with[^1],7:F0} steps/s, without {without[^1],7:F0} steps/s, ratio {with[^1] / without[^1]:F3}"));
            }
        }

        var ratios = with.Zip(without, (a, b) => a / b).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median: with chain {Median(with):F0} steps/s, without {Median(without):F0} steps/s; throughput ratio {Median(ratios):F3} (cost {(1 - Median(ratios)) * 100:F1}% of append throughput)"));
        return 0;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<double> MeasureAsync(OutreachDatabase database, bool chained, int cases)
    {
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        var owner = database.Admin ?? database.Application;
        void Configure(StoreOptions opts)
        {
            if (!chained)
            {
                // The baseline: the same store without the listener that writes and checks the links.
                foreach (var listener in opts.Listeners.Where(l => l.GetType().Name == "HashChainListener").ToList())
                {
                    opts.Listeners.Remove(listener);
                }
            }
        }

        await Outreach.Audit.AppendOnlyRoles.PrepareSchemaAsync(owner, OutreachConnection.UserOf(database.Application), schema, new OutreachOptions(), Configure);
        using var store = DocumentStore.For(opts =>
        {
            opts.Connection(database.Application);
            opts.DatabaseSchemaName = schema;
            opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
            opts.AddOutreach();
            Configure(opts);
        });
        try
        {
            var at = new DateTimeOffset(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < cases; i++)
            {
                var id = Guid.NewGuid();
                await using var session = store.LightweightSession();
                await session.HandleAsync(new ReceivePetition(id, null, ReceptionChannel.FieldVisit, "Võ Thị Hoa", null, null, null, false,
                    "my-tra", "Đường ngập nước sau mưa", "UBND phường Mỹ Trà", "Nguyễn Văn An", at));
                await session.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, "Nguyễn Văn An", at.AddHours(1)));
                await session.HandleAsync(new AcceptComplaint(id, false, false, [NoticeParty.Complainant], null, null, null, null, "Trần Thị Bình", at.AddDays(2)));
            }

            clock.Stop();
            var links = await CountLinksAsync(owner, schema);
            if (links != (chained ? cases * 3 : 0))
            {
                throw new InvalidOperationException($"expected {(chained ? cases * 3 : 0)} links, found {links}");
            }

            return cases * 3 / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await using var conn = new NpgsqlConnection(owner);
            await conn.OpenAsync();
            await using var drop = new NpgsqlCommand($"drop schema {schema} cascade", conn);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static async Task<long> CountLinksAsync(string connection, string schema)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {schema}.outreach_event_chain", conn);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
