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

    /// <summary>Checks a fingerprint given by a person; throws with what a fingerprint looks like.</summary>
    public static string Check(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim().ToLowerInvariant();
        return IsFingerprint(trimmed)
            ? trimmed
            : throw new ArgumentException($"{source}: \"{text}\" is not a key fingerprint. Write it as 'outreach audit checkpoint' prints it: eight groups of four hex digits, e.g. 3f2a:09c1:…:7be4.");
    }

    /// <summary>The fingerprints listed in a trusted-keys file.</summary>
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
            throw new CheckpointFileException($"Cannot read the trusted-keys file {path}: {ex.Message}");
        }

        return [.. lines
            .Select((line, i) => (Text: line.Split('#')[0].Trim(), Number: i + 1))
            .Where(l => l.Text.Length > 0)
            .Select(l => Check(l.Text, $"{path}, line {l.Number}"))];
    }

    [GeneratedRegex("^[0-9a-f]{4}(:[0-9a-f]{4}){7}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Fingerprint();
}
