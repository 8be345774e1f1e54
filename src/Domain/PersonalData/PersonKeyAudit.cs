using System.Globalization;
using System.Text.Json.Serialization;
using Marten;
using Outreach.Audit;
using Outreach.Cases;

namespace Outreach.PersonalData;

/// <summary>One thing wrong between the history's sealed identities and the key store.</summary>
/// <param name="Code">
/// <c>key-missing</c> (no key, no recorded erasure), <c>key-unreadable</c> (damaged key or data),
/// <c>key-erased-unrecorded</c> (the store says erased, the history records no erasure) or <c>key-not-destroyed</c>
/// (the history records an erasure, the key still exists).
/// </param>
/// <param name="PersonId">The person.</param>
/// <param name="CaseId">The case whose petition sealed their identity.</param>
/// <param name="Explanation">A sentence for a person, in English (<see cref="ExplanationIn"/> gives it in another language).</param>
public sealed record PersonKeyProblem(string Code, Guid PersonId, Guid CaseId, string Explanation)
{
    /// <summary>The code of the explanation's text in the resources (<c>finding.…</c>), or none for an explanation given as a plain sentence.</summary>
    [JsonIgnore]
    public string? TextKey { get; init; }

    /// <summary>The values the explanation's text is filled with.</summary>
    [JsonIgnore]
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    /// <summary>The explanation in <paramref name="culture"/> (Vietnamese or English).</summary>
    public string ExplanationIn(CultureInfo culture) => FindingText.In(TextKey, Arguments, Explanation, culture);

    /// <summary>A problem with the key of <paramref name="personId"/>, explained by the text <c>finding.</c><paramref name="code"/>.</summary>
    internal static PersonKeyProblem Of(string code, Guid personId, Guid caseId, string pseudonym)
    {
        var key = "finding." + code;
        object?[] arguments = [pseudonym, caseId];
        return new(code, personId, caseId, OutreachText.Format(key, OutreachText.English, arguments)) { TextKey = key, Arguments = arguments };
    }
}

/// <summary>
/// Checks every identity sealed in the recorded history against the key store (ADR 18, 20): a key lost or destroyed
/// outside Outreach must not pass as "not erased", and an erasure must really have destroyed the key.
/// </summary>
public static class PersonKeyAudit
{
    /// <summary>Reads the petitions and erasures from the events (never from views) and checks each person's key.</summary>
    public static async Task<IReadOnlyList<PersonKeyProblem>> CheckAsync(IDocumentStore store, IPersonKeyStore keys, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(keys);
        await using var session = store.QuerySession();
        // By stored event name (QueryRawEventDataOnly does not find events stored under a mapped, versioned name).
        var received = OutreachEvents.StoredName(typeof(PetitionReceived));
        var erasure = OutreachEvents.StoredName(typeof(CitizenDataErased));
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.EventTypeName == received || e.EventTypeName == erasure)
            .ToListAsync(cancellation).ConfigureAwait(false);
        var sealedIdentities = events.Select(e => e.Data).OfType<PetitionReceived>().Where(p => p.Citizen is not null).ToList();
        var erased = events.Select(e => e.Data).OfType<CitizenDataErased>().Select(e => e.PersonId).ToHashSet();
        var problems = new List<PersonKeyProblem>();
        foreach (var petition in sealedIdentities)
        {
            var person = petition.Citizen!.PersonId;
            var pseudonym = petition.Citizen.Pseudonym;
            var revealed = await Identities.RevealAsync(petition.Citizen, keys, cancellation).ConfigureAwait(false);
            if (erased.Contains(person))
            {
                if (!await keys.IsErasedAsync(person, cancellation).ConfigureAwait(false) || await SafeFindAsync(keys, person, cancellation).ConfigureAwait(false))
                {
                    problems.Add(PersonKeyProblem.Of("key-not-destroyed", person, petition.CaseId, pseudonym));
                }
            }
            else if (revealed.IsErased)
            {
                problems.Add(PersonKeyProblem.Of("key-erased-unrecorded", person, petition.CaseId, pseudonym));
            }
            else if (revealed.Problem == IdentityProblem.KeyMissing)
            {
                problems.Add(PersonKeyProblem.Of("key-missing", person, petition.CaseId, pseudonym));
            }
            else if (revealed.Problem == IdentityProblem.Unreadable)
            {
                problems.Add(PersonKeyProblem.Of("key-unreadable", person, petition.CaseId, pseudonym));
            }
        }

        return problems;
    }

    private static async ValueTask<bool> SafeFindAsync(IPersonKeyStore keys, Guid person, CancellationToken cancellation)
    {
        try
        {
            return await keys.FindAsync(person, cancellation).ConfigureAwait(false) is not null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or PersonKeyDamagedException)
        {
            return true;
        }
    }
}
