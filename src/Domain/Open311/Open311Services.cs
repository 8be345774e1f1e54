using System.Globalization;
using Outreach.Cases;

namespace Outreach.Open311;

/// <summary>
/// A GeoReport v2 service: a kind of petition a citizen can file through another municipal system. Its
/// <see cref="Code"/> is stable (other systems store it); its name and description come from the resources in the
/// reader's language.
/// </summary>
/// <param name="Code">The stable service code: <c>petition</c>, <c>suggestion</c>, <c>complaint</c> or <c>denunciation</c>.</param>
/// <param name="Kind">The case kind the service stands for (<see cref="CaseKind.Unclassified"/> for <c>petition</c>).</param>
public sealed record Open311Service(string Code, CaseKind Kind)
{
    /// <summary>The service's name in <paramref name="culture"/> (<c>Khiếu nại</c>, <c>Complaint</c>).</summary>
    public string NameIn(CultureInfo culture) => OutreachText.Get("open311.service." + Code + ".name", culture);

    /// <summary>What the service is for and which law governs it, in <paramref name="culture"/>.</summary>
    public string DescriptionIn(CultureInfo culture) => OutreachText.Get("open311.service." + Code + ".description", culture);

    /// <summary>The group every service belongs to (citizen reception and petitions), in <paramref name="culture"/>.</summary>
    public static string GroupIn(CultureInfo culture) => OutreachText.Get("open311.service.group", culture);
}

/// <summary>
/// The services Outreach offers over GeoReport v2: what a citizen can file. A petition is classified by the competent
/// body, not by the citizen (Circular 05/2021/TT-TTCP), so a request posted under any of them is recorded as a received,
/// unclassified petition, and reads as <c>petition</c> until the body classifies it.
/// </summary>
public static class Open311Services
{
    /// <summary>Not yet classified: what every request is until the competent body classifies it.</summary>
    public static Open311Service Petition { get; } = new("petition", CaseKind.Unclassified);

    /// <summary>A suggestion or report (kiến nghị, phản ánh).</summary>
    public static Open311Service Suggestion { get; } = new("suggestion", CaseKind.Suggestion);

    /// <summary>A complaint (khiếu nại).</summary>
    public static Open311Service Complaint { get; } = new("complaint", CaseKind.Complaint);

    /// <summary>A denunciation (tố cáo).</summary>
    public static Open311Service Denunciation { get; } = new("denunciation", CaseKind.Denunciation);

    /// <summary>Every service, in the order the service list shows them.</summary>
    public static IReadOnlyList<Open311Service> All { get; } = [Petition, Suggestion, Complaint, Denunciation];

    /// <summary>The service a case of <paramref name="kind"/> reads as.</summary>
    public static Open311Service Of(CaseKind kind) => All.FirstOrDefault(s => s.Kind == kind) ?? Petition;

    /// <summary>
    /// The service with <paramref name="code"/> (exact, lower case). Refused with <c>open311.service-code.unknown</c>
    /// (<see cref="FailureKind.NotFound"/>) when there is none.
    /// </summary>
    public static Open311Service Find(string code)
        => All.FirstOrDefault(s => string.Equals(s.Code, code, StringComparison.Ordinal))
           ?? throw new Open311RefusedException(FailureKind.NotFound, "open311.service-code.unknown", code, Codes);

    /// <summary>The service codes, comma-separated, for sentences that list them.</summary>
    internal static string Codes => string.Join(", ", All.Select(s => s.Code));
}

/// <summary>
/// A refusal particular to GeoReport v2 that is not bad input: an api_key that is missing or was not issued
/// (<see cref="FailureKind.Forbidden"/>), or a service or token that does not exist (<see cref="FailureKind.NotFound"/>).
/// Bad input is a <see cref="CommandInputException"/>, as everywhere else.
/// </summary>
public sealed class Open311RefusedException : OutreachException
{
    /// <summary>Creates the refusal <paramref name="code"/> of <paramref name="kind"/> with the values of its sentence.</summary>
    public Open311RefusedException(FailureKind kind, string code, params object?[] arguments) : base(code, arguments) => Kind = kind;

    /// <summary>What kind of failure it is, which sets its HTTP status.</summary>
    public FailureKind Kind { get; }
}
