using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Outreach;

/// <summary>An input that could not be turned into a command; the message says what to fix.</summary>
public sealed class CommandInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CommandInputException(string message) : base(message) { }

    /// <summary>Creates the exception with its cause.</summary>
    public CommandInputException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// Turns JSON objects (<c>{"command":"AcceptComplaint", "caseId": …}</c>) into commands, for the JSON-lines importer,
/// the console's noun-verb commands and the web host. Field names are camelCase; enums are given by name.
/// </summary>
public static class CommandJson
{
    /// <summary>The JSON options used for commands: camelCase, enums as strings, unknown fields refused.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new StrictEnumConverterFactory() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = false,
    };

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>Parses one line of text holding a JSON object with a <c>command</c> field.</summary>
    public static IOutreachCommand ParseLine(string line)
    {
        try
        {
            return ParseObject(line);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("UTF-16", StringComparison.Ordinal))
        {
            // A \uD800-style escape that leaves half a character, somewhere the per-field check does not reach (a nested value).
            throw new CommandInputException("The line holds half of a character (a lone surrogate such as \\uD800): remove it.", ex);
        }
    }

    private static IOutreachCommand ParseObject(string line)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);

            // Parsing is lazy: reading the properties is what finds a field given twice.
            _ = node is JsonObject parsed ? parsed.Count : 0;
        }
        catch (JsonException ex)
        {
            throw new CommandInputException($"Malformed JSON: {ex.Message} Each line must be one JSON object such as {{\"command\":\"ReceivePetition\", …}}.", ex);
        }
        catch (ArgumentException ex)
        {
            throw new CommandInputException($"A field appears twice in the object ({ex.Message}). Give each field once.", ex);
        }

        if (node is not JsonObject obj)
        {
            throw new CommandInputException("Each line must be a JSON object such as {\"command\":\"ReceivePetition\", …}.");
        }

        if (obj["command"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
        {
            throw new CommandInputException("The object has no \"command\" field: say which command it is, e.g. \"command\":\"AcceptComplaint\".");
        }

        var descriptor = OutreachCommands.Find(name) ?? throw new CommandInputException(UnknownCommandMessage(name));
        var fields = obj.DeepClone().AsObject();
        fields.Remove("command");
        return Bind(descriptor, fields);
    }

    /// <summary>Binds the fields of <paramref name="fields"/> to the command <paramref name="descriptor"/> describes.</summary>
    public static IOutreachCommand Bind(CommandDescriptor descriptor, JsonObject fields)
    {
        var parameters = Parameters(descriptor.CommandType);
        var known = parameters.ToDictionary(p => JsonName(p), StringComparer.Ordinal);
        var unknown = fields.Select(f => f.Key).Where(k => !known.ContainsKey(k)).ToArray();
        if (unknown.Length > 0)
        {
            throw new CommandInputException(
                $"{descriptor.Name} has no field {string.Join(", ", unknown.Select(u => $"\"{u}\""))}. Its fields are: {string.Join(", ", known.Keys)}.");
        }

        var missing = parameters.Where(p => IsRequired(p) && (!fields.TryGetPropertyValue(JsonName(p), out var v) || v is null)).Select(JsonName).ToArray();
        if (missing.Length > 0)
        {
            throw new CommandInputException($"{descriptor.Name} is missing required field(s): {string.Join(", ", missing)}.");
        }

        foreach (var (field, value) in fields)
        {
            var texts = value is JsonArray array ? array.OfType<JsonValue>() : value is JsonValue single ? [single] : [];
            foreach (var text in texts.Where(t => t.GetValueKind() == System.Text.Json.JsonValueKind.String))
            {
                try
                {
                    _ = text.TryGetValue<string>(out _);
                }
                catch (InvalidOperationException ex)
                {
                    throw new CommandInputException($"{descriptor.Name}: {field} contains half of a character (a lone surrogate such as \\uD800); remove it.", ex);
                }
            }
        }

        foreach (var parameter in parameters.Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == typeof(DateTimeOffset)))
        {
            if (fields[JsonName(parameter)] is JsonValue value && value.TryGetValue<string>(out var text) && !HasOffset(text))
            {
                throw new CommandInputException(
                    $"{descriptor.Name}: {JsonName(parameter)} \"{text}\" has no UTC offset, so the day it falls on would depend on the server. Add one, e.g. \"{text.TrimEnd()}{(text.Contains('T', StringComparison.Ordinal) ? "" : "T09:00:00")}+07:00\".");
            }
        }

        try
        {
            return (IOutreachCommand)(fields.Deserialize(descriptor.CommandType, Options)
                ?? throw new CommandInputException($"{descriptor.Name}: the fields could not be read."));
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p ? p[2..] : "a field";
            // Our own converters say exactly what is wrong (StrictEnumConverterFactory); System.Text.Json's own words do not help.
            var reason = ex.Message.Split(" Path: ")[0];
            var said = reason.StartsWith("The JSON value", StringComparison.Ordinal) || reason.Length == 0 ? string.Empty : reason + " ";
            throw new CommandInputException($"{descriptor.Name}: the value of {path} is not valid. {(said.Length > 0 ? said.TrimEnd() : Hint(descriptor.CommandType, path))}", ex);
        }
    }

    private static bool HasOffset(string text)
        => System.Text.RegularExpressions.Regex.IsMatch(text, @"(Z|[+-][0-9]{2}:?[0-9]{2})\z", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>The constructor parameters of a command record, in order.</summary>
    public static IReadOnlyList<ParameterInfo> Parameters(Type commandType)
        => commandType.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters();

    /// <summary>The camelCase JSON name of a command field.</summary>
    public static string JsonName(ParameterInfo parameter) => JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);

    /// <summary>True when a field must be present: value types other than bool, and non-nullable strings and lists.</summary>
    public static bool IsRequired(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(bool))
        {
            return false;
        }

        if (type.IsValueType)
        {
            return Nullable.GetUnderlyingType(type) is null;
        }

        return Nullability.Create(parameter).WriteState != NullabilityState.Nullable;
    }

    /// <summary>A short description of what a field accepts, for help texts and error hints.</summary>
    public static string Describe(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(inner));
        }

        if (inner.IsGenericType && inner.GetGenericArguments()[0] is { IsEnum: true } item)
        {
            return "a list of " + string.Join(", ", Enum.GetNames(item));
        }

        return inner switch
        {
            _ when inner == typeof(Guid) => "a GUID",
            _ when inner == typeof(DateTimeOffset) => "an ISO 8601 date-time with offset, e.g. 2024-03-05T09:00:00+07:00",
            _ when inner == typeof(int) => "a whole number",
            _ when inner == typeof(bool) => "true or false",
            _ when inner == typeof(string) => "text",
            _ when inner == typeof(DateOnly) => "a date (yyyy-MM-dd)",
            _ when inner.IsGenericType && inner.GetGenericArguments()[0] == typeof(DateOnly) => "a list of dates (yyyy-MM-dd)",
            _ when inner.IsGenericType && inner.GetGenericArguments()[0] == typeof(string) => "a list of texts",
            _ => inner.Name,
        };
    }

    private static string Hint(Type commandType, string path)
    {
        var parameter = Parameters(commandType).FirstOrDefault(p => path.StartsWith(JsonName(p), StringComparison.Ordinal));
        return parameter is null ? "Check the field's type." : $"{JsonName(parameter)} must be {Describe(parameter.ParameterType)}.";
    }

    private static string UnknownCommandMessage(string name)
    {
        var closest = OutreachCommands.All
            .Select(d => (d.Name, Distance: Levenshtein(d.Name.ToLowerInvariant(), name.ToLowerInvariant())))
            .OrderBy(x => x.Distance).First();
        var suggestion = closest.Distance <= Math.Max(3, name.Length / 3) ? $" Did you mean \"{closest.Name}\"?" : "";
        return $"Unknown command \"{name}\".{suggestion} Known commands: {string.Join(", ", OutreachCommands.All.Select(d => d.Name))}.";
    }

    private static int Levenshtein(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var previous = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var current = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), previous + (a[i - 1] == b[j - 1] ? 0 : 1));
                previous = current;
            }
        }

        return row[b.Length];
    }
}
