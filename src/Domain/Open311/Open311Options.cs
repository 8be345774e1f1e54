using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Outreach.Open311;

/// <summary>
/// A deployment's GeoReport v2 settings, bound from the <c>Open311</c> configuration section
/// (<c>Open311:ApiKeys:&lt;client-name&gt;=&lt;key&gt;</c>, <c>Open311:Agency</c>, …).
/// </summary>
public sealed class Open311Options
{
    /// <summary>
    /// The keys the city issued, by the name of the system that holds each. A request posted with a key is recorded as
    /// received by that system (the actor of <see cref="Cases.ReceivePetition"/>). Keep them out of source control.
    /// </summary>
    public Dictionary<string, string> ApiKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The body answerable for requests nobody transferred elsewhere (<c>agency_responsible</c>); default: the city's People's Committee, in the reader's language.</summary>
    public string? Agency { get; set; }

    /// <summary>Who other systems contact about the service (discovery's <c>contact</c>); default: the citizen reception office, in the reader's language.</summary>
    public string? Contact { get; set; }

    /// <summary>The longest span of a request search, in days, and its default window back from now (GeoReport v2: 90).</summary>
    public int WindowDays { get; set; } = 90;

    /// <summary>The most requests one search returns, newest first (GeoReport v2: 1,000).</summary>
    public int MaxRequests { get; set; } = 1000;

    /// <summary>The body answerable for requests, in <paramref name="culture"/>.</summary>
    public string AgencyIn(CultureInfo culture) => string.IsNullOrWhiteSpace(Agency) ? OutreachText.Get("open311.agency.default", culture) : Agency;

    /// <summary>Who to contact about the service, in <paramref name="culture"/>.</summary>
    public string ContactIn(CultureInfo culture) => string.IsNullOrWhiteSpace(Contact) ? OutreachText.Get("open311.discovery.contact", culture) : Contact;

    /// <summary>
    /// The name of the system that holds <paramref name="apiKey"/>. Refused (<see cref="FailureKind.Forbidden"/>) with
    /// <c>open311.api-key.missing</c> when no key was given and <c>open311.api-key.wrong</c> when the city did not issue it.
    /// </summary>
    public string ClientOf(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new Open311RefusedException(FailureKind.Forbidden, "open311.api-key.missing");
        }

        return FindClient(apiKey) ?? throw new Open311RefusedException(FailureKind.Forbidden, "open311.api-key.wrong");
    }

    /// <summary>
    /// The name of the system that holds <paramref name="apiKey"/>, or null. Every issued key is compared, in constant
    /// time, over the keys' SHA-256 digests: neither the time taken nor an early exit tells a caller how much of a key it
    /// guessed, or how long a key is.
    /// </summary>
    public string? FindClient(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        string? found = null;
        foreach (var (client, key) in ApiKeys)
        {
            if (string.IsNullOrEmpty(key))
            {
                continue;
            }

            var match = CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            found = match && found is null ? client : found;
        }

        return found;
    }
}
