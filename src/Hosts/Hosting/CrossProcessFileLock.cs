using System.Diagnostics;

namespace Outreach.Hosting;

/// <summary>
/// An exclusive lock shared by every process on the machine: a <see cref="FileStream"/> opened with
/// <see cref="FileShare.None"/>, which .NET implements on Unix with <c>flock(LOCK_EX)</c>. Each acquisition opens
/// its own file description, so two tasks in one process exclude each other just like two processes do, and the
/// kernel drops the lock when the holder exits or crashes (a left-over lock file is harmless and is never deleted,
/// because deleting it would let a waiter lock an unlinked file).
/// </summary>
internal sealed class CrossProcessFileLock : IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan ReportWaitingAfter = TimeSpan.FromSeconds(1);

    private readonly FileStream _stream;

    private CrossProcessFileLock(FileStream stream) => _stream = stream;

    /// <summary>Waits until the lock file can be opened exclusively.</summary>
    /// <param name="path">Lock file; created if missing.</param>
    /// <param name="timeout">Give up after this long.</param>
    /// <param name="onWaiting">Called once if the lock is not free within a second.</param>
    /// <param name="onTimeout">Builds the exception thrown when <paramref name="timeout"/> passes, from the last failed attempt.</param>
    /// <param name="ct">Cancels the wait.</param>
    public static async Task<CrossProcessFileLock> AcquireAsync(
        string path,
        TimeSpan timeout,
        Action? onWaiting,
        Func<IOException, Exception> onTimeout,
        CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        var reported = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return new CrossProcessFileLock(stream);
            }
            catch (IOException ex) when (IsHeldByOther(ex))
            {
                if (waited.Elapsed >= timeout)
                {
                    throw onTimeout(ex);
                }

                if (!reported && waited.Elapsed >= ReportWaitingAfter)
                {
                    reported = true;
                    onWaiting?.Invoke();
                }

                await Task.Delay(RetryDelay, ct).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private static bool IsHeldByOther(IOException ex) =>
        ex is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException and not DriveNotFoundException;
}
