using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace Outreach.Hosting;

/// <summary>Exit code and combined output of a finished child process.</summary>
internal sealed record ChildProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs short-lived tools (initdb, pg_ctl, chown, id) and captures what they print.</summary>
internal static class ChildProcess
{
    public static async Task<ChildProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres OS user may not be able to enter the caller's working directory (e.g. under /root).
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // English messages, so that failures can be recognised and reported consistently.
        startInfo.Environment["LC_ALL"] = "C";

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw LocalPostgresUnavailableException.Of(ex, "process.cannot-run", fileName, ex.Message);
        }

        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            throw;
        }

        var output = string.Join(
            Environment.NewLine,
            new[] { await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false) }
                .Select(s => s.Trim())
                .Where(s => s.Length > 0));
        return new ChildProcessResult(process.ExitCode, output);
    }

    /// <summary>First executable called <paramref name="name"/> on PATH or in the usual system folders.</summary>
    public static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(IsExecutableFile);
    }

    public static bool IsExecutableFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return File.Exists(path);
        }

        try
        {
            const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            return File.Exists(path) && (File.GetUnixFileMode(path) & anyExecute) != 0;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="processId"/> is a live (not zombie) process running the postgres binary.</summary>
    public static bool IsLivePostgresProcess(int processId)
    {
        var stat = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat";
        if (Directory.Exists("/proc/self"))
        {
            try
            {
                // "<pid> (<comm>) <state> …"; comm may itself contain parentheses, so split at the last ')'.
                var text = File.ReadAllText(stat);
                var open = text.IndexOf('(', StringComparison.Ordinal);
                var close = text.LastIndexOf(')');
                if (open < 0 || close < open || close + 2 >= text.Length)
                {
                    return false;
                }

                var name = text[(open + 1)..close];
                var state = text[close + 2];
                return name.StartsWith("postgres", StringComparison.Ordinal) && state is not ('Z' or 'X');
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited && process.ProcessName.StartsWith("postgres", StringComparison.Ordinal);
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
