namespace Outreach.Rotation;

/// <summary>
/// The planner's clock. Visits are timed by their order in the plan: the first assignment made is at
/// <see cref="FirstPlanned"/>, the next one later, and so on. That is all the rotation needs to tell who or what has
/// waited longest: the smaller the time of the last visit, the longer the wait.
/// </summary>
internal static class VisitTime
{
    /// <summary>Never visited, before or during the plan: has waited longest of all.</summary>
    public const long Never = -1;

    /// <summary>Visited before the plan (<see cref="RotationRequest.LastVisited"/>): later than never, earlier than any planned visit.</summary>
    public const long BeforeThePlan = 0;

    /// <summary>The time of the plan's first assignment; each later assignment is one more.</summary>
    public const long FirstPlanned = 1;
}
