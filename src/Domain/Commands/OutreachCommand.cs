using FluentValidation;
using Marten;

namespace Outreach;

/// <summary>
/// A request to record one step in one of Outreach's streams (a case, a unit, a field visit, a difficulty). Every command
/// names the person acting and the business time the step happened, which may lie in the past when history is
/// back-filled; the time it is recorded is kept separately by the event store.
/// </summary>
public interface IOutreachCommand
{
    /// <summary>Who performed the step.</summary>
    string Actor { get; }

    /// <summary>When the step happened in the real world (business time), with its UTC offset.</summary>
    DateTimeOffset OccurredAt { get; }
}

/// <summary>What happened when a command was handled.</summary>
/// <param name="StreamId">The stream (case, visit, …) the command was for.</param>
/// <param name="Version">The stream's version after the command (unchanged for a repeat).</param>
/// <param name="Events">The names of the events recorded, in order; empty when the command repeated an earlier step.</param>
public sealed record CommandResult(Guid StreamId, long Version, IReadOnlyList<string> Events)
{
    /// <summary>True when at least one event was recorded.</summary>
    public bool Changed => Events.Count > 0;
}

/// <summary>Describes one command: its name, its place in the console's noun-verb grammar, and how it is checked and decided.</summary>
public abstract class CommandDescriptor
{
    // Built on first use: FluentValidation compiles every rule's expression, which for the whole catalogue costs about a
    // second of start-up that a console listing verbs or handling one command does not need (issue 13).
    private readonly Lazy<IValidator> _validator;

    private protected CommandDescriptor(Type type, string noun, string verb, string summary, bool opensStream, Func<IValidator> validator)
    {
        CommandType = type;
        Noun = noun;
        Verb = verb;
        Summary = summary;
        OpensStream = opensStream;
        _validator = new(validator);
    }

    /// <summary>The command's name as used in JSON lines (<c>"command": "AcceptComplaint"</c>).</summary>
    public string Name => CommandType.Name;

    /// <summary>The command's record type.</summary>
    public Type CommandType { get; }

    /// <summary>The console noun (petition, complaint, unit, visit, …).</summary>
    public string Noun { get; }

    /// <summary>The console verb (accept, refuse, …).</summary>
    public string Verb { get; }

    /// <summary>One line saying what the command records, in English.</summary>
    public string Summary { get; }

    /// <summary>One line saying what the command records, in <paramref name="culture"/> (from the resources, <c>command.{Name}</c>).</summary>
    public string SummaryIn(System.Globalization.CultureInfo culture) => OutreachText.Get("command." + Name, culture);

    /// <summary>True for a command that opens a new stream.</summary>
    public bool OpensStream { get; }

    /// <summary>What one stream of this command is called in messages ("case", "visit", …).</summary>
    public abstract string StreamNoun { get; }

    /// <summary>The id of the stream the command is for.</summary>
    public abstract Guid StreamIdOf(IOutreachCommand command);

    /// <summary>Checks the command's shape; throws <see cref="ValidationException"/> listing every problem.</summary>
    public void Validate(IOutreachCommand command)
    {
        var result = _validator.Value.Validate(new ValidationContext<object>(command));
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        // Keys are the JSON field names (camelCase, "notifiedParties[0]"), the names callers send and messages use; every
        // failure carries a stable code, and built-in rules speak the library's words in the caller's language.
        var errors = TextRules.ProblemsOf(command)
            .Select(p => new FluentValidation.Results.ValidationFailure(p.Field, p.Text(culture)) { ErrorCode = p.Code })
            .Concat(result.Errors.Select(e =>
            {
                var field = JsonFieldName(e.PropertyName);
                var (code, message) = e.ErrorCode is { } own && own.Contains('.', StringComparison.Ordinal)
                    ? (own, e.ErrorMessage)
                    : ValidationTexts.Translate(e, field, culture);
                return new FluentValidation.Results.ValidationFailure(field, message, e.AttemptedValue) { ErrorCode = code, Severity = e.Severity };
            }))
            .ToList();
        if (errors.Count > 0)
        {
            throw new CommandValidationException(Name, errors);
        }
    }

    /// <summary>The JSON name of a validated property path: each segment camelCase (<c>NotifiedParties[0]</c> → <c>notifiedParties[0]</c>).</summary>
    internal static string JsonFieldName(string propertyPath)
        => string.Join('.', propertyPath.Split('.').Select(segment => segment.Length == 0 ? segment : char.ToLowerInvariant(segment[0]) + segment[1..]));

    /// <summary>
    /// Decides <paramref name="command"/> against the stream folded from <paramref name="history"/>, as the write path does
    /// once it knows the command is not already recorded. Pure: for specs and embedders' own tests.
    /// </summary>
    /// <exception cref="DomainRuleException">The step is not allowed in that state.</exception>
    public abstract IReadOnlyList<object> DecideAfter(IReadOnlyList<object> history, IOutreachCommand command);

    /// <summary>True when <paramref name="command"/> is already recorded in <paramref name="history"/> (ADR 26). Pure.</summary>
    public abstract bool IsAlreadyRecorded(IOutreachCommand command, IReadOnlyList<object> history);

    internal abstract Task<CommandResult> AppendAsync(
        IDocumentSession session, IOutreachCommand command, long? expectedVersion, Action<IDocumentSession, CommandResult>? beforeSave, CancellationToken cancellation);
}

/// <summary>The catalogue of every command, and the one write path all of them take.</summary>
public static class OutreachCommands
{
    /// <summary>How far in the future a business time may lie (clock skew between devices).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(10);

