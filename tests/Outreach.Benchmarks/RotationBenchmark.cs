using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Outreach.Rotation;

namespace Outreach.Benchmarks;

/// <summary>
/// Times <see cref="RotationPlanner.Plan"/> for a year of Cao Lãnh (84 localities, 30 visitors) against a baseline
/// that builds the same number of assignments by a naive round robin with no checks. The two are run alternately,
/// after a warm-up, so that machine noise hits both; the ratio of their medians is the comparable figure.
/// </summary>
internal static class RotationBenchmark
{
    private const int Weeks = 52;
    private const int VisitorCount = 30;
    private static readonly DateOnly FirstWeek = new(2024, 1, 1);

    public static int Run(int runs, TextWriter output)
    {
        var localities = Enumerable.Range(1, 15).Select(i => $"U{i:00}").Concat(Enumerable.Range(1, 69).Select(i => $"H{i:00}")).ToArray();
        var visitors = Enumerable.Range(1, VisitorCount).Select(i => $"cadre-{i:00}").ToArray();
        var everybody = new RotationRequest(FirstWeek, Weeks, visitors, _ => localities);
        var random = new Random(2019);
        var someOff = everybody with
        {
            Unavailable = (from w in Enumerable.Range(0, Weeks) from v in visitors where random.NextDouble() < 0.1 select (v, FirstWeek.AddDays(7 * w))).ToHashSet(),
        };

        var cases = new (string Name, Func<int> Body)[]
        {
            ("Baseline: naive round robin, no checks", () => RoundRobin(everybody).Count),
            ("RotationPlanner.Plan, everybody available", () => RotationPlanner.Plan(everybody).Assignments.Count),
            ("RotationPlanner.Plan, 10% visitor-weeks off", () => RotationPlanner.Plan(someOff).Assignments.Count),
        };

        var check = RotationPlanner.Plan(everybody);
        if (check.Assignments.Count != RoundRobin(everybody).Count || !check.Cycles.Where(c => c.Weeks == check.CycleWeeks).All(c => c.IsCovered))
        {
            output.WriteLine("The planner's output is not what the benchmark expects; not timing it.");
            return 1;
        }

        var warmUp = Math.Max(20, runs / 10);
        var samples = cases.Select(_ => new double[runs]).ToArray();
        var allocated = new long[cases.Length];
        for (var r = -warmUp; r < runs; r++)
        {
            for (var c = 0; c < cases.Length; c++)
            {
                var bytes = GC.GetAllocatedBytesForCurrentThread();
                var start = Stopwatch.GetTimestamp();
                cases[c].Body();
                var elapsed = Stopwatch.GetElapsedTime(start);
                if (r >= 0)
                {
                    samples[c][r] = elapsed.TotalMilliseconds;
                    allocated[c] += GC.GetAllocatedBytesForCurrentThread() - bytes;
                }
            }
        }

        var medians = samples.Select(s => Percentile(s, 0.50)).ToArray();
        output.WriteLine($"Rotation planner: {Weeks} weeks x {localities.Length} localities x {VisitorCount} visitors = {check.Assignments.Count} assignments, cycles of {check.CycleWeeks} weeks");
        output.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, {(IsOptimised() ? "Release" : "DEBUG BUILD: run with -c Release")}; {warmUp} warm-up and {runs} timed runs per case, interleaved");
        output.WriteLine();
        output.WriteLine($"| {"Case",-44} | {"median ms",9} | {"p95 ms",8} | {"KB / run",8} | {"x baseline",10} |");
        output.WriteLine($"|{new string('-', 46)}|{new string('-', 10)}:|{new string('-', 9)}:|{new string('-', 9)}:|{new string('-', 11)}:|");
        for (var c = 0; c < cases.Length; c++)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {cases[c].Name,-44} | {medians[c],9:0.000} | {Percentile(samples[c], 0.95),8:0.000} | {allocated[c] / runs / 1024.0,8:0.0} | {medians[c] / medians[0],10:0.0} |"));
        }

        return 0;
    }

    /// <summary>What the planner is compared with: one assignment per visitor and week, localities dealt in turn.</summary>
    private static List<RotaAssignment> RoundRobin(RotationRequest request)
    {
        var result = new List<RotaAssignment>(request.Weeks * request.Visitors.Count);
        var next = 0;
        for (var w = 0; w < request.Weeks; w++)
        {
            var monday = request.FirstWeek.AddDays(7 * w);
            var localities = request.LocalitiesInForce(monday);
            foreach (var visitor in request.Visitors)
            {
                result.Add(new RotaAssignment(monday, visitor, localities[next++ % localities.Count]));
            }
        }

        return result;
    }

    private static double Percentile(double[] samples, double p)
    {
        var sorted = samples.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private static bool IsOptimised()
        => typeof(RotationBenchmark).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(d => !d.IsJITOptimizerDisabled);
}
