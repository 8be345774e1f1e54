using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Outreach.PersonalData;

/// <summary>What identifies a citizen: name, national ID number, phone and address. Never stored in clear (ADR 18).</summary>
/// <param name="Name">Full name.</param>
/// <param name="IdNumber">National ID number.</param>
/// <param name="Phone">Phone number.</param>
/// <param name="Address">Postal address.</param>
public sealed record PersonalDetails(string? Name, string? IdNumber, string? Phone, string? Address)
{
    /// <summary>True when nothing identifying is given.</summary>
    public bool IsEmpty => string.IsNullOrEmpty(Name) && string.IsNullOrEmpty(IdNumber) && string.IsNullOrEmpty(Phone) && string.IsNullOrEmpty(Address);
}

/// <summary>
/// A citizen's <see cref="PersonalDetails"/> as events store them: encrypted with the person's own key (AES-256-GCM).
/// Destroying that key (a lawful erasure) makes every copy unreadable while the events and their hash chain stay intact.
/// </summary>
/// <param name="PersonId">Whose key opens it.</param>
/// <param name="Ciphertext">Base64 of nonce (12 bytes), ciphertext and tag (16 bytes).</param>
public sealed record SealedIdentity(Guid PersonId, string Ciphertext)
{
    private static readonly byte[] Purpose = Encoding.ASCII.GetBytes("outreach-identity-v1");

    /// <summary>
    /// Encrypts <paramref name="details"/> with <paramref name="key"/>. The nonce is derived from the key and the content
    /// (a synthetic nonce), so sealing the same details again gives the same text: a repeated command is recognised as already recorded (ADR 26)
    /// and equal texts are only ever equal under one person's key.
    /// </summary>
    public static SealedIdentity Seal(Guid personId, PersonalDetails details, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(key);
        var plain = JsonSerializer.SerializeToUtf8Bytes(details);
        var nonce = HMACSHA256.HashData(key, (byte[])[.. Purpose, .. plain])[..12];
        var cipher = new byte[plain.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(key, tag.Length))
        {
            aes.Encrypt(nonce, plain, cipher, tag, personId.ToByteArray());
        }

        return new SealedIdentity(personId, Convert.ToBase64String([.. nonce, .. cipher, .. tag]));
    }

    /// <summary>Decrypts with <paramref name="key"/>; throws <see cref="CryptographicException"/> for a wrong key or altered text.</summary>
    public PersonalDetails Open(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var all = Convert.FromBase64String(Ciphertext);
        if (all.Length < 28)
        {
            throw new CryptographicException("The sealed identity is too short to be one.");
        }

        var plain = new byte[all.Length - 28];
        using (var aes = new AesGcm(key, 16))
        {
            aes.Decrypt(all.AsSpan(0, 12), all.AsSpan(12, plain.Length), all.AsSpan(12 + plain.Length), plain, PersonId.ToByteArray());
        }

        return JsonSerializer.Deserialize<PersonalDetails>(plain) ?? throw new CryptographicException("The sealed identity holds no details.");
    }

    /// <summary>A stable pseudonym for the person, the same everywhere and after erasure (e.g. <c>CD-3F9A2C</c>).</summary>
    public string Pseudonym => PseudonymOf(PersonId);

    /// <summary>The pseudonym of a person id.</summary>
    public static string PseudonymOf(Guid personId) => "CD-" + Convert.ToHexString(SHA256.HashData(personId.ToByteArray()).AsSpan(0, 3));

    /// <summary>
    /// The person id of the citizen who brought case <paramref name="caseId"/>: derived from the case, so that a repeated
    /// reception finds the same key. One citizen who brings several cases has one person id per case.
    /// </summary>
    public static Guid CitizenOf(Guid caseId)
    {
        var hash = SHA256.HashData(Encoding.ASCII.GetBytes("outreach:citizen:" + caseId.ToString("D")));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // UUID version 8 (custom)
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}

/// <summary>A citizen's details as a reader may see them.</summary>
/// <param name="Details">The details, or null when erased, withheld or never given.</param>
/// <param name="Pseudonym">The person's stable pseudonym (null when no person was named).</param>
/// <param name="IsErased">True when the person's key was destroyed by an erasure request.</param>
public sealed record RevealedIdentity(PersonalDetails? Details, string? Pseudonym, bool IsErased)
{
    /// <summary>Why the details could not be read although no erasure destroyed the key, if so.</summary>
    public IdentityProblem Problem { get; init; }
}

/// <summary>Why a sealed identity that was not erased cannot be read.</summary>
public enum IdentityProblem
{
    /// <summary>Nothing is wrong (or there was nothing to read).</summary>
    None,

    /// <summary>The person's key is not in the key store, and no erasure destroyed it: it was lost or deleted outside Outreach.</summary>
    KeyMissing,

    /// <summary>The key file is damaged, or the sealed data does not open with it.</summary>
    Unreadable,
}
