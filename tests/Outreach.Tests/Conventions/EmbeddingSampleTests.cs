using System.Diagnostics;
using Outreach.Tests.Support;

namespace Outreach.Tests.Conventions;

/// <summary>
/// What an outside developer gets from the package alone: the library is packed, the embedding sample
/// (<c>docs/samples/EmbeddingSample</c>) is built against the packed package — not the project — and run against the
/// private cluster with the two roles a newcomer gets.
/// </summary>
[NonParallelizable]
public sealed class EmbeddingSampleTests
{
    private string _work = "";
    private string _output = "";
    private string _schema = "";

    [OneTimeSetUp]
    public async Task PackBuildAndRun()
    {
        _work = Directory.CreateTempSubdirectory("outreach-embedding-").FullName;
        var feed = Path.Combine(_work, "feed");
        var bin = Path.Combine(_work, "bin");
        // A version of its own, so that no package cached by an earlier run stands in for this build.
        var version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var root = Repository.Root();
        await Run("dotnet", ["pack", Path.Combine(root, "src", "Domain"), "-o", feed, $"-p:PackageVersion={version}", "--nologo"], root);
        Assert.That(File.Exists(Path.Combine(feed, $"Outreach.Domain.{version}.nupkg")), "the package was packed");
        await Run("dotnet", ["build", Path.Combine(root, "docs", "samples", "EmbeddingSample"), "-o", bin, $"-p:OutreachVersion={version}",
            $"-p:RestoreAdditionalProjectSources={feed}", "--nologo"], root);

        _schema = TestDatabase.NewSchemaName();
        var environment = new Dictionary<string, string>
        {
            ["Outreach__ConnectionString"] = await TestDatabase.ApplicationConnectionStringAsync(),
            ["Outreach__OwnerConnectionString"] = await TestDatabase.OwnerConnectionStringAsync(),
            ["Outreach__KeyFolder"] = Path.Combine(_work, "keys"),
            ["Outreach__SchemaName"] = _schema,
        };
        _output = await Run("dotnet", [Path.Combine(bin, "EmbeddingSample.dll")], bin, environment);
    }

    [OneTimeTearDown]
    public async Task CleanUp()
    {
        if (_schema.Length > 0)
        {
            await TestDatabase.DropSchemaAsync(_schema);
        }

        Directory.Delete(_work, recursive: true);
    }

    [Test]
    public void It_is_built_from_the_package_not_the_project()
    {
        var project = Repository.ReadFile("docs/samples/EmbeddingSample/EmbeddingSample.csproj");
        Assert.That(project, Does.Contain("<PackageReference Include=\"Outreach.Domain\"").And.Not.Contain("ProjectReference"));
    }

    [Test]
    public void It_binds_its_settings_from_appsettings_json() => Assert.That(_output, Does.Contain("unit head response 5 days"));

    [Test]
    public void It_refuses_a_misspelt_field_and_a_time_without_offset()
    {
        Assert.That(_output, Does.Contain("misspelt field: refused input.unknown-field"));
        Assert.That(_output, Does.Contain("time without offset: refused input.no-offset"));
    }

    [Test]
    public void It_hides_a_denouncer_without_clearance_and_records_the_reveal_before_showing_them()
    {
        Assert.That(_output, Does.Match(@"without clearance: TC-[0-9A-F]{8} \(protected: True\)"));
        Assert.That(_output, Does.Contain("with clearance: Đặng Thị Mai; the case's history now ends with DenouncerIdentityRevealed by Thanh tra viên Lê Văn Bình"));
    }

    [Test]
    public void Its_own_projection_runs_and_the_application_role_cannot_rewrite_history()
    {
        Assert.That(_output, Does.Contain("rows for the respondent: 1"));
        Assert.That(_output, Does.Contain("append-only: the application role may not delete events (42501)"));
    }

    private static async Task<string> Run(string file, IEnumerable<string> arguments, string directory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await error;
        Assert.That(process.ExitCode, Is.Zero, $"{file} {string.Join(' ', arguments)}\n{text}");
        return text;
    }
}
