using Outreach.Benchmarks;
using Outreach.Tests.Support;

namespace Outreach.Tests.Benchmarks;

/// <summary>
/// The speed benchmark's quick mode, as CI's smoke check (issue 13): every scenario runs against its baseline on the
/// newcomer's set-up and reports a rate, a spread, a ratio and latencies. Nothing about speed is asserted.
/// </summary>
public sealed class SpeedBenchmarkSmokeTests
{
    [Test]
    public async Task The_quick_run_measures_every_scenario_against_its_baseline_and_writes_the_table()
    {
        var file = Path.Combine(Path.GetTempPath(), "outreach-benchmarks-" + Guid.NewGuid().ToString("N")[..8] + ".md");
        using var output = new StringWriter();
        try
        {
            var rows = await SpeedBenchmark.RunAsync(new SpeedSettings(Quick: true, file, await TestDatabase.DatabaseAsync()), output);

            Assert.That(rows.Select(r => r.Scenario), Has.Some.StartsWith("commands, 1 writer (complaint").And.Some.StartsWith("commands, 8 writers (complaint")
                .And.Some.StartsWith("commands, 1 writer (field-visit").And.Some.StartsWith("commands, 8 writers (field-visit")
                .And.Some.StartsWith("case view").And.Some.StartsWith("case as of version").And.Some.StartsWith("audit report").And.Some.StartsWith("dashboard: overdue cases").And.Some.StartsWith("dashboard: cases by kind")
                .And.Some.StartsWith("dashboard: coverage").And.Some.StartsWith("dashboard: visits per week").And.Some.StartsWith("dashboard: guidance by topic")
                .And.Some.StartsWith("back-fill: `outreach apply --batch 200`").And.Some.StartsWith("back-fill: `outreach apply --batch 1`")
                .And.Some.StartsWith("start-up: `outreach case show").And.Some.StartsWith("start-up: the web host").And.Some.StartsWith("rebuild: all"));
            // The web host under load needs Debian's wrk (.ci/run installs it).
            Assert.That(rows.Select(r => r.Scenario), Has.Some.StartsWith("web: the dashboard's overview").And.Some.StartsWith("web: a case page"), "apt-get install wrk");
            foreach (var row in rows)
            {
                Assert.That(row.Outreach.Median, Is.GreaterThan(0), row.Scenario);
                Assert.That(row.Baseline.Median, Is.GreaterThan(0), row.Scenario);
                Assert.That(double.IsFinite(row.Ratio) && row.Ratio > 0, Is.True, row.Scenario);
                Assert.That(row.Outreach.Low, Is.LessThanOrEqualTo(row.Outreach.Median).And.LessThanOrEqualTo(row.Outreach.High), row.Scenario);
                // Throughput scenarios (an import, a rebuild) count lines or events per second of the whole run: no latency.
                var throughputOnly = row.Scenario.StartsWith("back-fill", StringComparison.Ordinal) || row.Scenario.StartsWith("rebuild", StringComparison.Ordinal);
                Assert.That(row.Latency, throughputOnly ? Is.Null : Does.Match(@"^p50 [\d.]+ / p99 [\d.]+ ms \(baseline [\d.]+ / [\d.]+\)$"), row.Scenario);
            }

            var report = await File.ReadAllTextAsync(file);
            Assert.That(report, Does.Contain("| scenario | Outreach | baseline | ratio | aim | latency |").And.Contain("quick mode"));
            Assert.That(rows.Select(r => r.Scenario), Has.All.Matches<string>(s => report.Contains(s, StringComparison.Ordinal)), "every row is in the table");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void A_spread_is_the_median_with_the_lowest_and_highest_round()
    {
        var spread = Spread.Of([5, 1, 3, 2]);
        Assert.That((spread.Median, spread.Low, spread.High), Is.EqualTo((2.5, 1d, 5d)));
        Assert.That(Spread.Percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.99), Is.EqualTo(9.91).Within(1e-9));
        Assert.That(() => Spread.Of([]), Throws.ArgumentException);
    }
}
