namespace Outreach.Rotation;

/// <summary>Which rule of <see cref="RotationPlanner.Plan"/> an input breaks.</summary>
public enum RotationRule
{
    /// <summary>The request names no visitor at all.</summary>
    NoVisitors,

    /// <summary>A visitor id is blank, or appears twice in <see cref="RotationRequest.Visitors"/>.</summary>
    InvalidVisitor,

    /// <summary><see cref="RotationRequest.Weeks"/> is not between 1 and <see cref="RotationRequest.MaxWeeks"/>.</summary>
    WeeksOutOfRange,

    /// <summary><see cref="RotationRequest.FirstWeek"/> is not a Monday.</summary>
    FirstWeekNotMonday,

    /// <summary>The catalogue gives a week no locality, or a blank or duplicate locality code; or a last visit has a blank locality code.</summary>
    InvalidLocalities,

    /// <summary><see cref="RotationRequest.Unavailable"/> or <see cref="RotationRequest.LastVisited"/> names a visitor who is not on the roster, or a week that is not a Monday.</summary>
    UnknownVisitorOrWeek,

    /// <summary>The localities in force leave a visitor no way to avoid visiting the same locality on two consecutive visits.</summary>
    RepeatUnavoidable,
}

/// <summary>
/// Thrown by <see cref="RotationPlanner.Plan"/> when the request cannot be planned at all. The message names the
/// rule, the visitor, week or locality concerned, and what to change; no plan is produced. Its
/// <see cref="OutreachException.Code"/> (<c>rotation.…</c>) says which refusal it is, finer than <see cref="Rule"/>.
/// </summary>
public sealed class RotationInfeasibleException : OutreachException
{
    /// <summary>
    /// Creates the exception for a broken <paramref name="rule"/>: the refusal <paramref name="code"/>, whose sentence (the
    /// text of the code, filled with <paramref name="arguments"/>) the planner's user can act on.
    /// </summary>
    public RotationInfeasibleException(RotationRule rule, string code, params object?[] arguments)
        : base(code, arguments)
        => Rule = rule;

    /// <summary>The rule the request breaks.</summary>
    public RotationRule Rule { get; }
}
