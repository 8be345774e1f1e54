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

    /// <summary>The sentence for a value that names no member: what was given and what is accepted.</summary>
    public static string Refusal(Type enumType, string given)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        var names = Enum.GetNames(enumType);
        var hint = names.FirstOrDefault(n => string.Equals(n, given.Trim(), StringComparison.OrdinalIgnoreCase)) is { } near && near != given
            ? $" (did you mean \"{near}\"? names are exact, case included)"
            : given.Contains(',', StringComparison.Ordinal) ? " (give one value, not a list)" : string.Empty;
        return $"\"{Printable(given)}\" is not one of {string.Join(", ", names)}{hint}.";
    }

    private static string Printable(string text)
        => string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString()));

    private sealed class StrictEnumConverter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"expected the name of a value ({string.Join(", ", Enum.GetNames<T>())}), not a {reader.TokenType.ToString().ToLowerInvariant()}.");
            }

            var text = reader.GetString()!;
            return ParseExact(typeof(T), text) is T value ? value : throw new JsonException(Refusal(typeof(T), text));
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            ArgumentNullException.ThrowIfNull(writer);
            writer.WriteStringValue(Enum.GetName(value) ?? throw new JsonException($"{value} is not a named {typeof(T).Name}."));
        }
    }
}