    private static readonly Lazy<IReadOnlyList<CommandDescriptor>> Catalogue = new(() => [.. Cases.CaseCommands.All, .. Units.UnitCommands.All, .. Visits.VisitCommands.All, .. Difficulties.DifficultyCommands.All, .. Rotation.RotaCommands.All]);
    private static readonly Lazy<Dictionary<Type, CommandDescriptor>> ByType = new(() => Catalogue.Value.ToDictionary(d => d.CommandType));
    private static readonly Lazy<Dictionary<string, CommandDescriptor>> ByName = new(() => Catalogue.Value.ToDictionary(d => d.Name, StringComparer.Ordinal));

    /// <summary>Every command, grouped by stream and in lifecycle order.</summary>
    public static IReadOnlyList<CommandDescriptor> All => Catalogue.Value;

    /// <summary>The descriptor of a command type; throws for a type that is not an Outreach command.</summary>
    public static CommandDescriptor For(Type commandType)
        => ByType.Value.TryGetValue(commandType, out var d) ? d : throw new ArgumentException($"{commandType.Name} is not an Outreach command.", nameof(commandType));

    /// <summary>Finds a command by its exact name (case included), or null.</summary>
    public static CommandDescriptor? Find(string name) => ByName.Value.GetValueOrDefault(name);

    /// <summary>
    /// The one write path: validates <paramref name="command"/>, refuses a business time in the future and an unknown
    /// locality, lets the command complete itself from the deployment's settings, folds the stream from its events, records
    /// nothing when the command is already recorded (ADR 26), otherwise decides and appends in one transaction.
    /// </summary>
    /// <param name="session">A Marten session; it is saved by this method.</param>
    /// <param name="command">The command.</param>
    /// <param name="clock">The clock used to refuse business times in the future; the store's clock (<c>AddOutreach</c>) when null.</param>
    /// <param name="expectedVersion">When given, the command is refused with <see cref="ConflictException"/> unless the stream is exactly at this version.</param>
    /// <param name="cancellation">Cancels the database work.</param>
    /// <exception cref="ValidationException">The command is malformed; nothing was recorded.</exception>
    /// <exception cref="DomainRuleException">The step is not allowed now (and is not a replay of a recorded step); nothing was recorded.</exception>
    /// <exception cref="DomainRuleException">The command names a locality that is unknown or not in force on its date.</exception>
    /// <exception cref="CaseNotFoundException">The stream does not exist and the command does not open one.</exception>
    /// <exception cref="ConflictException">Someone else changed the stream first; nothing was recorded.</exception>
    public static Task<CommandResult> HandleAsync(
        this IDocumentSession session,
        IOutreachCommand command,
        TimeProvider? clock = null,
        long? expectedVersion = null,
        CancellationToken cancellation = default)
        => HandleCoreAsync(session, command, clock, expectedVersion, null, cancellation);

    /// <summary>The write path, with <paramref name="beforeSave"/> storing more in the same transaction as the events (an idempotency record).</summary>
    internal static async Task<CommandResult> HandleCoreAsync(
        IDocumentSession session,
        IOutreachCommand command,
        TimeProvider? clock,
        long? expectedVersion,
        Action<IDocumentSession, CommandResult>? beforeSave,
        CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        var descriptor = For(command.GetType());
        var streamId = descriptor.StreamIdOf(command);
        // Traced, timed and logged here, so every host and every embedding app gets the same telemetry (ADR 29).
        using var activity = OutreachTelemetry.StartCommand(descriptor.Name, streamId);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var logger = (session.DocumentStore.Options as StoreOptions)?.Listeners.OfType<OutreachStoreSettings>().FirstOrDefault()?.Logger
            ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        try
        {
            var result = await DecideAndAppendAsync(session, descriptor, command, clock, expectedVersion, beforeSave, cancellation).ConfigureAwait(false);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            OutreachTelemetry.Handled(activity, descriptor.Name, result, elapsed);
            if (result.Changed)
            {
                CommandLog.Recorded(logger, descriptor.Name, streamId, result.Version, result.Events.Count, command.Actor, elapsed);
            }
            else
            {
                CommandLog.Unchanged(logger, descriptor.Name, streamId, result.Version, command.Actor, elapsed);
            }

            return result;
        }
        catch (Exception ex)
        {
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var (outcome, code) = OutreachTelemetry.Failed(activity, descriptor.Name, ex, elapsed);
            CommandLog.NotRecorded(logger, descriptor.Name, streamId, outcome, code, command.Actor, elapsed);
            throw;
        }
    }

    private static async Task<CommandResult> DecideAndAppendAsync(
        IDocumentSession session, CommandDescriptor descriptor, IOutreachCommand command, TimeProvider? clock, long? expectedVersion,
        Action<IDocumentSession, CommandResult>? beforeSave, CancellationToken cancellation)
    {
        descriptor.Validate(command);
        var settings = OutreachRegistration.SettingsOf(session.DocumentStore);
        var now = (clock ?? settings.Clock).GetUtcNow();
        if (command.OccurredAt > now + AllowedClockSkew)
        {
            throw new DomainRuleException("step.in-future", command.OccurredAt, now.UtcDateTime);
        }

        var options = settings.Options;
        if (command is Localities.ILocalityReference reference && options.Localities.Problem(reference.LocalityCode, reference.On) is { } problem)
        {
            throw problem;
        }

        if (command is ICompletedBySettings completed)
        {
            command = await completed.CompleteAsync(options, cancellation).ConfigureAwait(false);
        }

        return await descriptor.AppendAsync(session, command, expectedVersion, beforeSave, cancellation).ConfigureAwait(false);
    }
}
