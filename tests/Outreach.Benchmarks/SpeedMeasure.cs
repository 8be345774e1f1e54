using System.Globalization;

namespace Outreach.Benchmarks;

/// <summary>The median of a measure over the counted rounds, with its spread (lowest and highest round).</summary>
/// <param name="Median">The median.</param>
/// <param name="Low">The lowest round.</param>
/// <param name="High">The highest round.</param>
public sealed record Spread(double Median, double Low, double High)
{
    /// <summary>The spread of <paramref name="values"/> (at least one).</summary>
    public static Spread Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("No value was measured.", nameof(values));
        }

        var sorted = values.Order().ToList();
        return new Spread(Percentile(sorted, 0.5), sorted[0], sorted[^1]);
    }

    /// <summary>The value at fraction <paramref name="p"/> of <paramref name="sorted"/> (linear between neighbours).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var at = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(at);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((sorted[above] - sorted[below]) * (at - below));
    }

    /// <summary>"1,234 (1,100–1,300)"; with two decimals below 10 ("0.45 (0.44–0.46)").</summary>
    public string Format()
    {
        var f = Median < 10 ? "N2" : "N0";
        return Median.ToString(f, CultureInfo.InvariantCulture) + " (" + Low.ToString(f, CultureInfo.InvariantCulture) + "–" + High.ToString(f, CultureInfo.InvariantCulture) + ")";
    }
}

/// <summary>
/// One row of the speed table: what Outreach does and its baseline, both as operations per second, measured in
/// alternating rounds on the same server.
/// </summary>
/// <param name="Scenario">What was measured.</param>
/// <param name="Unit">The operation counted ("steps/s", "reads/s").</param>
/// <param name="Outreach">Outreach's rate.</param>
/// <param name="Baseline">The baseline's rate.</param>
/// <param name="BaselineName">What the baseline does.</param>
/// <param name="Latency">Outreach's p50/p99 latency per operation in milliseconds, with the baseline's.</param>
/// <param name="Aim">The aim for the ratio, when it gives one.</param>
public sealed record SpeedRow(string Scenario, string Unit, Spread Outreach, Spread Baseline, string BaselineName, string? Latency, string? Aim)
{
    /// <summary>Outreach's median rate over the baseline's.</summary>
    public double Ratio => Outreach.Median / Baseline.Median;
}

/// <summary>Rounds that alternate Outreach and its baseline, so that a noisy machine slows both alike.</summary>
internal static class Rounds
{
    /// <summary>
    /// Runs one warm-up round (not counted) and <paramref name="rounds"/> counted ones; even rounds run Outreach first,
    /// odd ones the baseline first. Returns the per-round rates of each side, and every latency each side recorded.
    /// </summary>
    public static async Task<(List<double> Outreach, List<double> Baseline, List<double> OutreachMs, List<double> BaselineMs)> AlternateAsync(
        int rounds, Func<List<double>, Task<double>> outreach, Func<List<double>, Task<double>> baseline)
    {
        var (o, b, oMs, bMs) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var round = 0; round <= rounds; round++)
        {
            var counted = round > 0;
            var latencies = (Outreach: counted ? oMs : [], Baseline: counted ? bMs : []);
            if (round % 2 == 0)
            {
                var rate = await outreach(latencies.Outreach);
                var other = await baseline(latencies.Baseline);
                Add(rate, other);
            }
            else
            {
                var other = await baseline(latencies.Baseline);
                var rate = await outreach(latencies.Outreach);
                Add(rate, other);
            }

            void Add(double rate, double other)
            {
                if (counted)
                {
                    o.Add(rate);
                    b.Add(other);
                }
            }
        }

        return (o, b, oMs, bMs);
    }

    /// <summary>"p50 1.2 / p99 3.4 ms (baseline 0.3 / 0.9)".</summary>
    public static string Latency(List<double> outreachMs, List<double> baselineMs)
    {
        var o = outreachMs.Order().ToList();
        var b = baselineMs.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"p50 {Spread.Percentile(o, 0.5):F2} / p99 {Spread.Percentile(o, 0.99):F2} ms (baseline {Spread.Percentile(b, 0.5):F2} / {Spread.Percentile(b, 0.99):F2})");
    }
}
