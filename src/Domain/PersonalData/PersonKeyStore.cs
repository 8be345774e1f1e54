using System.Globalization;
using System.Security.Cryptography;

namespace Outreach.PersonalData;

/// <summary>
/// Where each person's key lives (ADR 18). The default keeps one file per person (<see cref="FilePersonKeyStore"/>); a
/// deployment plugs a key vault or HSM in by implementing this interface and setting <see cref="OutreachOptions.PersonKeys"/>.
/// Implementations must make <see cref="EraseAsync"/> final: an erased person's key can never be created again.
/// </summary>
public interface IPersonKeyStore
{
    /// <summary>The person's 32-byte key, created on first use. Throws <see cref="PersonErasedException"/> for an erased person.</summary>
    ValueTask<byte[]> GetOrCreateAsync(Guid personId, CancellationToken cancellation = default);

    /// <summary>The person's key, or null when there is none (never created, or erased).</summary>
    ValueTask<byte[]?> FindAsync(Guid personId, CancellationToken cancellation = default);

    /// <summary>True when the person's key was destroyed by an erasure.</summary>
    ValueTask<bool> IsErasedAsync(Guid personId, CancellationToken cancellation = default);

    /// <summary>Destroys the person's key for good and remembers that it was erased. Repeating it does nothing.</summary>
    ValueTask EraseAsync(Guid personId, CancellationToken cancellation = default);
}

/// <summary>A person's data was erased on request: nothing more can be recorded or read about them.</summary>
public sealed class PersonErasedException(Guid personId)
    : OutreachException("person.erased", [SealedIdentity.PseudonymOf(personId)])
{
    /// <summary>The erased person.</summary>
    public Guid PersonId { get; } = personId;
}

/// <summary>
/// A person's key file cannot be read (code <c>person-key.damaged</c>): it is not base64 text, or does not hold 32 bytes.
/// Nothing was recorded; restore the file from the key backup.
/// </summary>
public sealed class PersonKeyDamagedException : OutreachException
{
    private const string DamagedCode = "person-key.damaged";

    /// <summary>Creates the exception for the key file <paramref name="path"/> of <paramref name="personId"/>, which is not base64 text.</summary>
    public PersonKeyDamagedException(Guid personId, string path)
        : base(DamagedCode, [path]) => (PersonId, Path) = (personId, path);

    /// <summary>Creates the exception for the key file <paramref name="path"/> of <paramref name="personId"/>, which holds <paramref name="length"/> bytes instead of 32.</summary>
    public PersonKeyDamagedException(Guid personId, string path, int length)
        : base(DamagedCode, DamagedCode + ".wrong-length", [path, length]) => (PersonId, Path) = (personId, path);

    /// <summary>The person whose key it is.</summary>
    public Guid PersonId { get; }

    /// <summary>The damaged key file.</summary>
    public string Path { get; }
}

/// <summary>
/// A key store on this machine (a folder, or memory): its work is synchronous, and the asynchronous members of
/// <see cref="IPersonKeyStore"/> complete at once. Tools and tests may call the synchronous forms directly.
/// </summary>
public abstract class LocalPersonKeyStore : IPersonKeyStore
{
    /// <summary>The person's key, created on first use; throws <see cref="PersonErasedException"/> for an erased person.</summary>
    public abstract byte[] GetOrCreate(Guid personId);

    /// <summary>The person's key, or null when there is none (never created, or erased).</summary>
    public abstract byte[]? Find(Guid personId);

    /// <summary>True when the person's key was destroyed by an erasure.</summary>
    public abstract bool IsErased(Guid personId);

    /// <summary>Destroys the person's key for good and remembers that it was erased. Repeating it does nothing.</summary>
    public abstract void Erase(Guid personId);

    /// <inheritdoc />
    public ValueTask<byte[]> GetOrCreateAsync(Guid personId, CancellationToken cancellation = default) => ValueTask.FromResult(GetOrCreate(personId));

    /// <inheritdoc />
    public ValueTask<byte[]?> FindAsync(Guid personId, CancellationToken cancellation = default) => ValueTask.FromResult(Find(personId));

    /// <inheritdoc />
    public ValueTask<bool> IsErasedAsync(Guid personId, CancellationToken cancellation = default) => ValueTask.FromResult(IsErased(personId));

