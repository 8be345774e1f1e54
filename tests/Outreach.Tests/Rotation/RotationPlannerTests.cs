using System.Globalization;
using Outreach.Rotation;

namespace Outreach.Tests.Rotation;

/// <summary>
/// The weekly rotation planner: example-based specs for each promise and each refused request, then property
/// tests that check the promises on 500 generated requests each (a seeded <see cref="Random"/>, so every run sees
/// the same cases and a failure names the seed that reproduces it).
/// </summary>
public sealed class RotationPlannerTests
{
    private const int Cases = 500;

    private static readonly DateOnly Dec2024 = new(2024, 12, 2);

    // ---------------------------------------------------------------- 1. Coverage

    [Test]
    public void A_year_for_84_localities_and_30_visitors_covers_every_locality_every_three_weeks()
    {
        var localities = Codes("K", 84);
        var plan = RotationPlanner.Plan(Request(52, Codes("g", 30), _ => localities));

        Assert.Multiple(() =>
        {
            Assert.That(plan.CycleWeeks, Is.EqualTo(3));
            Assert.That(plan.Cycles, Has.Count.EqualTo(18));
            Assert.That(plan.Cycles.Take(17), Has.All.Matches<RotationCycle>(c => c.IsCovered && c.Weeks == 3 && c.Visits == 90));
            foreach (var cycle in plan.Cycles.Take(17))
            {
                var visited = plan.Assignments.Where(a => a.Week >= cycle.FirstWeek && a.Week < cycle.FirstWeek.AddDays(21)).Select(a => a.Locality);
                Assert.That(visited.Distinct().Count(), Is.EqualTo(84), $"cycle starting {cycle.FirstWeek}");
            }

            // The 52nd week is a cycle of its own: 30 visits cannot cover 84 localities, and the plan says so.
            Assert.That(plan.Cycles[^1].Weeks, Is.EqualTo(1));
            Assert.That(plan.Cycles[^1].Missed, Has.Count.EqualTo(84 - 30));
        });
    }

    [Test]
    public void The_cycle_length_follows_the_largest_catalogue_of_the_plan()
    {
        // 15 units until the 2025-01-01 merger, 13 until 2025-07-01, then 3 wards; 5 visitors: ceil(15 / 5) = 3 weeks.
        var plan = RotationPlanner.Plan(Request(40, Codes("g", 5), CaoLanh));

        Assert.That(plan.CycleWeeks, Is.EqualTo(3));
        Assert.That(plan.Cycles, Has.All.Matches<RotationCycle>(c => c.IsCovered));
    }

