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

    /// <summary>
    /// A text of the resources used as a value inside another one (the reason a checkpoint is not intact): it is put
    /// into the culture the outer text is formatted in.
    /// </summary>
    /// <param name="Code">The text's code.</param>
    /// <param name="Arguments">The values it is filled with.</param>
    internal sealed record Sentence(string Code, params object?[] Arguments) : IFormattable
    {
        /// <inheritdoc />
        public string ToString(string? format, IFormatProvider? formatProvider)
            => OutreachText.Format(Code, formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture, Arguments);

        /// <summary>The sentence in the current UI culture (a null provider means that culture).</summary>
        public override string ToString() => ToString(null, null);
    }
}
