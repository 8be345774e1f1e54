using System.Runtime.CompilerServices;
using FluentValidation;
using Marten;
using Marten.Services;
using Npgsql;

namespace Outreach;

/// <summary>One line of a JSON-lines import: its number in the file (from 1) and its text.</summary>
/// <param name="Number">The line's number in the file, as messages name it.</param>
/// <param name="Json">The line's text: one command object (<c>{"command": "ReceivePetition", …}</c>).</param>
public sealed record BatchLine(int Number, string Json)
{
    /// <summary>True for a line that holds no command: empty, or a comment starting with <c>//</c> or <c>#</c>.</summary>
    public bool IsBlank
    {
        get
        {
            var text = Json.Trim();
            return text.Length == 0 || text.StartsWith("//", StringComparison.Ordinal) || text.StartsWith('#');
        }
    }
}

/// <summary>What became of one line of an import.</summary>
/// <param name="Number">The line's number in the file.</param>
/// <param name="Descriptor">The line's command, when the line could be read as one.</param>
/// <param name="Result">What was recorded (or that nothing new was), when the line applied.</param>
/// <param name="Failure">Why the line recorded nothing, when it did not apply.</param>
public sealed record BatchLineResult(int Number, CommandDescriptor? Descriptor, CommandResult? Result, Exception? Failure)
{
    /// <summary>True when the line applied (recorded its events, or found them already recorded).</summary>
    public bool Applied => Failure is null;
}

/// <summary>
/// Applies a JSON-lines import (a back-fill of paper records, a migration) in order, each line with its own result, the
/// lines sharing transactions (ADR 36). Every line takes the one write path (<see cref="OutreachCommands.HandleAsync"/>):
/// validation, decision on the stream's recorded events, the hash chain and its read-back. What changes is only when the
/// server commits: once per <see cref="DefaultBatchSize"/> lines instead of once per line, which is where a line-by-line
/// import spent most of its time (a flushed commit and a connection reset each).
/// </summary>
public static class CommandBatch
{
    /// <summary>Lines per transaction when the caller does not say.</summary>
    public const int DefaultBatchSize = 200;

