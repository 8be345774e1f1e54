using System.Globalization;
using System.Resources;

namespace Outreach.Hosting;

/// <summary>The hosts' own sentences (the private cluster, connections), from <c>Resources/Hosting*.resx</c>, in the current UI culture.</summary>
public static class HostingText
{
    private static readonly ResourceManager Texts = new("Outreach.Hosting.Resources.Hosting", typeof(HostingText).Assembly);

    /// <summary>The sentence of <paramref name="code"/> filled with <paramref name="arguments"/>.</summary>
    public static string Format(string code, params object?[] arguments)
    {
        var culture = CultureInfo.CurrentUICulture;
        var template = Texts.GetString(code, culture) ?? throw new KeyNotFoundException($"The hosts have no text for the code \"{code}\".");
        return arguments.Length == 0 ? template : string.Format(culture, template, arguments);
    }
}
