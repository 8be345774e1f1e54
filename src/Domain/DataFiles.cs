using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach;

/// <summary>How the data files shipped with the library (calendar, rulebook, locality catalogue) are read.</summary>
internal static class DataFiles
{
    /// <summary>
    /// camelCase, enums by name, comments and trailing commas allowed, unknown fields refused. The readers are generated at
    /// compile time (<see cref="DataFilesContext"/>): reflection over the files' types cost about 0.3 s of every start (issue 13).
    /// </summary>
    public static readonly JsonSerializerOptions Options = DataFilesContext.Default.Options;
}

/// <summary>The data files' readers, generated at compile time with <see cref="DataFiles.Options"/>' rules.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(Deadlines.WorkingCalendar.CalendarFile))]
[JsonSerializable(typeof(Deadlines.Rulebook.RulebookFile))]
[JsonSerializable(typeof(Localities.LocalityCatalogue.CatalogueFile))]
internal sealed partial class DataFilesContext : JsonSerializerContext;