    /// <inheritdoc />
    public ValueTask EraseAsync(Guid personId, CancellationToken cancellation = default)
    {
        Erase(personId);
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// The default key store: <c>&lt;folder&gt;/&lt;person&gt;.key</c> (32 random bytes, base64, readable by the owner
/// only) and, after erasure, <c>&lt;person&gt;.erased</c> holding the time of erasure. Back the folder up with the
/// database, and delete erased keys from backups too.
/// </summary>
public sealed class FilePersonKeyStore : LocalPersonKeyStore
{
    private readonly string _folder;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();

    /// <summary>A store in <paramref name="folder"/> (created on first write, owner-only).</summary>
    public FilePersonKeyStore(string folder)
        : this(folder, TimeProvider.System)
    {
    }

    /// <summary>Creates the store in <paramref name="folder"/>; <paramref name="clock"/> dates erasures.</summary>
    public FilePersonKeyStore(string folder, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        _folder = Path.GetFullPath(folder);
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>The folder holding the keys.</summary>
    public string Folder => _folder;

    /// <summary>The person's key, created on first use (the synchronous form of <see cref="LocalPersonKeyStore.GetOrCreateAsync"/>).</summary>
    public override byte[] GetOrCreate(Guid personId)
    {
        lock (_gate)
        {
            if (IsErased(personId))
            {
                throw new PersonErasedException(personId);
            }

            if (Find(personId) is { } existing)
            {
                return existing;
            }

            Directory.CreateDirectory(_folder);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var key = RandomNumberGenerator.GetBytes(32);
            var temporary = KeyPath(personId) + "." + Guid.NewGuid().ToString("N") + ".tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var file = new StreamWriter(temporary, System.Text.Encoding.ASCII, options))
            {
                file.Write(Convert.ToBase64String(key));
            }

            try
            {
                // Another process may have created the key meanwhile: theirs wins, so both seal with the same key.
                File.Move(temporary, KeyPath(personId), overwrite: false);
                return key;
            }
            catch (IOException) when (File.Exists(KeyPath(personId)))
            {
                File.Delete(temporary);
                return Find(personId)!;
            }
        }
    }

    /// <summary>
    /// The person's key, or null when there is none (never created, or erased); throws
    /// <see cref="PersonKeyDamagedException"/> when the key file is not 32 bytes in base64.
    /// </summary>
    public override byte[]? Find(Guid personId)
    {
        var path = KeyPath(personId);
        if (!File.Exists(path))
        {
            return null;
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new PersonKeyDamagedException(personId, path);
        }

        return key.Length == 32 ? key : throw new PersonKeyDamagedException(personId, path, key.Length);
    }

    /// <summary>True when the person's key was destroyed by an erasure.</summary>
    public override bool IsErased(Guid personId) => File.Exists(ErasedPath(personId));

    /// <summary>Destroys the person's key for good (the synchronous form of <see cref="LocalPersonKeyStore.EraseAsync"/>).</summary>
    public override void Erase(Guid personId)
    {
        lock (_gate)
        {
            Directory.CreateDirectory(_folder);
            if (!IsErased(personId))
            {
                File.WriteAllText(ErasedPath(personId), _clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) + "\n");
            }

            var path = KeyPath(personId);
            if (File.Exists(path))
            {
                // Overwrite before deleting, so the key's bytes do not linger in the file's old blocks on simple file systems.
                var length = new FileInfo(path).Length;
                File.WriteAllBytes(path, new byte[length]);
                File.Delete(path);
            }
        }
    }

    private string KeyPath(Guid personId) => Path.Combine(_folder, personId.ToString("D") + ".key");

    private string ErasedPath(Guid personId) => Path.Combine(_folder, personId.ToString("D") + ".erased");
}

/// <summary>Opens sealed identities for readers, with the rules on erasure.</summary>
internal static class Identities
{
    /// <summary>
    /// The details inside <paramref name="sealedIdentity"/> when its person's key exists; erased or unknown keys give no
    /// details (never an exception), so every view degrades to the pseudonym.
    /// </summary>
    public static async ValueTask<RevealedIdentity> RevealAsync(SealedIdentity? sealedIdentity, IPersonKeyStore keys, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (sealedIdentity is null)
        {
            return new RevealedIdentity(null, null, false);
        }

        if (await keys.IsErasedAsync(sealedIdentity.PersonId, cancellation).ConfigureAwait(false))
        {
            return new RevealedIdentity(null, sealedIdentity.Pseudonym, true);
        }

        try
        {
            var key = await keys.FindAsync(sealedIdentity.PersonId, cancellation).ConfigureAwait(false);
            return key is null
                ? new RevealedIdentity(null, sealedIdentity.Pseudonym, false) { Problem = IdentityProblem.KeyMissing }
                : new RevealedIdentity(sealedIdentity.Open(key), sealedIdentity.Pseudonym, false);
        }
        catch (Exception ex) when (ex is CryptographicException or PersonKeyDamagedException or FormatException or System.Text.Json.JsonException)
        {
            // A damaged key file, or sealed data that does not open with the person's key: shown as such, never a crash.
            return new RevealedIdentity(null, sealedIdentity.Pseudonym, false) { Problem = IdentityProblem.Unreadable };
        }
    }
}

/// <summary>A key store in memory, for tests and short-lived tools: keys vanish with the process.</summary>
public sealed class InMemoryPersonKeyStore : LocalPersonKeyStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, byte[]> _keys = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, bool> _erased = new();

    /// <summary>The person's key, created on first use (the synchronous form of <see cref="LocalPersonKeyStore.GetOrCreateAsync"/>).</summary>
    public override byte[] GetOrCreate(Guid personId)
        => IsErased(personId) ? throw new PersonErasedException(personId) : _keys.GetOrAdd(personId, _ => RandomNumberGenerator.GetBytes(32));

    /// <summary>The person's key, or null.</summary>
    public override byte[]? Find(Guid personId) => _keys.TryGetValue(personId, out var key) ? key : null;

    /// <summary>True when the person's key was destroyed by an erasure.</summary>
    public override bool IsErased(Guid personId) => _erased.ContainsKey(personId);

    /// <summary>Destroys the person's key for good (the synchronous form of <see cref="LocalPersonKeyStore.EraseAsync"/>).</summary>
    public override void Erase(Guid personId)
    {
        _erased[personId] = true;
        _keys.TryRemove(personId, out _);
    }
}
