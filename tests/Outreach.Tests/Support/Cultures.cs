using System.Globalization;

namespace Outreach.Tests.Support;

/// <summary>Runs code under a UI culture of the test's choosing (the assembly runs in English, see AssemblyInfo).</summary>
internal static class Cultures
{
    /// <summary>Runs <paramref name="action"/> with <paramref name="culture"/> as the UI culture, then restores the previous one.</summary>
    public static T InCulture<T>(CultureInfo culture, Func<T> action)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            return action();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
