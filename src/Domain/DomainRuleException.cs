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
/// Thrown when a stream (case, visit, …) was changed by someone else between reading it and writing to it (optimistic
/// concurrency). Nothing from the losing command has been recorded; reload and try again.
/// </summary>
public sealed class ConflictException : Exception
{
    /// <summary>Creates the exception for the stream <paramref name="streamId"/>.</summary>
    public ConflictException(Guid streamId, long? expectedVersion, Exception inner, string noun = "case")
        : base(expectedVersion is { } v
            ? $"{Capitalise(noun)} {streamId} is no longer at version {v}: someone else recorded a step first. Nothing was recorded; reload the {noun} and try again."
            : $"{Capitalise(noun)} {streamId} was changed by someone else while this command was being decided. Nothing was recorded; reload the {noun} and try again.", inner)
    {
        StreamId = streamId;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The stream that was contended.</summary>
    public Guid StreamId { get; }

    /// <summary>The version the caller expected, when it gave one.</summary>
    public long? ExpectedVersion { get; }

    private static string Capitalise(string noun) => noun.Length == 0 ? noun : char.ToUpperInvariant(noun[0]) + noun[1..];
}

/// <summary>Thrown when a command names a stream (case, visit, …) that does not exist.</summary>
public class StreamNotFoundException : Exception
{
    /// <summary>Creates the exception with a message saying what to check.</summary>
    public StreamNotFoundException(Guid streamId, string message) : base(message) => StreamId = streamId;

    /// <summary>The id that was not found (empty when the lookup was by another reference).</summary>
    public Guid StreamId { get; }
}

/// <summary>Thrown when a command names a case that does not exist.</summary>
public sealed class CaseNotFoundException : StreamNotFoundException
{
    /// <summary>Creates the exception for <paramref name="caseId"/>.</summary>
    public CaseNotFoundException(Guid caseId)
        : base(caseId, $"No case with id {caseId} exists. Check the id, or record the petition first with 'petition receive' / ReceivePetition.")
    {
    }

    /// <summary>Creates the exception for a case looked up by a reference that is not an id (its paper registry number).</summary>
    public CaseNotFoundException(string reference)
        : base(Guid.Empty, $"No case with id or registry number \"{reference}\" exists. Check it, or list cases with 'outreach cases overdue' / 'outreach cases by-locality'.")
    {
    }
}
