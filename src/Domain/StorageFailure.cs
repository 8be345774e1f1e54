using System.Globalization;
using Npgsql;

namespace Outreach;

/// <summary>The kinds of failure PostgreSQL reports, each with its own message, stable code and (on the console) exit code.</summary>
public enum StorageFailureKind
{
    /// <summary>The server cannot be reached (SQLSTATE class 08, 57P, 53300, a refused or timed-out socket).</summary>
    Unreachable,

    /// <summary>The server refused the login (class 28: wrong password, unknown role, no pg_hba entry).</summary>
    Authentication,

    /// <summary>The role may not do this (42501): for example the application role trying to rewrite history.</summary>
    Privilege,

    /// <summary>The database, schema or a table does not exist (3D000, 3F000, 42P01): not prepared yet.</summary>
    MissingDatabase,

    /// <summary>PostgreSQL refused a value (class 22: a NUL character, an invalid encoding, a number out of range).</summary>
    BadData,

    /// <summary>The same key was written at the same moment by someone else (23505).</summary>
    Duplicate,

    /// <summary>A concurrent transaction won (40001 serialization failure, 40P01 deadlock, 55P03 lock not available).</summary>
    Conflict,

    /// <summary>Any other error the server reported.</summary>
    Other,
}

/// <summary>
/// A PostgreSQL failure translated for people and programs: <see cref="Code"/> is stable (<c>storage.unreachable</c>, …),
/// <see cref="Message"/> says what happened and what to do, in Vietnamese or English. Nothing was recorded by the
/// request that failed: every write runs in one transaction.
/// </summary>
/// <param name="Kind">What went wrong.</param>
/// <param name="SqlState">PostgreSQL's SQLSTATE, or empty when the server was never reached.</param>
/// <param name="Detail">The server's or driver's own words, for the record.</param>
public sealed record StorageFailure(StorageFailureKind Kind, string SqlState, string Detail)
{
    /// <summary>Why the server could not be reached, in the reader's language (the socket's or driver's words are <see cref="Detail"/>).</summary>
    public SystemReason? Reason { get; init; }

    /// <summary>The stable code programs match on.</summary>
    public string Code => Kind switch
    {
        StorageFailureKind.Unreachable => "storage.unreachable",
        StorageFailureKind.Authentication => "storage.authentication",
        StorageFailureKind.Privilege => "storage.privilege",
        StorageFailureKind.MissingDatabase => "storage.missing",
        StorageFailureKind.BadData => "storage.bad-data",
        StorageFailureKind.Duplicate => "storage.duplicate",
        StorageFailureKind.Conflict => "storage.conflict",
        _ => "storage.error",
    };

    /// <summary>
    /// The sentence for a person, in <paramref name="culture"/> (Vietnamese for <c>vi</c>, English otherwise; the current
    /// UI culture when null): the text of <see cref="Code"/> with the SQLSTATE and the server's words.
    /// </summary>
    public string Message(CultureInfo? culture = null)
    {
        var detail = SqlState.Length > 0 ? $"{SqlState}: {Detail}" : Reason?.ToString(null, culture ?? CultureInfo.CurrentUICulture) ?? Detail;
        return OutreachText.Format(Code, culture, detail);
    }

    /// <summary>
    /// The storage failure behind <paramref name="exception"/> (looking through wrapping exceptions), or
    /// <see langword="null"/> when it is not one.
    /// </summary>
    public static StorageFailure? From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return new StorageFailure(KindOf(postgres.SqlState), postgres.SqlState, postgres.MessageText);
            }
        }

        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException or System.Net.Sockets.SocketException)
            {
                var innermost = current;
                while (innermost.InnerException is { } inner)
                {
                    innermost = inner;
                }

                return new StorageFailure(StorageFailureKind.Unreachable, string.Empty, innermost.Message.TrimEnd('.')) { Reason = SystemReason.Of(innermost) };
            }
        }

        return null;
    }

    /// <summary>The kind of failure a SQLSTATE stands for.</summary>
    public static StorageFailureKind KindOf(string sqlState)
    {
        ArgumentNullException.ThrowIfNull(sqlState);
        return sqlState switch
        {
            "42501" => StorageFailureKind.Privilege,
            "3D000" or "3F000" or "42P01" or "42883" => StorageFailureKind.MissingDatabase,
            "23505" => StorageFailureKind.Duplicate,
            "40001" or "40P01" or "55P03" => StorageFailureKind.Conflict,
            "53300" or "57P01" or "57P02" or "57P03" => StorageFailureKind.Unreachable,
            _ when sqlState.StartsWith("28", StringComparison.Ordinal) => StorageFailureKind.Authentication,
            _ when sqlState.StartsWith("08", StringComparison.Ordinal) => StorageFailureKind.Unreachable,
            _ when sqlState.StartsWith("22", StringComparison.Ordinal) => StorageFailureKind.BadData,
            _ when sqlState.StartsWith("23", StringComparison.Ordinal) => StorageFailureKind.BadData,
            _ => StorageFailureKind.Other,
        };
    }
}
