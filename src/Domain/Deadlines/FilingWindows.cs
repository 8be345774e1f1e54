using Outreach.Cases;

namespace Outreach.Deadlines;

/// <summary>
/// Something that kept a complainant from filing in time (illness, natural disaster, war, a work trip or study far away,
/// another objective obstacle): its days, both ends included, do not count toward the filing window (Law on Complaints
/// 02/2011/QH13, Art. 9).
/// </summary>
/// <param name="From">The first day of the obstacle.</param>
/// <param name="To">The last day of the obstacle.</param>
/// <param name="Reason">What the obstacle was, as the complainant showed it.</param>
public sealed record FilingObstacle(DateOnly From, DateOnly To, string Reason);

/// <summary>A citizen's window to file, judged against the day the complaint was filed.</summary>
/// <param name="Step">Which window: the first complaint's (<see cref="DeadlineStep.FilingWindow"/>) or the second's.</param>
/// <param name="StartsAfter">The day the window's counting starts after: the complainant received or learned of the contested decision or act (or the first decision); or the first round's last day passed.</param>
/// <param name="LastDay">The last day a complaint could be filed.</param>
/// <param name="Days">The window's length.</param>
/// <param name="Obstacle">The obstacle whose days were not counted, if one was shown.</param>
/// <param name="FiledOn">The day the complaint was filed.</param>
/// <param name="RuleSet">The rule set the window comes from.</param>
/// <param name="Citation">The law and article.</param>
/// <param name="Unverified">What is not verified about the rule, if anything.</param>
/// <param name="LastDayWithoutObstacle">The last day had there been no obstacle (equal to <paramref name="LastDay"/> without one).</param>
public sealed record FilingCheck(
    DeadlineStep Step, DateOnly StartsAfter, DateOnly LastDay, int Days, FilingObstacle? Obstacle, DateOnly FiledOn, string RuleSet, string Citation, string? Unverified,
    DateOnly LastDayWithoutObstacle)
{
    /// <summary>True when the complaint was filed on or before the last day.</summary>
    public bool InTime => FiledOn <= LastDay;

    /// <summary>Days the complaint came after the last day (0 when in time).</summary>
    public int DaysLate => InTime ? 0 : FiledOn.DayNumber - LastDay.DayNumber;
}

/// <summary>
/// The complainant's windows (Law on Complaints 02/2011/QH13): 90 days to file a first complaint from the day the
/// complainant received or learned of the decision or act (Art. 9); 30 days, 45 in remote areas, to file a second one from
/// the day the complainant received the first decision, or from the day the first round's period lapsed unsettled
/// (Art. 33). Days of an obstacle do not count. Pure functions of the case's state, the rulebook and the calendar.
/// </summary>
public static class FilingWindows
{
    /// <summary>The first complaint's window from <paramref name="knownOn"/>, judged against the day the petition was received.</summary>
    public static FilingCheck First(CaseState state, DateOnly knownOn, FilingObstacle? obstacle)
    {
        ArgumentNullException.ThrowIfNull(state);
        var filed = VietnamTime.DateOf(state.ReceivedAt);
        return Check(DeadlineStep.FilingWindow, knownOn, obstacle, filed, state.Rules.For(filed), state.Calendar);
    }

    /// <summary>
    /// The day after which a second complaint on <paramref name="ground"/> may be filed within its window: the day the
    /// complainant received the first decision, or the first round's last day; null while neither is known (the decision
    /// not yet delivered to the complainant, the first round's period paused).
    /// </summary>
    public static DateOnly? SecondStart(CaseState state, SecondComplaintGround ground)
    {
        ArgumentNullException.ThrowIfNull(state);
        return ground == SecondComplaintGround.DisagreesWithFirstDecision
            ? state.DecisionReceivedOn
            : CaseDeadlines.For(state, state.Rules, state.Calendar).FirstOrDefault(d => d.IsObligation)?.Due;
    }

    /// <summary>The second complaint's window from <paramref name="startsAfter"/>, judged against <paramref name="filedOn"/>.</summary>
    public static FilingCheck Second(CaseState state, DateOnly startsAfter, DateOnly filedOn, FilingObstacle? obstacle)
    {
        ArgumentNullException.ThrowIfNull(state);
        var step = state.IsRemoteArea ? DeadlineStep.SecondComplaintWindowRemote : DeadlineStep.SecondComplaintWindow;
        return Check(step, startsAfter, obstacle, filedOn, state.Rules.For(state.AcceptedOn ?? state.ClockStartedOn), state.Calendar);
    }

    /// <summary>The checks the record allows: the first complaint's once its date of knowledge is recorded, the second's once it is filed after a known start.</summary>
    public static (FilingCheck? First, FilingCheck? Second) Of(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var first = state.FilingKnownOn is { } known ? First(state, known, state.FilingObstacle) : null;
        var second = state.SecondWindowStartsAfter is { } after && state.SecondFiledOn is { } filed ? Second(state, after, filed, state.SecondFilingObstacle) : null;
        return (first, second);
    }

    private static FilingCheck Check(DeadlineStep step, DateOnly after, FilingObstacle? obstacle, DateOnly filedOn, RuleSet rules, WorkingCalendar calendar)
    {
        var period = rules.Period(step);
        IReadOnlyList<(DateOnly, DateOnly?)> stopped = obstacle is null ? [] : [(obstacle.From, obstacle.To.AddDays(1))];
        var last = CaseDeadlines.CountStopped(after, period.Days, period.Basis, stopped, calendar)!.Value;
        var unobstructed = CaseDeadlines.CountStopped(after, period.Days, period.Basis, [], calendar)!.Value;
        return new FilingCheck(step, after, last, period.Days, obstacle, filedOn, rules.Id, period.Citation, period.Unverified, unobstructed);
    }
}
