namespace Outreach.Rotation;

/// <summary>
/// The refusals of a malformed <see cref="RotationRequest"/> that can be found before the catalogue is read: the
/// number of weeks, the first Monday, the roster, the unavailability and the last visits. Each throws a
/// <see cref="RotationInfeasibleException"/>. The catalogue's own refusals are in <see cref="WeeklyCatalogue"/>, and
/// the unavoidable repeats in <see cref="RepeatLookAhead"/>.
/// </summary>
internal static class RequestChecks
{
    /// <summary>Refuses a number of weeks outside 1..<see cref="RotationRequest.MaxWeeks"/>, then a first week that is not a Monday.</summary>
    public static void Weeks(RotationRequest request)
    {
        if (request.Weeks is < 1 or > RotationRequest.MaxWeeks)
        {
            throw new RotationInfeasibleException(RotationRule.WeeksOutOfRange, "rotation.weeks-out-of-range", request.Weeks, RotationRequest.MaxWeeks);
        }

        if (request.FirstWeek.DayOfWeek != DayOfWeek.Monday)
        {
            throw new RotationInfeasibleException(RotationRule.FirstWeekNotMonday, "rotation.first-week-not-monday",
                request.FirstWeek, request.FirstWeek.DayOfWeek, MondayOf(request.FirstWeek));
        }
    }

    /// <summary>The roster's ids, in order, after refusing an empty roster, then the first blank or repeated id.</summary>
    public static string[] Roster(IReadOnlyList<string> roster)
    {
        ArgumentNullException.ThrowIfNull(roster);
        if (roster.Count == 0)
        {
            throw new RotationInfeasibleException(RotationRule.NoVisitors, "rotation.no-visitors");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new string[roster.Count];
        for (var i = 0; i < roster.Count; i++)
        {
            var id = roster[i];
            if (string.IsNullOrWhiteSpace(id))
            {
                throw new RotationInfeasibleException(RotationRule.InvalidVisitor, "rotation.visitor-blank", i + 1);
            }

            if (!seen.Add(id))
            {
                throw new RotationInfeasibleException(RotationRule.InvalidVisitor, "rotation.visitor-twice", id);
            }

            ids[i] = id;
        }

        return ids;
    }

    /// <summary>
    /// Refuses unavailability of a visitor not on the roster, then unavailability dated on another day than a Monday.
    /// The set's order is not part of the input, so the smallest offending entry (by visitor, then week) is reported.
    /// </summary>
    public static void Unavailability(IReadOnlySet<(string Visitor, DateOnly Week)>? unavailable, Dictionary<string, int> rosterPositions)
    {
        if (unavailable is null)
        {
            return;
        }

        (string Visitor, DateOnly Week)? unknown = null;
        (string Visitor, DateOnly Week)? notMonday = null;
        foreach (var entry in unavailable)
        {
            if (entry.Visitor is null || !rosterPositions.ContainsKey(entry.Visitor))
            {
                unknown = Smaller(unknown, entry);
            }
            else if (entry.Week.DayOfWeek != DayOfWeek.Monday)
            {
                notMonday = Smaller(notMonday, entry);
            }
        }

        if (unknown is { } u)
        {
            throw new RotationInfeasibleException(RotationRule.UnknownVisitorOrWeek, "rotation.unavailable.unknown-visitor", u.Visitor, u.Week);
        }

        if (notMonday is { } m)
        {
            throw new RotationInfeasibleException(RotationRule.UnknownVisitorOrWeek, "rotation.unavailable.not-monday",
                m.Visitor, m.Week, m.Week.DayOfWeek, MondayOf(m.Week));
        }
    }

    /// <summary>
    /// Refuses a last visit of a visitor not on the roster, then a last visit with a blank locality code. The
    /// dictionary's order is not part of the input, so the smallest offending visitor id is reported.
    /// </summary>
    public static void LastVisits(IReadOnlyDictionary<string, string>? lastVisited, Dictionary<string, int> rosterPositions)
    {
        if (lastVisited is null)
        {
            return;
        }

        string? unknown = null;
        string? blank = null;
        foreach (var (visitor, locality) in lastVisited)
        {
            if (!rosterPositions.ContainsKey(visitor))
            {
                unknown = unknown is null || string.CompareOrdinal(visitor, unknown) < 0 ? visitor : unknown;
            }
            else if (string.IsNullOrWhiteSpace(locality))
            {
                blank = blank is null || string.CompareOrdinal(visitor, blank) < 0 ? visitor : blank;
            }
        }

        if (unknown is not null)
        {
            throw new RotationInfeasibleException(RotationRule.UnknownVisitorOrWeek, "rotation.last-visit.unknown-visitor", unknown);
        }

        if (blank is not null)
        {
            throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.last-visit.blank-locality", blank);
        }
    }

    /// <summary>The Monday of the week of <paramref name="day"/>, to suggest in a refusal.</summary>
    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static (string Visitor, DateOnly Week) Smaller((string Visitor, DateOnly Week)? current, (string Visitor, DateOnly Week) candidate)
    {
        if (current is not { } c)
        {
            return candidate;
        }

        var byVisitor = string.CompareOrdinal(candidate.Visitor, c.Visitor);
        return byVisitor < 0 || (byVisitor == 0 && candidate.Week < c.Week) ? candidate : c;
    }
}
