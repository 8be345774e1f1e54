using Outreach.Tests.Support;

namespace Outreach.Tests.Conventions;

/// <summary>The reference pages must say what the code does.</summary>
public sealed class DocumentationTests
{
    private static string RepoFile(string relative) => Repository.ReadFile(relative);

    [Test]
    public async Task The_commands_reference_is_what_the_tool_prints()
    {
        var printed = await new OutreachProcess(new Outreach.Hosting.OutreachDatabase("Host=unused", null), "unused").RunAsync("commands", "--markdown");
        Assert.That(printed.ExitCode, Is.EqualTo(0), printed.ToString());
        var doc = RepoFile("docs/commands.md").ReplaceLineEndings("\n");
        Assert.That(doc, Does.Contain(printed.Out.ReplaceLineEndings("\n").Trim()),
            "docs/commands.md is stale: regenerate its Reference section with 'outreach commands --markdown'");
    }

    [Test]
    public void Every_event_and_its_stored_name_is_documented()
    {
        var doc = RepoFile("docs/events.md");
        var missing = OutreachEvents.All.Where(t => !doc.Contains($"| `{t.Name}` | `{OutreachEvents.StoredName(t)}` |", StringComparison.Ordinal));
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void The_readme_test_command_is_the_one_ci_runs()
    {
        var readme = RepoFile("README.md");
        var ci = RepoFile(".ci/run");
        const string command = "dotnet test Outreach.Domain.sln --logger \"trx\" --results-directory .ci/out";
        Assert.That(readme, Does.Contain(command));
        Assert.That(ci, Does.Contain(command));
    }
}
