using System.Collections;
using System.Globalization;
using System.Reflection;

namespace Outreach;

/// <summary>
/// What no text in a command may hold, whatever the field: NUL and other control characters (line breaks and tabs
/// excepted), lone surrogates (half a character, which PostgreSQL cannot store), bidirectional embedding, override and
/// isolate marks (U+202A–U+202E, U+2066–U+2069: they make a printed name read differently from what is stored) and
/// the non-characters U+FFFE and U+FFFF. Dates must lie within <see cref="SaneDates"/>. Checked for every command in the one write path, so every host refuses the
/// same, field by field, before anything reaches the database.
/// </summary>
public static class TextRules
{
    /// <summary>What is wrong with <paramref name="text"/>, or <see langword="null"/> when nothing is.</summary>
    public static TextProblem? Problem(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (Forbidden(c) is { } what)
            {
                return new TextProblem("text.forbidden-character", [new Term(what), ((int)c).ToString("X4", CultureInfo.InvariantCulture), i + 1]);
            }
        }

        return null;
    }

    /// <summary>What kind of forbidden character <paramref name="c"/> is (a surrogate counts alone), or null when it is allowed.</summary>
    private static string? Forbidden(char c) => c switch
    {
        '\n' or '\r' or '\t' => null,
        _ when char.IsSurrogate(c) => "character.lone-surrogate",
        _ when char.IsControl(c) => "character.control",
        >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' => "character.bidi",
        '\uFFFE' or '\uFFFF' => "character.non-character",
        _ => null,
    };

    /// <summary>
    /// <paramref name="text"/> made safe to print on a terminal: every character <see cref="Problem"/> refuses is
    /// written as a visible escape (<c>\u001B</c>), so text recorded before these rules, or echoed from bad input,
    /// can neither drive the terminal nor reorder what a reader sees.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Problem(text) is null)
        {
            return text;
        }

        var safe = new System.Text.StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (Forbidden(c) is null)
            {
                safe.Append(c);
            }
            else
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
        }

        return safe.ToString();
    }

    /// <summary>Every text field of <paramref name="command"/> (nested records and lists included) that breaks the rules, by its camelCase path.</summary>
    public static IReadOnlyList<FieldProblem> ProblemsOf(object command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var problems = new List<FieldProblem>();
        Walk(command, string.Empty, problems, depth: 0);
        return problems;
    }

    private static void Walk(object value, string path, List<FieldProblem> problems, int depth)
    {
        if (depth > 4)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Only what the caller gave (positional and init properties), not what is computed from it.
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is null || property.Name == "EqualityContract")
            {
                continue;
            }

            var name = path + char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            switch (property.GetValue(value))
            {
                case string text when Problem(text) is { } problem:
                    problems.Add(new FieldProblem(name, problem));
                    break;
                case string:
                    break;
                case DateOnly date when date != default && (date < SaneDates.Earliest || date > SaneDates.Latest):
                    problems.Add(new FieldProblem(name, OutOfRange));
                    break;
                case DateTimeOffset time when time != default && (time.Year < SaneDates.Earliest.Year || time.Year > SaneDates.Latest.Year):
                    problems.Add(new FieldProblem(name, OutOfRange));
                    break;
                case IEnumerable items:
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (item is string s && Problem(s) is { } itemProblem)
                        {
                            problems.Add(new FieldProblem($"{name}[{index}]", itemProblem));
                        }
                        else if (item is not null && IsOurs(item.GetType()))
                        {
                            Walk(item, $"{name}[{index}].", problems, depth + 1);
                        }

                        index++;
                    }

                    break;
                case { } nested when IsOurs(nested.GetType()):
                    Walk(nested, name + ".", problems, depth + 1);
                    break;
            }
        }
    }

    private static readonly TextProblem OutOfRange = new("date.out-of-range", [SaneDates.Earliest, SaneDates.Latest]);

    private static bool IsOurs(Type type) => !type.IsEnum && !type.IsPrimitive && type.Namespace?.StartsWith("Outreach", StringComparison.Ordinal) == true;
}

/// <summary>Something wrong with one value: a stable code and the arguments of its sentence.</summary>
/// <param name="Code">The stable code (<c>text.forbidden-character</c>, <c>date.out-of-range</c>).</param>
/// <param name="Arguments">The values of the sentence after the field name.</param>
public sealed record TextProblem(string Code, object?[] Arguments)
{
    /// <summary>The problem as a sentence about <paramref name="field"/>, in <paramref name="culture"/>.</summary>
    public string Text(string field, CultureInfo culture) => OutreachText.Format(Code, culture, [field, .. Arguments]);
}

/// <summary>A problem of one field of a command.</summary>
/// <param name="Field">The field's JSON path (<c>citizenName</c>, <c>notifiedParties[0]</c>).</param>
/// <param name="Problem">What is wrong.</param>
public sealed record FieldProblem(string Field, TextProblem Problem)
{
    /// <summary>The stable code.</summary>
    public string Code => Problem.Code;

    /// <summary>The sentence, in <paramref name="culture"/>.</summary>
    public string Text(CultureInfo culture) => Problem.Text(Field, culture);
}
