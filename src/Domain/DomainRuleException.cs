using System.Globalization;

namespace Outreach;

/// <summary>
/// A failure the library reports to a person and a program: a stable <see cref="Code"/> (for example
/// <c>complaint.accept.status</c>) and a sentence from the resources, in Vietnamese or English. <see cref="Exception.Message"/>
/// is the sentence in the culture current when the failure was raised; <see cref="MessageIn"/> gives it in another.
/// </summary>
public interface IOutreachFailure
{
    /// <summary>The stable code programs match on.</summary>
    string Code { get; }

    /// <summary>The sentence for a person, in <paramref name="culture"/>.</summary>
    string MessageIn(CultureInfo culture);
}

/// <summary>The base of the library's own exceptions: a code, the arguments of its sentence, and the sentence.</summary>
public abstract class OutreachException : Exception, IOutreachFailure
{
    private readonly string _textKey;
    private readonly object?[] _arguments;

    /// <summary>Creates the exception; the sentence is the text of <paramref name="code"/> filled with <paramref name="arguments"/>.</summary>
    protected OutreachException(string code, object?[] arguments, Exception? inner = null)
        : this(code, code, arguments, inner)
    {
    }

    /// <summary>Creates the exception with a code and a sentence from another text (<paramref name="textKey"/>), shared by several codes.</summary>
    protected OutreachException(string code, string textKey, object?[] arguments, Exception? inner = null)
        : base(OutreachText.Format(textKey, null, arguments), inner)
    {
        Code = code;
        _textKey = textKey;
        _arguments = arguments;
    }

    /// <inheritdoc />
    public string Code { get; }

    /// <inheritdoc />
    public string MessageIn(CultureInfo culture) => OutreachText.Format(_textKey, culture, _arguments);
}

/// <summary>
/// Thrown when a command breaks a business or legal rule (for example deciding a complaint that was never accepted).
/// The message is a sentence the user can act on; nothing has been recorded when it is thrown.
/// </summary>
public sealed class DomainRuleException : OutreachException
{
    /// <summary>Creates the refusal <paramref name="code"/>, whose sentence is the text of the same code.</summary>
    public DomainRuleException(string code, params object?[] arguments) : base(code, arguments) { }

    /// <summary>Creates the refusal <paramref name="code"/> with the sentence of <paramref name="textKey"/>, shared by several refusals.</summary>
    public static DomainRuleException Shared(string code, string textKey, params object?[] arguments) => new(code, textKey, arguments);

    private DomainRuleException(string code, string textKey, object?[] arguments) : base(code, textKey, arguments) { }
}

/// <summary>
/// Thrown when a stream (case, visit, …) was changed by someone else between reading it and writing to it (optimistic
/// concurrency). Nothing from the losing command has been recorded; reload and try again.
/// </summary>
public sealed class ConflictException : OutreachException
{
    /// <summary>Creates the exception for the stream <paramref name="streamId"/>.</summary>
    public ConflictException(Guid streamId, long? expectedVersion, Exception inner, string noun = "case")
        : base(expectedVersion is null ? "stream.changed" : "stream.version", [new Term("noun." + noun), streamId, expectedVersion], inner)
    {
        StreamId = streamId;
        ExpectedVersion = expectedVersion;
    }

    /// <summary>The stream that was contended.</summary>
    public Guid StreamId { get; }

    /// <summary>The version the caller expected, when it gave one.</summary>
    public long? ExpectedVersion { get; }
}

/// <summary>Thrown when a command names a stream (case, visit, …) that does not exist.</summary>
public class StreamNotFoundException : OutreachException
{
    /// <summary>Creates the exception: <paramref name="noun"/> is the stream kind (case, unit, visit, difficulty, rota).</summary>
    public StreamNotFoundException(Guid streamId, string noun) : base(noun + ".not-found", [streamId]) => StreamId = streamId;

    private protected StreamNotFoundException(string code, object?[] arguments, Guid streamId) : base(code, arguments) => StreamId = streamId;

    /// <summary>The id that was not found (empty when the lookup was by another reference).</summary>
    public Guid StreamId { get; }
}

/// <summary>Thrown when a command names a case that does not exist.</summary>
public sealed class CaseNotFoundException : StreamNotFoundException
{
    /// <summary>Creates the exception for <paramref name="caseId"/>.</summary>
    public CaseNotFoundException(Guid caseId) : base(caseId, "case")
    {
    }

    /// <summary>Creates the exception for a case looked up by a reference that is not an id (its paper registry number).</summary>
    public CaseNotFoundException(string reference) : base("case.not-found-by-reference", [reference], Guid.Empty)
    {
    }
}
