namespace Outreach;

/// <summary>
/// An input larger than the deployment accepts (an HTTP body over the host's limit): refused before it is read, so that one
/// caller cannot tie up memory meant for everyone. HTTP 413, exit 2.
/// </summary>
public sealed class InputTooLargeException : OutreachException
{
    /// <summary>Creates the refusal for an input over <paramref name="limitBytes"/> bytes.</summary>
    public InputTooLargeException(long limitBytes, Exception? inner = null) : base("request.too-large", [limitBytes], inner)
    {
        LimitBytes = limitBytes;
    }

    /// <summary>The largest input accepted, in bytes.</summary>
    public long LimitBytes { get; }
}
