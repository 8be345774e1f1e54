using System.Diagnostics;
using Outreach.Hosting;

namespace Outreach.Tests.Support;

/// <summary>What a run of the console host printed and returned.</summary>
internal sealed record ProcessResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Runs the built <c>outreach</c> tool as a separate process, against a given database schema. On the private cluster the
/// tool finds it itself, as a user's would; on a configured server it gets the same two connections as the tests. With
/// no database, the tool is told none: its settings (<see cref="Extra"/>, e.g. tenants) say where its databases are.
/// </summary>
internal sealed class OutreachProcess(OutreachDatabase? database, string schema)
{
    // The tool runs from its own build folder, as users run it: in the test folder JasperFx's assembly scan (Marten's
    // verbs) would trip over the test framework's assemblies.
    private static readonly string Tool = FindTool();

    private static string FindTool()
    {
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        for (var dir = framework; dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Outreach.Domain.sln")))
            {
                var tool = Path.Combine(dir.FullName, "src", "Hosts", "Console", "bin", configuration, framework.Name, "outreach.dll");
                return File.Exists(tool) ? tool : throw new FileNotFoundException($"Build the console host first: {tool} is missing.");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "outreach.dll");
    }

    /// <summary>The schema the tool works in.</summary>
    public string Schema => schema;

    /// <summary>More environment variables for the tool (e.g. OUTREACH_LOCALITIES). Keys go to a folder of this schema's own.</summary>
    public Dictionary<string, string> Extra { get; } = new() { ["OUTREACH_KEYS"] = Path.Combine(Path.GetTempPath(), "outreach-test-keys-" + schema) };

    public async Task<ProcessResult> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<ProcessResult> RunWithInputAsync(string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Tool);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("OUTREACH_CONNECTION");
        start.Environment.Remove("OUTREACH_ADMIN_CONNECTION");
        if (database is { Cluster: null })
        {
            start.Environment["OUTREACH_CONNECTION"] = database.Application;
            if (database.Admin is { } admin)
            {
                start.Environment["OUTREACH_ADMIN_CONNECTION"] = admin;
            }
        }

        start.Environment["OUTREACH_SCHEMA"] = schema;
        foreach (var (name, value) in Extra)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessResult(process.ExitCode, await output, await error);
    }
}
