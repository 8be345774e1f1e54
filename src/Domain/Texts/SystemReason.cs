using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Outreach;

/// <summary>
/// Why the system refused (a missing file, a denied folder, broken JSON), in the reader's language. .NET words these
/// reasons in English only, so a message that quoted <see cref="Exception.Message"/> would put an English sentence
/// inside a Vietnamese one. The reason is formatted when the message is, in the culture the message is written in:
/// pass it as an argument of <see cref="OutreachText.Format"/> or of an <see cref="OutreachException"/>.
/// </summary>
public sealed partial class SystemReason : IFormattable
{
    private readonly string _code;
    private readonly object?[] _arguments;

    private SystemReason(string code, params object?[] arguments)
    {
        _code = code;
        _arguments = arguments;
    }

    /// <summary>The reason behind <paramref name="exception"/>: a sentence of ours for the failures people meet, the system's own words for the rest.</summary>
    public static SystemReason Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            FileNotFoundException missing => new("system.file-not-found", missing.FileName ?? PathIn(missing.Message)),
            DirectoryNotFoundException missing => new("system.directory-not-found", PathIn(missing.Message)),
            UnauthorizedAccessException denied => new("system.access-denied", PathIn(denied.Message)),
            PathTooLongException => new("system.path-too-long"),
            JsonException json when json.LineNumber is { } line => new("system.json-at", line + 1, (json.BytePositionInLine ?? 0) + 1),
            JsonException => new("system.json"),
            CryptographicException => new("system.crypto"),
            System.Net.Sockets.SocketException socket => socket.SocketErrorCode switch
            {
                System.Net.Sockets.SocketError.ConnectionRefused => new("system.connection-refused"),
                System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.TryAgain or System.Net.Sockets.SocketError.NoData => new("system.host-not-found"),
                System.Net.Sockets.SocketError.TimedOut => new("system.timed-out"),
                System.Net.Sockets.SocketError.NetworkUnreachable or System.Net.Sockets.SocketError.HostUnreachable or System.Net.Sockets.SocketError.NetworkDown => new("system.network-unreachable"),
                System.Net.Sockets.SocketError.ConnectionReset or System.Net.Sockets.SocketError.ConnectionAborted => new("system.connection-reset"),
                _ => new("system.other", exception.Message.TrimEnd('.')),
            },
            TimeoutException => new("system.timed-out"),
            EndOfStreamException => new("system.connection-reset"),
            IOException io when (io.HResult & 0xFFFF) is 28 or 112 => new("system.disk-full"),
            IOException io when PathIn(io.Message) is { Length: > 0 } path && io.Message.StartsWith("Read-only file system", StringComparison.Ordinal) => new("system.read-only", path),
            _ => new("system.other", exception.Message.TrimEnd('.')),
        };
    }

    /// <summary>The stable code of the reason, e.g. <c>system.file-not-found</c>.</summary>
    public string Code => _code;

    /// <summary>The reason in <paramref name="formatProvider"/>'s culture (the current UI culture when it is none).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) =>
        OutreachText.Format(_code, formatProvider as CultureInfo ?? CultureInfo.CurrentUICulture, _arguments);

    /// <summary>The reason in the current UI culture.</summary>
    public override string ToString() => ToString(null, null);

    private static string PathIn(string message) => QuotedPath().Match(message) is { Success: true } match ? match.Groups[1].Value : string.Empty;

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedPath();
}
