using System.Globalization;
using System.Resources;

namespace Outreach.Hosting;

/// <summary>The hosts' own sentences (the private cluster, connections), from <c>Resources/Hosting*.resx</c>, in the current UI culture.</summary>
public static class HostingText
{
    /// <summary>The code whose sentence says that a code has no text (a bug of the hosts).</summary>
    internal const string MissingTextCode = "text.missing";

    private static readonly ResourceManager Texts = new("Outreach.Hosting.Resources.Hosting", typeof(HostingText).Assembly);

    /// <summary>The sentence of <paramref name="code"/> in the current UI culture, filled with <paramref name="arguments"/>.</summary>
    /// <param name="code">A key of <c>Resources/Hosting.resx</c>.</param>
    /// <param name="arguments">The values of the sentence's placeholders.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="KeyNotFoundException">No sentence has the code <paramref name="code"/>.</exception>
    public static string Format(string code, params object?[] arguments) => FormatIn(CultureInfo.CurrentUICulture, code, arguments);

    /// <summary>The sentence of <paramref name="code"/> in <paramref name="culture"/>, filled with <paramref name="arguments"/>.</summary>
    /// <param name="culture">The reader's language; numbers are formatted for it too.</param>
    /// <param name="code">A key of <c>Resources/Hosting.resx</c>.</param>
    /// <param name="arguments">The values of the sentence's placeholders.</param>
    /// <returns>The sentence.</returns>
    /// <exception cref="KeyNotFoundException">No sentence has the code <paramref name="code"/>.</exception>
    public static string FormatIn(CultureInfo culture, string code, params object?[] arguments)
    {
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(arguments);
        var template = Texts.GetString(code, culture) ?? throw new KeyNotFoundException(Missing(culture, code));
        return arguments.Length == 0 ? template : string.Format(culture, template, arguments);
    }

    /// <summary>Whether <paramref name="code"/> has a sentence (in the neutral, English, resources).</summary>
    internal static bool Has(string code) => Texts.GetString(code, CultureInfo.InvariantCulture) is not null;

    /// <summary>The sentence saying that <paramref name="code"/> has no text, or the bare code if even that sentence is gone.</summary>
    private static string Missing(CultureInfo culture, string code)
        => Texts.GetString(MissingTextCode, culture) is { } template ? string.Format(culture, template, code) : code;
}
