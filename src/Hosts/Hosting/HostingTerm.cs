using System.Globalization;

namespace Outreach.Hosting;

/// <summary>
/// A phrase of the hosts that goes into another sentence and is itself translated: it reads in the language of the
/// sentence it is formatted into, so <see cref="LocalPostgresUnavailableException.MessageIn"/> renders it in that language too.
/// </summary>
/// <param name="Code">Its key in <c>Resources/Hosting.resx</c>.</param>
/// <param name="Arguments">The values of its own placeholders.</param>
internal sealed record HostingTerm(string Code, params object?[] Arguments) : IFormattable
{
    /// <summary>The phrase in <paramref name="formatProvider"/>'s language (the current UI culture when it is not a culture).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
        => HostingText.FormatIn(formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture, Code, Arguments);

    /// <summary>The phrase in the current UI culture (a null provider means that culture).</summary>
    public override string ToString() => ToString(null, null);
}
