using System.Globalization;
using System.Text.RegularExpressions;
using Outreach.Tests.Support;

namespace Outreach.Tests.Conventions;

/// <summary>
/// Every sentence the library says exists in English and Vietnamese with the same placeholders, every code the source
/// names has a text, and no library sentence names a console verb (the library is used by hosts that have none).
/// </summary>
public sealed partial class TextConventionTests
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [Test]
    public void Every_text_has_a_vietnamese_version_with_the_same_placeholders()
    {
        var codes = OutreachText.Codes();
        var vietnamese = OutreachText.CodesIn(Vi).ToHashSet(StringComparer.Ordinal);
        Assert.That(codes, Has.Count.GreaterThan(200), "the resources are embedded and read");
        using (Assert.EnterMultipleScope())
        {
            foreach (var code in codes)
            {
                Assert.That(vietnamese, Does.Contain(code), $"{code} has no Vietnamese text");
                var en = OutreachText.Get(code, En);
                var vi = OutreachText.Get(code, Vi);
                Assert.That(Placeholders(vi), Is.EquivalentTo(Placeholders(en)), $"{code}: the two languages fill different values");
            }
        }
    }

    [Test]
    public void Every_text_formats_with_its_placeholders_filled()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var code in OutreachText.Codes())
            {
                foreach (var culture in new[] { En, Vi })
                {
                    var template = OutreachText.Get(code, culture);
                    var count = Placeholders(template).Select(int.Parse).DefaultIfEmpty(-1).Max() + 1;
                    if (count == 0)
                    {
                        continue;
                    }

                    // Dates fill date formats, and numbers number formats: a value of each kind per placeholder.
                    var values = Enumerable.Range(0, count).Select(_ => (object)new DateTimeOffset(2024, 3, 5, 9, 0, 0, TimeSpan.FromHours(7))).ToArray();
                    Assert.That(() => string.Format(culture, template, values), Throws.Nothing, $"{code} ({culture.Name}): {template}");
                }
            }
        }
    }

    [Test]
    public void Every_code_named_in_the_library_source_has_a_text()
    {
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repository.Root(), "src", "Domain"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in NamedCode().Matches(text))
            {
                var code = m.Groups["code"].Value;
                if (!OutreachText.Has(code))
                {
                    missing.Add($"{Path.GetFileName(file)}: {code}");
                }
            }
        }

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void Every_command_says_what_it_records_in_both_languages()
    {
        using (Assert.EnterMultipleScope())
        {
            foreach (var command in OutreachCommands.All)
            {
                Assert.That(command.SummaryIn(En), Is.EqualTo(command.Summary), command.Name);
                Assert.That(command.SummaryIn(Vi), Is.Not.EqualTo(command.Summary), $"{command.Name} has a Vietnamese summary");
            }
        }
    }

    [Test]
    public void No_library_sentence_names_a_console_verb()
    {
        var offenders = OutreachText.Codes()
            .SelectMany(code => new[] { (code, OutreachText.Get(code, En)), (code, OutreachText.Get(code, Vi)) })
            .Where(t => ConsoleVerb().IsMatch(t.Item2))
            .Select(t => $"{t.code}: {t.Item2}")
            .ToList();
        Assert.That(offenders, Is.Empty);
    }

    [Test]
    public void A_refusal_reads_in_the_callers_language_and_keeps_its_code()
    {
        var refusal = new DomainRuleException("step.in-future", new DateTimeOffset(2030, 1, 2, 9, 0, 0, TimeSpan.FromHours(7)), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var failure = Failures.Describe(refusal, Vi)!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Code, Is.EqualTo("step.in-future"));
            Assert.That(failure.Message, Does.Contain("tương lai").And.Contain("02/01/2030"));
            Assert.That(refusal.MessageIn(En), Does.Contain("is in the future").And.Contain("2030-01-02"));
            Assert.That(failure.HttpStatus, Is.EqualTo(422));
            Assert.That(failure.ExitCode, Is.EqualTo(1));
        }
    }

    [Test]
    public void Each_kind_of_failure_has_its_exit_code_and_http_status()
    {
        var id = Guid.NewGuid();
        var cases = new (Exception Exception, int Exit, int Http)[]
        {
            (new CommandInputException("input.not-object"), 2, 400),
            (new CaseNotFoundException(id), 1, 404),
            (new ConflictException(id, null, new InvalidOperationException()), 8, 409),
            (new ConflictException(id, 3, new InvalidOperationException()), 8, 412),
            (new Outreach.PersonalData.ClearanceRefusedException("clearance.none", "cb01"), 2, 403),
            (new Outreach.PersonalData.PersonErasedException(id), 1, 410),
        };
        using (Assert.EnterMultipleScope())
        {
            foreach (var (exception, exit, http) in cases)
            {
                var failure = Failures.Describe(exception, Vi);
                Assert.That(failure, Is.Not.Null, exception.GetType().Name);
                Assert.That((failure!.ExitCode, failure.HttpStatus), Is.EqualTo((exit, http)), failure.Code);
                Assert.That(failure.Message, Is.Not.EqualTo(((IOutreachFailure)exception).MessageIn(En)), $"{failure.Code} is Vietnamese");
            }
        }
    }

    private static IReadOnlyList<string> Placeholders(string template)
        => [.. Placeholder().Matches(template.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal)).Select(m => m.Groups[1].Value).Distinct().Order()];

    [GeneratedRegex(@"\{(\d+)(?:[:,][^}]*)?\}")]
    private static partial Regex Placeholder();

    // A literal code handed to the text machinery: new DomainRuleException("x", …), .Says("x"), Shared("x", "y"), OutreachText.Get/Format("x").
    [GeneratedRegex(@"(?:new (?:DomainRuleException|CommandInputException|ClearanceRefusedException)\(|\.Says\(|Shared\(""[^""]+"", |OutreachText\.(?:Get|Format)\()""(?<code>[a-z][a-z0-9.-]*[a-z0-9])""(?=\s*[,)])")]
    private static partial Regex NamedCode();

    [GeneratedRegex(@"'outreach [a-z]|""outreach [a-z]|\boutreach (?:audit|cases?|localities|petition|visit|unit|rotation|apply|demo|cluster|difficult)")]
    private static partial Regex ConsoleVerb();
}
