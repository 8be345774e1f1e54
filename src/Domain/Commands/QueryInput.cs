using System.Globalization;

namespace Outreach;

/// <summary>
/// Reads the values a host takes from outside for a read (a query string's dates, a console option), with the same
/// refusals in every host: a stable code and a sentence in the reader's language.
/// </summary>
public static class QueryInput
{
    /// <summary>
    /// The date <paramref name="value"/> (<c>yyyy-MM-dd</c>) given as <paramref name="name"/>; null when nothing was given.
    /// Refused (<c>query.date</c>, <c>query.date-range</c>) when it is not a date or lies outside <see cref="SaneDates"/>.
    /// </summary>
    public static DateOnly? Date(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw new CommandInputException("query.date", name, value);
        }

        return date < SaneDates.Earliest || date > SaneDates.Latest
            ? throw new CommandInputException("query.date-range", name, date, SaneDates.Earliest, SaneDates.Latest)
            : date;
    }

    /// <summary>
    /// The whole number <paramref name="value"/> given as <paramref name="name"/>; null when nothing was given. Refused
    /// (<c>query.number</c>) when it is not a whole number from <paramref name="min"/> to <paramref name="max"/>.
    /// </summary>
    public static long? Number(string? value, string name, long min, long max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return long.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new CommandInputException("query.number", name, value, min, max);
    }

    /// <summary>Refuses (<c>query.range-reversed</c>) a range whose start lies after its end.</summary>
    public static void EnsureOrdered(DateOnly? from, DateOnly? to, string fromName, string toName)
    {
        if (from > to)
        {
            throw new CommandInputException("query.range-reversed", fromName, from, toName, to);
        }
    }
}
