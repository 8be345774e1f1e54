namespace Outreach.Rotation;

/// <summary>
/// Sets aside a visit of the cycle for each owed locality, as many as any plan could: a maximum bipartite matching
/// of owed localities to the visits that may cover them (<see cref="CycleVisit.MayCover"/>), grown one locality at a
/// time by augmenting paths (Kuhn's algorithm), so that it is maximum whatever the earlier choices. Each locality
/// first tries the common case, a free visit in the earliest week that has one; only when there is none does the
/// search move localities already set aside to other visits.
/// </summary>
internal sealed class OwedCoverage
{
    private readonly CycleVisits _visits;
    private readonly int _visitorCount;
    private readonly int[] _freeInWeek; // by week of the cycle (from 0): its visits not set aside yet

    /// <summary>Sets aside visits among <paramref name="visits"/>, in cycles of up to <paramref name="maxWeeks"/> weeks of <paramref name="visitorCount"/> visitors.</summary>
    public OwedCoverage(CycleVisits visits, int maxWeeks, int visitorCount)
    {
        _visits = visits;
        _visitorCount = visitorCount;
        _freeInWeek = new int[maxWeeks];
    }

    /// <summary>
    /// Sets visits aside (<see cref="CycleVisit.Covers"/>) for <paramref name="longestWaitingFirst"/>, in that order,
    /// until every locality has one or every visit is taken. A locality that cannot be covered is left out; the
    /// localities after it may still be.
    /// </summary>
    public void SetAside(LocalityState[] longestWaitingFirst)
    {
        var free = _visits.Count;
        for (var week = _visits.FirstWeek; week < _visits.EndWeek; week++)
        {
            _freeInWeek[week - _visits.FirstWeek] = _visits.EndOfWeek(week) - _visits.StartOfWeek(week);
        }

        var deadEndsMarked = false;
        foreach (var locality in longestWaitingFirst)
        {
            if (free == 0)
            {
                break;
            }

            if (TakeEarliestFreeVisit(locality))
            {
                free--;
                deadEndsMarked = false;
                continue;
            }

            // The visits a failed search went through lead to no free visit as long as no visit changes what it
            // covers: they stay marked for the next search, which skips them.
            if (!deadEndsMarked)
            {
                for (var i = 0; i < _visits.Count; i++)
                {
                    _visits[i].Searched = false;
                }
            }

            if (TakeAugmentingPath(locality))
            {
                free--;
                deadEndsMarked = false;
            }
            else
            {
                deadEndsMarked = true;
            }
        }
    }

    /// <summary>
    /// The common case: sets aside for <paramref name="locality"/> a free visit in the earliest week that has one it
    /// may take, by the visitor who has not been there for longest (ties: the first on the roster after the
    /// locality's last visitor, going round, so that visitors take turns).
    /// </summary>
    private bool TakeEarliestFreeVisit(LocalityState locality)
    {
        var lastVisitorPosition = locality.LastVisitor?.Position ?? _visitorCount - 1; // never visited: turns start at the top of the roster
        for (var week = _visits.FirstWeek; week < _visits.EndWeek; week++)
        {
            if (_freeInWeek[week - _visits.FirstWeek] == 0)
            {
                continue;
            }

            CycleVisit? best = null;
            var bestLastThere = long.MaxValue;
            var bestTurn = int.MaxValue;
            for (int i = _visits.StartOfWeek(week), end = _visits.EndOfWeek(week); i < end; i++)
            {
                var visit = _visits[i];
                if (visit.Covers is not null || !visit.MayCover(locality))
                {
                    continue;
                }

                var position = visit.Visitor.Position;
                var lastThere = visit.Visitor.LastVisitTo(locality);
                // How many places after the locality's last visitor this visitor comes, going round the roster.
                var turn = position > lastVisitorPosition ? position - lastVisitorPosition - 1 : position - lastVisitorPosition - 1 + _visitorCount;
                if (lastThere < bestLastThere || (lastThere == bestLastThere && turn < bestTurn))
                {
                    (best, bestLastThere, bestTurn) = (visit, lastThere, turn);
                }
            }

            if (best is not null)
            {
                best.Covers = locality;
                _freeInWeek[week - _visits.FirstWeek]--;
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Kuhn's augmenting path: finds a visit for <paramref name="locality"/>, moving localities already set aside to
    /// other visits if needed. Visits are tried in time order; a visit already searched is skipped.
    /// </summary>
    private bool TakeAugmentingPath(LocalityState locality)
    {
        for (var i = 0; i < _visits.Count; i++)
        {
            var visit = _visits[i];
            if (visit.Searched || !visit.MayCover(locality))
            {
                continue;
            }

            visit.Searched = true;
            if (visit.Covers is not { } displaced)
            {
                _freeInWeek[visit.Week - _visits.FirstWeek]--;
                visit.Covers = locality;
                return true;
            }

            if (TakeAugmentingPath(displaced))
            {
                visit.Covers = locality;
                return true;
            }
        }

        return false;
    }
}
