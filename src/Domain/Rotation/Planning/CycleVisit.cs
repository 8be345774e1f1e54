namespace Outreach.Rotation;

/// <summary>
/// One visit of the cycle being planned: a visitor available in a week. First, some visits are set aside to cover the
/// cycle's owed localities (<see cref="Covers"/>); then every visit is given its locality, in time order. The objects
/// are reused from one cycle to the next (see <see cref="CycleVisits"/>).
/// </summary>
internal sealed class CycleVisit
{
    /// <summary>Who makes the visit.</summary>
    public VisitorState Visitor { get; private set; } = null!;

    /// <summary>The planned week of the visit, numbered from 0.</summary>
    public int Week { get; private set; }

    /// <summary>The number of the visit among all the visitor's visits in the plan, from 0.</summary>
    public int Number { get; private set; }

    /// <summary>Whether this is the visitor's first visit in the cycle, which comes right after the <see cref="VisitorState.Previous"/> they had at the start of the cycle.</summary>
    public bool IsVisitorsFirstInCycle { get; private set; }

    /// <summary>The locality the visit must keep clear of because the visitor's next visit is forced there, or null (see <see cref="RepeatLookAhead"/>).</summary>
    public LocalityState? Barred { get; private set; }

    /// <summary>The same visitor's next visit in the cycle, or null.</summary>
    public CycleVisit? NextOfVisitor { get; set; }

    /// <summary>The owed locality this visit is set aside to cover, or null for a spare visit.</summary>
    public LocalityState? Covers { get; set; }

    /// <summary>Marks a visit an augmenting-path search has gone through (see <see cref="OwedCoverage"/>).</summary>
    public bool Searched { get; set; }

    /// <summary>
    /// Makes this visit <paramref name="number"/> of <paramref name="visitor"/>, in <paramref name="week"/>, not yet
    /// covering anything. Called when the cycle is laid out, before any of its visits is made.
    /// </summary>
    public void Reset(VisitorState visitor, int week, int number)
    {
        Visitor = visitor;
        Week = week;
        Number = number;
        IsVisitorsFirstInCycle = number == visitor.VisitsMade;
        Barred = visitor.BarredAt(number);
        NextOfVisitor = null;
        Covers = null;
        Searched = false;
    }

    /// <summary>
    /// Whether the visit may be set aside to cover <paramref name="locality"/>, owed by the cycle: not if it must keep
    /// clear of it, nor if it is the visitor's first visit of the cycle and the locality is where they went last.
    /// </summary>
    public bool MayCover(LocalityState locality) => locality != Barred && !(IsVisitorsFirstInCycle && locality == Visitor.Previous);
}
