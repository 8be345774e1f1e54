using Marten;
using Npgsql;
using Outreach.Audit;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>
/// An import applied in shared transactions (issue 13, ADR 36) gives every line the result it gets line by line, in line
/// order, keeps the hash chain whole, and does not keep a batch that a line broke after it wrote.
/// </summary>
public sealed class CommandBatchTests
{
    private const string A = "6f1c2d9e-4b7a-4c55-9a1e-2b8f0d3c4e51";
    private readonly List<(string Schema, DocumentStore Store)> _stores = [];

    [TearDown]
    public async Task Drop()
    {
        foreach (var (schema, store) in _stores)
        {
            store.Dispose();
            await TestDatabase.DropSchemaAsync(schema);
        }

        _stores.Clear();
    }

    private async Task<(string Schema, DocumentStore Store)> NewStoreAsync()
    {
        var schema = TestDatabase.NewSchemaName();
        var store = await TestDatabase.CreateStoreAsync(schema, new OutreachOptions { PersonKeys = new Outreach.PersonalData.InMemoryPersonKeyStore() });
        _stores.Add((schema, store));
        return (schema, store);
    }

    /// <summary>The sample story with the faults an archive holds, each where it matters.</summary>
    private static List<BatchLine> Archive()
    {
        var story = File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "samples", "complaint-story.jsonl"));
        var commands = story.Where(l => l.StartsWith('{')).ToList();
        var other = commands[0].Replace(A, "7e2d3c4b-5a6f-4c55-9a1e-2b8f0d3c4e99", StringComparison.Ordinal);
        var lines = new List<string>
        {
            "# an archive of paper records",
            commands[0],
            "{ not json",
            commands[0],                                           // the same step again: nothing new
            """{"command":"NoSuchCommand"}""",
            commands[2],                                           // acceptance before classification: refused by the rules
            commands[1],
            "",
            other,
            commands[2],
            """{"command":"ClassifyPetition","caseId":"00000000-0000-4000-8000-000000000001","kind":"Complaint","actor":"Nguyễn Văn An","occurredAt":"2024-03-05T09:00:00+07:00"}""",
        };
        lines.AddRange(commands.Skip(3));
        return [.. lines.Select((text, i) => new BatchLine(i + 1, text))];
    }

    private static async Task<List<BatchLineResult>> ApplyAsync(IDocumentStore store, IEnumerable<BatchLine> lines, int batchSize)
    {
        var results = new List<BatchLineResult>();
        await foreach (var result in store.ApplyAsync(lines, batchSize: batchSize))
        {
            results.Add(result);
        }

        return results;
    }

    private static IEnumerable<string> Shape(IEnumerable<BatchLineResult> results) => results.Select(r =>
        $"{r.Number} {r.Descriptor?.Name ?? "-"} {(r.Applied ? $"v{r.Result!.Version} [{string.Join(",", r.Result.Events)}]" : (r.Failure as IOutreachFailure)?.Code ?? r.Failure!.GetType().Name)}");

    [TestCase(3)]
    [TestCase(200)]
    public async Task Every_line_gets_the_result_it_gets_line_by_line_in_order_and_the_chain_verifies(int batchSize)
    {
        var (_, alone) = await NewStoreAsync();
        var (_, batched) = await NewStoreAsync();

        var expected = await ApplyAsync(alone, Archive(), batchSize: 1);
        var actual = await ApplyAsync(batched, Archive(), batchSize);

        Assert.That(Shape(actual), Is.EqualTo(Shape(expected)));
        Assert.That(actual.Select(r => r.Number), Is.Ordered.And.Unique);
        Assert.That(actual.Count(r => !r.Applied), Is.EqualTo(4), "bad JSON, unknown command, a refused step, an unknown case");
        Assert.That(actual.Count(r => r.Applied && !r.Result!.Changed), Is.EqualTo(1), "the repeated receipt");
        foreach (var store in new[] { alone, batched })
        {
            var verified = await ChainVerifier.VerifyAsync(store);
            Assert.That(verified.Problems, Is.Empty);
            await using var query = store.QuerySession();
            var events = await query.Events.FetchStreamAsync(Guid.Parse(A));
            Assert.That(events.Select(e => e.EventTypeName), Is.EqualTo((await alone.QuerySession().Events.FetchStreamAsync(Guid.Parse(A))).Select(e => e.EventTypeName)));
        }
    }

    [Test]
    public async Task A_line_that_breaks_after_it_wrote_rolls_back_its_batch_and_the_batch_is_applied_line_by_line()
    {
        var (schema, store) = await NewStoreAsync();
        var story = Archive().Where(l => l.Json.Contains(A, StringComparison.Ordinal)).Select(l => l.Json).Distinct().ToList();
        var (receive, classify) = (story[0], story.Single(l => l.Contains("ClassifyPetition", StringComparison.Ordinal)));
        var first = await ApplyAsync(store, [new BatchLine(1, receive)], batchSize: 1);
        Assert.That(first.Single().Applied, Is.True);

        // An insider deletes the link of case A's receipt: the next append to A is refused by the database, after the
        // batch has already written other lines.
        await ExecAsync($"delete from {schema}.{HashChain.ChainTable} where stream_id = '{A}'");
        var other = Guid.NewGuid().ToString();
        var rest = new List<BatchLine>
        {
            new(101, receive.Replace(A, other, StringComparison.Ordinal)),
            new(102, classify.Replace(A, other, StringComparison.Ordinal)),
            new(103, classify),
            new(104, receive.Replace(A, Guid.NewGuid().ToString(), StringComparison.Ordinal)),
        };
        var results = await ApplyAsync(store, rest, batchSize: 50);

        Assert.That(results.Select(r => r.Number), Is.EqualTo(new[] { 101, 102, 103, 104 }));
        Assert.That(results[0].Applied && results[1].Applied && results[3].Applied, Is.True, string.Join("; ", Shape(results)));
        Assert.That(results[2].Failure, Is.InstanceOf<HistoryTamperedException>());
        await using var query = store.QuerySession();
        Assert.That((await query.Events.FetchStreamAsync(Guid.Parse(other))).Count, Is.EqualTo(2), "the lines before the break were applied again, once");
        Assert.That((await query.Events.FetchStreamAsync(Guid.Parse(A))).Count, Is.EqualTo(1), "nothing was appended to the broken case");
    }

    [Test]
    public void A_batch_size_below_one_is_refused()
    {
        var store = DocumentStore.For("Host=127.0.0.1");
        Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ApplyAsync(store, [], batchSize: 0));
    }

    private static async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync());
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
