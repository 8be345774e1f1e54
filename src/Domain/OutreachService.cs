using Marten;

namespace Outreach;

/// <summary>Supplies the person acting from the host's signed-in identity, so that no caller can choose another actor.</summary>
public interface IActorSource
{
    /// <summary>The signed-in person's code or name, or <see langword="null"/> when the host has no signed-in identity (the command's own actor is used).</summary>
    string? CurrentActor { get; }
}

/// <summary>
/// The library's entry point for a host: handles commands on the store <c>AddOutreach</c> registered, with the
/// deployment's clock and, when the host registers an <see cref="IActorSource"/>, the signed-in person as the actor.
/// </summary>
public sealed class OutreachService
{
    private readonly IDocumentStore _store;
    private readonly TimeProvider _clock;
    private readonly IActorSource? _actors;

    /// <summary>Creates the service (normally resolved from DI).</summary>
    public OutreachService(IDocumentStore store, TimeProvider clock, IActorSource? actors = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _actors = actors;
    }

    /// <summary>
    /// Handles <paramref name="command"/> in its own session: the one write path (<see cref="OutreachCommands.HandleAsync"/>),
    /// with the actor replaced by the signed-in person when an <see cref="IActorSource"/> names one.
    /// </summary>
    public async Task<CommandResult> HandleAsync(IOutreachCommand command, long? expectedVersion = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        command = WithSignedInActor(command);

        await using var session = _store.LightweightSession();
        return await session.HandleAsync(command, _clock, expectedVersion, cancellation).ConfigureAwait(false);
    }

    /// <summary>The command with the signed-in person as its actor (bound again only when the command names someone else).</summary>
    private IOutreachCommand WithSignedInActor(IOutreachCommand command)
        => _actors?.CurrentActor is { Length: > 0 } actor && !string.Equals(command.Actor, actor, StringComparison.Ordinal)
            ? CommandJson.WithActor(command, actor)
            : command;

    /// <summary>
    /// Handles <paramref name="command"/> once per <paramref name="key"/> of its actor: the first time it is recorded,
    /// together with the key and the answer in one transaction; a retry with the same key and the same command returns
    /// that first answer and records nothing, also after a restart.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="key">The client's key for this request.</param>
    /// <param name="expectedVersion">The stream version the client acts on, if it said.</param>
    /// <param name="sent">
    /// What the client sent, when the host completed it with defaults that change between tries (a business time of
    /// "now"): a retry is recognised by this instead of by the completed command.
    /// </param>
    /// <param name="cancellation">Cancels the database work.</param>
    /// <exception cref="CommandInputException">The key is empty, too long or not visible ASCII.</exception>
    /// <exception cref="IdempotencyKeyReusedException">The key was used for a different command; nothing was recorded.</exception>
    public async Task<RequestAnswer> HandleOnceAsync(
        IOutreachCommand command, string key, long? expectedVersion = null, string? sent = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        RecordedRequest.EnsureUsableKey(key);
        command = WithSignedInActor(command);

        var id = RecordedRequest.IdOf(command.Actor, key);
        var fingerprint = sent is null ? RecordedRequest.FingerprintOf(command) : RecordedRequest.FingerprintOf(command.GetType().Name, sent);
        await using var session = _store.LightweightSession();
        if (await session.LoadAsync<RecordedRequest>(id, cancellation).ConfigureAwait(false) is { } earlier)
        {
            return earlier.Fingerprint == fingerprint
                ? new RequestAnswer(earlier.Result, IsRepeat: true)
                : throw new IdempotencyKeyReusedException(key, earlier.Command);
        }

        RecordedRequest Record(CommandResult result) => new()
        {
            Id = id, Actor = command.Actor, Command = command.GetType().Name, Fingerprint = fingerprint, Result = result, RecordedAt = _clock.GetUtcNow(),
        };

        // Insert, not store: a second request racing with the same key loses on the primary key, in the same transaction as its events.
        var answer = await OutreachCommands.HandleCoreAsync(session, command, _clock, expectedVersion, (s, result) => s.Insert(Record(result)), cancellation).ConfigureAwait(false);
        if (!answer.Changed)
        {
            // Nothing new was recorded (the step was already in the record): keep the answer all the same, so the key means one thing.
            await using var keep = _store.LightweightSession();
            keep.Insert(Record(answer));
            await keep.SaveChangesAsync(cancellation).ConfigureAwait(false);
        }

        return new RequestAnswer(answer, IsRepeat: false);
    }
}
