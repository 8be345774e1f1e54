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

    /// <summary>Hands the folded state the deployment's settings its rules read (the calendar and rulebook of a case).</summary>
    public Func<TState, OutreachOptions, TState>? Settle { get; init; }

    /// <summary>The state with the deployment's settings handed in (see <see cref="Settle"/>).</summary>
    public TState Settled(TState state, OutreachOptions options) => Settle is { } settle ? settle(state, options) : state;

    /// <summary>
    /// The stream's state folded from its recorded events, with its version and the events themselves. Decisions read
    /// this, never a read-model document: the application role may rewrite documents, but not events (ADR 19).
    /// </summary>
    public async Task<(TState State, long Version, IReadOnlyList<object> History)> FoldAsync(IQuerySession session, Guid id, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(id, token: cancellation).ConfigureAwait(false);
        IReadOnlyList<object> history = [.. events.Select(e => e.Data)];
        return (Fold(id, history), events.Count == 0 ? 0 : events[^1].Version, history);
    }

    /// <summary>The stream's state folded from <paramref name="history"/>, starting from <see cref="None"/>. Pure.</summary>
    public TState Fold(Guid id, IEnumerable<object> history) => history.Aggregate(None(id), Evolve);
}

/// <summary>A command of one stream kind, with its pure decider.</summary>
internal sealed class StreamCommandDescriptor<TState> : CommandDescriptor where TState : class
{
    private readonly StreamKind<TState> _kind;
    private readonly Func<IOutreachCommand, Guid> _streamId;
    private readonly Func<IOutreachCommand, TState, object[]> _decide;

    public StreamCommandDescriptor(StreamKind<TState> kind, Type type, string noun, string verb, string summary, bool opensStream,
        Func<IValidator> validator, Func<IOutreachCommand, Guid> streamId, Func<IOutreachCommand, TState, object[]> decide)
        : base(type, noun, verb, summary, opensStream, validator)
    {
        _kind = kind;
        _streamId = streamId;
        _decide = decide;
    }

    public override string StreamNoun => _kind.Noun;

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

        // The decider's own refusal comes first: it says what is wrong with the step itself.
        var events = _decide(command, state);
        var latest = _kind.LastOccurredAt(state);
        if (events.Length > 0 && _kind.Exists(state) && command.OccurredAt < latest)
        {
            throw new DomainRuleException("step.out-of-order", command.OccurredAt, new Term("noun." + _kind.Noun), latest);
        }

        return events;
    }

    /// <summary>
    /// The one rule for "already recorded" (ADR 26): deciding <paramref name="command"/> against the state just before some
    /// recorded event yields exactly the events recorded from there on (same types, same JSON). Only events dated at the
    /// command's business time can be its own, so the decider is re-run at those positions alone. Pure.
    /// </summary>
    public bool IsReplay(IOutreachCommand command, IReadOnlyList<object> history)
    {
        var state = _kind.None(_streamId(command));
        for (var k = 0; k < history.Count; k++)
        {
            if (OutreachEvents.OccurredAt(history[k]) is not { } at || at == command.OccurredAt)
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
            }

            state = _kind.Evolve(state, history[k]);
        }

        return false;
    }

    /// <inheritdoc />
    public override IReadOnlyList<object> DecideAfter(IReadOnlyList<object> history, IOutreachCommand command)
    {
        ArgumentNullException.ThrowIfNull(history);
        return Decide(command, _kind.Fold(_streamId(command), history));
    }

    /// <inheritdoc />
    public override bool IsAlreadyRecorded(IOutreachCommand command, IReadOnlyList<object> history) => IsReplay(command, history);

    /// <summary>
    /// Fetches the stream through Marten (which refuses a stale <paramref name="expectedVersion"/> at once, and a lost race
    /// at commit), folds its events, records nothing for a command already recorded, otherwise runs the slice's checks and
    /// decider and appends the events in one transaction.
    /// </summary>
    internal override async Task<CommandResult> AppendAsync(
        IDocumentSession session, IOutreachCommand command, long? expectedVersion, Action<IDocumentSession, CommandResult>? beforeSave, CancellationToken cancellation)
    {
        var id = _streamId(command);
        var options = OutreachRegistration.OptionsOf(session.DocumentStore);
        try
        {
            var stream = expectedVersion is { } expected
                ? await session.Events.FetchForWriting<StreamHistory>(id, expected, cancellation).ConfigureAwait(false)
                : await session.Events.FetchForWriting<StreamHistory>(id, cancellation).ConfigureAwait(false);
            var history = stream.Aggregate?.Events ?? [];
            var state = _kind.Settled(_kind.Fold(id, history), options);
            if (history.Count > 0 && !_kind.Exists(state))
            {
                throw new DomainRuleException("stream.other-kind", id, new Term("noun." + _kind.Noun));
            }

            var events = history.Count > 0 && IsReplay(command, history) ? [] : await DecideAsync(command, state, session, options, cancellation).ConfigureAwait(false);
            var result = new CommandResult(id, history.Count + events.Length, [.. events.Select(e => e.GetType().Name)]);
            if (events.Length > 0)
            {
                beforeSave?.Invoke(session, result);
                session.LastModifiedBy = command.Actor;
                if (history.Count == 0)
                {
                    // Declares the stream's kind; a second writer opening the same stream loses with a conflict.
                    session.Events.StartStream<TState>(id, events);
                }
                else
                {
                    stream.AppendMany(events);
                }

                await SaveAsync(session, cancellation).ConfigureAwait(false);
            }

            if (command is IFollowedUpAfterRecord<TState> followUp)
            {
                await followUp.FollowUpAsync(state, options, cancellation).ConfigureAwait(false);
            }

            return result;
        }
        catch (ConcurrencyException ex)
        {
            // A version expected of a stream that was never opened: say so, rather than "someone else was first".
            if (!OpensStream && await session.Events.FetchStreamStateAsync(id, cancellation).ConfigureAwait(false) is null)
            {
                throw _kind.NotFound(id);
            }

            throw new ConflictException(id, expectedVersion, ex, _kind.Noun);
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException ex)
        {
            throw new ConflictException(id, expectedVersion, new ConcurrencyException(ex.Message, typeof(TState), id), _kind.Noun);
        }
    }

    private async Task<object[]> DecideAsync(IOutreachCommand command, TState state, IDocumentSession session, OutreachOptions options, CancellationToken cancellation)
    {
        if (command is ICheckedBeyondStream<TState> check && _kind.Exists(state))
        {
            await check.CheckAsync(state, session, options, cancellation).ConfigureAwait(false);
        }

        return Decide(command, state);
    }

    private static async Task SaveAsync(IDocumentSession session, CancellationToken cancellation)
    {
        try
        {
            await session.SaveChangesAsync(cancellation).ConfigureAwait(false);
        }
        catch (Exception ex) when (Audit.HistoryTamperedException.FromDatabase(ex) is { } tampered)
        {
            throw tampered;
        }
    }

    private static bool SameEvent(object a, object b)
        => a.GetType() == b.GetType()
           && System.Text.Json.JsonSerializer.Serialize(a, a.GetType()) == System.Text.Json.JsonSerializer.Serialize(b, b.GetType());
}
