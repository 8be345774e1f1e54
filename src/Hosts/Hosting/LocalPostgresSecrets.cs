using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace Outreach.Hosting;

/// <summary>
/// The passwords of the private cluster's three roles, one file per role in <c>&lt;data directory&gt;.secrets</c>: a folder
/// only the OS user running Outreach may enter (0700), files only it may read (0600). Whoever cannot read them cannot
/// log in, because the cluster accepts SCRAM passwords only (no <c>trust</c>, no Unix socket).
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class LocalPostgresSecrets
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private LocalPostgresSecrets(string folder) => Folder = folder;

    /// <summary>The folder holding the password files.</summary>
    public string Folder { get; }

    /// <summary>The secrets folder of a data directory (it may not exist yet).</summary>
    public static LocalPostgresSecrets For(string dataDirectory) => new(dataDirectory + ".secrets");

    /// <summary>Whether a password was ever written for <paramref name="role"/>.</summary>
    public bool Has(string role) => File.Exists(PathOf(role));

    /// <summary>The password of <paramref name="role"/>, or <see langword="null"/> when none was written.</summary>
    public string? Read(string role)
    {
        var path = PathOf(role);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (UnauthorizedAccessException ex)
        {
            throw LocalPostgresUnavailableException.Of(ex, "cluster.secret-unreadable", path, role, LocalPostgres.DataDirectoryVariable);
        }
    }

    /// <summary>The password of <paramref name="role"/>, made (random, 192 bits) and stored on first use.</summary>
    public string ReadOrCreate(string role)
    {
        if (Read(role) is { Length: > 0 } existing)
        {
            return existing;
        }

        EnsureFolder();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        var temporary = PathOf(role) + ".tmp";
        File.Delete(temporary);
        using (var file = new FileStream(temporary, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnlyFile,
        }))
        using (var writer = new StreamWriter(file))
        {
            writer.Write(password);
        }

        File.Move(temporary, PathOf(role), overwrite: true);
        return password;
    }

    /// <summary>The file of <paramref name="role"/>'s password.</summary>
    public string PathOf(string role) => Path.Combine(Folder, role);

    private void EnsureFolder()
    {
        Directory.CreateDirectory(Folder);
        if (File.GetUnixFileMode(Folder) != OwnerOnlyFolder)
        {
            File.SetUnixFileMode(Folder, OwnerOnlyFolder);
        }
    }
}
