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
    private readonly WeeklyCatalogue _catalogue;
    private readonly VisitorState[] _roster;            // in roster order
    private readonly VisitorState[][] _availableInWeek; // by week, in roster order
    private readonly int _weekCount;
    private readonly int _cycleWeeks;

    /// <summary>Reads <paramref name="request"/> and looks ahead, refusing the request when it cannot be planned.</summary>
    /// <exception cref="RotationInfeasibleException">The request breaks a <see cref="RotationRule"/>.</exception>
    public PlanBuilder(RotationRequest request)
    {
        RequestChecks.Weeks(request);
        _weekCount = request.Weeks;
        var ids = RequestChecks.Roster(request.Visitors);
        var mondays = new DateOnly[_weekCount];
        for (var week = 0; week < _weekCount; week++)
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
        _catalogue = WeeklyCatalogue.Read(request.LocalitiesInForce, mondays);
        _roster = new VisitorState[ids.Length];
        for (var position = 0; position < ids.Length; position++)
        {
            _roster[position] = new VisitorState(ids[position], position, _catalogue.LocalityCount);
        }

        _availableInWeek = ReadAvailability(request.Unavailable);
        TakeInLastVisits(request.LastVisited);
        foreach (var visitor in _roster)
        {
            visitor.BarredAtVisit = RepeatLookAhead.BarredLocalities(visitor, _catalogue, request.FirstWeek);
        }

        _cycleWeeks = Math.Max(1, (_catalogue.LargestWeek + _roster.Length - 1) / _roster.Length);
    }

    /// <summary>Plans the cycles in order, from the first week.</summary>
    public RotationPlan Run()
    {
        var assignments = new List<RotaAssignment>(_weekCount * _roster.Length);
        var cycles = new List<RotationCycle>((_weekCount + _cycleWeeks - 1) / _cycleWeeks);
        var cyclePlanner = new CyclePlanner(_catalogue, _availableInWeek, _roster.Length, _cycleWeeks);
        for (var firstWeek = 0; firstWeek < _weekCount; firstWeek += _cycleWeeks)
        {
            cycles.Add(cyclePlanner.Plan(firstWeek, Math.Min(firstWeek + _cycleWeeks, _weekCount), assignments));
        }

        var nobodyAvailable = new List<DateOnly>();
        for (var week = 0; week < _weekCount; week++)
        {
            if (_availableInWeek[week].Length == 0)
            {
                nobodyAvailable.Add(_catalogue.Monday(week));
            }
        }

        return new RotationPlan(assignments, _cycleWeeks, cycles, nobodyAvailable);
    }

    /// <summary>By week, the visitors not marked unavailable, in roster order; and each visitor's <see cref="VisitorState.AvailableWeeks"/>.</summary>
    private VisitorState[][] ReadAvailability(IReadOnlySet<(string Visitor, DateOnly Week)>? unavailable)
    {
        var result = new VisitorState[_weekCount][];
        var available = new List<VisitorState>(_roster.Length);
        for (var week = 0; week < _weekCount; week++)
        {
            available.Clear();
            foreach (var visitor in _roster)
            {
                if (unavailable is not { Count: > 0 } || !unavailable.Contains((visitor.Id, _catalogue.Monday(week))))
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

        foreach (var visitor in _roster)
        {
            if (lastVisited.TryGetValue(visitor.Id, out var code) && _catalogue.Find(code) is { } locality)
            {
                visitor.VisitedBeforeThePlan(locality);
                locality.LastVisit = VisitTime.BeforeThePlan;
            }
        }
    }
}
