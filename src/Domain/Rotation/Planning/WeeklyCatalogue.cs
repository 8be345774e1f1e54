namespace Outreach.Rotation;

/// <summary>
/// The planned weeks as the planner reads them: each week's Monday and the localities in force that week, in catalogue
/// order. Each distinct code becomes one <see cref="LocalityState"/>, shared by all the weeks it is in force.
/// </summary>
internal sealed class WeeklyCatalogue
{
    private readonly DateOnly[] _mondays;
    private readonly LocalityState[][] _inForce;                    // by week
    private readonly List<LocalityState> _localities = [];          // by LocalityState.Number
    private readonly Dictionary<string, LocalityState> _byCode = new(StringComparer.Ordinal);
    private readonly List<int> _lastWeekListed = [];                // by LocalityState.Number, while reading: to spot a code listed twice in a week
    private bool[] _isInForce = [];                                 // week * LocalityCount + LocalityState.Number

    private WeeklyCatalogue(DateOnly[] mondays)
    {
        _mondays = mondays;
        _inForce = new LocalityState[mondays.Length][];
    }

    /// <summary>How many distinct localities the plan's weeks have in force.</summary>
    public int LocalityCount => _localities.Count;

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
            catalogue._inForce[week] = catalogue.ReadWeek(week, localitiesInForce(mondays[week]));
            catalogue.LargestWeek = Math.Max(catalogue.LargestWeek, catalogue._inForce[week].Length);
        }

        catalogue._isInForce = new bool[mondays.Length * catalogue.LocalityCount];
        for (var week = 0; week < mondays.Length; week++)
        {
            foreach (var locality in catalogue._inForce[week])
            {
                catalogue._isInForce[(week * catalogue.LocalityCount) + locality.Number] = true;
            }
        }

        return catalogue;
    }

    /// <summary>The Monday of planned week <paramref name="week"/> (from 0).</summary>
    public DateOnly Monday(int week) => _mondays[week];

    /// <summary>The localities in force in <paramref name="week"/>, in catalogue order.</summary>
    public LocalityState[] InForce(int week) => _inForce[week];

    /// <summary>Whether <paramref name="locality"/> is in force in <paramref name="week"/>.</summary>
    public bool IsInForce(int week, LocalityState locality) => _isInForce[(week * LocalityCount) + locality.Number];

    /// <summary>The locality with <paramref name="code"/> if it is in force in some planned week, or null.</summary>
    public LocalityState? Find(string code) => _byCode.GetValueOrDefault(code);

    private LocalityState[] ReadWeek(int week, IReadOnlyList<string>? codes)
    {
        if (codes is null || codes.Count == 0)
        {
            throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.no-locality", _mondays[week]);
        }

        if (week > 0 && SameCodes(codes, _inForce[week - 1]))
        {
            return _inForce[week - 1];
        }

        var result = new LocalityState[codes.Count];
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            if (string.IsNullOrWhiteSpace(code))
            {
                throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.locality-blank", i + 1, _mondays[week]);
            }

            if (!_byCode.TryGetValue(code, out var locality))
            {
                locality = new LocalityState(_localities.Count, code);
                _localities.Add(locality);
                _lastWeekListed.Add(-1);
                _byCode[code] = locality;
            }

            if (_lastWeekListed[locality.Number] == week)
            {
                throw new RotationInfeasibleException(RotationRule.InvalidLocalities, "rotation.locality-twice", code, _mondays[week]);
            }

            _lastWeekListed[locality.Number] = week;
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
