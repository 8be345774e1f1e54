namespace Outreach.Hosting;

/// <summary>
/// The hosts' key folder (configuration of the console and the private set-up, not of the library, which takes
/// <see cref="OutreachOptions.KeyFolder"/>). Where keys are kept by default: the checkpoint signing key and the per-person keys of citizens (ADR 18).
/// <c>$OUTREACH_KEYS</c> when set; otherwise <c>/var/lib/outreach/keys</c> for root, or
/// <c>$XDG_DATA_HOME/outreach/keys</c> (<c>~/.local/share/outreach/keys</c>) for everybody else.
/// </summary>
public static class KeyFolder
{
    /// <summary>Environment variable that overrides the key folder.</summary>
    public const string FolderVariable = "OUTREACH_KEYS";

    /// <summary>The checkpoint signing key's file name inside the key folder.</summary>
    public const string CheckpointKeyFile = "checkpoint-signing.pem";

    /// <summary>The key folder (it may not exist yet).</summary>
    public static string Folder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }

        if (Environment.IsPrivilegedProcess && !OperatingSystem.IsWindows())
        {
            return "/var/lib/outreach/keys";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome) || !Path.IsPathRooted(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "outreach", "keys");
    }

    /// <summary>The checkpoint signing key's path.</summary>
    public static string CheckpointKeyPath() => Path.Combine(Folder(), CheckpointKeyFile);
}
