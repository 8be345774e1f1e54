namespace Outreach;

/// <summary>
/// The span of dates Outreach accepts from outside (commands, options, queries): from the year 2000, as business times
/// are, to the end of 2099. Anything else is a typing error, and near the ends of the calendar it would overflow the
/// deadline arithmetic.
/// </summary>
public static class SaneDates
{
    /// <summary>The earliest date accepted.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    /// <summary>The latest date accepted.</summary>
    public static readonly DateOnly Latest = new(2099, 12, 31);
}
