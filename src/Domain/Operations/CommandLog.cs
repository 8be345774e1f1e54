using Microsoft.Extensions.Logging;

namespace Outreach;

/// <summary>
/// The write path's log lines, with structured fields an operator can filter on (command, stream, version, events, actor,
/// elapsed milliseconds). The actor is the person who acted, already recorded with the events; no citizen's data is logged.
/// </summary>
internal static partial class CommandLog
{
    /// <summary>The logger category of the write path.</summary>
    public const string Category = "Outreach.Commands";

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Recorded {Command} on stream {StreamId}: version {Version}, {EventCount} event(s), by {Actor}, in {ElapsedMs} ms")]
    public static partial void Recorded(ILogger logger, string command, Guid streamId, long version, int eventCount, string actor, double elapsedMs);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information,
        Message = "{Command} on stream {StreamId} was already recorded: version {Version} unchanged, by {Actor}, in {ElapsedMs} ms")]
    public static partial void Unchanged(ILogger logger, string command, Guid streamId, long version, string actor, double elapsedMs);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information,
        Message = "{Command} on stream {StreamId} was not recorded ({Outcome}, {Code}), by {Actor}, in {ElapsedMs} ms")]
    public static partial void NotRecorded(ILogger logger, string command, Guid streamId, string outcome, string code, string actor, double elapsedMs);
}
