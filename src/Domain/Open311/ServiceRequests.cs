using System.Globalization;
using Marten;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Localities;

namespace Outreach.Open311;

/// <summary>
/// A case as GeoReport v2 shows it to other municipal systems: where it stands, who answers for it, by when, and in which
/// commune or ward. It carries no personal data: no citizen's or denouncer's name, number, phone or address, no content
/// (a citizen's own words may name people), no respondent, no receiving cadre, no street address or coordinates.
/// </summary>
/// <param name="ServiceRequestId">The case's paper registry number if it has one, else its id.</param>
/// <param name="CaseId">The case id (also the request's token).</param>
/// <param name="IsClosed">Settled: the dashboards' "settled" (a first decision, or a final status); GeoReport's <c>closed</c>.</param>
/// <param name="StatusNotes">A sentence from the library's texts saying where the case stands; never free text.</param>
/// <param name="Service">The service it reads as (its kind; <c>petition</c> until classified).</param>
/// <param name="AgencyResponsible">The body it was transferred to, else the configured city body.</param>
/// <param name="RequestedAt">When it was received.</param>
/// <param name="UpdatedAt">When its last step happened (business time).</param>
/// <param name="ExpectedAt">The end of the last day of the authority's current legal deadline (Vietnam time); null when closed, none is open, or the clock is stopped.</param>
/// <param name="Address">The name of the locality concerned, as it was named when the case was received (no street address).</param>
/// <param name="AddressId">The locality's code in the catalogue.</param>
public sealed record ServiceRequest(
    string ServiceRequestId, Guid CaseId, bool IsClosed, string StatusNotes, Open311Service Service, string AgencyResponsible,
    DateTimeOffset RequestedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ExpectedAt, string Address, string AddressId)
{
    /// <summary>GeoReport's status: <c>open</c> or <c>closed</c>.</summary>
    public string Status => IsClosed ? "closed" : "open";

    /// <summary>The request of <paramref name="state"/>, with its texts in <paramref name="culture"/>.</summary>
    /// <param name="state">The case-details view, with its deadlines computed by the projection (<see cref="CaseDeadlines"/>).</param>
    /// <param name="options">The deployment's GeoReport settings (the answerable body).</param>
    /// <param name="localities">The locality catalogue the names come from.</param>
    /// <param name="culture">The reader's language.</param>
    public static ServiceRequest From(Case state, Open311Options options, LocalityCatalogue localities, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(localities);
        var closed = CaseState.IsSettledStatus(state.Status);
        var due = closed ? null : state.Deadlines.FirstOrDefault(d => d.IsObligation && d.Due is not null)?.Due;
        var updated = state.Legal.LastOccurredAt == default ? state.ReceivedAt : state.Legal.LastOccurredAt;
        return new ServiceRequest(
            string.IsNullOrWhiteSpace(state.Number) ? state.Id.ToString() : state.Number,
            state.Id,
            closed,
            OutreachText.Get("open311.note." + state.Status, culture),
            Open311Services.Of(state.Kind),
            state.Status == CaseStatus.Transferred && !string.IsNullOrWhiteSpace(state.TransferredTo) ? state.TransferredTo : options.AgencyIn(culture),
            state.ReceivedAt.ToUniversalTime(),
            updated.ToUniversalTime(),
            due is { } d ? VietnamTime.EndOf(d).AddSeconds(-1).ToUniversalTime() : null,
            localities.NameOn(state.LocalityCode, VietnamTime.DateOf(state.ReceivedAt)),
            state.LocalityCode);
    }
}

/// <summary>
/// A search for service requests (GeoReport v2 <c>GET requests</c>), checked: either a list of request ids (which
/// overrides every other filter), or a window of receipt times with optional services and statuses.
/// </summary>
/// <param name="RequestIds">Registry numbers or case ids; when not empty, the other filters are ignored.</param>
/// <param name="Services">Only these services; empty for all.</param>
/// <param name="From">Received at or after.</param>
/// <param name="To">Received at or before.</param>
/// <param name="Closed">Only closed (true) or only open (false) requests; null for both.</param>
public sealed record ServiceRequestQuery(IReadOnlyList<string> RequestIds, IReadOnlyList<Open311Service> Services, DateTimeOffset From, DateTimeOffset To, bool? Closed)
{
    /// <summary>
    /// Checks GeoReport's query parameters as given. The window defaults to the last <see cref="Open311Options.WindowDays"/>
    /// days before <paramref name="now"/> (or that many days after <c>start_date</c>) and may not be longer. Refusals
    /// (<see cref="CommandInputException"/>): <c>open311.date</c>, <c>query.date-range</c>, <c>query.range-reversed</c>,
    /// <c>open311.date-span</c>, <c>open311.status</c>, <c>open311.request-ids.too-many</c>; an unknown service is
    /// <c>open311.service-code.unknown</c>.
    /// </summary>
    public static ServiceRequestQuery Parse(
        string? serviceRequestId, string? serviceCode, string? startDate, string? endDate, string? status, DateTimeOffset now, Open311Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ids = List(serviceRequestId);
        if (ids.Count > options.MaxRequests)
        {
            throw new CommandInputException("open311.request-ids.too-many", options.MaxRequests);
        }

        var services = List(serviceCode).Select(Open311Services.Find).Distinct().ToArray();
        var statuses = List(status);
        if (statuses.FirstOrDefault(s => s is not ("open" or "closed")) is { } wrong)
        {
            throw new CommandInputException("open311.status", wrong);
        }

        bool? closed = statuses.Distinct().Count() == 1 ? statuses[0] == "closed" : null;
        var window = TimeSpan.FromDays(options.WindowDays);
        var start = Instant(startDate, "start_date");
        var end = Instant(endDate, "end_date") ?? (start is { } s ? s + window : now);
        var from = start ?? end - window;
        if (from > end)
        {
            throw new CommandInputException("query.range-reversed", "start_date", from, "end_date", end);
        }

        if (end - from > window)
        {
            throw new CommandInputException("open311.date-span", from, end, options.WindowDays);
        }

        return new ServiceRequestQuery(ids, services, from, end, closed);
    }

