using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Outreach.Hosting;
using Outreach.Tests.Support;
using static Outreach.Tests.Support.Cultures;

namespace Outreach.Tests.Hosting;

/// <summary>
/// Every sentence of the hosts (<c>src/Hosts/Hosting</c>) exists in English and Vietnamese with the same placeholders,
/// every code the source names has a text, no exception is thrown with a sentence written in the source, and a failure
/// reads in the language of the person who meets it.
/// </summary>
public sealed partial class HostingTextTests
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    private static string HostingFolder => Path.Combine(Repository.Root(), "src", "Hosts", "Hosting");

    [Test]
    public void Every_english_text_has_a_vietnamese_one_and_back_with_the_same_placeholders()
    {
        var english = Texts("Hosting.resx");
        var vietnamese = Texts("Hosting.vi.resx");
        Assert.That(english, Has.Count.GreaterThan(30), "the English resources are read");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(vietnamese.Keys.Except(english.Keys), Is.Empty, "Vietnamese texts without an English one");
            Assert.That(english.Keys.Except(vietnamese.Keys), Is.Empty, "English texts without a Vietnamese one");
            foreach (var (code, en) in english)
            {
                Assert.That(en, Is.Not.Empty.And.Not.Match(@"^\s*$"), $"{code} has an empty English text");
                if (vietnamese.TryGetValue(code, out var vi))
                {
                    Assert.That(vi, Is.Not.Empty.And.Not.Match(@"^\s*$"), $"{code} has an empty Vietnamese text");
                    Assert.That(Placeholders(vi), Is.EquivalentTo(Placeholders(en)), $"{code}: the two languages fill different values");
                }
            }
        }
    }

    [Test]
    public void Every_text_is_embedded_and_formats_in_both_languages()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var code in Texts("Hosting.resx").Keys)
            {
                var values = Enumerable.Range(0, 8).Select(i => (object)(i * 7)).ToArray();
                string en = "", vi = "";
                Assert.That(() => en = HostingText.FormatIn(En, code, values), Throws.Nothing, $"{code} (en)");
                Assert.That(() => vi = HostingText.FormatIn(Vi, code, values), Throws.Nothing, $"{code} (vi)");
                Assert.That(vi, Is.Not.EqualTo(en), $"{code} reads the same in Vietnamese as in English");
            }
        }
    }

    [Test]
    public void Every_code_named_in_the_hosting_source_has_a_text()
    {
        var named = new List<string>();
        var missing = new List<string>();
        foreach (var file in SourceFiles())
        {
            foreach (Match m in NamedCode().Matches(File.ReadAllText(file)))
            {
                var code = m.Groups["code"].Value;
                named.Add(code);
                if (!HostingText.Has(code))
                {
                    missing.Add($"{Path.GetFileName(file)}: {code}");
                }
            }
        }

        Assert.That(named.Distinct().Count(), Is.GreaterThan(30), "the codes of the source are found");
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void No_exception_of_the_hosts_is_made_with_a_sentence_written_in_the_source()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles())
        {
            var text = File.ReadAllText(file);
            foreach (Match m in ExceptionWithLiteral().Matches(text))
            {
                var line = text[..m.Index].Count(c => c == '\n') + 1;
                offenders.Add($"{Path.GetRelativePath(HostingFolder, file)}:{line}: {m.Value.ReplaceLineEndings(" ")}");
            }
        }

        Assert.That(offenders, Is.Empty, "give the sentence a code in Resources/Hosting.resx and Hosting.vi.resx, and use HostingText.Format or LocalPostgresUnavailableException.Of");
    }

    [TestCase("throw new InvalidOperationException(\"Something broke.\");")]
    [TestCase("throw new LocalPostgresUnavailableException($\"Could not run {file}.\", ex);")]
    [TestCase("throw new ArgumentException(\n    $\"'{name}' is wrong.\", nameof(name));")]
    [TestCase("lastError => new LocalPostgresUnavailableException(\n  @\"C:\\ is not supported\")")]
    [TestCase("throw new System.IO.IOException(message: \"No disk.\");")]
    [TestCase("throw new KeyNotFoundException($$\"\"\"No text for {{code}}.\"\"\");")]
    public void The_source_scan_recognises_a_sentence_written_in_an_exception(string source)
        => Assert.That(ExceptionWithLiteral().IsMatch(source), Is.True);

    [TestCase("throw new ArgumentException(HostingText.Format(\"culture.unknown\", culture), nameof(culture));")]
    [TestCase("throw LocalPostgresUnavailableException.Of(ex, \"process.cannot-run\", fileName, ex.Message);")]
    [TestCase("throw new Microsoft.Extensions.Options.OptionsValidationException(OutreachRegistration.SectionName, typeof(OutreachOptions), problems);")]
    public void The_source_scan_lets_sentences_from_the_resources_pass(string source)
        => Assert.That(ExceptionWithLiteral().IsMatch(source), Is.False);

    [Test]
    public void A_program_that_cannot_be_run_is_reported_in_the_readers_language()
    {
        var program = Path.Combine(Path.GetTempPath(), "outreach-no-such-folder-" + Guid.NewGuid().ToString("N"), "no-such-tool");

        var vi = InCulture(Vi, () => Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => ChildProcess.RunAsync(program, [], CancellationToken.None)))!;
        var en = InCulture(En, () => Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => ChildProcess.RunAsync(program, [], CancellationToken.None)))!;

        var system = vi.InnerException!.Message;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(vi.Code, Is.EqualTo("process.cannot-run"));
            Assert.That(en.Code, Is.EqualTo("process.cannot-run"));
            Assert.That(vi.Message, Is.EqualTo($"Không chạy được {program}: {system}"), "Vietnamese, with what the system said as it said it");
            Assert.That(en.Message, Is.EqualTo($"Could not run {program}: {system}"));
            Assert.That(vi.MessageIn(En), Is.EqualTo(en.Message), "the same failure can be told again in English");
            Assert.That(vi.Arguments, Is.EqualTo(new object[] { program, system }));
        }
    }

    [Test]
    public void Missing_server_binaries_are_reported_in_the_readers_language()
    {
        var root = Path.Combine(Path.GetTempPath(), "outreach-no-postgres-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var settings = new LocalPostgresSettings { DataDirectory = Path.Combine(root, "pg"), SearchPath = [], VersionRoots = [root] };

            var vi = InCulture(Vi, () => Assert.ThrowsAsync<LocalPostgresUnavailableException>(() => LocalPostgres.EnsureStartedAsync(settings)))!;

            using (Assert.EnterMultipleScope())
            {
                Assert.That(vi.Code, Is.EqualTo("cluster.binaries-missing"));
                Assert.That(vi.Message, Does.StartWith($"Không tìm thấy các chương trình máy chủ PostgreSQL (initdb, pg_ctl) trong PATH hay dưới {root}/*/bin."));
                Assert.That(vi.Message, Does.Contain("sudo apt-get install postgresql").And.Contain("--connection hoặc OUTREACH_CONNECTION"));
                Assert.That(vi.MessageIn(En), Does.StartWith($"PostgreSQL server binaries (initdb, pg_ctl) were not found on PATH or under {root}/*/bin."));
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void The_generic_failure_has_its_code_and_both_languages()
    {
        var vi = InCulture(Vi, () => new LocalPostgresUnavailableException());
        var given = new LocalPostgresUnavailableException("Ready-made.");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(vi.Code, Is.EqualTo(LocalPostgresUnavailableException.UnavailableCode));
            Assert.That(vi.Message, Is.EqualTo("Cụm PostgreSQL riêng hiện không dùng được."));
            Assert.That(vi.MessageIn(En), Is.EqualTo("The private PostgreSQL cluster is unavailable."));
            Assert.That(given.Code, Is.EqualTo(LocalPostgresUnavailableException.UnavailableCode));
            Assert.That(given.MessageIn(Vi), Is.EqualTo("Ready-made."), "a ready-made message is kept as it was given");
        }
    }

    [Test]
    public void A_phrase_inside_a_sentence_reads_in_the_language_of_the_sentence()
    {
        var user = new HostingTerm("cluster.current-os-user");
        var sentence = InCulture(En, () => HostingText.FormatIn(Vi, "cluster.data-directory-unreadable", "/srv/pg", "Permission denied", user, "OUTREACH_PGDATA"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sentence, Does.Contain("phải thuộc về người dùng hệ điều hành đang chạy Outreach;"));
            Assert.That(sentence, Does.Contain("(Permission denied)"), "what the system said stays as it said it");
            Assert.That(InCulture(Vi, () => user.ToString()), Is.EqualTo("người dùng hệ điều hành đang chạy Outreach"));
            Assert.That(InCulture(En, () => user.ToString()), Is.EqualTo("the user running Outreach"));
        }
    }

    [Test]
    public void An_unknown_culture_is_refused_in_the_readers_language()
    {
        var vi = InCulture(Vi, () => Assert.Throws<ArgumentException>(() => CaseText.For("fr")))!;
        var en = InCulture(En, () => Assert.Throws<ArgumentException>(() => CaseText.For("fr")))!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(vi.Message, Does.StartWith("Không hỗ trợ ngôn ngữ \"fr\""));
            Assert.That(en.Message, Does.StartWith("Unknown culture \"fr\": use vi (Vietnamese, the default) or en (English)."));
        }
    }

    /// <summary>The texts of one resource file of the hosts, by code, as written in the file.</summary>
    private static Dictionary<string, string> Texts(string fileName)
    {
        var document = XDocument.Load(Path.Combine(HostingFolder, "Resources", fileName));
        return document.Root!.Elements("data").ToDictionary(
            data => (string)data.Attribute("name")!,
            data => (string?)data.Element("value") ?? "",
            StringComparer.Ordinal);
    }

    private static IEnumerable<string> SourceFiles()
        => Directory.EnumerateFiles(HostingFolder, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static IReadOnlyList<string> Placeholders(string template)
        => [.. Placeholder().Matches(template.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal)).Select(m => m.Groups[1].Value).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    // A literal code handed to the hosts' texts: HostingText.Format("x"…), HostingText.FormatIn(culture, "x"…),
    // LocalPostgresUnavailableException.Of([inner, ]"x"…), new HostingTerm("x"…).
    [GeneratedRegex(@"(?:HostingText\.Format\(|HostingText\.FormatIn\([^,()]+,\s*|LocalPostgresUnavailableException\.Of\(\s*(?:\w+,\s*)?|new HostingTerm\()""(?<code>[a-z][a-z0-9.-]*[a-z0-9])""(?=\s*[,)])")]
    private static partial Regex NamedCode();

    // An exception made with a sentence in the source: new XxxException("…", new XxxException($"…", new XxxException(@"…",
    // new XxxException($$"""…""", also with a named argument (message: "…") and across lines.
    [GeneratedRegex(@"new\s+[\w.]*Exception\s*\(\s*(?:\w+\s*:\s*)?(?:\$*@?|@\$*)""")]
    private static partial Regex ExceptionWithLiteral();
}
