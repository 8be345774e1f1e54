using System.Text.Json.Nodes;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>
/// The schema verbs (db-apply, db-assert, db-patch, db-dump) and the projection verbs (projections list|rebuild), run as
/// a person runs them: in Vietnamese by default, with codes in <c>--json</c>, and with nothing recorded touched by bad input.
/// </summary>
public sealed class SchemaAndProjectionVerbTests : ConsoleStoryFixture
{
    private const string StoryCase = "6f1c2d9e-4b7a-4c55-9a1e-2b8f0d3c4e51";

    private static readonly string[] InlineViews = ["Case", "Unit", "Visit", "Difficulty", "Rota"];

    private static readonly string[] AsyncViews = ["LocalityCases", "LocalityVisits", "WeekVisits", "TopicGuidance", "PersonWaiting", "LocalityHistoryLine", "RotaWeek"];

    /// <summary>The whole sample complaint story.</summary>
    protected override IEnumerable<string> Steps() => SampleStory(int.MaxValue);

    /// <summary>What the read models answer: the story's case in full and the count by locality.</summary>
    private async Task<string> AnswersAsync()
    {
        var shown = await Outreach.RunAsync("case", "show", StoryCase, "--json");
        var counted = await Outreach.RunAsync("cases", "by-locality", "--json");
        Assert.That((shown.ExitCode, counted.ExitCode), Is.EqualTo((0, 0)), $"{shown}\n{counted}");
        Assert.That(shown.Out, Does.Contain("12/2024/TCD"));
        return shown.Out + counted.Out;
    }

    [Test]
    public async Task A_prepared_schema_matches_and_a_patch_has_nothing_to_write()
    {
        var apply = await Outreach.RunAsync("db-apply");
        Assert.That(apply.ExitCode, Is.Zero, apply.ToString());
        Assert.That(apply.Out, Does.Contain($"Lược đồ \"{Schema}\" đã khớp cấu hình"), apply.ToString());

        var assert = await Outreach.RunAsync("db-assert");
        Assert.That(assert.ExitCode, Is.Zero, assert.ToString());
        Assert.That(assert.Out, Does.Contain("không có khác biệt"), assert.ToString());
        var json = JsonNode.Parse((await Outreach.RunAsync("db-assert", "--json")).Out)!;
        Assert.That((json["ok"]!.GetValue<bool>(), json["changes"]!.AsArray().Count), Is.EqualTo((true, 0)));

        var patch = Path.Combine(Dir, "nothing.sql");
        var patched = await Outreach.RunAsync("db-patch", patch, "--culture", "en");
        Assert.That(patched.ExitCode, Is.Zero, patched.ToString());
        Assert.That(patched.Out, Does.Contain("already matches the configuration: nothing to write"));
        Assert.That(File.Exists(patch), Is.False);
    }

    [Test]
    public async Task An_unpreparedSchema_is_reported_object_by_object_and_the_patch_creates_it()
    {
        var empty = new OutreachProcess(await TestDatabase.DatabaseAsync(), TestDatabase.NewSchemaName());
        empty.Extra["OUTREACH_KEYS"] = Path.Combine(Dir, "keys-empty");
        var assert = await empty.RunAsync("db-assert");
        Assert.That(assert.ExitCode, Is.EqualTo(7), assert.ToString());
        Assert.That(assert.Out, Does.Contain($"{empty.Schema}.mt_events").And.Contain($"{empty.Schema}.outreach_event_chain").And.Contain("tạo mới"), assert.ToString());
        Assert.That(assert.Error, Does.Contain("outreach db-apply"), assert.ToString());

        var json = JsonNode.Parse((await empty.RunAsync("db-assert", "--json")).Out)!;
        var changes = json["changes"]!.AsArray().Select(c => c!["object"]!.GetValue<string>()).ToList();
        Assert.That(changes, Does.Contain($"{empty.Schema}.mt_events").And.Contain($"{empty.Schema}.outreach_checkpoints"));

        var patch = Path.Combine(Dir, "create.sql");
        var patched = await empty.RunAsync("db-patch", patch);
        Assert.That(patched.ExitCode, Is.Zero, patched.ToString());
        Assert.That(await File.ReadAllTextAsync(patch), Does.Contain($"CREATE TABLE IF NOT EXISTS {empty.Schema}.mt_events"));

        var dump = Path.Combine(Dir, "dump.sql");
        var dumped = await empty.RunAsync("db-dump", dump);
        Assert.That(dumped.ExitCode, Is.Zero, dumped.ToString());
        Assert.That(await File.ReadAllTextAsync(dump), Does.Contain($"{empty.Schema}.mt_doc_case"));

        // Neither the check, the patch nor the dump created anything.
        Assert.That((await empty.RunAsync("db-assert")).ExitCode, Is.EqualTo(7));
    }

