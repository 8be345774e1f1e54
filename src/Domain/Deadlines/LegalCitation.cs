using System.Globalization;
using System.Text.RegularExpressions;

namespace Outreach.Deadlines;

/// <summary>
/// A rule's citation as the rule table stores it (<c>Law 02/2011/QH13 Art. 27</c>, <c>Law 25/2018/QH14 Art. 29 cl. 3</c>),
/// written as an officer writes it in the reader's language: "Luật Khiếu nại số 02/2011/QH13, Điều 27" in Vietnamese,
/// "Law on Complaints 02/2011/QH13, Art. 27" in English; a rule of a set that follows an amending law
/// (<c>… as amended by Law 136/2025/QH15</c>) adds "(được sửa đổi, bổ sung bởi Luật số 136/2025/QH15)". A citation of
/// another form is shown as stored.
/// </summary>
/// <param name="Text">The citation as stored.</param>
public sealed partial record LegalCitation(string Text) : IFormattable
{
    /// <summary>The citation in <paramref name="culture"/>.</summary>
    public string In(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var match = Shape().Match(Text ?? "");
        if (!match.Success || OutreachText.Find("law." + match.Groups["law"].Value, culture) is not { } law)
        {
            return Text ?? "";
        }

        var clause = match.Groups["clause"].Success ? OutreachText.Format("law.clause", culture, match.Groups["clause"].Value) : "";
        var cited = OutreachText.Format("law.article", culture, law, match.Groups["article"].Value, clause);
        return match.Groups["amend"].Success ? cited + OutreachText.Format("law.amended", culture, match.Groups["amend"].Value) : cited;
    }

    /// <inheritdoc />
    public string ToString(string? format, IFormatProvider? formatProvider) => In(formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture);

    /// <summary>The citation in the current UI culture.</summary>
    public override string ToString() => In(CultureInfo.CurrentUICulture);

    [GeneratedRegex(@"^Law (?<law>\d+/\d{4}/QH\d+) Art\. (?<article>\d+)(?: cl\. (?<clause>\d+))?(?: as amended by Law (?<amend>\d+/\d{4}/QH\d+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
