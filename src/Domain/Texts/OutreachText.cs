using System.Collections;
using System.Globalization;
using System.Resources;

namespace Outreach;

/// <summary>
/// Every sentence the library says to a person, from resources (<c>Resources/*.resx</c>, English, and
/// <c>Resources/*.vi.resx</c>, Vietnamese), looked up by a stable code such as <c>complaint.accept.status</c>. The
/// culture is the caller's (<see cref="CultureInfo.CurrentUICulture"/> unless one is given); a culture other than
/// Vietnamese gets English.
/// </summary>
public static class OutreachText
{
    private static readonly string[] SetNames = ["Common", "Input", "Cases", "Programme", "Audit", "Storage", "Settings", "Terms"];

    // Only the sets the assembly holds: a ResourceManager for a missing set would throw on every lookup.
    private static readonly ResourceManager[] Sets =
        [.. SetNames.Where(n => typeof(OutreachText).Assembly.GetManifestResourceNames().Contains($"Outreach.Resources.{n}.resources"))
            .Select(n => new ResourceManager("Outreach.Resources." + n, typeof(OutreachText).Assembly))];

    /// <summary>The Vietnamese culture the library speaks.</summary>
    public static CultureInfo Vietnamese { get; } = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The English culture the library speaks (the neutral resources).</summary>
    public static CultureInfo English { get; } = CultureInfo.GetCultureInfo("en");

    /// <summary>The text of <paramref name="code"/> in <paramref name="culture"/>; throws for a code without text.</summary>
    public static string Get(string code, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        var c = culture ?? CultureInfo.CurrentUICulture;
        foreach (var set in Sets)
        {
            if (set.GetString(code, c) is { } text)
            {
                return text;
            }
        }

        throw new KeyNotFoundException($"Outreach has no text for the code \"{code}\".");
    }

    /// <summary>The text of <paramref name="code"/> in <paramref name="culture"/>, or null for a code without text.</summary>
    public static string? Find(string code, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        var c = culture ?? CultureInfo.CurrentUICulture;
        return Sets.Select(set => set.GetString(code, c)).FirstOrDefault(text => text is not null);
    }

    /// <summary>Whether <paramref name="code"/> has a text.</summary>
    public static bool Has(string code) => Sets.Any(s => s.GetString(code, CultureInfo.InvariantCulture) is not null);

    /// <summary>
    /// The text of <paramref name="code"/> with its placeholders (<c>{0}</c>, <c>{1:yyyy-MM-dd}</c>) filled from
    /// <paramref name="arguments"/>; a <see cref="Term"/> or <see cref="Terms"/> argument is itself put into the culture.
    /// </summary>
    public static string Format(string code, CultureInfo? culture, params object?[] arguments)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        var template = Get(code, c);
        if (arguments.Length == 0)
        {
            return template;
        }

        var filled = arguments.Select(a => Localise(a, c)).ToArray();
        return string.Format(c, template, filled);
    }

    private static object? Localise(object? argument, CultureInfo culture) => argument switch
    {
        Term term => term.In(culture),
        Terms terms => terms.In(culture),
        Deadlines.LegalCitation citation => citation.In(culture),
        Enum value => Term.Of(value).In(culture),
        _ => argument,
    };

    /// <summary>Every code with a text (read from the English resources), for tools and tests.</summary>
    public static IReadOnlyList<string> Codes()
    {
        var codes = new List<string>();
        foreach (var set in Sets)
        {
            // Not disposed: the resource manager caches the set and keeps using it.
            var resources = set.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: true);
            if (resources is null)
            {
                continue;
            }

            foreach (DictionaryEntry entry in resources)
            {
                codes.Add((string)entry.Key);
            }
        }

        return codes;
    }

    /// <summary>The codes that have their own text in <paramref name="culture"/> or its parent language (not inherited from English).</summary>
    public static IReadOnlyList<string> CodesIn(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var c = culture; !Equals(c, CultureInfo.InvariantCulture); c = c.Parent)
        {
            foreach (var set in Sets)
            {
                // Not disposed: the resource manager caches the set and keeps using it.
                var resources = set.GetResourceSet(c, createIfNotExists: true, tryParents: false);
                if (resources is null)
                {
                    continue;
                }

                foreach (DictionaryEntry entry in resources)
                {
                    codes.Add((string)entry.Key);
                }
            }
        }

        return [.. codes];
    }
}

/// <summary>A word or phrase that goes into a sentence and is itself translated (a status, a step, a noun).</summary>
/// <param name="Code">Its code in the resources (<c>CaseStatus.UnderSettlement</c>, <c>step.complaint.accept</c>).</param>
public sealed record Term(string Code)
{
    /// <summary>The term of an enum value: <c>{EnumType}.{Name}</c>.</summary>
    public static Term Of(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Term($"{value.GetType().Name}.{value}");
    }

    /// <summary>The term in <paramref name="culture"/>.</summary>
    public string In(CultureInfo culture) => OutreachText.Get(Code, culture);

    /// <inheritdoc />
    public override string ToString() => In(CultureInfo.CurrentUICulture);
}

/// <summary>Several terms joined by "or" (or "and") in the reader's language.</summary>
/// <param name="Items">The terms, in order.</param>
/// <param name="Conjunction">The code of the joining word: <c>word.or</c> or <c>word.and</c>.</param>
public sealed record Terms(IReadOnlyList<object> Items, string Conjunction = "word.or")
{
    /// <summary>The values joined by "or".</summary>
    public static Terms Or(IEnumerable<Enum> values) => new([.. values.Select(v => (object)Term.Of(v))]);

    /// <summary>The list in <paramref name="culture"/>: "a, b or c".</summary>
    public string In(CultureInfo culture)
    {
        var words = Items.Select(i => i switch
        {
            Term t => t.In(culture),
            Enum e => Term.Of(e).In(culture),
            _ => Convert.ToString(i, culture) ?? string.Empty,
        }).ToList();
        if (words.Count <= 1)
        {
            return words.FirstOrDefault() ?? string.Empty;
        }

        return string.Join(", ", words.Take(words.Count - 1)) + " " + OutreachText.Get(Conjunction, culture) + " " + words[^1];
    }

    /// <inheritdoc />
    public override string ToString() => In(CultureInfo.CurrentUICulture);
}
