using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Outreach.Audit;

/// <summary>
/// Takes signed checkpoints and writes each to a file of its own, so that the history's fingerprint leaves the database
/// (ADR 16, 20). <see cref="TakeAsync"/> takes one; as a hosted service (registered by <c>AddOutreach</c> when
/// <see cref="OutreachOptions.CheckpointEvery"/> is set) it takes one at start and then at every interval.
/// </summary>
public sealed partial class CheckpointService : BackgroundService
{
    private readonly IDocumentStore _store;
    private readonly OutreachOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;

    /// <summary>Creates the service (normally resolved from DI).</summary>
    public CheckpointService(IDocumentStore store, IOptions<OutreachOptions> options, TimeProvider clock, ILogger<CheckpointService>? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Value;
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The file a checkpoint taken at <paramref name="at"/> goes to in <paramref name="folder"/>: never an existing file.</summary>
    public static string FreeFileIn(string folder, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var name = $"outreach-checkpoint-{at.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}";
        var path = Path.Combine(folder, name + ".json");
        for (var n = 2; File.Exists(path); n++)
        {
            path = Path.Combine(folder, $"{name}-{n}.json");
        }

        return path;
    }

    /// <summary>
    /// Verifies the history and, when it is intact, signs a checkpoint and saves it to a new file in
    /// <paramref name="folder"/>. Returns the result and the file (null when the history was altered: nothing is signed).
    /// </summary>
    public static async Task<(CheckpointResult Result, string? File)> TakeAsync(
        IDocumentStore store, ICheckpointSigner signer, string folder, TimeProvider clock, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var result = await Checkpoints.CreateAsync(store, signer, progress, cancellation).ConfigureAwait(false);
        if (result.Checkpoint is not { } checkpoint)
        {
            return (result, null);
        }

        Directory.CreateDirectory(folder);
        var file = FreeFileIn(folder, clock.GetUtcNow());
        checkpoint.Save(file);
        return (result, file);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.CheckpointEvery is not { } every || string.IsNullOrWhiteSpace(_options.CheckpointFolder))
        {
            return;
        }

        using var signer = FileCheckpointSigner.OpenOrCreate(_options.CheckpointSigningKey);
        if (signer.Created)
        {
            SigningKeyCreated(_logger, signer.Path, Checkpoint.FingerprintOf(signer.PublicKey));
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var (result, file) = await TakeAsync(_store, signer, _options.CheckpointFolder, _clock, cancellation: stoppingToken).ConfigureAwait(false);
                if (file is null)
                {
                    CheckpointRefused(_logger, result.Verification.Problems.Count);
                }
                else
                {
                    CheckpointWritten(_logger, result.Checkpoint!.EventCount, file);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                CheckpointFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(every, _clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Outreach: created a new checkpoint signing key at {Path}; back it up and publish its fingerprint {Fingerprint}")]
    private static partial void SigningKeyCreated(ILogger logger, string path, string fingerprint);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message = "Outreach: no checkpoint was taken because the history fails verification ({Problems} problem(s))")]
    private static partial void CheckpointRefused(ILogger logger, int problems);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Outreach: checkpoint of {Events} events written to {File}")]
    private static partial void CheckpointWritten(ILogger logger, long events, string file);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "Outreach: taking a checkpoint failed")]
    private static partial void CheckpointFailed(ILogger logger, Exception exception);
}
