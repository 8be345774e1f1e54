using Npgsql;
using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>
/// Decisions read state folded from events, never a read model the application role may rewrite (ADR 19); and two
/// writers opening the same stream at once end with one record and one documented conflict.
/// </summary>
public sealed class DecisionSourceTests : StoreFixture
{
    private static readonly Guid Decided = Guid.Parse("6f1c2d9e-4b7a-4c55-9a1e-2b8f0d3c4e51");

    private static IEnumerable<IOutreachCommand> StoryUpTo(int lines)
        => File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "samples", "complaint-story.jsonl"))
            .Where(l => l.StartsWith('{'))
            .Take(lines)
            .Select(CommandJson.ParseLine);

    private async Task ApplyAsync(IEnumerable<IOutreachCommand> commands)
    {
        foreach (var command in commands)
        {
            await using var session = Store.LightweightSession();
            await session.HandleAsync(command);
        }
    }

    private static async Task AsApplicationRoleAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.ApplicationConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1), sql);
    }

    [Test]
    public async Task A_rewritten_case_document_does_not_let_a_decision_through()
    {
        // Case A is verified and ready for its first decision; case B was only classified as a complaint.
        await ApplyAsync(StoryUpTo(6));
        var other = Guid.NewGuid();
        await ApplyAsync(StoryUpTo(2).Select(c => c switch
        {
            ReceivePetition r => r with { CaseId = other, Number = null },
            ClassifyPetition c2 => c2 with { CaseId = other },
            _ => c,
        }));

        // The application role may write read models: it copies A's document over B's.
        var schema = Store.Options.DatabaseSchemaName;
        await AsApplicationRoleAsync(
            $"update {schema}.mt_doc_case set data = jsonb_set((select data from {schema}.mt_doc_case where id = '{Decided}'), '{{id}}', to_jsonb('{other}'::text)) where id = '{other}'");

        await using var session = Store.LightweightSession();
        var refused = Assert.ThrowsAsync<DomainRuleException>(() => session.HandleAsync(
            new IssueFirstDecision(other, "99/QĐ-UBND", Finding.Founded, "x", "Trần Thị Bình", new DateTimeOffset(2024, 4, 2, 9, 0, 0, TimeSpan.FromHours(7)))));
        Assert.That(refused!.Message, Does.Contain("issue the first decision"));
        var events = await session.Events.FetchStreamAsync(other);
        Assert.That(events, Has.Count.EqualTo(2), "nothing was recorded");
    }

    [Test]
    public async Task A_deleted_unit_document_does_not_change_who_heads_the_unit()
    {
        var unit = Guid.NewGuid();
        var difficulty = Guid.NewGuid();
        var at = new DateTimeOffset(2024, 5, 6, 9, 0, 0, TimeSpan.FromHours(7));
        await ApplyAsync(
        [
            new Units.RegisterUnit(unit, "phong-x-" + unit.ToString("N")[..6], "Phòng X", "Văn thư", at),
            new Units.AssignCadre(unit, "can-bo.1", "Nguyễn Văn Một", null, "Văn thư", at),
            new Units.AssignCadre(unit, "truong-phong", "Lê Thị Hai", "Trưởng phòng", "Văn thư", at),
            new Units.AppointUnitHead(unit, "truong-phong", "Văn thư", at),
            new Difficulties.RaiseDifficulty(difficulty, null, unit, "my-tra", "Thiếu đèn", "can-bo.1", at.AddDays(1)),
        ]);
        await AsApplicationRoleAsync($"delete from {Store.Options.DatabaseSchemaName}.mt_doc_unit where id = '{unit}'");

        await using var session = Store.LightweightSession();
        var result = await session.HandleAsync(new Difficulties.EscalateDifficulty(
            difficulty, Difficulties.EscalationLevel.UnitHead, "truong-phong", "Vượt thẩm quyền", null, "can-bo.1", at.AddDays(2)));
        Assert.That(result.Changed, Is.True, "the head is known from the unit's events");
    }

    [Test]
    public async Task Two_writers_opening_the_same_case_at_once_end_with_one_record_and_one_conflict()
    {
        var id = Guid.NewGuid();
        var receive = (ReceivePetition)StoryUpTo(1).Single() with { CaseId = id, Number = null };
        var outcomes = new List<object>();
        for (var round = 0; round < 5 && outcomes.All(o => o is CommandResult); round++)
        {
            id = Guid.NewGuid();
            var command = receive with { CaseId = id };
            var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
            {
                await using var session = Store.LightweightSession();
                try
                {
                    return (object)await session.HandleAsync(command);
                }
                catch (Exception ex)
                {
                    return ex;
                }
            }));
            outcomes = [.. attempts];
        }

        await using var query = Store.QuerySession();
        var recorded = await query.Events.FetchStreamAsync(id);
        Assert.That(recorded, Has.Count.EqualTo(1), "exactly one petition was recorded");
        Assert.That(outcomes, Has.Exactly(1).Matches<object>(o => o is CommandResult { Changed: true }));
        Assert.That(
            outcomes.Where(o => o is not CommandResult { Changed: true }),
            Has.All.Matches<object>(o => o is ConflictException || o is CommandResult { Changed: false }),
            string.Join("\n", outcomes));
    }
}
