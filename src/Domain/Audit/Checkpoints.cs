using System.Data;
using System.Security.Cryptography;
using System.Text;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace Outreach.Audit;

/// <summary>
/// Signs checkpoints. The default keeps an ECDSA P-256 key in a PEM file (<see cref="FileCheckpointSigner"/>); a
/// deployment with a hardware module or a cloud key service implements this interface over it (see docs/audit.md).
/// </summary>
public interface ICheckpointSigner
{
    /// <summary>The public key, as base64 SubjectPublicKeyInfo.</summary>
    string PublicKey { get; }

    /// <summary>Signs <paramref name="data"/> with ECDSA P-256 over SHA-256 (IEEE P1363 format, as .NET produces by default).</summary>
    byte[] Sign(byte[] data);
}

/// <summary>The default signer: an ECDSA P-256 private key in a PEM file, created on first use with owner-only permissions.</summary>
public sealed class FileCheckpointSigner : ICheckpointSigner, IDisposable
{
    private readonly ECDsa _key;

    private FileCheckpointSigner(ECDsa key, string path)
    {
        _key = key;
        Path = path;
        PublicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
    }

    /// <summary>Where the key lives.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public string PublicKey { get; }

    /// <summary>True when <see cref="OpenOrCreate"/> made a new key.</summary>
    public bool Created { get; private init; }

    /// <summary>Opens the key at <paramref name="path"/>, or creates one there (folder and file readable by the owner only).</summary>
    public static FileCheckpointSigner OpenOrCreate(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var key = ECDsa.Create();
        if (File.Exists(path))
        {
            try
            {
                key.ImportFromPem(File.ReadAllText(path));
            }
            catch (Exception ex) when (ex is ArgumentException or CryptographicException)
            {
                key.Dispose();
                throw new CheckpointFileException("checkpoint.key.not-pem", [path, SystemReason.Of(ex)], ex);
            }

            return new FileCheckpointSigner(key, path);
        }

        key.GenerateKey(ECCurve.NamedCurves.nistP256);
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, Encoding.ASCII, options))
        {
            file.Write(key.ExportPkcs8PrivateKeyPem());
        }

        return new FileCheckpointSigner(key, path) { Created = true };
    }

    /// <inheritdoc />
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256);

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}

/// <summary>The outcome of taking a checkpoint: the verification it rests on and, if that passed, the checkpoint.</summary>
/// <param name="Verification">The full verification run first, in the same snapshot.</param>
/// <param name="Checkpoint">The signed checkpoint, or null when verification failed (nothing broken is ever signed).</param>
public sealed record CheckpointResult(ChainVerification Verification, Checkpoint? Checkpoint);

/// <summary>Takes checkpoints (what <c>outreach audit checkpoint</c> runs).</summary>
public static class Checkpoints
{
    /// <summary>
    /// Verifies every chain and, only if all pass, signs the heads seen in that same snapshot and stores the checkpoint
    /// in <c>outreach_checkpoints</c>. Export it with <see cref="Checkpoint.Save"/> to somewhere the database's
    /// administrators cannot write.
    /// </summary>
    public static async Task<CheckpointResult> CreateAsync(IDocumentStore store, ICheckpointSigner signer, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation).ConfigureAwait(false);
        var (verification, heads) = await ChainVerifier.VerifyForCheckpointAsync(connection, schema, progress, cancellation).ConfigureAwait(false);
        if (!verification.Passed)
        {
            return new CheckpointResult(verification, null);
        }

        var root = Merkle.RootHex(heads.Select(h => h.Leaf()));
        var createdAt = verification.CheckedAt;
        var text = Checkpoint.SignedTextOf(Checkpoint.CurrentFormat, createdAt, verification.Events, heads.Count, root);
        var signature = Convert.ToBase64String(signer.Sign(Encoding.UTF8.GetBytes(text)));
        var checkpoint = new Checkpoint(Checkpoint.CurrentFormat, createdAt, verification.Events, heads, root,
            Checkpoint.SignatureAlgorithm, signer.PublicKey, signature);
        if (!checkpoint.IsIntact(out var why))
        {
            throw new InvalidOperationException($"The signer produced a checkpoint that does not verify: {why} Check the ICheckpointSigner implementation.");
        }

        await using (var insert = new NpgsqlCommand(
                         $"insert into {schema}.{HashChain.CheckpointTable} (created_at, event_count, stream_count, merkle_root, key_fingerprint, document) values ($1, $2, $3, $4, $5, $6)",
                         connection))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = createdAt });
            insert.Parameters.Add(new NpgsqlParameter { Value = verification.Events });
            insert.Parameters.Add(new NpgsqlParameter { Value = (long)heads.Count });
            insert.Parameters.Add(new NpgsqlParameter { Value = root });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.KeyFingerprint });
            insert.Parameters.Add(new NpgsqlParameter { Value = checkpoint.ToJson(), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellation).ConfigureAwait(false);
        return new CheckpointResult(verification, checkpoint);
    }
}

/// <summary>
/// Starts the chain for history recorded before the database had one (an upgrade from Outreach 0.1). Only streams with
/// no link at all are adopted, and only while no checkpoint exists: a stream with some links and some missing, or any
/// unlinked stream once a checkpoint was signed, was tampered with and stays reported. Adoption runs as the schema's
/// owner (the application role may not call <c>outreach_chain_adopt</c>); its links are marked adopted, and the
/// verifier reports them with the time they were adopted.
/// </summary>
public static class ChainAdoption
{
    /// <summary>Chains every event of every stream that has none; returns the number of streams and events adopted.</summary>
    public static async Task<(int Streams, long Events)> AdoptUnchainedAsync(IDocumentStore store, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var signed = new NpgsqlCommand($"select count(*) from {schema}.{HashChain.CheckpointTable}", connection, tx))
        {
            if ((long)(await signed.ExecuteScalarAsync(cancellation).ConfigureAwait(false))! > 0)
            {
                // Once a checkpoint vouches for the history, streams without links are tampering to report, not legacy to adopt.
                throw new DomainRuleException("chain.adopt.already-checkpointed");
            }
        }

        var streams = new List<(Guid Id, long Count)>();
        await using (var find = new NpgsqlCommand(
                         $"""
                          select e.stream_id, count(*) from {schema}.mt_events e
                           where e.stream_id is not null
                             and not exists (select 1 from {schema}.{HashChain.ChainTable} c where c.stream_id = e.stream_id)
                             and not exists (select 1 from {schema}.{HashChain.ChainTable} c join {schema}.mt_events x on x.seq_id = c.seq_id where x.stream_id = e.stream_id)
                           group by e.stream_id order by min(e.seq_id)
                          """, connection, tx))
        await using (var reader = await find.ExecuteReaderAsync(cancellation).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
            {
                streams.Add((reader.GetGuid(0), reader.GetInt64(1)));
            }
        }

        foreach (var (id, _) in streams)
        {
            // The database refuses a stream with any link, or any adoption once a checkpoint exists; links are marked adopted.
            await using var adopt = new NpgsqlCommand($"select {schema}.{HashChain.AdoptFunction}($1)", connection, tx);
            adopt.Parameters.Add(new NpgsqlParameter { Value = id });
            await adopt.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        await tx.CommitAsync(cancellation).ConfigureAwait(false);
        return (streams.Count, streams.Sum(s => s.Count));
    }
}