    [Test]
    public async Task Projections_are_listed_by_name_and_lifecycle()
    {
        var list = await Outreach.RunAsync("projections", "list");
        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        Assert.That(list.Out, Does.Contain("Case:All").And.Contain("cùng giao dịch với sự kiện"), list.ToString());

        var json = JsonNode.Parse((await Outreach.RunAsync("projections", "list", "--json")).Out)!.AsArray();
        Assert.That(json.Select(p => p!["name"]!.GetValue<string>()), Is.SupersetOf(new[] { "Case", "Unit", "Visit", "Difficulty", "Rota" }));
        Assert.That(json.Where(p => p!["lifecycle"]!.GetValue<string>() == "Inline").Select(p => p!["name"]!.GetValue<string>()), Is.EqualTo(InlineViews));
        Assert.That(json.Where(p => p!["lifecycle"]!.GetValue<string>() == "Async").Select(p => p!["name"]!.GetValue<string>()), Is.EqualTo(AsyncViews));
    }

    [Test]
    public async Task A_rebuild_reports_each_projection_and_keeps_the_answers()
    {
        var before = await AnswersAsync();
        var rebuilt = await Outreach.RunAsync("projections", "rebuild", "--culture", "en");
        Assert.That(rebuilt.ExitCode, Is.Zero, rebuilt.ToString());
        foreach (var name in InlineViews.Concat(AsyncViews))
        {
            Assert.That(rebuilt.Error, Does.Contain($"Rebuilt {name} in "), rebuilt.ToString());
        }

        Assert.That(rebuilt.Out, Does.Contain($"Rebuilt {InlineViews.Length + AsyncViews.Length} projections in"));
        Assert.That(await AnswersAsync(), Is.EqualTo(before));

        var one = await Outreach.RunAsync("projections", "rebuild", "-p", "case", "--json");
        Assert.That(one.ExitCode, Is.Zero, one.ToString());
        Assert.That(JsonNode.Parse(one.Out)!["rebuilt"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Case" }));
    }

    [Test]
    public async Task An_unknown_projection_is_refused_in_vietnamese_before_anything_is_rebuilt()
    {
        var before = await AnswersAsync();
        var refused = await Outreach.RunAsync("projections", "rebuild", "-p", "Case", "-p", "Cases", "--json");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("Không có bản chiếu (projection) nào tên \"Cases\"").And.Contain("\"Case\", \"Unit\""), refused.ToString());
        Assert.That(refused.Error, Does.Not.Contain("Rebuilt").And.Not.Contain("Đã dựng lại"), "nothing was rebuilt");
        Assert.That(JsonNode.Parse(refused.Out)!["code"]!.GetValue<string>(), Is.EqualTo("projection.unknown"));
        Assert.That(await AnswersAsync(), Is.EqualTo(before));
    }

    [TestCase("projections", "--bogus")]
    [TestCase("projections", "rebuild", "--bogus")]
    [TestCase("db-patch")]
    [TestCase("db-assert", "extra")]
    public async Task Bad_arguments_to_these_verbs_are_answered_in_vietnamese(params string[] args)
    {
        var result = await Outreach.RunAsync(args);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("Chạy 'outreach").And.Not.Contain("Unrecognized").And.Not.Contain("Required").And.Not.Contain("Usage"), result.ToString());
        Assert.That(result.Out, Does.Not.Contain("Searching"), result.ToString());
    }
}
