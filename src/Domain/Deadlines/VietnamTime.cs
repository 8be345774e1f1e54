namespace Outreach.Deadlines;

/// <summary>Deadlines are dates in Vietnam's time zone (UTC+7, no daylight saving), whatever the server's zone.</summary>
public static class VietnamTime
{
    /// <summary>Vietnam's fixed UTC offset.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The calendar date in Vietnam of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Today's date in Vietnam according to <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(clock.GetUtcNow());

    /// <summary>The instant at which a Vietnamese date ends (the first moment of the next day, UTC+7).</summary>
    public static DateTimeOffset EndOf(DateOnly date) => new(date.AddDays(1).ToDateTime(TimeOnly.MinValue), Offset);
}