    [Test]
    public void A_locality_that_appears_within_a_cycle_is_owed_a_visit_from_the_next_cycle()
    {
        // 2 visitors, 4 localities, a fifth from week 1: cycles of ceil(5 / 2) = 3 weeks.
        var plan = RotationPlanner.Plan(Request(6, ["g1", "g2"], w => w == 0 ? ["L1", "L2", "L3", "L4"] : ["L1", "L2", "L3", "L4", "L5"]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.CycleWeeks, Is.EqualTo(3));
            Assert.That(plan.Cycles[0].Localities, Is.EqualTo(new[] { "L1", "L2", "L3", "L4" }));
            Assert.That(plan.Cycles[1].Localities, Is.EqualTo(new[] { "L1", "L2", "L3", "L4", "L5" }));
            Assert.That(plan.Cycles, Has.All.Matches<RotationCycle>(c => c.IsCovered));
            // Not owed in the first cycle, but never visited: the first spare visit (week 2) goes there.
            Assert.That(plan.Assignments.Where(a => a.Week == Week(2)).Select(a => a.Locality), Does.Contain("L5"));
        });
    }

    [Test]
    public void A_locality_that_disappears_within_a_cycle_is_not_owed_a_visit_in_it()
    {
        var plan = RotationPlanner.Plan(Request(3, ["g1", "g2"], w => w < 2 ? ["L1", "L2", "L3", "L4", "L5", "L6"] : ["L1", "L2", "L3", "L4", "L5"]));

        Assert.That(plan.Cycles.Single().Localities, Is.EqualTo(new[] { "L1", "L2", "L3", "L4", "L5" }));
        Assert.That(plan.Cycles.Single().IsCovered, Is.True);
    }

    [Test]
    public void A_cycle_with_too_few_visits_reports_what_it_missed_and_the_next_cycle_covers_it_first()
    {
        // 6 localities, 2 visitors: 3-week cycles of 6 visits. g2 is off in week 4, so the second cycle has 5.
        var plan = RotationPlanner.Plan(Request(9, ["g1", "g2"], _ => Codes("L", 6), off: [("g2", 4)]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.Cycles[0].IsCovered, Is.True);
            Assert.That(plan.Cycles[1].Visits, Is.EqualTo(5));
            Assert.That(plan.Cycles[1].Missed, Has.Count.EqualTo(1));
            Assert.That(plan.Assignments.Where(a => a.Week == Week(6)).Select(a => a.Locality), Does.Contain(plan.Cycles[1].Missed[0]));
            Assert.That(plan.Cycles[2].IsCovered, Is.True);
        });
    }

    [Test]
    public void A_week_in_which_everybody_is_off_has_no_visits_and_its_cycle_reports_the_shortfall()
    {
        var visitors = Codes("g", 3);
        var plan = RotationPlanner.Plan(Request(6, visitors, _ => Codes("L", 6), off: [.. visitors.Select(v => (v, 3))]));

        Assert.Multiple(() =>
        {
            Assert.That(plan.WeeksWithoutVisits, Is.EqualTo(new[] { Week(3) }));
            Assert.That(plan.Assignments.Where(a => a.Week == Week(3)), Is.Empty);
            Assert.That(plan.Cycles[0].IsCovered, Is.True);
            Assert.That(plan.Cycles[1].Visits, Is.EqualTo(3));
            Assert.That(plan.Cycles[1].Missed, Has.Count.EqualTo(3));
        });
    }

    [Test]
    public void A_first_visit_of_a_cycle_cannot_cover_the_visitors_previous_locality()
    {
        // Both went to A last: this week both must go to B, so A is missed, and the plan says so.
        var plan = RotationPlanner.Plan(Request(1, ["g1", "g2"], _ => ["A", "B"], last: new() { ["g1"] = "A", ["g2"] = "A" }));
        Assert.That(plan.Assignments.Select(a => a.Locality), Is.EqualTo(new[] { "B", "B" }));
        Assert.That(plan.Cycles.Single().Missed, Is.EqualTo(new[] { "A" }));

        // A third visitor, free of that history, covers A.
        plan = RotationPlanner.Plan(Request(1, ["g1", "g2", "g3"], _ => ["A", "B"], last: new() { ["g1"] = "A", ["g2"] = "A" }));
        Assert.That(plan.Assignments.Select(a => a.Locality), Is.EqualTo(new[] { "B", "B", "A" }));
        Assert.That(plan.Cycles.Single().IsCovered, Is.True);
    }

    [Test]
    public void Cao_Lanh_through_the_2025_mergers()
    {
        var request = Request(40, Codes("g", 5), CaoLanh);
        var plan = RotationPlanner.Plan(request);

        Assert.Multiple(() =>
        {
            Assert.That(plan.CycleWeeks, Is.EqualTo(3)); // ceil(15 / 5)
            Assert.That(plan.Cycles, Has.All.Matches<RotationCycle>(c => c.IsCovered));
            // The cycle of 2024-12-23 straddles the first merger: only the units in force throughout are owed.
            Assert.That(plan.Cycles[1].FirstWeek, Is.EqualTo(new DateOnly(2024, 12, 23)));
            Assert.That(plan.Cycles[1].Localities, Has.Count.EqualTo(12));
            Assert.That(plan.Cycles[1].Localities, Does.Not.Contain("P2").And.Not.Contain("P11").And.Not.Contain("MyNgaiWard").And.Contain("P1"));
            Assert.That(plan.Cycles[2].Localities, Has.Count.EqualTo(13).And.Contain("MyNgaiWard"));
            Assert.That(plan.Assignments.Where(a => a.Locality == "P2").Max(a => a.Week), Is.LessThan(new DateOnly(2024, 12, 30)));
            Assert.That(plan.Assignments.Where(a => a.Week >= new DateOnly(2025, 6, 30)).Select(a => a.Locality).Distinct(),
                Is.EquivalentTo(new[] { "CaoLanh", "MyNgai2025", "MyTra2025" }));
            Assert.That(new Rota(request, plan).NoRepeats(), Is.Empty);
        });
    }

    // ---------------------------------------------------------------- 2. No repeats

    [Test]
    public void With_two_localities_each_visitor_alternates_over_their_own_visits_across_weeks_off()
    {
        var plan = RotationPlanner.Plan(Request(8, ["g1", "g2", "g3"], _ => ["A", "B"], off: [("g1", 1), ("g1", 2), ("g2", 4), ("g3", 0)]));

        foreach (var visitor in new[] { "g1", "g2", "g3" })
        {
            var trail = plan.Assignments.Where(a => a.Visitor == visitor).Select(a => a.Locality).ToList();
            Assert.That(trail.Zip(trail.Skip(1)), Has.None.Matches<(string, string)>(p => p.Item1 == p.Item2), $"{visitor}: {string.Join(" ", trail)}");
        }
    }

    [Test]
    public void A_first_visit_differs_from_the_last_visit_before_the_plan()
    {
        var plan = RotationPlanner.Plan(Request(1, ["g1", "g2", "g3"], _ => ["A", "B", "C"], last: new() { ["g1"] = "A", ["g2"] = "B", ["g3"] = "C" }));

        Assert.That(plan.Assignments.Select(a => (a.Visitor, a.Locality)), Has.None.Matches<(string Visitor, string Locality)>(
            a => (a.Visitor, a.Locality) is ("g1", "A") or ("g2", "B") or ("g3", "C")));
        Assert.That(plan.Cycles.Single().IsCovered, Is.True);
    }

    [Test]
    public void A_visitor_keeps_clear_of_a_locality_a_later_single_locality_week_will_force()
    {
        // In week 1 only B is in force, so g1 must not go to B in week 0.
        var plan = RotationPlanner.Plan(Request(2, ["g1"], w => w == 0 ? ["B", "A"] : ["B"]));

        Assert.That(plan.Assignments.Select(a => a.Locality), Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public void A_single_locality_week_is_planned_when_nobody_has_to_go_there_twice_in_a_row()
    {
        var plan = RotationPlanner.Plan(Request(3, ["g1", "g2"], w => w == 1 ? ["X"] : ["X", "Y", "Z"]));

        Assert.That(plan.Assignments.Where(a => a.Week == Week(1)).Select(a => a.Locality), Is.EqualTo(new[] { "X", "X" }));
        Assert.That(plan.Assignments.Where(a => a.Week != Week(1)).Select(a => a.Locality), Has.None.EqualTo("X"));
    }

    // ---------------------------------------------------------------- 3. Fairness and spread

    [Test]
    public void Every_available_visitor_gets_exactly_one_visit_a_week_and_those_off_get_none()
    {
        var request = Request(10, Codes("g", 6), _ => Codes("L", 9), off: [("g1", 0), ("g1", 1), ("g4", 5), ("g6", 9)]);
        var plan = RotationPlanner.Plan(request);

        Assert.Multiple(() =>
        {
            Assert.That(plan.Assignments, Has.Count.EqualTo((10 * 6) - 4));
            Assert.That(plan.Assignments.GroupBy(a => (a.Week, a.Visitor)), Has.All.Matches<IGrouping<(DateOnly, string), RotaAssignment>>(g => g.Count() == 1));
            Assert.That(plan.Assignments.Where(a => (a.Visitor, a.Week) is ("g1", _) && (a.Week == Week(0) || a.Week == Week(1))), Is.Empty);
            Assert.That(plan.Assignments.Count(a => a.Visitor == "g1"), Is.EqualTo(8));
            Assert.That(plan.Assignments.Count(a => a.Visitor == "g2"), Is.EqualTo(10));
            Assert.That(plan.Assignments.Count(a => a.Visitor == "g4"), Is.EqualTo(plan.Assignments.Count(a => a.Visitor == "g6")));
        });
    }

    [Test]
    public void After_the_merger_into_three_wards_thirty_visitors_split_ten_ten_ten_every_week()
    {
        var plan = RotationPlanner.Plan(Request(8, Codes("g", 30), _ => ["CaoLanh", "MyNgai", "MyTra"]));

        Assert.That(plan.CycleWeeks, Is.EqualTo(1));
        foreach (var week in plan.Assignments.GroupBy(a => a.Week))
        {
            Assert.That(week.GroupBy(a => a.Locality).Select(g => g.Count()), Is.EqualTo(new[] { 10, 10, 10 }), week.Key.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Test]
    public void Spare_visits_of_a_cycle_go_to_different_localities()
    {
        // 90 visits per 3-week cycle for 84 localities: 6 spare visits, never two to the same locality.
        var plan = RotationPlanner.Plan(Request(51, Codes("g", 30), _ => Codes("K", 84)));

        foreach (var cycle in plan.Cycles)
        {
            var counts = plan.Assignments.Where(a => a.Week >= cycle.FirstWeek && a.Week < cycle.FirstWeek.AddDays(21)).GroupBy(a => a.Locality).Select(g => g.Count()).ToList();
            Assert.That(counts.Max(), Is.EqualTo(2), cycle.FirstWeek.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(counts.Count(c => c == 2), Is.EqualTo(6));
        }
    }

    [Test]
    public void Over_a_year_each_cadre_sees_many_different_localities()
    {
        var plan = RotationPlanner.Plan(Request(52, Codes("g", 30), _ => Codes("K", 84)));

        var distinct = plan.Assignments.GroupBy(a => a.Visitor).Select(g => g.Select(a => a.Locality).Distinct().Count()).ToList();
        Assert.That(distinct.Min(), Is.GreaterThanOrEqualTo(48), string.Join(", ", distinct));
    }

    // ---------------------------------------------------------------- 4. Refused requests

    private static IEnumerable<TestCaseData> Refusals()
    {
        string[] three = ["A", "B", "C"];
        yield return Refusal("No visitors", Request(4, [], _ => three), RotationRule.NoVisitors, "roster of visitors is empty");
        yield return Refusal("Blank visitor id", Request(4, ["g1", " "], _ => three), RotationRule.InvalidVisitor, "Visitor number 2 on the roster has a blank id");
        yield return Refusal("Duplicate visitor id", Request(4, ["g1", "g2", "g1"], _ => three), RotationRule.InvalidVisitor, "Visitor 'g1' appears twice on the roster");
        yield return Refusal("Zero weeks", Request(0, ["g1"], _ => three), RotationRule.WeeksOutOfRange, "Cannot plan 0 weeks");
        yield return Refusal("More than ten years", Request(521, ["g1"], _ => three), RotationRule.WeeksOutOfRange, "1 to 520 weeks");
        yield return Refusal("First week not a Monday", Request(4, ["g1"], _ => three) with { FirstWeek = new DateOnly(2024, 12, 4) },
            RotationRule.FirstWeekNotMonday, "2024-12-04 is a Wednesday. Use 2024-12-02");
        yield return Refusal("No locality in force in a week", Request(4, ["g1"], w => w == 2 ? [] : three), RotationRule.InvalidLocalities,
            "No locality is in force in the week of 2024-12-16");
        yield return Refusal("Blank locality code", Request(4, ["g1"], _ => ["A", ""]), RotationRule.InvalidLocalities, "Locality number 2 in force in the week of 2024-12-02 has a blank code");
        yield return Refusal("Duplicate locality code", Request(4, ["g1"], w => w == 3 ? ["A", "B", "A"] : three), RotationRule.InvalidLocalities,
            "Locality 'A' is listed twice among those in force in the week of 2024-12-23");
        yield return Refusal("Unavailability of a visitor not on the roster", Request(4, ["g1"], _ => three, off: [("g9", 1)]), RotationRule.UnknownVisitorOrWeek,
            "Visitor 'g9' is marked unavailable in the week of 2024-12-09 but is not on the roster");
        yield return Refusal("Unavailability given on a Friday", Request(4, ["g1"], _ => three) with { Unavailable = new HashSet<(string, DateOnly)> { ("g1", new DateOnly(2024, 12, 13)) } },
            RotationRule.UnknownVisitorOrWeek, "on 2024-12-13, a Friday: unavailability is given per week, by its Monday. Use 2024-12-09");
        yield return Refusal("Last visit of a visitor not on the roster", Request(4, ["g1"], _ => three, last: new() { ["g9"] = "A" }), RotationRule.UnknownVisitorOrWeek,
            "A last visit is given for visitor 'g9', who is not on the roster");
        yield return Refusal("Blank last visit", Request(4, ["g1"], _ => three, last: new() { ["g1"] = "" }), RotationRule.InvalidLocalities,
            "The last visit of visitor 'g1' has a blank locality code");
        yield return Refusal("A single locality two weeks running", Request(4, ["g1", "g2"], w => w is 1 or 2 ? ["MyTra"] : three, off: [("g1", 2)]), RotationRule.RepeatUnavoidable,
            "Visitor 'g2' would have to visit 'MyTra' on two consecutive visits, in the weeks of 2024-12-09 and 2024-12-16: it is the only locality in force in both weeks. Mark 'g2' unavailable in one of these weeks");
        yield return Refusal("A single locality on both sides of a week off", Request(4, ["g1"], w => w is 1 or 3 ? ["MyTra"] : three, off: [("g1", 2)]), RotationRule.RepeatUnavoidable,
            "Visitor 'g1' would have to visit 'MyTra' on two consecutive visits, in the weeks of 2024-12-09 and 2024-12-23");
        yield return Refusal("A single locality after the last visit before the plan", Request(4, ["g1", "g2"], w => w == 0 ? ["A"] : three, last: new() { ["g2"] = "A" }), RotationRule.RepeatUnavoidable,
            "Visitor 'g2' last visited 'A' before 2024-12-02 (LastVisited), and would have to visit it again in the week of 2024-12-02: it is the only locality in force that week");
        yield return Refusal("A chain of two-locality weeks leading to a repeat", Request(3, ["g1"], w => w switch { 0 => ["A"], 1 => ["A", "B"], _ => ["B"] }), RotationRule.RepeatUnavoidable,
            "Visitor 'g1' would have to visit 'A' on two consecutive visits, in the weeks of 2024-12-02 and 2024-12-09: it is the only locality in force in the week of 2024-12-02, and the localities in force from the week of 2024-12-09 to the week of 2024-12-16 leave them no other choice");
    }

    private static TestCaseData Refusal(string name, RotationRequest request, RotationRule rule, string message)
        => new TestCaseData(request, rule, message).SetName(name);

    [TestCaseSource(nameof(Refusals))]
    public void A_request_that_cannot_be_planned_is_refused_with_the_rule_and_what_to_change(RotationRequest request, RotationRule rule, string message)
    {
        var refused = Assert.Throws<RotationInfeasibleException>(() => RotationPlanner.Plan(request));
        Assert.That(refused!.Rule, Is.EqualTo(rule));
        Assert.That(refused.Message, Does.Contain(message));
    }

    [Test]
    public void Unavailability_outside_the_planned_weeks_is_ignored()
    {
        var plan = RotationPlanner.Plan(Request(2, ["g1", "g2"], _ => ["A", "B"], off: [("g1", -3), ("g2", 7)]));

        Assert.That(plan.Assignments, Has.Count.EqualTo(4));
    }

    // ---------------------------------------------------------------- 5. Determinism

    [Test]
    public void The_same_request_gives_the_same_plan_whatever_the_order_inside_its_sets()
    {
        var request = Request(30, Codes("g", 7), CaoLanh, off: [("g1", 2), ("g3", 2), ("g7", 9), ("g2", 20)], last: new() { ["g1"] = "P1", ["g5"] = "MyTra" });

        var first = RotationPlanner.Plan(request);
        var again = RotationPlanner.Plan(Rota.Reordered(request));

        Assert.That(Rota.Same(first, again), Is.True);
    }

    // ---------------------------------------------------------------- Properties (500 generated requests each)

    [Test]
    public void Property_each_available_visitor_makes_exactly_one_visit_a_week_to_a_locality_in_force()
        => ForAll(rota => rota.OneVisitPerAvailableWeek());

    [Test]
    public void Property_no_visitor_goes_to_the_same_locality_on_two_consecutive_visits()
        => ForAll(rota => rota.NoRepeats());

    [Test]
    public void Property_visitors_available_equally_often_visit_equally_often()
        => ForAll(rota => rota.Fairness());

    [Test]
    public void Property_each_cycle_covers_as_many_owed_localities_as_any_plan_could()
        => ForAll(rota => rota.Coverage());

    [Test]
    public void Property_no_locality_gets_more_than_its_share_plus_one_visits_in_a_cycle()
        => ForAll(rota => rota.Spread());

    [Test]
    public void Property_the_same_request_gives_the_same_plan()
        => ForAll(rota => Rota.Same(rota.Plan, RotationPlanner.Plan(Rota.Reordered(rota.Request))) ? [] : ["a second run gave a different plan"]);

    [Test]
    public void Property_a_generated_request_is_refused_exactly_when_some_visitor_cannot_avoid_a_repeat()
    {
        var failures = new List<string>();
        for (var seed = 0; seed < Cases; seed++)
        {
            var scenario = Scenario.Generate(seed);
            var oracle = Rota.UnavoidableRepeat(scenario.Request);
            try
            {
                RotationPlanner.Plan(scenario.Request);
                if (oracle is not null)
                {
                    failures.Add($"{scenario.Description}: planned although {oracle} cannot avoid a repeat");
                }
            }
            catch (RotationInfeasibleException e) when (e.Rule == RotationRule.RepeatUnavoidable)
            {
                if (oracle is null || !e.Message.Contains($"'{oracle}'", StringComparison.Ordinal))
                {
                    failures.Add($"{scenario.Description}: refused ({e.Message}) but the oracle says {oracle ?? "every visitor can avoid repeats"}");
                }
            }
        }

        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures.Take(5)));
    }

    [Test]
    public void The_generated_requests_include_the_hard_cases()
    {
        var scenarios = Enumerable.Range(0, Cases).Select(Scenario.Generate).ToList();
        var plans = scenarios.Select(s => Rota.TryPlan(s.Request)).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(scenarios.Count(s => s.Description.Contains("Cao Lãnh", StringComparison.Ordinal)), Is.GreaterThan(100), "mergers");
            Assert.That(plans.Count(p => p is null), Is.InRange(5, 60), "refused requests");
            Assert.That(plans.Count(p => p?.Cycles.Any(c => !c.IsCovered && c.Weeks == p.CycleWeeks) == true), Is.GreaterThan(100), "short full-length cycles");
            Assert.That(plans.Count(p => p?.WeeksWithoutVisits.Count > 0), Is.GreaterThan(100), "weeks without visits");
            Assert.That(plans.Count(p => p?.CycleWeeks >= 3), Is.GreaterThan(100), "multi-week cycles");
            Assert.That(scenarios.Zip(plans).Count(x => x.Second?.Cycles.Any(c => c.Localities.Count < x.First.Request.LocalitiesInForce(c.FirstWeek).Count) == true),
                Is.GreaterThan(50), "cycles in which localities change");
        });
    }

    private static void ForAll(Func<Rota, IEnumerable<string>> property)
    {
        var failures = new List<string>();
        for (var seed = 0; seed < Cases; seed++)
        {
            var scenario = Scenario.Generate(seed);
            var plan = Rota.TryPlan(scenario.Request);
            if (plan is null)
            {
                continue; // refused: see Property_a_generated_request_is_refused_exactly_when_some_visitor_cannot_avoid_a_repeat
            }

            var problems = property(new Rota(scenario.Request, plan)).Take(3).ToList();
            if (problems.Count > 0)
            {
                failures.Add($"{scenario.Description}: {string.Join("; ", problems)}");
            }
        }

        Assert.That(failures, Is.Empty, $"{failures.Count} of {Cases} cases fail, e.g.{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(5))}");
    }

    // ---------------------------------------------------------------- Helpers

    private static DateOnly Week(int index) => Dec2024.AddDays(7 * index);

    private static string[] Codes(string prefix, int count) => [.. Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture))];

    private static RotationRequest Request(
        int weeks, string[] visitors, Func<int, string[]> catalogue, (string Visitor, int Week)[]? off = null, Dictionary<string, string>? last = null)
        => new(Dec2024, weeks, visitors, monday => catalogue((monday.DayNumber - Dec2024.DayNumber) / 7),
            off?.Select(o => (o.Visitor, Week(o.Week))).ToHashSet(), last);

    private static readonly string[] CaoLanh15 =
        ["P1", "P2", "P3", "P4", "P6", "P11", "HoaThuan", "MyPhu", "HoaAn", "TanThuanDong", "TanThuanTay", "TinhThoi", "MyTan", "MyTra", "MyNgai"];

    /// <summary>
    /// The commune-level units of Cao Lãnh in force on the Friday of the week (the 2019 plan's visiting day):
    /// 15 until 2025-01-01, 13 after Ward 2 joined Ward 1 and Ward 11 + Mỹ Ngãi commune became Mỹ Ngãi ward, and
    /// from 2025-07-01 the three new wards of Đồng Tháp that took the city's place.
    /// </summary>
    private static string[] CaoLanh(int week)
    {
        var friday = Week(week).AddDays(4);
        return friday < new DateOnly(2025, 1, 1) ? CaoLanh15
            : friday < new DateOnly(2025, 7, 1) ? [.. CaoLanh15.Except(["P2", "P11", "MyNgai"]), "MyNgaiWard"]
            : ["CaoLanh", "MyNgai2025", "MyTra2025"];
    }

    /// <summary>A request and a one-line description of it, produced from a seed.</summary>
    internal sealed record Scenario(int Seed, RotationRequest Request, string Description)
    {
        public static Scenario Generate(int seed)
        {
            var rng = new Random(seed);
            var visitorCount = rng.Next(4) switch { 0 => rng.Next(1, 4), 1 => rng.Next(4, 10), 2 => rng.Next(10, 20), _ => rng.Next(20, 36) };
            var weeks = rng.Next(3) switch { 0 => rng.Next(1, 8), 1 => rng.Next(8, 30), _ => rng.Next(30, 80) };
            var first = new DateOnly(2024, 9, 2).AddDays(7 * rng.Next(0, 40));
            var visitors = Codes("g", visitorCount);
            var catalogue = new List<string[]>(weeks);
            string description;
            switch (rng.Next(10))
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
                            catalogue.Add([.. w < m1 ? CaoLanh15 : w < m2 ? thirteen : three, .. hamlets]);
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

    /// <summary>Facts about a request and its plan, computed independently of the planner, and the checks of each promise.</summary>
    internal sealed class Rota
    {
        private readonly Dictionary<string, List<int>> _weeksOf;
        private readonly Dictionary<string, List<HashSet<string>>> _choices;

        public Rota(RotationRequest request, RotationPlan plan)
        {
            Request = request;
            Plan = plan;
            Mondays = [.. Enumerable.Range(0, request.Weeks).Select(w => request.FirstWeek.AddDays(7 * w))];
            Catalogue = [.. Mondays.Select(m => request.LocalitiesInForce(m).ToArray())];
            Available = [.. Mondays.Select(m => request.Visitors.Where(v => request.Unavailable?.Contains((v, m)) != true).ToArray())];
            _weeksOf = request.Visitors.ToDictionary(v => v, v => Enumerable.Range(0, request.Weeks).Where(w => Available[w].Contains(v)).ToList());
            _choices = request.Visitors.ToDictionary(v => v, v => Choices(_weeksOf[v].Select(w => Catalogue[w]).ToList()));
        }

        public RotationRequest Request { get; }

        public RotationPlan Plan { get; }

        public DateOnly[] Mondays { get; }

        public string[][] Catalogue { get; }

        public string[][] Available { get; }

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

        /// <summary>
        /// For each of a visitor's visits, the localities it can go to such that the rest of their visits can still
        /// avoid repeats: computed backwards over plain sets (a locality is possible if the next visit has another).
        /// </summary>
        private static List<HashSet<string>> Choices(List<string[]> weeks)
        {
            var result = new HashSet<string>[weeks.Count];
            for (var j = weeks.Count - 1; j >= 0; j--)
            {
                result[j] = j == weeks.Count - 1 ? [.. weeks[j]] : [.. weeks[j].Where(x => result[j + 1].Any(y => y != x))];
            }

            return [.. result];
        }

        /// <summary>The first visitor (roster order) who cannot avoid a repeat, or null.</summary>
        public static string? UnavoidableRepeat(RotationRequest request)
        {
            var mondays = Enumerable.Range(0, request.Weeks).Select(w => request.FirstWeek.AddDays(7 * w)).ToList();
            foreach (var v in request.Visitors)
            {
                var weeks = mondays.Where(m => request.Unavailable?.Contains((v, m)) != true).Select(m => request.LocalitiesInForce(m).ToArray()).ToList();
                if (weeks.Count == 0)
                {
                    continue;
                }

                var last = request.LastVisited?.GetValueOrDefault(v);
                if (!Choices(weeks)[0].Any(x => x != last))
                {
                    return v;
                }
            }

            return null;
        }

        public static RotationRequest Reordered(RotationRequest request)
            => request with
            {
                Visitors = [.. request.Visitors],
                LocalitiesInForce = monday => [.. request.LocalitiesInForce(monday)],
                Unavailable = request.Unavailable?.Reverse().ToHashSet(),
                LastVisited = request.LastVisited?.Reverse().ToDictionary(kv => kv.Key, kv => kv.Value),
            };

        public static bool Same(RotationPlan a, RotationPlan b)
            => a.Assignments.SequenceEqual(b.Assignments) && a.CycleWeeks == b.CycleWeeks && a.WeeksWithoutVisits.SequenceEqual(b.WeeksWithoutVisits)
                && a.Cycles.Count == b.Cycles.Count
                && a.Cycles.Zip(b.Cycles).All(p => p.First.FirstWeek == p.Second.FirstWeek && p.First.Weeks == p.Second.Weeks && p.First.Visits == p.Second.Visits
                    && p.First.Localities.SequenceEqual(p.Second.Localities) && p.First.Missed.SequenceEqual(p.Second.Missed));

        private int WeekIndex(DateOnly monday) => (monday.DayNumber - Request.FirstWeek.DayNumber) / 7;

        public IEnumerable<string> OneVisitPerAvailableWeek()
        {
            var expected = Enumerable.Range(0, Request.Weeks).SelectMany(w => Available[w].Select(v => (Mondays[w], v)));
            if (!Plan.Assignments.Select(a => (a.Week, a.Visitor)).SequenceEqual(expected))
            {
                yield return "the assignments are not exactly one per available visitor and week, in week and roster order";
            }

            foreach (var a in Plan.Assignments.Where(a => WeekIndex(a.Week) is var w && (w < 0 || w >= Request.Weeks || !Catalogue[w].Contains(a.Locality))))
            {
                yield return $"{a.Visitor} is sent to {a.Locality}, not in force in the week of {a.Week}";
            }

            if (!Plan.WeeksWithoutVisits.SequenceEqual(Enumerable.Range(0, Request.Weeks).Where(w => Available[w].Length == 0).Select(w => Mondays[w])))
            {
                yield return "WeeksWithoutVisits is not the list of weeks in which everybody is off";
            }
        }

        public IEnumerable<string> NoRepeats()
        {
            foreach (var v in Request.Visitors)
            {
                var previous = Request.LastVisited?.GetValueOrDefault(v);
                foreach (var a in Plan.Assignments.Where(a => a.Visitor == v))
                {
                    if (a.Locality == previous)
                    {
                        yield return $"{v} goes to {a.Locality} twice in a row (week of {a.Week})";
                    }

                    previous = a.Locality;
                }
            }
        }

        public IEnumerable<string> Fairness()
        {
            var visits = Request.Visitors.ToDictionary(v => v, v => Plan.Assignments.Count(a => a.Visitor == v));
            foreach (var group in Request.Visitors.GroupBy(v => _weeksOf[v].Count))
            {
                var counts = group.Select(v => visits[v]).ToList();
                if (counts.Max() - counts.Min() > 1)
                {
                    yield return $"visitors available {group.Key} weeks make between {counts.Min()} and {counts.Max()} visits";
                }

                foreach (var v in group.Where(v => visits[v] != group.Key))
                {
                    yield return $"{v} is available {group.Key} weeks but makes {visits[v]} visits";
                }
            }
        }

        public IEnumerable<CycleFact> CycleFacts()
        {
            var length = Plan.CycleWeeks;
            for (var start = 0; start < Request.Weeks; start += length)
            {
                var end = Math.Min(start + length, Request.Weeks);
                var owed = Catalogue[start].Where(l => Enumerable.Range(start, end - start).All(w => Catalogue[w].Contains(l))).ToList();
                var visits = Plan.Assignments.Where(a => WeekIndex(a.Week) >= start && WeekIndex(a.Week) < end).ToList();
                yield return new CycleFact(start, end, owed, visits.Count, visits.GroupBy(a => a.Locality).ToDictionary(g => g.Key, g => g.Count()));
            }
        }

        public IEnumerable<string> Coverage()
        {
            var expectedLength = Catalogue.Max(week => (week.Length + Request.Visitors.Count - 1) / Request.Visitors.Count);
            if (Plan.CycleWeeks != expectedLength)
            {
                yield return $"CycleWeeks is {Plan.CycleWeeks}, expected ceil(largest catalogue / visitors) = {expectedLength}";
                yield break;
            }

            var facts = CycleFacts().ToList();
            if (Plan.Cycles.Count != facts.Count)
            {
                yield return $"{Plan.Cycles.Count} cycles reported, expected {facts.Count}";
                yield break;
            }

            var noSingleLocalityWeek = Catalogue.All(week => week.Length > 1);
            foreach (var (cycle, fact) in Plan.Cycles.Zip(facts))
            {
                var visits = OpenVisits(fact);
                var missed = fact.Owed.Where(l => !fact.VisitsTo.ContainsKey(l)).ToList();
                if (cycle.FirstWeek != Mondays[fact.Start] || cycle.Weeks != fact.End - fact.Start || cycle.Visits != fact.Visits
                    || !cycle.Localities.SequenceEqual(fact.Owed) || !cycle.Missed.SequenceEqual(missed))
                {
                    yield return $"the cycle of {Mondays[fact.Start]} is misreported";
                }

                if (noSingleLocalityWeek && fact.Visits >= fact.Owed.Count && missed.Count > 0 && fact.Owed.All(l => visits.Any(v => v.Contains(l))))
                {
                    yield return $"the cycle of {Mondays[fact.Start]} has {fact.Visits} visits for {fact.Owed.Count} owed localities, each of which some visit may take, but misses {string.Join(", ", missed)}";
                }

                var possible = MostCoverable(fact.Owed, visits);
                if (fact.Owed.Count - missed.Count != possible)
                {
                    yield return $"the cycle of {Mondays[fact.Start]} covers {fact.Owed.Count - missed.Count} of {fact.Owed.Count} owed localities, but {possible} could be covered";
                }
            }
        }

        /// <summary>
        /// For each visit of the cycle, the localities it may cover: not its visitor's previous locality if it is
        /// their first visit of the cycle, nor one that would leave their later visits no way to avoid a repeat.
        /// </summary>
        private List<HashSet<string>> OpenVisits(CycleFact fact)
        {
            var visits = new List<HashSet<string>>();
            for (var w = fact.Start; w < fact.End; w++)
            {
                foreach (var v in Available[w])
                {
                    var number = _weeksOf[v].IndexOf(w);
                    var open = new HashSet<string>(_choices[v][number]);
                    if (number == 0 || _weeksOf[v][number - 1] < fact.Start)
                    {
                        var before = Plan.Assignments.LastOrDefault(a => a.Visitor == v && WeekIndex(a.Week) < fact.Start)?.Locality ?? Request.LastVisited?.GetValueOrDefault(v);
                        open.Remove(before ?? "");
                    }

                    visits.Add(open);
                }
            }

            return visits;
        }

        /// <summary>The largest number of <paramref name="owed"/> localities that distinct visits can cover: a maximum bipartite matching (Kuhn's algorithm).</summary>
        private static int MostCoverable(List<string> owed, List<HashSet<string>> visits)
        {
            var coveredBy = new string?[visits.Count];
            var matched = 0;
            foreach (var locality in owed)
            {
                var tried = new bool[visits.Count];
                if (Augment(locality, tried))
                {
                    matched++;
                }
            }

            return matched;

            bool Augment(string locality, bool[] tried)
            {
                for (var s = 0; s < visits.Count; s++)
                {
                    if (!tried[s] && visits[s].Contains(locality))
                    {
                        tried[s] = true;
                        if (coveredBy[s] is null || Augment(coveredBy[s]!, tried))
                        {
                            coveredBy[s] = locality;
                            return true;
                        }
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// In a cycle of V visits owing n localities, no locality gets more than ceil(V / n) + 1 visits whenever
        /// 2V &lt; n(n - 1) (the promise). Also checked, as a guard against regressions rather than a promise: the same
        /// bound in every cycle whose weeks all have three localities or more, when no planned week has a single one
        /// (it holds on all generated requests; it can fail only when most visitors are barred from one locality).
        /// </summary>
        public IEnumerable<string> Spread()
        {
            var noSingleLocalityWeek = Catalogue.All(week => week.Length > 1);
            foreach (var fact in CycleFacts())
            {
                var n = fact.Owed.Count;
                if (n == 0)
                {
                    continue;
                }

                var bound = ((fact.Visits + n - 1) / n) + 1;
                var busiest = fact.VisitsTo.DefaultIfEmpty().MaxBy(kv => kv.Value);
                var wide = Enumerable.Range(fact.Start, fact.End - fact.Start).All(w => Catalogue[w].Length >= 3);
                if (busiest.Value > bound && (2 * fact.Visits < n * (n - 1) || (noSingleLocalityWeek && wide)))
                {
                    yield return $"{busiest.Key} gets {busiest.Value} of the {fact.Visits} visits of the cycle of {Mondays[fact.Start]}, more than ceil({fact.Visits} / {n}) + 1 = {bound}";
                }
            }
        }
    }

    internal sealed record CycleFact(int Start, int End, List<string> Owed, int Visits, Dictionary<string, int> VisitsTo);
}
