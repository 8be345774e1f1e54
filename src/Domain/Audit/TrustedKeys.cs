using System.Text.RegularExpressions;

namespace Outreach.Audit;

/// <summary>
/// The checkpoint signing keys an auditor trusts, by fingerprint (<see cref="Checkpoint.KeyFingerprint"/>): given on
/// the command line, or listed one per line in a file (<c>#</c> starts a comment), by default
/// <c>$OUTREACH_KEYS/trusted-checkpoint-keys</c>. Nothing is trusted unless declared: a key found on the host, even
/// the installation's own, proves nothing against someone who could replace it.
/// </summary>
public static partial class TrustedKeys
{
    /// <summary>The file name of the trusted keys inside the key folder.</summary>
    public const string FileName = "trusted-checkpoint-keys";

    /// <summary>The default trusted-keys file.</summary>
    public static string DefaultPath(string keyFolder) => Path.Combine(keyFolder, FileName);

    /// <summary>Whether <paramref name="text"/> is written as a key fingerprint (eight groups of four hex digits).</summary>
    public static bool IsFingerprint(string text) => Fingerprint().IsMatch(text);

    /// <summary>
    /// Checks a fingerprint given by a person (<paramref name="source"/> says where, e.g. the option it came with);
    /// throws <see cref="KeyFingerprintException"/> with what a fingerprint looks like.
    /// </summary>
    public static string Check(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Normalised(text) ?? throw new KeyFingerprintException(text, source);
    }

    /// <summary>
    /// The fingerprints listed in a trusted-keys file; throws <see cref="CheckpointFileException"/> when it cannot be
    /// read and <see cref="KeyFingerprintException"/> (naming the line) for a line that is not a fingerprint.
    /// </summary>
    public static IReadOnlyList<string> Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointFileException("trusted-key.file.unreadable", [path, SystemReason.Of(ex)], ex);
        }

        return [.. lines
            .Select((line, i) => (Text: line.Split('#')[0].Trim(), Number: i + 1))
            .Where(l => l.Text.Length > 0)
            .Select(l => Normalised(l.Text) ?? throw KeyFingerprintException.InFile(path, l.Number, l.Text))];
    }

    private static string? Normalised(string text)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        return IsFingerprint(trimmed) ? trimmed : null;
    }

    [GeneratedRegex("^[0-9a-f]{4}(:[0-9a-f]{4}){7}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Fingerprint();
}

/// <summary>
/// A key fingerprint written wrongly (code <c>trusted-key.not-a-fingerprint</c>), given on its own or on a line of a
/// trusted-keys file; the sentence says what a fingerprint looks like.
/// </summary>
public sealed class KeyFingerprintException : OutreachException
{
    private KeyFingerprintException(string code, string textKey, object?[] arguments, string text) : base(code, textKey, arguments) => Text = text;

    /// <summary>Creates the exception for <paramref name="text"/>, given in <paramref name="source"/> (e.g. the option it came with).</summary>
    public KeyFingerprintException(string text, string source) : base("trusted-key.not-a-fingerprint", [source, text]) => Text = text;

    /// <summary>What was written instead of a fingerprint.</summary>
    public string Text { get; }

    internal static KeyFingerprintException InFile(string path, int line, string text)
        => new("trusted-key.not-a-fingerprint", "trusted-key.not-a-fingerprint.in-file", [path, line, text], text);
}
