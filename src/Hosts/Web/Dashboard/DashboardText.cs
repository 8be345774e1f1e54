using System.Globalization;
using System.Resources;
using Humanizer;
using Microsoft.AspNetCore.Localization;
using Outreach.Hosting;

namespace Outreach.Web.Dashboard;

/// <summary>
/// The dashboard's words in the reader's language, from <c>Resources/Dashboard*.resx</c>; the library's vocabulary
/// (statuses, steps, events) from <see cref="CaseText"/> and the library's resources.
/// </summary>
internal sealed class DashboardText
{
    private static readonly ResourceManager Texts = new("Outreach.Web.Resources.Dashboard", typeof(DashboardText).Assembly);

    private DashboardText(CaseText words)
    {
        Case = words;
        Culture = words.Culture;
    }

    /// <summary>Vietnamese.</summary>
    public static DashboardText Vietnamese { get; } = new(CaseText.Vietnamese);

    /// <summary>English.</summary>
    public static DashboardText English { get; } = new(CaseText.English);

    /// <summary>The culture of numbers, dates and Humanizer.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The library's words for cases, steps and events.</summary>
    public CaseText Case { get; }

    /// <summary>The two-letter language of the page (<c>vi</c>, <c>en</c>).</summary>
    public string Language => Culture.TwoLetterISOLanguageName;

    /// <summary>The other language, the one the switch offers.</summary>
    public string OtherLanguage => Language == "vi" ? "en" : "vi";

    /// <summary>The text of <paramref name="code"/>.</summary>
    public string this[string code] => Texts.GetString(code, Culture) ?? throw new KeyNotFoundException($"The dashboard has no text for \"{code}\".");

    /// <summary>The text of <paramref name="code"/> filled with <paramref name="arguments"/>.</summary>
    public string Format(string code, params object?[] arguments) => string.Format(Culture, this[code], arguments);

    /// <summary>
    /// The page's language: the one the reader chose (the <c>.AspNetCore.Culture</c> cookie, or <c>?culture=</c>), else
    /// Vietnamese. A browser's <c>Accept-Language</c> does not switch the pages: the dashboard is Vietnamese unless the
    /// reader asks otherwise (the JSON API still follows the header, ADR 27).
    /// </summary>
    public static DashboardText For(HttpContext? context)
    {
        var feature = context?.Features.Get<IRequestCultureFeature>();
        var chosen = feature?.Provider is CookieRequestCultureProvider or QueryStringRequestCultureProvider;
        return chosen && feature!.RequestCulture.UICulture.TwoLetterISOLanguageName == "en" ? English : Vietnamese;
    }

    /// <summary>A number in the page's culture (10.559 / 10,559).</summary>
    public string Number(long value) => value.ToString("N0", Culture);

    /// <summary>"3 ngày" / "3 days".</summary>
    public string Days(int days) => Case.Days(days);

    /// <summary>How long ago a visit was, in whole weeks: "this week", "1 week", "3 weeks".</summary>
    public string WeeksAgo(int weeks)
        => weeks == 0 ? this["weeks.this"] : Format("weeks.ago", TimeSpan.FromDays(7 * weeks).Humanize(culture: Culture, maxUnit: Humanizer.TimeUnit.Week, minUnit: Humanizer.TimeUnit.Week));

    /// <summary>A role's name (<c>unit-head</c> → "trưởng đơn vị"); an unknown role as it is.</summary>
    public string Role(string role) => Texts.GetString("role." + role, Culture) ?? role;

    /// <summary>A term of the library's vocabulary (<c>CoverageBand.Late</c>…).</summary>
    public string Term(Enum value) => Outreach.Term.Of(value).In(Culture);
}
