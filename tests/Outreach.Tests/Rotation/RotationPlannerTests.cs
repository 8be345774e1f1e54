using System.Globalization;
using Outreach.Rotation;

namespace Outreach.Tests.Rotation;

/// <summary>
/// The weekly rotation planner: example-based specs for each promise and each refused request, then property
/// tests that check the promises on 500 generated requests each (seeded <see cref="Random"/>, so every run sees the
/// same cases and a failure names the seed that reproduces it).
/// </summary>
public sealed class RotationPlannerTests
{
    private const int Cases = 500;

    private static readonly DateOnly Dec2024 = new(2024, 12, 2);

    // ---------------------------------------------------------------- Diagnostics (temporary)

    [Test]
    public void Spread_diagnostic()
    {
        var worst = 0;
        var violations = 0;
        for (var seed = 0; seed < 5000; seed++)
        {
            var scenario = Scenario.Generate(seed);
            var plan = Rota.TryPlan(scenario.Request);
            if (plan is null)
            {
                continue;
            }

            var facts = new Rota(scenario.Request, plan);
            foreach (var cycle in facts.CycleFacts())
            {
                if (cycle.Owed.Count == 0)
                {
                    continue;
                }

                var cap = ((cycle.Visits + cycle.Owed.Count - 1) / cycle.Owed.Count) + 1;
                var max = cycle.VisitsTo.Values.DefaultIfEmpty(0).Max();
                var minL = Enumerable.Range(cycle.Start, cycle.End - cycle.Start).Min(w => facts.Catalogue[w].Length);
                if (max > cap && minL >= 3)
                {
                    violations++;
                    worst = Math.Max(worst, max - cap);
                    if (violations < 40)
                    {
                        TestContext.Out.WriteLine($"seed {seed}: {scenario.Description} cycle {cycle.Index} visits {cycle.Visits} owed {cycle.Owed.Count} max {max} cap {cap}: {string.Join(",", cycle.VisitsTo.Select(kv => kv.Key + "=" + kv.Value))}");
                    }
                }
            }
        }

        TestContext.Out.WriteLine($"violations {violations}, worst excess {worst}");
    }

    // ---------------------------------------------------------------- Helpers

    private static DateOnly Week(int index) => Dec2024.AddDays(7 * index);

