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
        if (_actors?.CurrentActor is { Length: > 0 } actor)
        {
            command = CommandJson.WithActor(command, actor);
        }

        await using var session = _store.LightweightSession();
        return await session.HandleAsync(command, _clock, expectedVersion, cancellation).ConfigureAwait(false);
    }
}
