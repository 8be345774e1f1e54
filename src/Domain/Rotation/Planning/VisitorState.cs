namespace Outreach.Rotation;

/// <summary>
/// A visitor on the roster as the planner tracks them: the weeks they are available, the locality each of their visits
/// must keep clear of, and their rotation so far (their previous locality, how many visits they made, and when they
/// were last at each locality).
/// </summary>
internal sealed class VisitorState
{
    private readonly long[] _lastVisitTo; // by LocalityState.Number: the VisitTime of this visitor's last visit there

    /// <summary>Creates the visitor at <paramref name="position"/> on the roster, who has been nowhere yet.</summary>
    public VisitorState(string id, int position, int localityCount)
    {
        Id = id;
        Position = position;
        _lastVisitTo = new long[localityCount];
        Array.Fill(_lastVisitTo, VisitTime.Never);
    }

    /// <summary>The id, as given in <see cref="RotationRequest.Visitors"/>.</summary>
    public string Id { get; }

    /// <summary>Position on the roster, from 0: visitors take turns in this order, and earlier ones win ties.</summary>
    public int Position { get; }

    /// <summary>The planned weeks (numbered from 0) in which the visitor is available, in order: they make one visit in each.</summary>
    public List<int> AvailableWeeks { get; } = [];

    /// <summary>
    /// For each visit of the visitor in the plan, by its number (from 0), the locality it must keep clear of because
    /// their next visit is forced there, or null; null as a whole when no visit has to (see <see cref="RepeatLookAhead"/>).
    /// </summary>
    public LocalityState?[]? BarredAtVisit { get; set; }

    /// <summary>The locality of the visitor's last visit, planned or before the plan, or null: their next visit may not go there.</summary>
    public LocalityState? Previous { get; private set; }

    /// <summary>How many visits have been planned for the visitor so far, which is also the number of their next visit.</summary>
    public int VisitsMade { get; private set; }

    /// <summary>The locality visit <paramref name="number"/> of the visitor must keep clear of, or null (see <see cref="BarredAtVisit"/>).</summary>
    public LocalityState? BarredAt(int number) => BarredAtVisit?[number];

    /// <summary>The <see cref="VisitTime"/> of the visitor's last visit to <paramref name="locality"/>.</summary>
    public long LastVisitTo(LocalityState locality) => _lastVisitTo[locality.Number];

    /// <summary>Takes in the visitor's last visit before the plan (<see cref="RotationRequest.LastVisited"/>).</summary>
    public void VisitedBeforeThePlan(LocalityState locality)
    {
        Previous = locality;
        _lastVisitTo[locality.Number] = VisitTime.BeforeThePlan;
    }

    /// <summary>Records the visitor's next planned visit, to <paramref name="locality"/> at <paramref name="time"/>.</summary>
    public void Visit(LocalityState locality, long time)
    {
        Previous = locality;
        _lastVisitTo[locality.Number] = time;
        VisitsMade++;
    }
}
