using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach;

/// <summary>
/// Reads enum values by their exact name only: no numbers, no comma-joined lists (which System.Text.Json would OR into
/// another value, turning <c>"Complaint,Suggestion"</c> into <c>Denunciation</c>), no other letter case, no spaces.
/// Writes the name. Use it wherever a command is bound from text, so that a value means what it says or is refused.
/// </summary>
public sealed class StrictEnumConverterFactory : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(StrictEnumConverter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The value named exactly <paramref name="text"/>, or <see langword="null"/> when no member has that name.</summary>
    public static object? ParseExact(Type enumType, string text)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        ArgumentNullException.ThrowIfNull(text);
        return Enum.GetNames(enumType).Contains(text, StringComparer.Ordinal) ? Enum.Parse(enumType, text, ignoreCase: false) : null;
    }

    /// <summary>The refusal of a value that names no member: what was given and what is accepted.</summary>
    public static TextProblem Refusal(Type enumType, string given)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        ArgumentNullException.ThrowIfNull(given);
        var names = string.Join(", ", Enum.GetNames(enumType));
        var shown = Printable(given);
        if (Enum.GetNames(enumType).FirstOrDefault(n => string.Equals(n, given.Trim(), StringComparison.OrdinalIgnoreCase)) is { } near && near != given)
        {
            return new TextProblem("enum.not-a-name-near", [shown, names, near]);
        }

        return given.Contains(',', StringComparison.Ordinal)
            ? new TextProblem("enum.not-a-name-list", [shown, names])
            : new TextProblem("enum.not-a-name", [shown, names]);
    }

    private static string Printable(string text)
        => string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new EnumValueException(new TextProblem("enum.not-a-string", [string.Join(", ", Enum.GetNames<T>()), new Term("json-token." + reader.TokenType)]));
            }

            var text = reader.GetString()!;
            return ParseExact(typeof(T), text) is T value ? value : throw new EnumValueException(Refusal(typeof(T), text));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(Enum.GetName(value) ?? throw new JsonException($"{value} is not a named {typeof(T).Name}."));
        }
    }
}

/// <summary>A JSON value that names no member of an enum; the refusal says what was given and what is accepted.</summary>
internal sealed class EnumValueException(TextProblem problem) : JsonException(problem.Code)
{
    /// <summary>What is wrong, as a sentence whose first value is the field (filled in by the caller).</summary>
    public TextProblem Problem { get; } = problem;

    /// <summary>The refusal as an argument of another sentence (without the field).</summary>
    public object Refusal => new Sentence(Problem);

    private sealed record Sentence(TextProblem Problem) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider)
            => OutreachText.Format(Problem.Code, formatProvider as System.Globalization.CultureInfo, Problem.Arguments);

        // A null provider means the current UI culture.
        public override string ToString() => ToString(null, null);
    }
}
