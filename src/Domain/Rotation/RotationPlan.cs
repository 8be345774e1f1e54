namespace Outreach.Rotation;

/// <summary>
/// What the mobilisation committee asks of the weekly rotation planner: who can go, for how many weeks, where the
/// visits may go each week (the administrative units in force change over time), and who is off which week.
/// </summary>
/// <param name="FirstWeek">Monday of the first planned week. Weeks run Monday to Sunday.</param>
/// <param name="Weeks">How many consecutive weeks to plan, from 1 to <see cref="MaxWeeks"/> (ten years).</param>
/// <param name="Visitors">
/// Ids of the cadres or visiting groups on the roster, in a stable order (the order breaks ties, so keep it the same
/// from one plan to the next). Ids are compared ordinally and must be distinct and not blank.
/// </param>
/// <param name="LocalitiesInForce">
/// The catalogue: given the Monday of a planned week, the codes of the communes, wards, hamlets or quarters in force
/// that week, in catalogue order. It is called once per planned week, in order. A code that survives a
/// reorganisation keeps its history; a successor unit gets a new code and counts as never visited.
/// </param>
/// <param name="Unavailable">
/// Visitor-weeks off (leave, other duties), each as the visitor id and the Monday of the week. Every entry must name
/// a visitor on the roster and a Monday; entries outside the planned weeks are ignored, so a whole leave calendar can
/// be passed.
/// </param>
/// <param name="LastVisited">
/// For visitors who already made visits before <paramref name="FirstWeek"/>: the locality of their last one, so that
/// the no-repeat rule holds across consecutive plans. Pass the previous plan's last assignment of each visitor.
/// </param>
public sealed record RotationRequest(
    DateOnly FirstWeek,
    int Weeks,
    IReadOnlyList<string> Visitors,
    Func<DateOnly, IReadOnlyList<string>> LocalitiesInForce,
    IReadOnlySet<(string Visitor, DateOnly Week)>? Unavailable = null,
    IReadOnlyDictionary<string, string>? LastVisited = null)
{
    /// <summary>The longest plan the planner accepts: 520 weeks, about ten years.</summary>
    public const int MaxWeeks = 520;
}

/// <summary>One visit of the rota: <paramref name="Visitor"/> goes to <paramref name="Locality"/> in the week starting <paramref name="Week"/>.</summary>
/// <param name="Week">Monday of the week of the visit; the day and time are agreed with the locality.</param>
/// <param name="Visitor">The cadre or group id, as given in <see cref="RotationRequest.Visitors"/>.</param>
/// <param name="Locality">The code of a locality in force that week.</param>
public sealed record RotaAssignment(DateOnly Week, string Visitor, string Locality);

/// <summary>
/// One coverage cycle of a plan: <see cref="RotationPlan.CycleWeeks"/> consecutive weeks (the last cycle of a plan may
/// be shorter) in which every locality in force throughout should be visited at least once.
/// </summary>
/// <param name="FirstWeek">Monday of the cycle's first week.</param>
/// <param name="Weeks">Number of weeks in the cycle: <see cref="RotationPlan.CycleWeeks"/>, or fewer for the plan's last cycle.</param>
/// <param name="Visits">Number of visits planned in the cycle (one per available visitor per week).</param>
/// <param name="Localities">The localities in force in every week of the cycle, in catalogue order: those the cycle must cover.</param>
/// <param name="Missed">
/// Localities of <paramref name="Localities"/> that get no visit in this cycle. Empty unless the cycle's visits cannot
/// cover them all (see <see cref="RotationPlanner.Plan"/>); a missed locality is first in line in the next cycle.
/// </param>
public sealed record RotationCycle(DateOnly FirstWeek, int Weeks, int Visits, IReadOnlyList<string> Localities, IReadOnlyList<string> Missed)
{
    /// <summary>True when every locality in force throughout the cycle gets at least one visit in it.</summary>
    public bool IsCovered => Missed.Count == 0;
}

/// <summary>The planned rota, with the cycles it was planned in and the weeks nobody could go.</summary>
/// <param name="Assignments">Every visit, ordered by week, then by the visitor's position on the roster.</param>
/// <param name="CycleWeeks">
/// Length of a coverage cycle in weeks: the largest number of localities in force in any planned week divided by
/// the number of visitors on the roster, rounded up (so 84 localities and 30 visitors give 3 weeks; 15 units, then
/// 13, then 3, with 5 visitors give 3 weeks for the whole plan). Unavailability does not lengthen it: a cycle left
/// with too few visits reports what it missed instead.
/// </param>
/// <param name="Cycles">The plan's consecutive cycles, from the first week; each says which localities it had to cover and which it missed.</param>
/// <param name="WeeksWithoutVisits">Mondays of planned weeks in which every visitor is unavailable, so nobody visits (holidays such as Tết).</param>
public sealed record RotationPlan(
    IReadOnlyList<RotaAssignment> Assignments,
    int CycleWeeks,
    IReadOnlyList<RotationCycle> Cycles,
    IReadOnlyList<DateOnly> WeeksWithoutVisits);
