using System.Diagnostics;
using Npgsql;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>Runs <c>docs/audit/verify-chains.sql</c> with psql, as an auditor would, and reads what it prints.</summary>
internal static class AuditSql
{
    public static string ScriptPath => Path.Combine(Repository.Root(), "docs", "audit", "verify-chains.sql");

    private static string Psql()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var candidate = Path.Combine(dir, "psql");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).Where(File.Exists).OrderDescending().FirstOrDefault()
              ?? throw new FileNotFoundException("psql not found")
            : throw new FileNotFoundException("psql not found");
    }

    /// <summary>The problems the script lists (as <c>code|stream|version</c>) and its RESULT line.</summary>
    public static async Task<(HashSet<string> Problems, string Result, string Output)> RunAsync(string connection, string schema)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var start = new ProcessStartInfo(Psql())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-X", "-A", "-t", "-F", "|", "-v", $"schema={schema}", "-f", ScriptPath })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PGHOST"] = builder.Host;
        start.Environment["PGPORT"] = builder.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = builder.Username;
        start.Environment["PGDATABASE"] = builder.Database;
        if (builder.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, $"psql failed:\n{output}\n{error}");
        var problems = new HashSet<string>();
        var result = "";
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var cells = line.Split('|');
            if (cells.Length == 4)
            {
                problems.Add($"{cells[3]}|{cells[1]}|{cells[2]}");
            }
            else if (line.StartsWith("RESULT:", StringComparison.Ordinal))
            {
                result = line;
            }
        }

        return (problems, result, output);
    }
}
