using System.Text.Json;

namespace Outreach.Deadlines;

/// <summary>
/// Which days are working days: weekends and public holidays are not, except Saturdays officially swapped into working
/// days. The holidays are data (they move every year with the lunar calendar and the government's schedule), loaded from
/// JSON; <see cref="Vietnam"/> is the calendar shipped with the library.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workingWeekendDays;
    private readonly HashSet<DayOfWeek> _weekend;

    private WorkingCalendar(string name, IEnumerable<DayOfWeek> weekend, IEnumerable<CalendarDay> days, int firstYear, int lastYear)
    {
        Name = name;
        _weekend = [.. weekend];
        var list = days.ToList();
        _holidays = [.. list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date)];
        _workingWeekendDays = [.. list.Where(d => d.Kind == CalendarDayKind.WorkingDay).Select(d => d.Date)];
        Days = list.OrderBy(d => d.Date).ToArray();
        FirstYear = firstYear;
        LastYear = lastYear;
    }

    /// <summary>What the calendar is (its source).</summary>
    public string Name { get; }

    /// <summary>First year whose holidays the data lists.</summary>
    public int FirstYear { get; }

    /// <summary>Last year whose holidays the data lists; after it only weekends are known.</summary>
    public int LastYear { get; }

    /// <summary>The listed days (holidays and swapped working days).</summary>
    public IReadOnlyList<CalendarDay> Days { get; }

    /// <summary>The Vietnamese calendar shipped with the library (public holidays 2019–2027).</summary>
    public static WorkingCalendar Vietnam { get; } = LoadEmbedded();

    /// <summary>True when <paramref name="date"/> is a working day.</summary>
    public bool IsWorkingDay(DateOnly date)
        => _workingWeekendDays.Contains(date) || (!_weekend.Contains(date.DayOfWeek) && !_holidays.Contains(date));

    /// <summary>The listed holiday falling on <paramref name="date"/>, if any.</summary>
    public CalendarDay? HolidayOn(DateOnly date) => _holidays.Contains(date) ? Days.First(d => d.Date == date && d.Kind == CalendarDayKind.Holiday) : null;

    /// <summary>
    /// This calendar with a deployment's own days added (a provincial holiday, a day off the committee declared): the
    /// same weekend, these days on top.
    /// </summary>
    public WorkingCalendar With(IEnumerable<CalendarDay> days, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(days);
        var all = Days.Concat(days).ToList();
        return new WorkingCalendar(name ?? Name + " + local days", _weekend, all, Math.Min(FirstYear, all.Min(d => d.Date.Year)), Math.Max(LastYear, all.Max(d => d.Date.Year)));
    }

    /// <summary>
    /// Reads a calendar from JSON (the format of <c>docs/deadlines.md</c>); throws <see cref="SettingsFormatException"/>
    /// with the problem (<c>settings.calendar.invalid-json</c>, <c>settings.calendar.no-days</c>).
    /// </summary>
    public static WorkingCalendar FromJson(Stream json)
    {
        CalendarFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CalendarFile>(json, DataFiles.Options);
        }
        catch (JsonException ex)
        {
            throw new SettingsFormatException("settings.calendar.invalid-json", [SystemReason.Of(ex)], ex);
        }

        if (file is null || file.Days is null || file.Days.Count == 0)
        {
            throw new SettingsFormatException("settings.calendar.no-days", []);
        }

        var years = file.Days.Select(d => d.Date.Year).ToArray();
        return new WorkingCalendar(file.Name ?? "custom calendar", file.Weekend ?? [DayOfWeek.Saturday, DayOfWeek.Sunday], file.Days, years.Min(), years.Max());
    }

    private static WorkingCalendar LoadEmbedded()
    {
        using var stream = typeof(WorkingCalendar).Assembly.GetManifestResourceStream("Outreach.Deadlines.calendar-vn.json")
            ?? throw new InvalidOperationException("The embedded Vietnamese calendar is missing from the assembly.");
        return FromJson(stream);
    }

    internal sealed record CalendarFile(string? Name, string? Source, List<DayOfWeek>? Weekend, List<CalendarDay>? Days);
}

/// <summary>Whether a listed day is a holiday or a weekend day worked in exchange for a bridge holiday.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday or official day off.</summary>
    Holiday,
    /// <summary>A weekend day that is officially a working day.</summary>
    WorkingDay,
}

/// <summary>One listed day of a working calendar.</summary>
/// <param name="Date">The date.</param>
/// <param name="Kind">Holiday or swapped working day.</param>
/// <param name="Name">What it is (e.g. "Tết Nguyên đán").</param>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);
