using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Outreach;

/// <summary>An input that could not be turned into a command; the message says what to fix.</summary>
public sealed class CommandInputException : OutreachException
{
    /// <summary>Creates the refusal <paramref name="code"/> with the values of its sentence.</summary>
    public CommandInputException(string code, params object?[] arguments) : base(code, arguments) { }

    /// <summary>Creates the refusal <paramref name="code"/> with its cause.</summary>
    public CommandInputException(Exception inner, string code, params object?[] arguments) : base(code, arguments, inner) { }
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
        AllowDuplicateProperties = false,
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
            throw new CommandInputException(ex, "input.lone-surrogate");
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
            throw new CommandInputException(ex, "input.malformed-json", SystemReason.Of(ex));
        }
        catch (ArgumentException ex)
        {
            throw new CommandInputException(ex, "input.duplicate-field", DuplicateKey(ex.Message));
        }

        if (node is not JsonObject obj)
        {
            throw new CommandInputException("input.not-object");
        }

        if (obj["command"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name) || string.IsNullOrWhiteSpace(name))
        {
            throw new CommandInputException("input.no-command");
        }

        var descriptor = OutreachCommands.Find(name) ?? throw UnknownCommand(name);
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
            throw new CommandInputException("input.unknown-field", descriptor.Name, string.Join(", ", unknown.Select(u => $"\"{u}\"")), string.Join(", ", known.Keys));
        }

        var missing = parameters.Where(p => IsRequired(p) && (!fields.TryGetPropertyValue(JsonName(p), out var v) || v is null)).Select(JsonName).ToArray();
        if (missing.Length > 0)
        {
            throw new CommandInputException("input.missing-fields", descriptor.Name, string.Join(", ", missing));
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
                    throw new CommandInputException(ex, "input.field-lone-surrogate", descriptor.Name, field);
                }
            }
        }

        foreach (var parameter in parameters.Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == typeof(DateTimeOffset)))
        {
            if (fields[JsonName(parameter)] is JsonValue value && value.TryGetValue<string>(out var text) && !HasOffset(text))
            {
                throw new CommandInputException("input.no-offset", descriptor.Name, JsonName(parameter), text,
                    $"{text.TrimEnd()}{(text.Contains('T', StringComparison.Ordinal) ? "" : "T09:00:00")}+07:00");
            }
        }

        try
        {
            return (IOutreachCommand)(fields.Deserialize(descriptor.CommandType, Options)
                ?? throw new CommandInputException("input.unreadable", descriptor.Name));
        }
        catch (JsonException ex)
        {
            var path = ex.Path is { Length: > 2 } p ? p[2..] : "?";
            // Our own converters say exactly what is wrong (StrictEnumConverterFactory); System.Text.Json's own words do not help.
            if (ex is EnumValueException wrongName)
            {
                throw new CommandInputException(ex, "input.invalid-enum", descriptor.Name, path, wrongName.Refusal);
            }

            var parameter = Parameters(descriptor.CommandType).FirstOrDefault(q => path.StartsWith(JsonName(q), StringComparison.Ordinal));
            throw parameter is null
                ? new CommandInputException(ex, "input.invalid-value", descriptor.Name, path)
                : new CommandInputException(ex, "input.invalid-value-hint", descriptor.Name, path, JsonName(parameter), new TypeDescription(parameter.ParameterType));
        }
    }

    /// <summary>The JSON name of the field holding the id of the stream a command is for (its first field: <c>caseId</c>, <c>visitId</c>, …).</summary>
    public static string StreamIdField(CommandDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return JsonName(Parameters(descriptor.CommandType)[0]);
    }

    /// <summary>
    /// Fills the defaults a host offers for fields a person left out: the business time is now (in Vietnam time), and a
    /// command that opens a stream gets a new time-ordered id (GUID v7). Fields already given are kept.
    /// </summary>
    public static JsonObject FillDefaults(CommandDescriptor descriptor, JsonObject fields, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        // As text, exactly as a caller would have sent them.
        fields.TryAdd("occurredAt", JsonValue.Create(now.ToOffset(Deadlines.VietnamTime.Offset).ToString("O", System.Globalization.CultureInfo.InvariantCulture)));
        if (descriptor.OpensStream)
        {
            fields.TryAdd(StreamIdField(descriptor), JsonValue.Create(Guid.CreateVersion7(now).ToString()));
        }

        return fields;
    }

    /// <summary>The same command with <paramref name="actor"/> as the person acting (the host's signed-in identity).</summary>
    public static IOutreachCommand WithActor(IOutreachCommand command, string actor)
    {
        ArgumentNullException.ThrowIfNull(command);
        var fields = JsonSerializer.SerializeToNode(command, command.GetType(), Options)!.AsObject();
        // Only what a caller gives (the record's parameters), not what the record computes from it.
        var given = Parameters(command.GetType()).Select(JsonName).ToHashSet(StringComparer.Ordinal);
        foreach (var computed in fields.Select(f => f.Key).Where(k => !given.Contains(k)).ToList())
        {
            fields.Remove(computed);
        }

        fields["actor"] = actor;
        return Bind(OutreachCommands.For(command.GetType()), fields);
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

    /// <summary>A short description of what a field accepts, for help texts and error hints, in <paramref name="culture"/>.</summary>
    public static string Describe(Type type, System.Globalization.CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        var c = culture ?? System.Globalization.CultureInfo.CurrentUICulture;
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsEnum)
        {
            return OutreachText.Format("type.enum", c, string.Join(", ", Enum.GetNames(inner)));
        }

        if (inner.IsGenericType && inner.GetGenericArguments()[0] is { IsEnum: true } item)
        {
            return OutreachText.Format("type.enum-list", c, string.Join(", ", Enum.GetNames(item)));
        }

        var code = inner switch
        {
            _ when inner == typeof(Guid) => "type.guid",
            _ when inner == typeof(DateTimeOffset) => "type.date-time",
            _ when inner == typeof(int) => "type.int",
            _ when inner == typeof(bool) => "type.bool",
            _ when inner == typeof(string) => "type.text",
            _ when inner == typeof(DateOnly) => "type.date",
            _ when inner.IsGenericType && inner.GetGenericArguments()[0] == typeof(DateOnly) => "type.date-list",
            _ when inner.IsGenericType && inner.GetGenericArguments()[0] == typeof(string) => "type.text-list",
            _ => null,
        };
        return code is null ? inner.Name : OutreachText.Get(code, c);
    }

    /// <summary>The member named twice, from System.Text.Json's (English) duplicate-key message; the message itself when it names none.</summary>
    private static string DuplicateKey(string message)
    {
        var at = message.LastIndexOf("Key: ", StringComparison.Ordinal);
        if (at < 0)
        {
            return message;
        }

        var key = message[(at + 5)..];
        var parameter = key.IndexOf(" (Parameter", StringComparison.Ordinal);
        return $"\"{(parameter >= 0 ? key[..parameter] : key).Trim()}\"";
    }

    private static CommandInputException UnknownCommand(string name)
    {
        var closest = OutreachCommands.All
            .Select(d => (d.Name, Distance: Levenshtein(d.Name.ToLowerInvariant(), name.ToLowerInvariant())))
            .OrderBy(x => x.Distance).First();
        var known = string.Join(", ", OutreachCommands.All.Select(d => d.Name));
        return closest.Distance <= Math.Max(3, name.Length / 3)
            ? new CommandInputException("input.unknown-command-near", name, closest.Name, known)
            : new CommandInputException("input.unknown-command", name, known);
    }

    /// <summary>A field type's description, put into the reader's language when the sentence is.</summary>
    private sealed record TypeDescription(Type Type) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider)
            => Describe(Type, formatProvider as System.Globalization.CultureInfo);

        public override string ToString() => Describe(Type);
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
