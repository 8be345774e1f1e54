using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>The filing windows' rules shared by acceptance, refusal and the second complaint. Pure functions over the state.</summary>
internal static class FilingRules
{
    /// <summary>
    /// Checks the first complaint's window when the day of knowledge is given: refuses a day after the filing
    /// (<c>{action}.known-after-filing</c>), an obstacle without that day (<c>{action}.obstacle-without-known-on</c>), and a
    /// filing after the last day (<c>{action}.out-of-time</c>, with the last day and the article). Returns the check.
    /// </summary>
    public static FilingCheck? EnsureFirstInTime(CaseState state, DateOnly? knownOn, FilingObstacle? obstacle, string action)
    {
        var check = CheckFirst(state, knownOn, obstacle, action);
        return check is { InTime: false } ? throw OutOfTime(action + ".out-of-time", check) : check;
    }

    /// <summary>The first complaint's window for <paramref name="knownOn"/>, refusing impossible dates; null when no day is given.</summary>
    public static FilingCheck? CheckFirst(CaseState state, DateOnly? knownOn, FilingObstacle? obstacle, string action)
    {
        if (knownOn is not { } known)
        {
            return obstacle is null ? null : throw DomainRuleException.Shared(action + ".obstacle-without-known-on", "filing.obstacle-without-known-on");
        }

        var filed = VietnamTime.DateOf(state.ReceivedAt);
        return known > filed
            ? throw DomainRuleException.Shared(action + ".known-after-filing", "filing.known-after-filing", known, filed)
            : FilingWindows.First(state, known, obstacle);
    }

    /// <summary>
    /// Refuses a day of knowledge or an obstacle given in the second round (<c>{action}.filing-second-round</c>): the second
    /// complaint's window and its obstacle belong to its filing (<c>FileSecondComplaint</c>).
    /// </summary>
    public static void EnsureFirstRoundOnly(int round, DateOnly? knownOn, FilingObstacle? obstacle, string action)
    {
        if (round == 2 && (knownOn is not null || obstacle is not null))
        {
            throw DomainRuleException.Shared(action + ".filing-second-round", "filing.second-round-fields");
        }
    }

    /// <summary>The refusal of a filing after its window: filed on, last day, the window's days, the day it started after, the article.</summary>
    public static DomainRuleException OutOfTime(string code, FilingCheck check)
        => DomainRuleException.Shared(code, check.Step == DeadlineStep.FilingWindow ? "filing.out-of-time" : "filing.second-out-of-time",
            check.FiledOn, check.LastDay, check.Days, check.StartsAfter, new LegalCitation(check.Citation));
}
