namespace Outreach.Rotation;

/// <summary>
/// Plans a plan's cycles one after the other, carrying the rotation (who went where, and when) from each to the next:
/// lays out the cycle's visits, sets some aside to cover the localities it owes, then gives every visit its locality in
/// time order, spare visits going where the cycle has been least.
/// </summary>
internal sealed class CyclePlanner
{
    private readonly WeeklyCatalogue _catalogue;
    private readonly VisitorState[][] _availableInWeek;
    private readonly CycleVisits _visits;
    private readonly OwedCoverage _coverage;
    private long _nextVisitTime = VisitTime.FirstPlanned;

    /// <summary>Prepares to plan cycles of up to <paramref name="cycleWeeks"/> weeks.</summary>
    /// <param name="catalogue">The planned weeks and their localities.</param>
    /// <param name="availableInWeek">By week, the visitors available, in roster order.</param>
    /// <param name="visitorCount">How many visitors are on the roster.</param>
    /// <param name="cycleWeeks">The plan's <see cref="RotationPlan.CycleWeeks"/>.</param>
    public CyclePlanner(WeeklyCatalogue catalogue, VisitorState[][] availableInWeek, int visitorCount, int cycleWeeks)
    {
        _catalogue = catalogue;
        _availableInWeek = availableInWeek;
        _visits = new CycleVisits(cycleWeeks, visitorCount);
        _coverage = new OwedCoverage(_visits, cycleWeeks, visitorCount);
    }

    /// <summary>Plans the cycle of the weeks from <paramref name="firstWeek"/> to before <paramref name="endWeek"/>, adding its visits to <paramref name="assignments"/>.</summary>
    public RotationCycle Plan(int firstWeek, int endWeek, List<RotaAssignment> assignments)
    {
        _visits.LayOut(firstWeek, endWeek, _availableInWeek);
        var owed = OwedLocalities(firstWeek, endWeek);

        // Cover the owed localities longest-waiting first (never visited first, ties in catalogue order), each with a
        // visit of its own.
        var longestWaitingFirst = owed.ToArray();
        Array.Sort(longestWaitingFirst, (x, y) => x.LastVisit != y.LastVisit ? x.LastVisit.CompareTo(y.LastVisit) : x.Number.CompareTo(y.Number));
        _coverage.SetAside(longestWaitingFirst);
        for (var i = 0; i < _visits.Count; i++)
        {
            if (_visits[i].Covers is { } covered)
            {
                covered.VisitsThisCycle++;
            }
        }

        for (var i = 0; i < _visits.Count; i++)
        {
            var visit = _visits[i];
            var locality = ChooseLocality(visit);
            var time = _nextVisitTime++;
            visit.Visitor.Visit(locality, time);
            locality.LastVisit = time;
            locality.LastVisitor = visit.Visitor;
            locality.VisitedThisCycle = true;
            assignments.Add(new RotaAssignment(_catalogue.Monday(visit.Week), visit.Visitor.Id, locality.Code));
        }

        var missed = new List<string>();
        foreach (var locality in owed)
        {
            if (!locality.VisitedThisCycle)
            {
                missed.Add(locality.Code);
            }
        }

        for (var week = firstWeek; week < endWeek; week++)
        {
            foreach (var locality in _catalogue.InForce(week))
            {
                locality.VisitedThisCycle = false;
                locality.VisitsThisCycle = 0;
            }
        }

        return new RotationCycle(_catalogue.Monday(firstWeek), endWeek - firstWeek, _visits.Count, [.. owed.Select(l => l.Code)], missed);
    }

    /// <summary>The localities the cycle owes a visit: those in force in every one of its weeks, in catalogue order of its first week.</summary>
    private List<LocalityState> OwedLocalities(int firstWeek, int endWeek)
    {
        var firstWeekLocalities = _catalogue.InForce(firstWeek);
        var owed = new List<LocalityState>(firstWeekLocalities.Length);
        foreach (var locality in firstWeekLocalities)
        {
            var throughout = true;
            for (var week = firstWeek + 1; week < endWeek && throughout; week++)
            {
                throughout = _catalogue.IsInForce(week, locality);
            }

            if (throughout)
            {
                owed.Add(locality);
            }
        }

        return owed;
    }

    /// <summary>
    /// The locality of <paramref name="visit"/>, chosen once the visits before it in the cycle have theirs: the owed
    /// locality it was set aside to cover, if any; otherwise, as a spare visit, the best locality the visitor may take
    /// (<see cref="IsBetterSpare"/>).
    /// </summary>
    private LocalityState ChooseLocality(CycleVisit visit)
    {
        var visitor = visit.Visitor;
        var previous = visitor.Previous;
        if (visit.Covers is { } covered)
        {
            if (covered != previous)
            {
                return covered;
            }

            // Not reached as the matching and the hand-over below stand (a first visit of the cycle may not cover
            // the visitor's previous locality, and a spare visit that takes the next visit's locality frees that
            // visit); kept so that a visitor never goes to the same place twice in a row: the visit becomes spare.
            covered.VisitsThisCycle--;
            visit.Covers = null;
        }

        // A spare visit goes where the cycle has been least. So when a locality gets its (k+1)th visit, every
        // locality in force that week but at most two (the visitor's previous one and a barred one) already has k:
        // exceeding ceil(V / n) + 1 visits takes 2V >= n(n - 1), which is the bound promised in Plan's docs.
        var nextCovers = visit.NextOfVisitor?.Covers;
        LocalityState? best = null;
        foreach (var candidate in _catalogue.InForce(visit.Week))
        {
            if (candidate != previous && candidate != visit.Barred && (best is null || IsBetterSpare(visitor, candidate, best, nextCovers)))
            {
                best = candidate;
            }
        }

        if (best is null)
        {
            throw new InvalidOperationException($"The look-ahead left {visitor.Id} no locality in the week of {_catalogue.Monday(visit.Week)}.");
        }

        if (best == nextCovers)
        {
            // The visitor's next visit was set aside to cover this locality: cover it now and make that visit spare,
            // so the visitor does not go there twice in a row and the cycle's count of visits there is unchanged.
            visit.NextOfVisitor!.Covers = null;
            best.VisitsThisCycle--;
        }

        best.VisitsThisCycle++;
        return best;
    }

    /// <summary>
    /// Whether a spare visit of <paramref name="visitor"/> should rather go to <paramref name="candidate"/> than to
    /// <paramref name="incumbent"/>: fewer visits in the cycle; then not the locality their next visit is set aside to
    /// cover (<paramref name="nextCovers"/>); then where the visitor has not been for longest; then the locality that
    /// has waited longest; then catalogue order.
    /// </summary>
    private static bool IsBetterSpare(VisitorState visitor, LocalityState candidate, LocalityState incumbent, LocalityState? nextCovers)
    {
        if (candidate.VisitsThisCycle != incumbent.VisitsThisCycle)
        {
            return candidate.VisitsThisCycle < incumbent.VisitsThisCycle;
        }

        if ((candidate == nextCovers) != (incumbent == nextCovers))
        {
            return incumbent == nextCovers;
        }

        var candidateLast = visitor.LastVisitTo(candidate);
        var incumbentLast = visitor.LastVisitTo(incumbent);
        if (candidateLast != incumbentLast)
        {
            return candidateLast < incumbentLast;
        }

        return candidate.LastVisit != incumbent.LastVisit ? candidate.LastVisit < incumbent.LastVisit : candidate.Number < incumbent.Number;
    }
}
