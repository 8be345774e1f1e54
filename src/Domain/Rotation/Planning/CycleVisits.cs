namespace Outreach.Rotation;

/// <summary>
/// The visits of the cycle being planned: one per visitor available in each of its weeks, in week order, then roster
/// order, and where each week's visits start. The same instance serves every cycle of a plan.
/// </summary>
internal sealed class CycleVisits
{
    private readonly CycleVisit[] _visits;
    private readonly int[] _weekStarts;               // by week of the cycle (from 0): index of its first visit; one more entry for the end
    private readonly CycleVisit?[] _latestOfVisitor;  // by VisitorState.Position, while laying out

    /// <summary>Makes room for cycles of up to <paramref name="maxWeeks"/> weeks of <paramref name="visitorCount"/> visitors.</summary>
    public CycleVisits(int maxWeeks, int visitorCount)
    {
        _visits = new CycleVisit[maxWeeks * visitorCount];
        for (var i = 0; i < _visits.Length; i++)
        {
            _visits[i] = new CycleVisit();
        }

        _weekStarts = new int[maxWeeks + 1];
        _latestOfVisitor = new CycleVisit?[visitorCount];
    }

    /// <summary>The first planned week of the cycle.</summary>
    public int FirstWeek { get; private set; }

    /// <summary>The planned week after the cycle's last.</summary>
    public int EndWeek { get; private set; }

    /// <summary>How many visits the cycle has.</summary>
    public int Count { get; private set; }

    /// <summary>The visit at <paramref name="index"/>, from 0 to <see cref="Count"/> - 1, in time order.</summary>
    public CycleVisit this[int index] => _visits[index];

    /// <summary>The index of the first visit of <paramref name="week"/>.</summary>
    public int StartOfWeek(int week) => _weekStarts[week - FirstWeek];

    /// <summary>The index after the last visit of <paramref name="week"/>.</summary>
    public int EndOfWeek(int week) => _weekStarts[week - FirstWeek + 1];

    /// <summary>Lays out the visits of the weeks from <paramref name="firstWeek"/> to before <paramref name="endWeek"/>.</summary>
    /// <param name="firstWeek">The cycle's first week.</param>
    /// <param name="endWeek">The week after the cycle.</param>
    /// <param name="availableInWeek">By week, the visitors available, in roster order.</param>
    public void LayOut(int firstWeek, int endWeek, VisitorState[][] availableInWeek)
    {
        FirstWeek = firstWeek;
        EndWeek = endWeek;
        Count = 0;
        Array.Clear(_latestOfVisitor);
        for (var week = firstWeek; week < endWeek; week++)
        {
            _weekStarts[week - firstWeek] = Count;
            foreach (var visitor in availableInWeek[week])
            {
                var visit = _visits[Count++];
                var before = _latestOfVisitor[visitor.Position];
                visit.Reset(visitor, week, before is null ? visitor.VisitsMade : before.Number + 1);
                if (before is not null)
                {
                    before.NextOfVisitor = visit;
                }

                _latestOfVisitor[visitor.Position] = visit;
            }
        }

        _weekStarts[endWeek - firstWeek] = Count;
    }
}
