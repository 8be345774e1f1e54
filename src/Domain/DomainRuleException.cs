namespace Outreach;

/// <summary>
/// Thrown when a command breaks a business or legal rule (for example deciding a complaint that was never accepted).
/// The message is a sentence the user can act on; nothing has been recorded when it is thrown.
/// </summary>
public sealed class DomainRuleException : Exception
{
    /// <summary>Creates the exception with a message meant for the person who issued the command.</summary>
    public DomainRuleException(string message) : base(message) { }
}

/// <summary>
/// Thrown when a case was changed by someone else between reading it and writing to it (optimistic concurrency).
/// Nothing from the losing command has been recorded; reload the case and try again.
/// </summary>
public sealed class CaseConflictException : Exception
{
    /// <summary>Creates the exception for <paramref name="caseId"/>.</summary>
    public CaseConflictException(Guid caseId, long? expectedVersion, Exception inner)
        : base(expectedVersion is { } v
            ? $"Case {caseId} is no longer at version {v}: someone else recorded a step first. Nothing was recorded; reload the case and try again."
            : $"Case {caseId} was changed by someone else while this command was being decided. Nothing was recorded; reload the case and try again.", inner)
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The case that was contended.</summary>
    public Guid CaseId { get; }

    /// <summary>The version the caller expected, when it gave one.</summary>
    public long? ExpectedVersion { get; }
}

/// <summary>Thrown when a command names a case that does not exist.</summary>
public sealed class CaseNotFoundException : Exception
{
    /// <summary>Creates the exception for <paramref name="caseId"/>.</summary>
    public CaseNotFoundException(Guid caseId)
        : base($"No case with id {caseId} exists. Check the id, or record the petition first with 'petition receive' / ReceivePetition.")
        => CaseId = caseId;

    /// <summary>Creates the exception for a case looked up by a reference that is not an id (its paper registry number).</summary>
    public CaseNotFoundException(string reference)
        : base($"No case with id or registry number \"{reference}\" exists. Check it, or list cases with 'outreach cases overdue' / 'outreach cases by-locality'.")
        => CaseId = Guid.Empty;

    /// <summary>The id that was not found (empty when the lookup was by registry number).</summary>
    public Guid CaseId { get; }
}
