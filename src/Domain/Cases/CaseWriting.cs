using FluentValidation;
using JasperFx;
using Marten;

namespace Outreach.Cases;

/// <summary>What happened when a command was handled.</summary>
/// <param name="CaseId">The case the command was for.</param>
/// <param name="Version">The case's stream version after the command (unchanged for an idempotent repeat).</param>
/// <param name="Events">The names of the events recorded, in order; empty when the command repeated an earlier step.</param>
public sealed record CaseCommandResult(Guid CaseId, long Version, IReadOnlyList<string> Events)
{
    /// <summary>True when at least one event was recorded.</summary>
    public bool Changed => Events.Count > 0;
}

/// <summary>
/// The one write path for cases: validate the command's shape, fetch the stream for writing, decide, append, save.
/// Later concerns (tamper evidence, idempotency keys, metrics) hook in here.
/// </summary>
public static class CaseWriting
{
    /// <summary>How far in the future a business time may lie (clock skew between devices).</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Validates <paramref name="command"/>, decides it against the case's current state and appends the resulting
    /// events in one transaction.
    /// </summary>
    /// <param name="session">A Marten session; it is saved by this method.</param>
    /// <param name="command">The command.</param>
    /// <param name="clock">The clock used to refuse business times in the future; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="expectedVersion">When given, the command is refused with <see cref="CaseConflictException"/> unless the case is exactly at this version.</param>
    /// <param name="cancellation">Cancels the database work.</param>
    /// <exception cref="ValidationException">The command is malformed; nothing was recorded.</exception>
    /// <exception cref="DomainRuleException">The step is not allowed now (and is not a replay of a recorded step); nothing was recorded.</exception>
    /// <exception cref="CaseNotFoundException">The case does not exist and the command does not open one.</exception>
    /// <exception cref="CaseConflictException">Someone else changed the case first; nothing was recorded.</exception>
    public static async Task<CaseCommandResult> HandleAsync(
        this IDocumentSession session,
        ICaseCommand command,
        TimeProvider? clock = null,
        long? expectedVersion = null,
        CancellationToken cancellation = default)
    {
        var descriptor = CaseCommands.For(command.GetType());
        descriptor.Validate(command);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        if (command.OccurredAt > now + AllowedClockSkew)
        {
            throw new DomainRuleException(
                $"occurredAt {command.OccurredAt:yyyy-MM-dd HH:mm zzz} is in the future (now is {now:yyyy-MM-dd HH:mm} UTC). Record steps only after they happened.");
        }

        try
        {
            var stream = expectedVersion is { } v
                ? await session.Events.FetchForWriting<Case>(command.CaseId, v, cancellation).ConfigureAwait(false)
                : await session.Events.FetchForWriting<Case>(command.CaseId, cancellation).ConfigureAwait(false);
            var state = stream.Aggregate ?? Case.None(command.CaseId);
            var startingVersion = stream.StartingVersion ?? 0;
            if (expectedVersion is { } expected && startingVersion != expected)
            {
                // Checked before deciding, so a stale caller always hears "conflict", never a rule about a state it has not seen.
                throw new CaseConflictException(command.CaseId, expectedVersion, new ConcurrencyException(
                    $"Case {command.CaseId} is at version {startingVersion}, not {expected}.", typeof(Case), command.CaseId));
            }

            object[] events;
            try
            {
                events = CaseCommands.Decide(descriptor, command, state);
            }
            catch (DomainRuleException) when (state.Exists)
            {
                if (!await IsReplayAsync(session, command, cancellation).ConfigureAwait(false))
                {
                    throw;
                }

                events = [];
            }

            if (events.Length == 0)
            {
                return new CaseCommandResult(command.CaseId, startingVersion, []);
            }

            session.LastModifiedBy = command.Actor;
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellation).ConfigureAwait(false);
            return new CaseCommandResult(
                command.CaseId,
                startingVersion + events.Length,
                events.Select(e => e.GetType().Name).ToArray());
        }
        catch (ConcurrencyException ex)
        {
            throw new CaseConflictException(command.CaseId, expectedVersion, ex);
        }
    }

    private static async Task<bool> IsReplayAsync(IDocumentSession session, ICaseCommand command, CancellationToken cancellation)
    {
        var history = await session.Events.FetchStreamAsync(command.CaseId, token: cancellation).ConfigureAwait(false);
        return CaseCommands.IsReplay(command, history.Select(e => e.Data).ToArray());
    }
}
