using Marten;

namespace Outreach.Cases;

/// <summary>The case stream's entry to the one write path (<see cref="OutreachCommands.HandleAsync"/>).</summary>
public static class CaseWriting
{
    /// <summary>
    /// Validates <paramref name="command"/>, decides it against the case's current state and appends the resulting
    /// events in one transaction; see <see cref="OutreachCommands.HandleAsync"/> for the exceptions.
    /// </summary>
    public static Task<CommandResult> HandleAsync(
        this IDocumentSession session,
        ICaseCommand command,
        TimeProvider? clock = null,
        long? expectedVersion = null,
        CancellationToken cancellation = default)
        => OutreachCommands.HandleAsync(session, command, clock, expectedVersion, cancellation);
}
