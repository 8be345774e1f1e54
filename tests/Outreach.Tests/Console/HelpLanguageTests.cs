using System.Text.RegularExpressions;
using Outreach.Hosting;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>
/// The help (<c>--help</c>) speaks the user's language: every command, option and argument description is Vietnamese by
/// default (<c>--culture vi</c>) and English with <c>--culture en</c>, and so do the page's headings ("Cách dùng:",
/// "Tùy chọn:"…) and markers ("(bắt buộc)", "[mặc định: …]"): Outreach writes the page, not System.CommandLine, whose
/// headings exist in English only. Help needs no database.
/// </summary>
public sealed partial class HelpLanguageTests
{
    // Help reads no database: the connection only has to be well formed.
    private static readonly OutreachProcess Outreach = new(new OutreachDatabase("Host=127.0.0.1;Port=1;Database=none;Username=none", null), "help_language");

    private static IEnumerable<TestCaseData> Helps()
    {
        yield return new TestCaseData((object)new[] { "--help" }).SetName("outreach --help");
        yield return new TestCaseData((object)new[] { "complaint", "accept", "--help" }).SetName("outreach complaint accept --help");
        yield return new TestCaseData((object)new[] { "audit", "--help" }).SetName("outreach audit --help");
        yield return new TestCaseData((object)new[] { "rotation", "--help" }).SetName("outreach rotation --help");
        yield return new TestCaseData((object)new[] { "rotation", "plan", "--help" }).SetName("outreach rotation plan --help");
        yield return new TestCaseData((object)new[] { "projections", "rebuild", "--help" }).SetName("outreach projections rebuild --help");
        yield return new TestCaseData((object)new[] { "db-patch", "--help" }).SetName("outreach db-patch --help");
    }