    private static string[] Codes(string prefix, int count) => [.. Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>A request and a one-line description of it, produced from a seed.</summary>
    internal sealed record Scenario(int Seed, RotationRequest Request, string Description)
    {
        private static readonly string[] CaoLanh15 =
            ["P1", "P2", "P3", "P4", "P6", "P11", "HoaThuan", "MyPhu", "HoaAn", "TanThuanDong", "TanThuanTay", "TinhThoi", "MyTan", "MyTra", "MyNgai"];

        public static Scenario Generate(int seed)
        {
            var rng = new Random(seed);
            var visitorCount = rng.Next(4) switch { 0 => rng.Next(1, 4), 1 => rng.Next(4, 10), 2 => rng.Next(10, 20), _ => rng.Next(20, 36) };
            var weeks = rng.Next(3) switch { 0 => rng.Next(1, 8), 1 => rng.Next(8, 30), _ => rng.Next(30, 80) };
            var first = new DateOnly(2024, 9, 2).AddDays(7 * rng.Next(0, 40));
            var visitors = Codes("g", visitorCount);
            var kind = rng.Next(10);
            var catalogue = new List<string[]>(weeks);
            string description;
            switch (kind)
            {
                case <= 2:
                    {
                        var n = rng.Next(2, 26);
                        var all = Codes("L", n);
                        for (var w = 0; w < weeks; w++)
                        {
                            catalogue.Add(all);
                        }

                        description = $"{n} fixed localities";
                        break;
                    }

                case <= 5:
                    {
                        // Cao Lãnh: 15 units, then 13 (Ward 2 into Ward 1; Ward 11 + Mỹ Ngãi commune into Mỹ Ngãi ward), then 3 wards.
                        var m1 = rng.Next(0, weeks + 1);
                        var m2 = rng.Next(m1, weeks + 1);
                        var keepsCode = rng.Next(2) == 0;
                        var thirteen = CaoLanh15.Except(["P2", "P11", "MyNgai"]).Append(keepsCode ? "MyNgai" : "MyNgaiWard").ToArray();
                        string[] three = keepsCode ? ["CaoLanh", "MyNgai", "MyTra"] : ["CaoLanh", "MyNgai2025", "MyTra2025"];
                        var withHamlets = rng.Next(3) == 0;
                        var hamlets = withHamlets ? Codes("H", 69) : [];
                        for (var w = 0; w < weeks; w++)
                        {
                            catalogue.Add([.. (w < m1 ? CaoLanh15 : w < m2 ? thirteen : three), .. hamlets]);
                        }

                        description = $"Cao Lãnh {(withHamlets ? "84 → 82 → 72" : "15 → 13 → 3")} at weeks {m1} and {m2}{(keepsCode ? ", codes kept" : "")}";
                        break;
                    }

                case <= 8:
                    {
                        var current = Codes("L", rng.Next(2, 20)).ToList();
                        var next = current.Count + 1;
                        for (var w = 0; w < weeks; w++)
                        {
                            if (rng.Next(4) == 0 && current.Count > 2)
                            {
                                current.RemoveAt(rng.Next(current.Count));
                            }

                            if (rng.Next(4) == 0)
                            {
                                current.Insert(rng.Next(current.Count + 1), "L" + (next++).ToString(CultureInfo.InvariantCulture));
                            }

                            catalogue.Add([.. current]);
                        }

                        description = "churning localities";
                        break;
                    }

                default:
                    {
                        string[] pool = ["A", "B", "C"];
                        for (var w = 0; w < weeks; w++)
                        {
                            catalogue.Add(rng.Next(3) switch { 0 => [pool[rng.Next(3)]], 1 => ["A", "B"], _ => pool });
                        }

                        description = "one to three localities, some weeks a single one";
                        break;
                    }
            }

            var pOff = new[] { 0.0, 0.0, 0.1, 0.25, 0.5, 0.8 }[rng.Next(6)];
            var unavailable = new HashSet<(string Visitor, DateOnly Week)>();
            for (var w = 0; w < weeks; w++)
            {
                var holiday = rng.Next(20) == 0;
                foreach (var v in visitors)
                {
                    if (holiday || rng.NextDouble() < pOff)
                    {
                        unavailable.Add((v, first.AddDays(7 * w)));
                    }
                }
            }

            var lastVisited = new Dictionary<string, string>();
            if (rng.Next(2) == 0)
            {
                foreach (var v in visitors)
                {
                    if (rng.Next(5) < 3)
                    {
                        var week0 = catalogue[0];
                        lastVisited[v] = rng.Next(6) == 0 ? "Retired" : week0[rng.Next(week0.Length)];
                    }
                }
            }

            var request = new RotationRequest(first, weeks, visitors, monday => catalogue[(monday.DayNumber - first.DayNumber) / 7], unavailable, lastVisited);
            return new Scenario(seed, request, $"seed {seed}: {visitorCount} visitors, {weeks} weeks, {description}, {pOff:P0} off, {lastVisited.Count} last visits");
        }
    }

    /// <summary>Facts about a request and its plan, computed independently of the planner, for the property checks.</summary>
    internal sealed class Rota
    {
        public Rota(RotationRequest request, RotationPlan plan)
        {
            Request = request;
            Plan = plan;
            Mondays = [.. Enumerable.Range(0, request.Weeks).Select(w => request.FirstWeek.AddDays(7 * w))];
            Catalogue = [.. Mondays.Select(m => request.LocalitiesInForce(m).ToArray())];
            Available = [.. Mondays.Select(m => request.Visitors.Where(v => request.Unavailable?.Contains((v, m)) != true).ToArray())];
        }

        public RotationRequest Request { get; }

        public RotationPlan Plan { get; }

        public DateOnly[] Mondays { get; }

        public string[][] Catalogue { get; }

        public string[][] Available { get; }

        public int WeekIndex(DateOnly monday) => (monday.DayNumber - Request.FirstWeek.DayNumber) / 7;

        public static RotationPlan? TryPlan(RotationRequest request)
        {
            try
            {
                return RotationPlanner.Plan(request);
            }
            catch (RotationInfeasibleException e) when (e.Rule == RotationRule.RepeatUnavoidable)
            {
                return null;
            }
        }

        /// <summary>Cycle facts as the guarantees define them: aligned blocks of CycleWeeks weeks from the first week.</summary>
        public IEnumerable<CycleFact> CycleFacts()
        {
            var length = Plan.CycleWeeks;
            for (int start = 0, index = 0; start < Request.Weeks; start += length, index++)
            {
                var end = Math.Min(start + length, Request.Weeks);
                var owed = Catalogue[start].Where(l => Enumerable.Range(start, end - start).All(w => Catalogue[w].Contains(l))).ToList();
                var visits = Plan.Assignments.Where(a => WeekIndex(a.Week) >= start && WeekIndex(a.Week) < end).ToList();
                var visitsTo = visits.GroupBy(a => a.Locality).ToDictionary(g => g.Key, g => g.Count());
                yield return new CycleFact(index, start, end, owed, visits.Count, visitsTo);
            }
        }
    }

    internal sealed record CycleFact(int Index, int Start, int End, List<string> Owed, int Visits, Dictionary<string, int> VisitsTo);
}
