namespace Outreach.Rotation;

/// <summary>
/// Plans the weekly rotation of the outreach programme ("xuống phố, về làng"): every week, every available cadre or
/// visiting group goes to one commune, ward, hamlet or quarter, so that each locality is visited in turn.
/// </summary>
public static class RotationPlanner
{
    /// <summary>
    /// Plans <see cref="RotationRequest.Weeks"/> weeks of visits. The function is pure: it reads no clock, database or
    /// file, and the same request always gives the same plan.
    /// </summary>
    /// <remarks>
    /// <para>The plan keeps these promises; the tests check each of them on hundreds of generated requests.</para>
    /// <list type="number">
    /// <item><description>
    /// <b>One visit per available week (fairness between visitors).</b> In every planned week, each visitor on the
    /// roster who is not marked unavailable gets exactly one assignment, to a locality in force that week; an
    /// unavailable visitor gets none. So two visitors available the same number of weeks make the same number of
    /// visits. A week in which everybody is unavailable has no visits and is listed in
    /// <see cref="RotationPlan.WeeksWithoutVisits"/>.
    /// </description></item>
    /// <item><description>
    /// <b>No repeats.</b> No visitor goes to the same locality on two consecutive visits of theirs: the weeks they are
    /// unavailable are skipped over, and their first visit differs from their
    /// <see cref="RotationRequest.LastVisited"/> locality. Codes are compared exactly, so a merged unit's successor
    /// with a new code is a different locality.
    /// </description></item>
    /// <item><description>
    /// <b>Coverage.</b> The plan is cut, from <see cref="RotationRequest.FirstWeek"/>, into consecutive cycles of
    /// <see cref="RotationPlan.CycleWeeks"/> weeks (the last one may be shorter). A cycle <i>owes</i> a visit to each
    /// locality in force in every one of its weeks; a locality that appears or disappears within a cycle (a merger,
    /// a new hamlet) is owed nothing in that cycle, and is owed a visit in each later cycle it is in force throughout.
    /// Each owed locality needs a visit of its own; a visit may cover any of them except that a visitor's first visit
    /// of the cycle cannot go where their previous visit went, and no visit may go where it would leave the visitor's
    /// later visits no way to avoid a repeat (a locality that a later single-locality week forces on them). Within
    /// those limits the planner covers <i>as many</i> owed localities as any plan could, given the visits planned
    /// before the cycle. In particular, when no week near the cycle has a single locality in force, a cycle is fully
    /// covered whenever it has at least as many visits as owed localities and each of them can be taken by at least
    /// one of its visits. Reduced availability does not stretch the cycle: a cycle with too few visits covers the
    /// localities that have waited longest and lists the others in <see cref="RotationCycle.Missed"/>; having then
    /// waited longest, they are the first covered in the next cycle.
    /// </description></item>
    /// <item><description>
    /// <b>Even spread.</b> Each visit beyond the one a locality is owed goes to a locality with the fewest visits in
    /// the cycle (counting those set aside to cover the others) among those the visitor may take: all localities in
    /// force that week except their previous one and one a later single-locality week forces on them. Hence, in a
    /// cycle of <c>V</c> visits owing <c>n</c> localities, no locality gets more than <c>ceil(V / n) + 1</c> visits
    /// whenever <c>2V &lt; n(n - 1)</c>: for example any cycle of 84 localities with fewer than 3,486 visits, or of
    /// 15 units with fewer than 105. With fewer localities (the three wards after 1 July 2025) the same rule keeps the
    /// split even unless most of the cycle's visitors are barred from the same locality: when only two localities are
    /// in force (each visitor then simply alternates between them), around single-locality weeks, or when nearly all
    /// the visitors available in a week went to the same locality on their previous visit.
    /// </description></item>
    /// <item><description>
    /// <b>Rotation.</b> Owed localities are taken in order of the time since their last visit (never visited first,
    /// ties in catalogue order), each in the earliest week with a free visit, by the visitor who has not been there
    /// for longest; so visits come back about every cycle, and cadres see different localities over time.
    /// </description></item>
    /// <item><description>
    /// <b>Determinism.</b> The plan depends only on the request's values: the order of
    /// <see cref="RotationRequest.Visitors"/> and of each week's catalogue breaks ties, the enumeration order of
    /// <see cref="RotationRequest.Unavailable"/> and <see cref="RotationRequest.LastVisited"/> does not.
    /// </description></item>
    /// </list>
    /// <para>
    /// Refused, with a <see cref="RotationInfeasibleException"/> and nothing planned: an empty roster; a blank or
    /// duplicate visitor id; <see cref="RotationRequest.Weeks"/> outside 1..520; a first week that is not a Monday;
    /// a planned week with no locality in force, or with a blank or duplicate code; an unavailability or last visit
    /// naming a visitor who is not on the roster; an unavailability dated on another day than a Monday; and a
    /// visitor who cannot avoid going to the same locality twice in a row, because it is the only one in force on
    /// two consecutive visits of theirs (or on their first visit, after their last visit before the plan).
    /// Not refused: a week in which nobody is available (it has no visits), and a cycle with too few visits (it
    /// reports what it missed).
    /// </para>
    /// <para>Cost: about weeks × visitors × localities steps; a year for 84 localities and 30 visitors takes about a millisecond (see tests/Outreach.Benchmarks).</para>
    /// </remarks>
    /// <param name="request">The roster, catalogue, availability and history to plan from.</param>
    /// <returns>The rota, with its cycles and the weeks without visits.</returns>
    /// <exception cref="RotationInfeasibleException">The request cannot be planned; the message says which rule fails and what to change.</exception>
    public static RotationPlan Plan(RotationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.LocalitiesInForce);
        return new PlanBuilder(request).Run(); // the algorithm, step by step, is in Planning/, from PlanBuilder
    }
}
