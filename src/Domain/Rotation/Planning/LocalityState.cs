namespace Outreach.Rotation;

/// <summary>
/// A locality of the plan as the planner tracks it: its code, when it was last visited and by whom, and its visits in
/// the cycle being planned. There is one per distinct code of the catalogue, shared by every week the code is in force,
/// so localities are compared by reference.
/// </summary>
/// <param name="number">Order of first appearance in the catalogue, from 0.</param>
/// <param name="code">The code, as the catalogue gives it.</param>
internal sealed class LocalityState(int number, string code)
{
    /// <summary>Order of first appearance in the catalogue (0, 1, …): the last tie-break between localities, and the index of per-locality tables.</summary>
    public int Number { get; } = number;

    /// <summary>The code, as the catalogue gives it.</summary>
    public string Code { get; } = code;

    /// <summary>The <see cref="VisitTime"/> of the last visit there, before or during the plan.</summary>
    public long LastVisit { get; set; } = VisitTime.Never;

    /// <summary>The visitor who went there last in the plan, or null; turns to cover it start after them on the roster.</summary>
    public VisitorState? LastVisitor { get; set; }

    /// <summary>Visits in the cycle being planned, counting a visit set aside to cover it before that visit is made.</summary>
    public int VisitsThisCycle { get; set; }

    /// <summary>Whether a visit of the cycle being planned has gone there.</summary>
    public bool VisitedThisCycle { get; set; }
}
