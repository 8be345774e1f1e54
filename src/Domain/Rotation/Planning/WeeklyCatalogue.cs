namespace Outreach.Rotation;

/// <summary>
/// The planned weeks as the planner reads them: each week's Monday and the localities in force that week, in catalogue
/// order. Each distinct code becomes one <see cref="LocalityState"/>, shared by all the weeks it is in force.
/// </summary>
internal sealed class WeeklyCatalogue
{
    private readonly DateOnly[] mondays;
    private readonly LocalityState[][] inForce;                    // by week
    private readonly List<LocalityState> localities = [];          // by LocalityState.Number
    private readonly Dictionary<string, LocalityState> byCode = new(StringComparer.Ordinal);
    private readonly List<int> lastWeekListed = [];                // by LocalityState.Number, while reading: to spot a code listed twice in a week
    private bool[] isInForce = [];                                 // week * LocalityCount + LocalityState.Number

    private WeeklyCatalogue(DateOnly[] mondays)
    {
        this.mondays = mondays;
        inForce = new LocalityState[mondays.Length][];
    }

    /// <summary>How many distinct localities the plan's weeks have in force.</summary>
    public int LocalityCount => localities.Count;

    /// <summary>The largest number of localities in force in one week of the plan.</summary>
    public int LargestWeek { get; private set; }

    /// <summary>
    /// Asks <paramref name="localitiesInForce"/> for each week of <paramref name="mondays"/>, once and in order, and
    /// refuses a week with no locality, a blank code or a code listed twice.
    /// </summary>
    /// <exception cref="RotationInfeasibleException">Rule <see cref="RotationRule.InvalidLocalities"/>.</exception>
    public static WeeklyCatalogue Read(Func<DateOnly, IReadOnlyList<string>> localitiesInForce, DateOnly[] mondays)
    {
        var catalogue = new WeeklyCatalogue(mondays);
        for (var week = 0; week < mondays.Length; week++)
        {
            catalogue.inForce[week] = catalogue.ReadWeek(week, localitiesInForce(mondays[week]));
            catalogue.LargestWeek = Math.Max(catalogue.LargestWeek, catalogue.inForce[week].Length);
        }

        catalogue.isInForce = new bool[mondays.Length * catalogue.LocalityCount];
        for (var week = 0; week < mondays.Length; week++)
        {
            foreach (var locality in catalogue.inForce[week])
            {
                catalogue.isInForce[(week * catalogue.LocalityCount) + locality.Number] = true;
            }
        }

        return catalogue;
    }

    /// <summary>The Monday of planned week <paramref name="week"/> (from 0).</summary>
    public DateOnly Monday(int week) => mondays[week];

    /// <summary>The localities in force in <paramref name="week"/>, in catalogue order.</summary>
    public LocalityState[] InForce(int week) => inForce[week];

    /// <summary>Whether <paramref name="locality"/> is in force in <paramref name="week"/>.</summary>
    public bool IsInForce(int week, LocalityState locality) => isInForce[(week * LocalityCount) + locality.Number];

    /// <summary>The locality with <paramref name="code"/> if it is in force in some planned week, or null.</summary>
    public LocalityState? Find(string code) => byCode.GetValueOrDefault(code);

    private LocalityState[] ReadWeek(int week, IReadOnlyList<string>? codes)
    {
        if (codes is null || codes.Count == 0)
        {
            throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.no-locality", mondays[week]);
        }

        if (week > 0 && SameCodes(codes, inForce[week - 1]))
        {
            return inForce[week - 1];
        }

        var result = new LocalityState[codes.Count];
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            if (string.IsNullOrWhiteSpace(code))
            {
                throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.locality-blank", i + 1, mondays[week]);
            }

            if (!byCode.TryGetValue(code, out var locality))
            {
                locality = new LocalityState(localities.Count, code);
                localities.Add(locality);
                lastWeekListed.Add(-1);
                byCode[code] = locality;
            }

            if (lastWeekListed[locality.Number] == week)
            {
                throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.locality-twice", code, mondays[week]);
            }

            lastWeekListed[locality.Number] = week;
            result[i] = locality;
        }

        return result;
    }

    /// <summary>Whether a week lists the very same code strings as the week before (the usual case), so that its reading can be reused.</summary>
    private static bool SameCodes(IReadOnlyList<string> codes, LocalityState[] weekBefore)
    {
        if (codes.Count != weekBefore.Length)
        {
            return false;
        }

        for (var i = 0; i < weekBefore.Length; i++)
        {
            if (!ReferenceEquals(codes[i], weekBefore[i].Code))
            {
                return false;
            }
        }

        return true;
    }
}