    [TestCaseSource(nameof(Helps))]
    public async Task Vietnamese_help_has_no_english_description(string[] args)
    {
        foreach (var culture in new[] { null, "--culture=vi", "vi" })
        {
            var result = culture switch
            {
                null => await Outreach.RunAsync(args),
                "vi" => await Outreach.RunAsync([.. args, "--culture", "vi"]),
                _ => await Outreach.RunAsync([.. args, culture]),
            };
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Out, Does.Contain("hồ sơ").Or.Contain("khiếu nại").Or.Contain("chuyến đi cơ sở").Or.Contain("luân phiên").Or.Contain("bản chiếu").Or.Contain("lược đồ"), result.ToString());
            foreach (var description in Descriptions(result.Out))
            {
                Assert.That(EnglishWord().Matches(Unquoted(description)).Select(m => m.Value), Is.Empty, $"English in: {description}\n{result}");
            }
        }
    }

    [TestCaseSource(nameof(Helps))]
    public async Task English_help_is_english_and_every_description_differs_from_the_vietnamese(string[] args)
    {
        var english = await Outreach.RunAsync([.. args, "--culture", "en"]);
        var vietnamese = await Outreach.RunAsync([.. args, "--culture", "vi"]);
        Assert.That(english.ExitCode, Is.Zero, english.ToString());
        Assert.That(english.Out, Does.Not.Match(VietnameseLetter().ToString()), english.ToString());
        Assert.That(EnglishWord().IsMatch(english.Out), english.ToString());

        var en = Descriptions(english.Out);
        var vi = Descriptions(vietnamese.Out);
        Assert.That(vi, Has.Count.EqualTo(en.Count), $"{english}\n{vietnamese}");
        for (var i = 0; i < en.Count; i++)
        {
            Assert.That(vi[i], Is.Not.EqualTo(en[i]), "a description left in English");
            var first = en[i].Split(' ')[0];
            if (EnglishFirstWord().IsMatch(first))
            {
                Assert.That(vi[i].Split(' ')[0], Is.Not.EqualTo(first), $"English in: {vi[i]}");
            }
        }
    }

    [TestCaseSource(nameof(Helps))]
    public async Task The_page_itself_speaks_the_help_language(string[] args)
    {
        var vietnamese = await Outreach.RunAsync([.. args, "--culture", "vi"]);
        var english = await Outreach.RunAsync([.. args, "--culture", "en"]);
        Assert.That((vietnamese.ExitCode, english.ExitCode), Is.EqualTo((0, 0)), $"{vietnamese}\n{english}");
        Assert.That(vietnamese.Out, Does.Contain("Mô tả:\n").And.Contain("Cách dùng:\n  outreach").And.Contain("Tùy chọn:\n"), vietnamese.ToString());
        foreach (var marker in new[] { "Description:", "Usage:", "Options:", "Commands:", "Arguments:", "REQUIRED", "required", "[default:", "[options]", "[command]" })
        {
            Assert.That(vietnamese.Out, Does.Not.Contain(marker), vietnamese.ToString());
        }

        Assert.That(english.Out, Does.Contain("Description:\n").And.Contain("Usage:\n  outreach").And.Contain("Options:\n"), english.ToString());
    }

    [Test]
    public async Task Help_for_a_command_with_required_options_is_not_a_usage_error()
    {
        var help = await Outreach.RunAsync("complaint", "accept", "--help");
        Assert.That(help.ExitCode, Is.Zero, help.ToString());
        Assert.That(help.Error, Is.Empty, help.ToString());
        Assert.That(help.Out, Does.Contain("--case-id <case-id>").And.Contain("(bắt buộc)"), help.ToString());
    }

    [TestCaseSource(nameof(Nouns))]
    public async Task Every_case_command_has_a_vietnamese_summary(string noun)
    {
        var vietnamese = await Outreach.RunAsync(noun, "--help");
        var english = await Outreach.RunAsync(noun, "--help", "--culture", "en");
        Assert.That(vietnamese.ExitCode, Is.Zero, vietnamese.ToString());
        foreach (var descriptor in OutreachCommands.All.Where(d => d.Noun == noun))
        {
            Assert.That(english.Out, Does.Contain(descriptor.Summary), english.ToString());
            Assert.That(vietnamese.Out, Does.Not.Contain(descriptor.Summary), $"{descriptor.Name} has no Vietnamese summary");
        }

        Assert.That(Descriptions(vietnamese.Out)[0], Is.Not.EqualTo(noun), "the noun has no description of its own");
    }

    private static IEnumerable<string> Nouns() => OutreachCommands.All.Select(d => d.Noun).Distinct();

    /// <summary>The description texts of a help page: the command's own, then each option's, argument's and subcommand's.</summary>
    private static List<string> Descriptions(string help)
    {
        var descriptions = new List<string>();
        var section = "";
        foreach (var raw in help.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (Heading().IsMatch(line))
            {
                section = line;
                continue;
            }

            if (line.Trim().Length == 0 || section is "Usage:" or "Cách dùng:")
            {
                continue;
            }

            var text = section is "Description:" or "Mô tả:" ? line.Trim() : Columns().Split(line.Trim())[^1];
            text = Default().Replace(text, "").Trim();
            if (text.Length > 0)
            {
                descriptions.Add(text);
            }
        }

        return descriptions;
    }

    /// <summary>A description without what is the same in both languages: quotes, options, names and codes.</summary>
    private static string Unquoted(string text) => Code().Replace(text, " ");

    [GeneratedRegex(@"^\S.*:$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Columns();

    [GeneratedRegex(@"\[default: [^\]]*\]|\[mặc định: [^\]]*\]|\((required|bắt buộc)\)")]
    private static partial Regex Default();

    [GeneratedRegex(@"'[^']*'|""[^""]*""|--?[A-Za-z?-]+|\$[A-Z_]+[^\s]*|<[^>]*>|\b[A-Z][A-Za-z0-9]*\b|\b[a-z]+-[a-z0-9/-]+\b")]
    private static partial Regex Code();

    [GeneratedRegex(@"\b(the|and|of|with|for|to|from|this|that|when|each|every|by|or|is|are|record|show|list|case|cases|step|default|repeat|separate|text|date|time|now|new|id)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"^[A-Z][a-z]+$")]
    private static partial Regex EnglishFirstWord();

    [GeneratedRegex(@"[À-ỹ]")]
    private static partial Regex VietnameseLetter();
}
