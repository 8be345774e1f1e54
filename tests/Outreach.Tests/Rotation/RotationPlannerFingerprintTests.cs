using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Outreach.Localities;
using Outreach.Rotation;

namespace Outreach.Tests.Rotation;

/// <summary>
/// Pins the planner's exact output. <see cref="RotationPlannerTests"/> checks that each plan keeps the promises; this
/// checks that it is the <i>same</i> plan: a SHA-256 of the plans (or refusal codes) for the 500 generated requests
/// and a few larger ones, recorded before the planner was rewritten with named types (ADR 15). A refactoring that
/// changes a single assignment, a cycle report or a refusal fails here. When the algorithm changes on purpose, run
/// the property tests, then record the new value printed by the failure.
/// </summary>
public sealed class RotationPlannerFingerprintTests
{
    private const string Recorded = "172CC744E15A366419009BB29C3FD22169CFAC54FB4D3DCEDF566E1B66E9116D";

    [Test]
    public void The_planner_gives_the_recorded_plans()
    {
        var text = new StringBuilder();
        foreach (var (name, request) in Requests())
        {
            text.Append(name).Append('\n').Append(Serialized(request)).Append('\n');
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        Assert.That(hash, Is.EqualTo(Recorded), "the planner's output changed");
    }

    private static IEnumerable<(string Name, RotationRequest Request)> Requests()
    {
        for (var seed = 0; seed < 500; seed++)
        {
            yield return ($"seed {seed}", RotationPlannerTests.Scenario.Generate(seed).Request);
        }

        var first = new DateOnly(2024, 1, 1);
        var visitors = Codes("g", 30);
        var localities = Codes("L", 40);
        var random = new Random(2019);
        yield return ("30 visitors, 40 localities, 52 weeks, 10% off, last visits", new RotationRequest(first, 52, visitors, _ => localities,
            (from w in Enumerable.Range(0, 52) from v in visitors where random.NextDouble() < 0.1 select (v, first.AddDays(7 * w))).ToHashSet(),
            visitors.ToDictionary(v => v, v => localities[v.Length * 7 % 40])));

        // The shipped catalogue of Cao Lãnh from 2019, through the 2025 reorganisations, as the console plans it.
        var catalogue = LocalityCatalogue.CaoLanh;
        foreach (var communesOnly in new[] { false, true })
        {
            yield return ($"Cao Lãnh catalogue, communes only: {communesOnly}", new RotationRequest(new DateOnly(2019, 1, 7), 400, visitors,
                week => [.. catalogue.InForce(week, communesOnly).Select(l => l.Code)]));
        }
    }

    private static string Serialized(RotationRequest request)
    {
        RotationPlan plan;
        try
        {
            plan = RotationPlanner.Plan(request);
        }
        catch (RotationInfeasibleException e)
        {
            return $"refused {e.Rule} {e.Code}";
        }

        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"cycles of {plan.CycleWeeks}\n"));
        foreach (var cycle in plan.Cycles)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{cycle.FirstWeek:yyyy-MM-dd} {cycle.Weeks} {cycle.Visits} "))
                .AppendJoin(',', cycle.Localities).Append(" missed ").AppendJoin(',', cycle.Missed).Append('\n');
        }

        text.Append("nobody ").AppendJoin(',', plan.WeeksWithoutVisits.Select(w => w.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))).Append('\n');
        foreach (var a in plan.Assignments)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{a.Week:yyyy-MM-dd} {a.Visitor} {a.Locality}\n"));
        }

        return text.ToString();
    }

    private static string[] Codes(string prefix, int count) => [.. Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];
}