    /// <summary>
    /// The longest a batch stays open whatever its size. Its links carry the transaction's start as their recorded time,
    /// and the chain's verifier allows a link to be recorded before its predecessors only within
    /// <see cref="Audit.HashChain.ClockSlack"/>: a batch much shorter than that never reads as time running backwards.
    /// </summary>
    public static readonly TimeSpan MaxBatchAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Applies <paramref name="lines"/> in order and yields one result per command line, in line order, once the line's
    /// transaction has committed (a result is final when it is seen). A line refused by its own rules (malformed, not
    /// allowed now, unknown stream) records nothing and the batch goes on. A line that fails after it wrote (a conflict
    /// with another writer, a broken chain, a lost connection) rolls back its batch, and that batch's lines are applied
    /// again one per transaction, exactly as a line-by-line import would, so each gets the result it would have had alone.
    /// Blank and comment lines yield nothing.
    /// </summary>
    /// <param name="store">The store (the application role's).</param>
    /// <param name="lines">The import's lines.</param>
    /// <param name="clock">Refuses business times in the future; the store's clock when null.</param>
    /// <param name="batchSize">Lines per transaction (1 applies every line in its own, as before).</param>
    /// <param name="cancellation">Stops between lines; the open batch is rolled back and its results are not yielded.</param>
    public static async IAsyncEnumerable<BatchLineResult> ApplyAsync(
        this IDocumentStore store,
        IEnumerable<BatchLine> lines,
        TimeProvider? clock = null,
        int batchSize = DefaultBatchSize,
        [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        var open = new List<(BatchLine Line, BatchLineResult Result)>();
        var age = new System.Diagnostics.Stopwatch();
        NpgsqlConnection? connection = null;
        NpgsqlTransaction? transaction = null;
        try
        {
            foreach (var line in lines)
            {
                cancellation.ThrowIfCancellationRequested();
                if (line.IsBlank)
                {
                    continue;
                }

                IOutreachCommand command;
                CommandDescriptor descriptor;
                try
                {
                    command = CommandJson.ParseLine(line.Json);
                    descriptor = OutreachCommands.For(command.GetType());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Not a command (not JSON, an unknown command, a field of the wrong type): nothing to write.
                    open.Add((line, new BatchLineResult(line.Number, null, null, ex)));
                    continue;
                }

                if (batchSize == 1 || FollowedUpAfterRecord(command))
                {
                    // Work that must follow a committed record (destroying an erased person's key) never waits in an open
                    // batch that could still roll back: what came before is committed first, and the line runs alone.
                    foreach (var result in await CommitAsync(transaction, open, store, clock, cancellation).ConfigureAwait(false))
                    {
                        yield return result;
                    }

                    transaction = null;
                    yield return await AloneAsync(store, line, descriptor, command, clock, cancellation).ConfigureAwait(false);
                    continue;
                }

                if (transaction is null)
                {
                    connection ??= store.Storage.Database.CreateConnection();
                    if (connection.State != System.Data.ConnectionState.Open)
                    {
                        await connection.OpenAsync(cancellation).ConfigureAwait(false);
                    }

                    transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
                    age.Restart();
                }

                var wrote = false;
                Exception? tainted = null;
                try
                {
                    await using var session = store.LightweightSession(SessionOptions.ForTransaction(transaction));
                    var result = await OutreachCommands.HandleCoreAsync(session, command, clock, null, (_, _) => wrote = true, cancellation).ConfigureAwait(false);
                    open.Add((line, new BatchLineResult(line.Number, descriptor, result, null)));
                }
                catch (Exception ex) when (!wrote && IsRefusal(ex))
                {
                    // Refused before anything was sent to be written: the batch's transaction is untouched.
                    open.Add((line, new BatchLineResult(line.Number, descriptor, null, ex)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    tainted = ex;
                }

                if (tainted is not null)
                {
                    // It may have written, or the connection may be gone: nothing of this batch is kept, and its lines are
                    // applied again one per transaction, each then getting the result it would have had alone.
                    await RollBackQuietlyAsync(transaction).ConfigureAwait(false);
                    transaction = null;
                    await connection!.DisposeAsync().ConfigureAwait(false);
                    connection = null;
                    open.Add((line, new BatchLineResult(line.Number, descriptor, null, tainted)));
                    var again = open.Select(o => o.Line).ToList();
                    open.Clear();
                    foreach (var each in again)
                    {
                        yield return await AloneAsync(store, each, null, null, clock, cancellation).ConfigureAwait(false);
                    }

                    continue;
                }

                if (open.Count >= batchSize || age.Elapsed > MaxBatchAge)
                {
                    foreach (var result in await CommitAsync(transaction, open, store, clock, cancellation).ConfigureAwait(false))
                    {
                        yield return result;
                    }

                    transaction = null;
                }
            }

            foreach (var result in await CommitAsync(transaction, open, store, clock, cancellation).ConfigureAwait(false))
            {
                yield return result;
            }

            transaction = null;
        }
        finally
        {
            // Left early (cancelled, or the caller stopped reading): an open batch is not kept.
            await RollBackQuietlyAsync(transaction).ConfigureAwait(false);
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>True for a command with work that must follow its committed record (<see cref="IFollowedUpAfterRecord{TState}"/>).</summary>
    private static bool FollowedUpAfterRecord(IOutreachCommand command)
        => FollowedUp.GetOrAdd(command.GetType(), type => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFollowedUpAfterRecord<>)));

    /// <summary>Per command type, once: an import asks for every line.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> FollowedUp = new();

    /// <summary>A refusal by the line's own rules, raised before the write (the transaction is still usable).</summary>
    private static bool IsRefusal(Exception ex) => ex is ValidationException or DomainRuleException or StreamNotFoundException;

    /// <summary>
    /// Commits the open batch and hands back its results in line order. When the commit itself fails, nothing of the batch
    /// was kept, and its lines are applied again one per transaction.
    /// </summary>
    private static async Task<List<BatchLineResult>> CommitAsync(
        NpgsqlTransaction? transaction, List<(BatchLine Line, BatchLineResult Result)> open, IDocumentStore store, TimeProvider? clock, CancellationToken cancellation)
    {
        var results = new List<BatchLineResult>();
        if (transaction is not null)
        {
            try
            {
                await transaction.CommitAsync(cancellation).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                await RollBackQuietlyAsync(transaction).ConfigureAwait(false);
                foreach (var (line, _) in open)
                {
                    results.Add(await AloneAsync(store, line, null, null, clock, cancellation).ConfigureAwait(false));
                }

                open.Clear();
                await transaction.DisposeAsync().ConfigureAwait(false);
                return results;
            }

            await transaction.DisposeAsync().ConfigureAwait(false);
        }

        results.AddRange(open.Select(o => o.Result));
        open.Clear();
        return results;
    }

    /// <summary>One line in its own session and transaction: the ordinary write path.</summary>
    private static async Task<BatchLineResult> AloneAsync(
        IDocumentStore store, BatchLine line, CommandDescriptor? descriptor, IOutreachCommand? command, TimeProvider? clock, CancellationToken cancellation)
    {
        try
        {
            command ??= CommandJson.ParseLine(line.Json);
            descriptor ??= OutreachCommands.For(command.GetType());
            await using var session = store.LightweightSession();
            var result = await session.HandleAsync(command, clock, cancellation: cancellation).ConfigureAwait(false);
            return new BatchLineResult(line.Number, descriptor, result, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new BatchLineResult(line.Number, descriptor, null, ex);
        }
    }

    private static async Task RollBackQuietlyAsync(NpgsqlTransaction? transaction)
    {
        if (transaction is null)
        {
            return;
        }

        try
        {
            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection is gone: so is the transaction.
        }

        await transaction.DisposeAsync().ConfigureAwait(false);
    }
}
