using System.Globalization;

namespace Outreach.Audit;

/// <summary>The explanation of an auditor's finding in a language, from its text code and values.</summary>
internal static class FindingText
{
    /// <summary>
    /// The text <paramref name="textKey"/> filled with <paramref name="arguments"/> in <paramref name="culture"/>; the
    /// English <paramref name="explanation"/> when the finding was made with a plain sentence.
    /// </summary>
    public static string In(string? textKey, IReadOnlyList<object?> arguments, string explanation, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return textKey is null ? explanation : OutreachText.Format(textKey, culture, [.. arguments]);
    }
}
