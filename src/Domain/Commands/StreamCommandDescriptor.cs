using FluentValidation;
using JasperFx;
using Marten;

namespace Outreach;

/// <summary>How a kind of stream is folded and checked: everything the generic write path needs to know about it.</summary>
/// <typeparam name="TState">The stream's state.</typeparam>
internal sealed class StreamKind<TState> where TState : class
{
    public required string Noun { get; init; }

    public required Func<Guid, TState> None { get; init; }

    public required Func<TState, bool> Exists { get; init; }

    public required Func<TState, object, TState> Evolve { get; init; }

    public required Func<TState, DateTimeOffset> LastOccurredAt { get; init; }

    public required Func<Guid, Exception> NotFound { get; init; }

    /// <summary>
    /// Checks a command against other streams' documents before it is decided (for example that the person named as a
    /// unit's head is that unit's head on the day). Throws <see cref="DomainRuleException"/> to refuse.
    /// </summary>
    public Func<IOutreachCommand, TState, IDocumentSession, CancellationToken, Task>? Verify { get; init; }

    /// <summary>
    /// Runs after the command's events were committed, or when the command turned out to be already recorded: work that
    /// must follow the record and may be repeated (destroying an erased person's key).
    /// </summary>
    public Func<IOutreachCommand, TState, OutreachOptions, CancellationToken, ValueTask>? AfterAppend { get; init; }

    /// <summary>Fills in deployment settings before deciding (see <see cref="CommandDescriptor"/>).</summary>
    public Func<IOutreachCommand, OutreachOptions, CancellationToken, ValueTask<IOutreachCommand>>? Prepare { get; init; }

    /// <summary>Hands the folded state the deployment's settings its rules read (the calendar and rulebook of a case).</summary>
    public Func<TState, OutreachOptions, TState>? Settle { get; init; }

    /// <summary>
    /// The stream's state folded from its recorded events, with its version and the events themselves. Decisions read
    /// this, never a read-model document: the application role may rewrite documents, but not events (ADR 19).
    /// </summary>
    public async Task<(TState State, long Version, IReadOnlyList<object> History)> FoldAsync(IQuerySession session, Guid id, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellation).ConfigureAwait(false);
        var state = None(id);
        foreach (var recorded in events)
        {
            state = Evolve(state, recorded.Data);
        }

        return (state, events.Count == 0 ? 0 : events[^1].Version, [.. events.Select(e => e.Data)]);
    }
}

/// <summary>A command of one stream kind, with its pure decider.</summary>
internal sealed class StreamCommandDescriptor<TState> : CommandDescriptor where TState : class
{
    private readonly StreamKind<TState> _kind;
    private readonly Func<IOutreachCommand, Guid> _streamId;
    private readonly Func<IOutreachCommand, TState, object[]> _decide;

    public StreamCommandDescriptor(StreamKind<TState> kind, Type type, string noun, string verb, string summary, bool opensStream,
        IValidator validator, Func<IOutreachCommand, Guid> streamId, Func<IOutreachCommand, TState, object[]> decide)
        : base(type, noun, verb, summary, opensStream, validator)
    {
        _kind = kind;
        _streamId = streamId;
        _decide = decide;
    }

    public override string StreamNoun => _kind.Noun;

    internal override ValueTask<IOutreachCommand> PrepareAsync(IOutreachCommand command, OutreachOptions options, CancellationToken cancellation)
        => _kind.Prepare?.Invoke(command, options, cancellation) ?? ValueTask.FromResult(command);

    public override Guid StreamIdOf(IOutreachCommand command) => _streamId(command);

    /// <summary>
    /// Decides against <paramref name="state"/>: the stream must exist unless the command opens it, the decider runs, and
    /// a step that records something may not be dated before the stream's latest step. Pure.
    /// </summary>
    public object[] Decide(IOutreachCommand command, TState state)
    {
        if (!OpensStream && !_kind.Exists(state))
        {
            throw _kind.NotFound(_streamId(command));
        }

