using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Outreach.Hosting;

namespace Outreach.Benchmarks;

/// <summary>
/// The web host as an operator runs it (its build output, a process of its own, on the run's schema), signed in with a
/// bearer token of the run's own key: how long it takes from process start to a case page, and how many requests per
/// second the dashboard and a case page answer under <c>wrk</c> against a trivial endpoint of the same host.
/// </summary>
internal static partial class WebScenarios
{
    private const string Issuer = "outreach-bench";
    private const string Audience = "outreach";

    /// <summary>Where Debian's <c>wrk</c> is, if installed.</summary>
    public static string? Wrk() => new[] { "/usr/bin/wrk", "/usr/local/bin/wrk" }.FirstOrDefault(File.Exists);

    /// <summary>The start-up row and, with <c>wrk</c>, the load rows.</summary>
    public static async Task<IReadOnlyList<SpeedRow>> RunAsync(
        string web, string noop, OutreachDatabase? database, string schema, Guid caseId, bool quick, TextWriter output, CancellationToken cancellation)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var token = Token(key);
        var page = $"/cases/{caseId}";
        var rows = new List<SpeedRow>();

        var starts = quick ? 1 : 5;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"web start-up: {starts} round(s) of the web host from process start to a case page, against an empty .NET console app…"));
        var (o, b, oMs, bMs) = await Rounds.AlternateAsync(starts,
            async latencies =>
            {
                var started = Stopwatch.GetTimestamp();
                await using var host = await WebProcess.StartAsync(web, database, schema, key, token, page, cancellation);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                latencies.Add(elapsed);
                return 1000 / elapsed;
            },
            async latencies =>
            {
                var started = Stopwatch.GetTimestamp();
                using var process = Process.Start(new ProcessStartInfo("dotnet", [noop, "noop"]) { UseShellExecute = false }) ?? throw new InvalidOperationException("dotnet did not start");
                await process.WaitForExitAsync(cancellation);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                latencies.Add(elapsed);
                return 1000 / elapsed;
            });
        rows.Add(new SpeedRow("start-up: the web host, process start to its first case page (build output)", "runs/s", Spread.Of(o), Spread.Of(b),
            "an empty .NET console app (this program's `noop`)", Rounds.Latency(oMs, bMs), null));

        if (Wrk() is not { } wrk)
        {
            output.WriteLine("web under load: skipped (install Debian's wrk: apt-get install wrk)");
            return rows;
        }

        await using (var host = await WebProcess.StartAsync(web, database, schema, key, token, page, cancellation))
        {
            var rounds = quick ? 1 : 5;
            var seconds = quick ? 1 : 10;
            foreach (var (path, name) in new[] { ("/", "the dashboard's overview (`/`)"), (page, "a case page (`/cases/{id}`)") })
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"web: {rounds} round(s) of {seconds} s of wrk (2 threads, 8 connections) on {path} against /health/live…"));
                var (p50s, p99s, baseP50s, baseP99s) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
                var (rates, baseline, _, _) = await Rounds.AlternateAsync(rounds,
                    _ => LoadAsync(wrk, host.Address + path.TrimStart('/'), token, seconds, (p50s, p99s), cancellation),
                    _ => LoadAsync(wrk, host.Address + "health/live", token, seconds, (baseP50s, baseP99s), cancellation));
                // The warm-up round's percentiles are left out as its rates are.
                rows.Add(new SpeedRow($"web: {name} under `wrk`, 8 connections", "requests/s", Spread.Of(rates), Spread.Of(baseline),
                    "`/health/live` of the same host, same load and token", LatencyOf(p50s.Skip(1).ToList(), p99s.Skip(1).ToList(), baseP50s.Skip(1).ToList(), baseP99s.Skip(1).ToList()), null));
            }
        }

        return rows;
    }

    /// <summary>"p50 1.2 / p99 3.4 ms (baseline 0.3 / 0.9)" from the medians of each round's percentiles as <c>wrk</c> measured them.</summary>
    private static string LatencyOf(List<double> p50, List<double> p99, List<double> baseP50, List<double> baseP99)
        => string.Create(CultureInfo.InvariantCulture,
            $"p50 {Spread.Of(p50).Median:F2} / p99 {Spread.Of(p99).Median:F2} ms (baseline {Spread.Of(baseP50).Median:F2} / {Spread.Of(baseP99).Median:F2})");

    /// <summary>One run of <c>wrk</c>; requests per second. Any answer other than 2xx/3xx, or a socket error, stops the benchmark.</summary>
    private static async Task<double> LoadAsync(string wrk, string url, string token, int seconds, (List<double> P50, List<double> P99)? percentiles, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(wrk, ["-t2", "-c8", $"-d{seconds}s", "--latency", "-H", "Authorization: Bearer " + token, "-H", "Accept-Language: vi", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var text = await process.StandardOutput.ReadToEndAsync(cancellation);
        await process.WaitForExitAsync(cancellation);
        if (process.ExitCode != 0 || text.Contains("Non-2xx or 3xx responses", StringComparison.Ordinal) || text.Contains("Socket errors", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"wrk on {url} did not get clean answers (exit {process.ExitCode}):\n{text}{await process.StandardError.ReadToEndAsync(cancellation)}");
        }

        percentiles?.P50.Add(Milliseconds(Regex.Match(text, @"^\s+50%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value));
        percentiles?.P99.Add(Milliseconds(Regex.Match(text, @"^\s+99%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value));
        return double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>wrk's durations ("812.00us", "1.20ms", "2.01s") in milliseconds.</summary>
    private static double Milliseconds(string value)
    {
        var match = Regex.Match(value, @"^([\d.]+)(us|ms|s|m)$");
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk printed a duration this benchmark cannot read: \"{value}\"");
        }

        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => number / 1000, "ms" => number, "s" => number * 1000, _ => number * 60_000 };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    /// <summary>An HS256 token for a committee member, signed with the run's <paramref name="key"/>, as an identity provider issues one.</summary>
    private static string Token(byte[] key)
    {
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var unsigned = Part(new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT" }) + "." + Part(new Dictionary<string, object>
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["sub"] = "bench.1", ["unique_name"] = "bench.1", ["role"] = "committee",
            ["iat"] = now, ["nbf"] = now - 60, ["exp"] = now + 6 * 3600,
        });
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(unsigned));
        return unsigned + "." + Convert.ToBase64String(signature).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The web host in a process of its own, listening on a free port of 127.0.0.1, stopped when disposed.</summary>
    private sealed class WebProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private WebProcess(Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        /// <summary>Starts the host and returns once <paramref name="firstPage"/> answered 200 to the signed-in committee member.</summary>
        public static async Task<WebProcess> StartAsync(string dll, OutreachDatabase? database, string schema, byte[] key, string token, string firstPage, CancellationToken cancellation)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }

            var start = new ProcessStartInfo("dotnet", [dll]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["OUTREACH_SCHEMA"] = schema;
            start.Environment["Authentication__Schemes__Bearer__ValidIssuer"] = Issuer;
            start.Environment["Authentication__Schemes__Bearer__ValidAudiences__0"] = Audience;
            start.Environment["Authentication__Schemes__Bearer__SigningKeys__0__Issuer"] = Issuer;
            start.Environment["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Convert.ToBase64String(key);
            if (database is not null)
            {
                start.Environment[OutreachConnection.EnvironmentVariable] = database.Application;
                start.Environment[OutreachConnection.AdminEnvironmentVariable] = database.Admin ?? "";
            }

            var log = new StringBuilder();
            var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
            process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var host = new WebProcess(process, new Uri($"http://127.0.0.1:{port}/"));
            using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                if (process.HasExited || deadline.Elapsed > TimeSpan.FromMinutes(2))
                {
                    await host.DisposeAsync();
                    throw new InvalidOperationException($"the web host did not answer {firstPage} (exit {(process.HasExited ? process.ExitCode : "none")}):\n{log}");
                }

                try
                {
                    using var answer = await http.GetAsync(firstPage, cancellation);
                    if (answer.StatusCode == HttpStatusCode.OK)
                    {
                        return host;
                    }

                    if (answer.StatusCode is not HttpStatusCode.ServiceUnavailable)
                    {
                        await host.DisposeAsync();
                        throw new InvalidOperationException($"the web host answered {firstPage} with {(int)answer.StatusCode}:\n{await answer.Content.ReadAsStringAsync(cancellation)}\n{log}");
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }

                await Task.Delay(10, cancellation);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
