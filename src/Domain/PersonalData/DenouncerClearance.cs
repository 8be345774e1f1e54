using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Outreach.PersonalData;

/// <summary>
/// The right to read a denouncer's identity (Law 25/2018 Art. 47 protects it). Only <see cref="Verify"/> creates one,
/// from a holder's name and the code issued to them; every view without it shows the stable pseudonym, auditors included.
/// Codes are kept as salted PBKDF2-SHA256 hashes in a clearance file (default <c>$OUTREACH_KEYS/clearances</c>).
/// </summary>
public sealed class DenouncerClearance
{
    private const int Iterations = 210_000;

    private DenouncerClearance(string holder) => Holder = holder;

    /// <summary>Who holds the clearance.</summary>
    public string Holder { get; }

    /// <summary>The default clearance file.</summary>
    public static string DefaultFile(string keyFolder) => Path.Combine(keyFolder, "clearances");

    /// <summary>
    /// Issues a clearance to <paramref name="holder"/> and returns the code, which is shown once and never stored in
    /// clear. Issuing again replaces the holder's earlier code.
    /// </summary>
    public static string Issue(string holder, string file) => Issue(holder, file, TimeProvider.System);

    /// <summary>Issues a clearance as <see cref="Issue(string, string)"/> does, dated by <paramref name="clock"/>.</summary>
    public static string Issue(string holder, string file, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        CheckHolder(holder);
        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(10)).ToLowerInvariant();
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, 32);
        var lines = File.Exists(file) ? File.ReadAllLines(file).Where(l => !l.StartsWith(holder + "\t", StringComparison.Ordinal)).ToList() : [];
        lines.Add(string.Join('\t', holder, Convert.ToBase64String(salt), Convert.ToBase64String(hash), clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllLines(file, lines);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return code;
    }

    /// <summary>The clearance of <paramref name="holder"/> if <paramref name="code"/> is theirs; otherwise throws with the reason.</summary>
    public static DenouncerClearance Verify(string holder, string code, string file)
    {
        CheckHolder(holder);
        var line = File.Exists(file) ? File.ReadAllLines(file).FirstOrDefault(l => l.StartsWith(holder + "\t", StringComparison.Ordinal)) : null;
        if (line is null)
        {
            throw new ClearanceRefusedException("clearance.none", holder);
        }

        var parts = line.Split('\t');
        var expected = Convert.FromBase64String(parts[2]);
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code ?? ""), Convert.FromBase64String(parts[1]), Iterations, HashAlgorithmName.SHA256, 32);
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? new DenouncerClearance(holder)
            : throw new ClearanceRefusedException("clearance.wrong-code", holder);
    }

    private static void CheckHolder(string holder)
    {
        if (string.IsNullOrWhiteSpace(holder) || holder.Any(char.IsControl) || holder.Length > 200)
        {
            throw new ClearanceHolderException(holder);
        }
    }
}

/// <summary>Thrown when a person asks to see a denouncer's identity without a valid clearance; nothing was revealed or recorded.</summary>
public sealed class ClearanceRefusedException : OutreachException
{
    /// <summary>Creates the refusal <paramref name="code"/> for <paramref name="holder"/>.</summary>
    public ClearanceRefusedException(string code, string holder) : base(code, [holder]) => Holder = holder;

    /// <summary>Who asked.</summary>
    public string Holder { get; }
}

/// <summary>
/// Thrown when a clearance is issued or checked for a holder that is not a usable name (code
/// <c>clearance.holder.invalid</c>): empty, longer than 200 characters, or with tabs, line breaks or other control characters.
/// </summary>
public sealed class ClearanceHolderException : OutreachException
{
    /// <summary>Creates the refusal for <paramref name="holder"/>.</summary>
    public ClearanceHolderException(string? holder) : base("clearance.holder.invalid", []) => Holder = holder;

    /// <summary>The name that was given.</summary>
    public string? Holder { get; }
}
