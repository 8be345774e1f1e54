namespace Outreach.Rotation;

/// <summary>
/// One call to <see cref="RotationPlanner.Plan"/>, in three steps (ADR 15 gives the reasons):
/// <list type="number">
/// <item><description>
/// Read the request: <see cref="RequestChecks"/> and <see cref="WeeklyCatalogue"/> refuse malformed input; each
/// locality code becomes a <see cref="LocalityState"/> and each visitor a <see cref="VisitorState"/>, with the weeks
/// they are available and their last visit before the plan.
/// </description></item>
/// <item><description>
/// Look ahead (<see cref="RepeatLookAhead"/>): for each visitor, the localities their visits must keep clear of because
/// a later week leaves them no other choice; or refuse the request when a repeat cannot be avoided.
/// </description></item>
/// <item><description>
/// Plan the cycles in order (<see cref="CyclePlanner"/>): lay out the cycle's visits (<see cref="CycleVisits"/>), set
/// visits aside to cover the localities the cycle owes (<see cref="OwedCoverage"/>), then give every visit its locality.
/// </description></item>
/// </list>
/// </summary>
internal sealed class PlanBuilder
{
    private readonly WeeklyCatalogue catalogue;
    private readonly VisitorState[] roster;            // in roster order
    private readonly VisitorState[][] availableInWeek; // by week, in roster order
    private readonly int weekCount;
    private readonly int cycleWeeks;

    /// <summary>Reads <paramref name="request"/> and looks ahead, refusing the request when it cannot be planned.</summary>
    /// <exception cref="RotationInfeasibleException">The request breaks a <see cref="RotationRule"/>.</exception>
    public PlanBuilder(RotationRequest request)
    {
        RequestChecks.Weeks(request);
        weekCount = request.Weeks;
        var ids = RequestChecks.Roster(request.Visitors);
        var mondays = new DateOnly[weekCount];
        for (var week = 0; week < weekCount; week++)
        {
            mondays[week] = request.FirstWeek.AddDays(7 * week);
        }

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var position = 0; position < ids.Length; position++)
        {
            positions[ids[position]] = position;
        }

        RequestChecks.Unavailability(request.Unavailable, positions);
        RequestChecks.LastVisits(request.LastVisited, positions);
        catalogue = WeeklyCatalogue.Read(request.LocalitiesInForce, mondays);
        roster = new VisitorState[ids.Length];
        for (var position = 0; position < ids.Length; position++)
        {
            roster[position] = new VisitorState(ids[position], position, catalogue.LocalityCount);
        }

        availableInWeek = ReadAvailability(request.Unavailable);
        TakeInLastVisits(request.LastVisited);
        foreach (var visitor in roster)
        {
            visitor.BarredAtVisit = RepeatLookAhead.BarredLocalities(visitor, catalogue, request.FirstWeek);
        }

        cycleWeeks = Math.Max(1, (catalogue.LargestWeek + roster.Length - 1) / roster.Length);
    }

    /// <summary>Plans the cycles in order, from the first week.</summary>
    public RotationPlan Run()
    {
        var assignments = new List<RotaAssignment>(weekCount * roster.Length);
        var cycles = new List<RotationCycle>((weekCount + cycleWeeks - 1) / cycleWeeks);
        var cyclePlanner = new CyclePlanner(catalogue, availableInWeek, roster.Length, cycleWeeks);
        for (var firstWeek = 0; firstWeek < weekCount; firstWeek += cycleWeeks)
        {
            cycles.Add(cyclePlanner.Plan(firstWeek, Math.Min(firstWeek + cycleWeeks, weekCount), assignments));
        }

        var nobodyAvailable = new List<DateOnly>();
        for (var week = 0; week < weekCount; week++)
        {
            if (availableInWeek[week].Length == 0)
            {
                nobodyAvailable.Add(catalogue.Monday(week));
            }
        }

        return new RotationPlan(assignments, cycleWeeks, cycles, nobodyAvailable);
    }

    /// <summary>By week, the visitors not marked unavailable, in roster order; and each visitor's <see cref="VisitorState.AvailableWeeks"/>.</summary>
    private VisitorState[][] ReadAvailability(IReadOnlySet<(string Visitor, DateOnly Week)>? unavailable)
    {
        var result = new VisitorState[weekCount][];
        var available = new List<VisitorState>(roster.Length);
        for (var week = 0; week < weekCount; week++)
        {
            available.Clear();
            foreach (var visitor in roster)
            {
                if (unavailable is not { Count: > 0 } || !unavailable.Contains((visitor.Id, catalogue.Monday(week))))
                {
                    available.Add(visitor);
                    visitor.AvailableWeeks.Add(week);
                }
            }

            result[week] = [.. available];
        }

        return result;
    }

    /// <summary>Starts each visitor's rotation from their last visit before the plan, when it was to a locality in force in some planned week (any other has no bearing on the plan).</summary>
    private void TakeInLastVisits(IReadOnlyDictionary<string, string>? lastVisited)
    {
        if (lastVisited is null)
        {
            return;
        }

        foreach (var visitor in roster)
        {
            if (lastVisited.TryGetValue(visitor.Id, out var code) && catalogue.Find(code) is { } locality)
            {
                visitor.VisitedBeforeThePlan(locality);
                locality.LastVisit = VisitTime.BeforeThePlan;
            }
        }
    }
}
