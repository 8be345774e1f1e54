using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Outreach;

/// <summary>
/// A request recorded under a client's idempotency key, stored in the same transaction as the events it recorded, so
/// that a retry finds it (also after a restart) and gets the first answer instead of recording twice (ADR 31).
/// </summary>
public sealed record RecordedRequest
{
    /// <summary>The document id: a digest of the actor and the key, so that two people's keys never meet.</summary>
    public string Id { get; init; } = "";

    /// <summary>Who sent the request (the signed-in person).</summary>
    public string Actor { get; init; } = "";

    /// <summary>The command's name.</summary>
    public string Command { get; init; } = "";

    /// <summary>A digest of the command as bound (its fields in JSON): a retry must ask for exactly the same.</summary>
    public string Fingerprint { get; init; } = "";

    /// <summary>The first answer.</summary>
    public CommandResult Result { get; init; } = new(Guid.Empty, 0, []);

    /// <summary>When it was recorded (the store's clock).</summary>
    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The largest key accepted, in characters.</summary>
    public const int MaxKeyLength = 200;

    /// <summary>The document id of <paramref name="key"/> sent by <paramref name="actor"/>.</summary>
    public static string IdOf(string actor, string key)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(actor + "\n" + key)));

    /// <summary>The fingerprint of a bound command.</summary>
    public static string FingerprintOf(IOutreachCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, command.GetType(), CommandJson.Options)));
    }

    /// <summary>The fingerprint of a request as the client sent it (its body), for the command <paramref name="commandName"/>.</summary>
    public static string FingerprintOf(string commandName, string sent)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(commandName + "\n" + sent)));

    /// <summary>Refuses a key that is empty, too long or holds anything but visible ASCII.</summary>
    /// <exception cref="CommandInputException">The key is not usable.</exception>
    public static void EnsureUsableKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            throw new CommandInputException("request.idempotency-key.invalid", MaxKeyLength);
        }
    }
}

/// <summary>The answer to a request sent with an idempotency key.</summary>
/// <param name="Result">What was recorded (the first answer, for a repeat).</param>
/// <param name="IsRepeat">True when the key was seen before and nothing new was recorded now.</param>
public sealed record RequestAnswer(CommandResult Result, bool IsRepeat);

/// <summary>An idempotency key reused for a different request; nothing was recorded. HTTP 422.</summary>
public sealed class IdempotencyKeyReusedException : OutreachException
{
    /// <summary>Creates the refusal for the key and the command it was first used with.</summary>
    public IdempotencyKeyReusedException(string key, string firstCommand) : base("request.idempotency-key.reused", [key, firstCommand]) { }
}
