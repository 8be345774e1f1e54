using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach;

/// <summary>How the data files shipped with the library (calendar, rulebook, locality catalogue) are read.</summary>
internal static class DataFiles
{
    /// <summary>camelCase, enums by name, comments and trailing commas allowed, unknown fields refused.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}