    /// <summary>
    /// A GeoReport date and time (W3C/ISO 8601 with <c>Z</c> or an offset, e.g. <c>2026-11-30T02:41:00Z</c>), or a bare
    /// day (<c>2026-11-30</c>, the start of that day in Vietnam); null when nothing was given.
    /// </summary>
    public static DateTimeOffset? Instant(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            QueryInput.Date(text, name);
            return new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset);
        }

        // An offset is required: without one the instant would depend on the server's time zone.
        var hasZone = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^6] is '+' or '-' && text[^3] == ':');
        if (!hasZone || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) || !text.Contains('T', StringComparison.OrdinalIgnoreCase))
        {
            throw new CommandInputException("open311.date", name, value);
        }

        QueryInput.Date(VietnamTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), name);
        return at;
    }

    private static List<string> List(string? value) => string.IsNullOrWhiteSpace(value)
        ? []
        : [.. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}

/// <summary>GeoReport v2 over the case-details view: searching, finding one request, and receiving a posted one.</summary>
public static class ServiceRequests
{
    /// <summary>The requests <paramref name="query"/> asks for, newest first, at most <see cref="Open311Options.MaxRequests"/>.</summary>
    public static async Task<IReadOnlyList<ServiceRequest>> SearchAsync(
        IQuerySession session, ServiceRequestQuery query, Open311Options options, LocalityCatalogue localities, CultureInfo culture, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(options);
        IQueryable<Case> cases = session.Query<Case>();
        if (query.RequestIds.Count > 0)
        {
            var ids = query.RequestIds.Select(r => Guid.TryParse(r, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToArray();
            var numbers = query.RequestIds.Where(r => !Guid.TryParse(r, out _)).ToArray();
            cases = cases.Where(c => ids.Contains(c.Id) || numbers.Contains(c.Number!));
        }
        else
        {
            var (from, to) = (query.From, query.To);
            cases = cases.Where(c => c.ReceivedAt >= from && c.ReceivedAt <= to);
            if (query.Services.Count > 0)
            {
                var kinds = query.Services.Select(s => s.Kind).ToArray();
                cases = cases.Where(c => kinds.Contains(c.Kind));
            }

            if (query.Closed is { } closed)
            {
                var statuses = Enum.GetValues<CaseStatus>().Where(s => CaseState.IsSettledStatus(s) == closed).ToArray();
                cases = cases.Where(c => statuses.Contains(c.Status));
            }
        }

        var rows = await cases.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id).Take(options.MaxRequests).ToListAsync(cancellation).ConfigureAwait(false);
        return [.. rows.Select(c => ServiceRequest.From(c, options, localities, culture))];
    }

    /// <summary>The request with <paramref name="serviceRequestId"/> (a registry number or a case id); <see cref="CaseNotFoundException"/> when there is none.</summary>
    public static async Task<ServiceRequest> FindAsync(
        IQuerySession session, string serviceRequestId, Open311Options options, LocalityCatalogue localities, CultureInfo culture, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(serviceRequestId);
        var state = await CaseQueries.FindAsync(session, serviceRequestId, cancellation).ConfigureAwait(false);
        return state is null
            ? throw (Guid.TryParse(serviceRequestId, out var id) ? new CaseNotFoundException(id) : new CaseNotFoundException(serviceRequestId))
            : ServiceRequest.From(state, options, localities, culture);
    }

    /// <summary>
    /// The request whose <paramref name="token"/> a POST returned (the case id: requests are recorded at once, so a token
    /// never waits). Refused with <c>open311.token.unknown</c> (<see cref="FailureKind.NotFound"/>).
    /// </summary>
    public static async Task<ServiceRequest> ByTokenAsync(
        IQuerySession session, string token, Open311Options options, LocalityCatalogue localities, CultureInfo culture, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var state = Guid.TryParse(token, out var id) ? await CaseQueries.LoadAsync(session, id, cancellation).ConfigureAwait(false) : null;
        return state is { Exists: true }
            ? ServiceRequest.From(state, options, localities, culture)
            : throw new Open311RefusedException(FailureKind.NotFound, "open311.token.unknown", token);
    }
}