        // The decider runs first so that repeating an already-recorded step stays a quiet no-op even when it is dated earlier.
        var events = _decide(command, state);
        var latest = _kind.LastOccurredAt(state);
        if (events.Length > 0 && _kind.Exists(state) && command.OccurredAt < latest)
        {
            throw new DomainRuleException("step.out-of-order", command.OccurredAt, new Term("noun." + _kind.Noun), latest);
        }

        return events;
    }

    /// <summary>
    /// True when deciding <paramref name="command"/> against the state just before some recorded event yields exactly
    /// the recorded event(s): the command was already applied (ADR 12). Pure.
    /// </summary>
    public bool IsReplay(IOutreachCommand command, IReadOnlyList<object> history)
    {
        var state = _kind.None(_streamId(command));
        for (var k = 0; k < history.Count; k++)
        {
            object[] produced;
            try
            {
                produced = _decide(command, state);
            }
            catch (DomainRuleException)
            {
                produced = [];
            }

            if (produced.Length > 0 && k + produced.Length <= history.Count
                && produced.Select((e, i) => SameEvent(e, history[k + i])).All(same => same))
            {
                return true;
            }

            state = _kind.Evolve(state, history[k]);
        }

        return false;
    }

    internal override async Task<CommandResult> AppendAsync(IDocumentSession session, IOutreachCommand command, long? expectedVersion, CancellationToken cancellation)
    {
        var id = _streamId(command);
        try
        {
            var (folded, startingVersion, history) = await _kind.FoldAsync(session, id, cancellation).ConfigureAwait(false);
            var options = OutreachRegistration.OptionsOf(session.DocumentStore);
            var state = _kind.Settle is { } settle ? settle(folded, options) : folded;
            if (!_kind.Exists(state) && startingVersion > 0)
            {
                throw new DomainRuleException("stream.other-kind", id, new Term("noun." + _kind.Noun));
            }

            if (expectedVersion is { } expected && startingVersion != expected)
            {
                // Checked before deciding, so a stale caller always hears "conflict", never a rule about a state it has not seen.
                throw new ConflictException(id, expectedVersion, new ConcurrencyException(
                    $"{_kind.Noun} {id} is at version {startingVersion}, not {expected}.", typeof(TState), id), _kind.Noun);
            }

            if (_kind.Verify is { } verify && _kind.Exists(state))
            {
                await verify(command, state, session, cancellation).ConfigureAwait(false);
            }

            object[] events;
            try
            {
                events = Decide(command, state);
            }
            catch (DomainRuleException) when (_kind.Exists(state) && IsReplay(command, history))
            {
                events = [];
            }

            if (events.Length == 0)
            {
                if (_kind.AfterAppend is { } after)
                {
                    await after(command, state, options, cancellation).ConfigureAwait(false);
                }

                return new CommandResult(id, startingVersion, []);
            }

            session.LastModifiedBy = command.Actor;
            if (startingVersion == 0)
            {
                // A second writer opening the same stream loses with ExistingStreamIdCollisionException: a conflict.
                session.Events.StartStream<TState>(id, events);
            }
            else
            {
                // Marten checks at commit that nobody appended since the fold.
                session.Events.Append(id, startingVersion + events.Length, events);
            }

            try
            {
                await session.SaveChangesAsync(cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (Audit.HistoryTamperedException.FromDatabase(ex) is { } tampered)
            {
                throw tampered;
            }

            if (_kind.AfterAppend is { } afterward)
            {
                await afterward(command, state, options, cancellation).ConfigureAwait(false);
            }

            return new CommandResult(id, startingVersion + events.Length, [.. events.Select(e => e.GetType().Name)]);
        }
        catch (ConcurrencyException ex)
        {
            throw new ConflictException(id, expectedVersion, ex, _kind.Noun);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException ex)
        {
            throw new ConflictException(id, expectedVersion, new ConcurrencyException(ex.Message, typeof(TState), id), _kind.Noun);
        }
    }

    private static bool SameEvent(object a, object b)
        => a.GetType() == b.GetType()
           && System.Text.Json.JsonSerializer.Serialize(a, a.GetType()) == System.Text.Json.JsonSerializer.Serialize(b, b.GetType());
}
