namespace Outreach.Rotation;

/// <summary>
/// The visits of the cycle being planned: one per visitor available in each of its weeks, in week order, then roster
/// order, and where each week's visits start. The same instance serves every cycle of a plan.
/// </summary>
internal sealed class CycleVisits
{
    private readonly CycleVisit[] visits;
    private readonly int[] weekStarts;               // by week of the cycle (from 0): index of its first visit; one more entry for the end
    private readonly CycleVisit?[] latestOfVisitor;  // by VisitorState.Position, while laying out

    /// <summary>Makes room for cycles of up to <paramref name="maxWeeks"/> weeks of <paramref name="visitorCount"/> visitors.</summary>
    public CycleVisits(int maxWeeks, int visitorCount)
    {
        visits = new CycleVisit[maxWeeks * visitorCount];
        for (var i = 0; i < visits.Length; i++)
        {
            visits[i] = new CycleVisit();
        }

        weekStarts = new int[maxWeeks + 1];
        latestOfVisitor = new CycleVisit?[visitorCount];
    }

    /// <summary>The first planned week of the cycle.</summary>
    public int FirstWeek { get; private set; }

    /// <summary>The planned week after the cycle's last.</summary>
    public int EndWeek { get; private set; }

    /// <summary>How many visits the cycle has.</summary>
    public int Count { get; private set; }

    /// <summary>The visit at <paramref name="index"/>, from 0 to <see cref="Count"/> - 1, in time order.</summary>
    public CycleVisit this[int index] => visits[index];

    /// <summary>The index of the first visit of <paramref name="week"/>.</summary>
    public int StartOfWeek(int week) => weekStarts[week - FirstWeek];

    /// <summary>The index after the last visit of <paramref name="week"/>.</summary>
    public int EndOfWeek(int week) => weekStarts[week - FirstWeek + 1];

    /// <summary>Lays out the visits of the weeks from <paramref name="firstWeek"/> to before <paramref name="endWeek"/>.</summary>
    /// <param name="firstWeek">The cycle's first week.</param>
    /// <param name="endWeek">The week after the cycle.</param>
    /// <param name="availableInWeek">By week, the visitors available, in roster order.</param>
    public void LayOut(int firstWeek, int endWeek, VisitorState[][] availableInWeek)
    {
        FirstWeek = firstWeek;
        EndWeek = endWeek;
        Count = 0;
        Array.Clear(latestOfVisitor);
        for (var week = firstWeek; week < endWeek; week++)
        {
            weekStarts[week - firstWeek] = Count;
            foreach (var visitor in availableInWeek[week])
            {
                var visit = visits[Count++];
                var before = latestOfVisitor[visitor.Position];
                visit.Reset(visitor, week, before is null ? visitor.VisitsMade : before.Number + 1);
                if (before is not null)
                {
                    before.NextOfVisitor = visit;
                }

                latestOfVisitor[visitor.Position] = visit;
            }
        }

        weekStarts[endWeek - firstWeek] = Count;
    }
}
