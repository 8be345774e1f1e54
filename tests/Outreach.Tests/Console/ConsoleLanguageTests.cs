using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>
/// A Vietnamese user (<c>--culture vi</c>, the default) who gets something wrong reads every error in Vietnamese, and a
/// program reading <c>--json</c> gets the refusal's stable code.
/// </summary>
public sealed partial class ConsoleLanguageTests : ConsoleStoryFixture
{
    private const string Case = "6f1c2d9e-4b7a-4c55-9a1e-2b8f0d3c4e51";

    /// <summary>The sample complaint, received and classified.</summary>
    protected override IEnumerable<string> Steps() => SampleStory(2);

    private static IEnumerable<TestCaseData> BadInputs()
    {
        yield return new TestCaseData((object)new[] { "bogus" }).SetName("an unknown verb");
        yield return new TestCaseData((object)new[] { "case", "show" }).SetName("a missing argument");
        yield return new TestCaseData((object)new[] { "case", "show", Case, "--version", "abc" }).SetName("an option of the wrong type");
        yield return new TestCaseData((object)new[] { "case", "show", Case, "--version", "99" }).SetName("a version that does not exist");
        yield return new TestCaseData((object)new[] { "case", "show", "00000000-0000-4000-8000-000000000000" }).SetName("an unknown case");
        yield return new TestCaseData((object)new[] { "complaint", "accept", "--case-id", Case, "--notified-parties", "Complainant", "--actor", "Nguyễn Văn An",
            "--occurred-at", "2024-03-04T09:00:00+07:00" }).SetName("a step dated before the case's last step");
        yield return new TestCaseData((object)new[] { "petition", "answer", "--case-id", Case, "--answer", "Đã trả lời", "--actor", "Nguyễn Văn An",
            "--occurred-at", "2024-03-06T09:00:00+07:00" }).SetName("a step the case's status does not allow");
        yield return new TestCaseData((object)new[] { "petition", "classify", "--case-id", Case, "--kind", "Grievance", "--actor", "A" }).SetName("an enum value that is no name");
        yield return new TestCaseData((object)new[] { "complaint", "accept", "--case-id", Case, "--notified-parties", "Complainant", "--actor", "Nguyễn Văn An",
            "--occurred-at", "2024-03-06T09:00:00" }).SetName("a time without offset");
        yield return new TestCaseData((object)new[] { "cases", "overdue", "--today", "31/12/2024" }).SetName("a date in the wrong form");
        yield return new TestCaseData((object)new[] { "case", "show", Case, "--as-of", "1800-01-01" }).SetName("a date outside the records");
        yield return new TestCaseData((object)new[] { "localities", "show", "phuong-99" }).SetName("an unknown locality");
        yield return new TestCaseData((object)new[] { "rotation", "plan", "--weeks", "0" }).SetName("a number out of range");
        yield return new TestCaseData((object)new[] { "apply", "/nonexistent/steps.jsonl" }).SetName("an input file that does not exist");
        yield return new TestCaseData((object)new[] { "audit", "verify", "--checkpoint", "/nonexistent/checkpoint.json" }).SetName("a checkpoint file that does not exist");
        yield return new TestCaseData((object)new[] { "audit", "checkpoint", "--out", "/proc/outreach-checkpoints" }).SetName("an output folder that cannot be written");
        yield return new TestCaseData((object)new[] { "db-dump", "/proc/nope/schema.sql" }).SetName("an output file that cannot be written");
        yield return new TestCaseData((object)new[] { "projections", "rebuild", "-p", "Nope" }).SetName("an unknown projection");
        yield return new TestCaseData((object)new[] { "projections", "--bogus" }).SetName("an unknown option of a projection verb");
        yield return new TestCaseData((object)new[] { "db-patch" }).SetName("a schema verb without its file");
        yield return new TestCaseData((object)new[] { "cases", "overdue", "--connection", "Hots=127.0.0.1" }).SetName("a connection string with an unknown keyword");
        yield return new TestCaseData((object)new[] { "cases", "overdue", "--connection", "Host=127.0.0.1;Port=1;Database=x;Username=y;Timeout=2" }).SetName("a server that does not answer");
    }

    [TestCaseSource(nameof(BadInputs))]
    public async Task Bad_input_is_refused_in_vietnamese_only(string[] args)
    {
        var result = await Outreach.RunAsync([.. args, "--culture", "vi"]);
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        var errors = result.Error.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.That(errors, Is.Not.Empty, result.ToString());
        foreach (var line in errors)
        {
            Assert.That(EnglishWord().Matches(Unquoted(line)).Select(m => m.Value), Is.Empty, $"English in: {line}");
        }
    }

    [TestCaseSource(nameof(BadInputs))]
    public async Task A_refusal_in_json_carries_its_code(string[] args)
    {
        var result = await Outreach.RunAsync([.. args, "--json"]);
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        if (result.Out.Trim().Length == 0)
        {
            // Parse errors come before any verb runs: the usage is printed for a person, nothing for a program to read.
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            return;
        }

        var json = JsonNode.Parse(result.Out.Trim().Split('\n')[^1])!;
        Assert.That((string?)json["code"], Does.Match("^[a-z][a-z0-9.-]+$"), result.ToString());
        Assert.That((bool?)json["ok"], Is.False);
        Assert.That((int?)json["exit"], Is.EqualTo(result.ExitCode));
    }

    // What the user typed, ids, option names and JSON names are theirs or the program's, not sentences.
    private static string Unquoted(string line)
        => Quoted().Replace(line, " ");

    [GeneratedRegex("'[^']*'|\"[^\"]*\"|--[a-z-]+|\\b[A-Za-z]+[A-Z][A-Za-z]*\\b|\\b[0-9a-f-]{36}\\b")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"\b(the|is|are|was|were|must|not|and|of|with|for|cannot|unknown|required|missing|invalid|expected|before|after|case|step|no)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();
}
