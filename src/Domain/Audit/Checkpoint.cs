using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Outreach.Audit;

/// <summary>The last link of one stream when a checkpoint was taken.</summary>
/// <param name="StreamId">The stream.</param>
/// <param name="Version">Its last event then.</param>
/// <param name="Hash">That event's link hash.</param>
public sealed record CheckpointHead(Guid StreamId, long Version, string Hash)
{
    /// <summary>The leaf this head contributes to the Merkle tree: <c>stream:version:hash</c> in UTF-8.</summary>
    public byte[] Leaf() => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{StreamId:D}:{Version}:{Hash}"));
}

/// <summary>
/// A signed statement of every chain head at one moment (ADR 16): the Merkle root over the heads (RFC 6962 tree hash,
/// streams in order of their id), the event count and the time, signed with ECDSA P-256 / SHA-256. Exported to a file
/// kept outside the database, it lets a verification against it catch a history that was replaced
/// and re-hashed by someone with full database access.
/// </summary>
/// <param name="Format">Always <see cref="CurrentFormat"/>.</param>
/// <param name="CreatedAt">The database clock when it was taken.</param>
/// <param name="EventCount">Events recorded then.</param>
/// <param name="Heads">Every stream's last link then, ordered by stream id.</param>
/// <param name="MerkleRoot">The Merkle root over <see cref="Heads"/>, hex.</param>
/// <param name="Algorithm">The signature algorithm.</param>
/// <param name="PublicKey">The signer's public key (SubjectPublicKeyInfo, base64).</param>
/// <param name="Signature">The signature over <see cref="SignedText"/>, base64.</param>
public sealed record Checkpoint(
    string Format, DateTimeOffset CreatedAt, long EventCount, IReadOnlyList<CheckpointHead> Heads, string MerkleRoot,
    string Algorithm, string PublicKey, string Signature)
{
    /// <summary>The format this version writes and reads.</summary>
    public const string CurrentFormat = "outreach-checkpoint-v1";

    /// <summary>The only signature algorithm used.</summary>
    public const string SignatureAlgorithm = "ECDSA-P256-SHA256";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The exact text that is signed: format, time, event count, stream count and root, one per line.</summary>
    public string SignedText => SignedTextOf(Format, CreatedAt, EventCount, Heads.Count, MerkleRoot);

    /// <summary>A short fingerprint of the signing key (first 16 bytes of SHA-256 over it, hex in groups of four).</summary>
    public string KeyFingerprint => FingerprintOf(PublicKey);

    /// <summary>The text a checkpoint signs.</summary>
    internal static string SignedTextOf(string format, DateTimeOffset createdAt, long eventCount, int streamCount, string root)
        => string.Create(CultureInfo.InvariantCulture, $"{format}\n{createdAt.UtcDateTime.ToString(HashChain.TimestampFormat, CultureInfo.InvariantCulture)}\n{eventCount}\n{streamCount}\n{root}");

    /// <summary>The fingerprint of a public key given as base64.</summary>
    public static string FingerprintOf(string publicKey)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(publicKey);
        }
        catch (FormatException)
        {
            return "(not a key)";
        }

        var hex = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 16));
        return string.Join(':', Enumerable.Range(0, hex.Length / 4).Select(i => hex.Substring(i * 4, 4)));
    }

    /// <summary>Checks the Merkle root against the heads and the signature against the key the file names.</summary>
    public bool IsIntact(out string why)
    {
        var intact = CheckIntegrity(out var reason);
        why = reason?.ToString(null, OutreachText.English) ?? "";
        return intact;
    }

    /// <summary>The same check, with why it fails as a text of the resources (<c>checkpoint.not-intact.…</c>).</summary>
    internal bool CheckIntegrity(out FindingText.Sentence? why)
    {
        if (Format != CurrentFormat)
        {
            why = new("checkpoint.not-intact.format", Format, CurrentFormat);
            return false;
        }

        var root = Merkle.RootHex(Heads.Select(h => h.Leaf()));
        if (!string.Equals(root, MerkleRoot, StringComparison.Ordinal))
        {
            why = new("checkpoint.not-intact.merkle-root");
            return false;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(Convert.FromBase64String(PublicKey), out _);
            if (!key.VerifyData(Encoding.UTF8.GetBytes(SignedText), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256))
            {
                why = new("checkpoint.not-intact.signature");
                return false;
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            why = new("checkpoint.not-intact.unreadable", SystemReason.Of(ex));
            return false;
        }

        why = null;
        return true;
    }

    /// <summary>The checkpoint as indented JSON, the form <see cref="Load"/> reads.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Writes the checkpoint as indented JSON.</summary>
    public void Save(string path) => File.WriteAllText(path, ToJson() + "\n");

    /// <summary>Reads a checkpoint file; every problem with the file is a <see cref="CheckpointFileException"/> that names it.</summary>
    public static Checkpoint Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointFileException("checkpoint.file.unreadable", [path, SystemReason.Of(ex)], ex);
        }

        Checkpoint? checkpoint;
        try
        {
            checkpoint = JsonSerializer.Deserialize<Checkpoint>(text, Json);
        }
        catch (JsonException ex)
        {
            throw new CheckpointFileException("checkpoint.file.not-a-checkpoint", [path, SystemReason.Of(ex)], ex);
        }

        if (checkpoint is null || checkpoint.Heads is null || checkpoint.MerkleRoot is null || checkpoint.PublicKey is null || checkpoint.Signature is null || checkpoint.Format is null)
        {
            throw new CheckpointFileException("checkpoint.file.incomplete", [path]);
        }

        return checkpoint;
    }
}

/// <summary>
/// A file of the audit that cannot be used: a checkpoint (<c>checkpoint.file.unreadable</c>,
/// <c>checkpoint.file.not-a-checkpoint</c>, <c>checkpoint.file.incomplete</c>), the checkpoint signing key
/// (<c>checkpoint.key.not-pem</c>) or the trusted-keys file (<c>trusted-key.file.unreadable</c>). The sentence names the file.
/// </summary>
public sealed class CheckpointFileException : OutreachException
{
    /// <summary>Creates the exception <paramref name="code"/>, whose sentence is the text of the same code.</summary>
    public CheckpointFileException(string code, object?[] arguments, Exception? inner = null) : base(code, arguments, inner)
    {
    }
}

/// <summary>The Merkle tree hash of RFC 6962 §2.1: leaves hashed with a 0x00 prefix, inner nodes with 0x01.</summary>
public static class Merkle
{
    /// <summary>The root over the leaves in order, as lower-case hex (SHA-256 of nothing for no leaves).</summary>
    public static string RootHex(IEnumerable<byte[]> leaves)
    {
        ArgumentNullException.ThrowIfNull(leaves);
        var hashes = leaves.Select(l => Node(0x00, l, [])).ToList();
        return Convert.ToHexStringLower(hashes.Count == 0 ? SHA256.HashData([]) : Root(hashes, 0, hashes.Count));
    }

    private static byte[] Root(List<byte[]> leafHashes, int start, int count)
    {
        if (count == 1)
        {
            return leafHashes[start];
        }

        // The largest power of two smaller than count goes left.
        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }

        return Node(0x01, Root(leafHashes, start, k), Root(leafHashes, start + k, count - k));
    }

    private static byte[] Node(byte prefix, byte[] left, byte[] right)
    {
        var buffer = new byte[1 + left.Length + right.Length];
        buffer[0] = prefix;
        left.CopyTo(buffer, 1);
        right.CopyTo(buffer, 1 + left.Length);
        return SHA256.HashData(buffer);
    }
}
