using Marten;

namespace Outreach;

/// <summary>
/// A command that completes itself from the deployment's settings before it is checked and decided: a reception seals the
/// citizen's details with their key, an escalation takes the default response period. Implemented by the slice that owns
/// the command; the write path only calls it.
/// </summary>
internal interface ICompletedBySettings
{
    /// <summary>The command as it will be decided and recorded.</summary>
    ValueTask<IOutreachCommand> CompleteAsync(OutreachOptions options, CancellationToken cancellation);
}

/// <summary>
/// A command whose rule reads more than its own stream's events: another stream's events (the unit's head on the day) or a
/// sealed identity (a dialogue's minutes may not name the citizen). Runs after the replay check and before the decider;
/// throws <see cref="DomainRuleException"/> to refuse.
/// </summary>
/// <typeparam name="TState">The decision state of the command's stream.</typeparam>
internal interface ICheckedBeyondStream<in TState>
{
    /// <summary>Checks the command against what lies outside <paramref name="state"/>.</summary>
    Task CheckAsync(TState state, IQuerySession session, OutreachOptions options, CancellationToken cancellation);
}

/// <summary>
/// A command with work that must follow its record and may safely be repeated: destroying an erased person's key. Runs
/// after the events were committed, and again when the command turns out to be already recorded (a crash may have come
/// in between).
/// </summary>
/// <typeparam name="TState">The decision state of the command's stream.</typeparam>
internal interface IFollowedUpAfterRecord<in TState>
{
    /// <summary>Does the follow-up work; <paramref name="state"/> is the state the command was decided against.</summary>
    ValueTask FollowUpAsync(TState state, OutreachOptions options, CancellationToken cancellation);
}
