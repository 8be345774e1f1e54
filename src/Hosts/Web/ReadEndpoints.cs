using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Outreach.Access;
using Outreach.Cases;
using Outreach.Dashboard;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Visits;

namespace Outreach.Web;

/// <summary>A read model as the web host answers it: the rows, and how current the asynchronous views behind them are.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Rows">The answer.</param>
/// <param name="Views">How far the asynchronous views lag behind the latest event (ADR 25); empty for inline views.</param>
internal sealed record ViewAnswer<T>(IReadOnlyList<T> Rows, ViewFreshness? Views);

/// <summary>The read models over HTTP: one group per stream, each endpoint a call to the library's queries.</summary>
internal static class ReadEndpoints
{
    /// <summary>Maps <c>/api/cases</c>, <c>/api/programme</c>, <c>/api/difficulties</c> and <c>/api/views</c>.</summary>
    public static WebApplication MapOutreachReads(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Every read needs a signed-in person and may be refused with problem details (a bad date: 400; outside the reader's
        // scope: 403; an unknown case: 404). Rows naming people or cases are limited to the reader's scope (ReadScope).
        var api = app.MapGroup("/api").RequireOutreachPerson()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        var cases = api.MapGroup("/cases").WithTags("Cases");
        cases.MapGet("/", CasesAsync).WithName("GetOpenCases").WithSummary("The open cases in the reader's scope, overdue first (page, pageSize up to 200); no content or parties.");
        cases.MapGet("/{idOrNumber}", CaseAsync).WithName("GetCase").WithSummary("A case's details and open deadlines; asOf (yyyy-MM-dd) or version for the past.");
        cases.MapGet("/overdue", OverdueAsync).WithName("GetOverdueSteps").WithSummary("Steps past their legal deadline on a day (default today).");
        cases.MapGet("/by-locality", ByLocalityAsync).WithName("GetCasesByLocality").WithSummary("Cases per locality and status.");
        var programme = api.MapGroup("/programme").WithTags("Programme");
        programme.MapGet("/coverage", CoverageAsync).WithName("GetCoverage").WithSummary("Visits per locality in force on a day, rolled up through mergers.");
        programme.MapGet("/visits-per-week", VisitsPerWeekAsync).WithName("GetVisitsPerWeek").WithSummary("Visits per week, unit and visitor in a range of weeks.");
        programme.MapGet("/rota", RotaAsync).WithName("GetRotaWeek").WithSummary("Who visits which locality in a week (default this week).");
        programme.MapGet("/localities/{code}/history", LocalityHistoryAsync).WithName("GetLocalityHistory")
            .WithSummary("A locality's visits, difficulties and petitions, named as the place was then; asOf (yyyy-MM-dd) for the past.");
        programme.MapGet("/units", UnitsAsync).WithName("GetUnits").WithSummary("The units, their members, heads and visiting groups.");
        programme.MapGet("/guidance", GuidanceAsync).WithName("GetGuidanceByTopic").WithSummary("Guidance sessions by topic.");
        var visits = api.MapGroup("/visits").WithTags("Visits");
        visits.MapGet("/{id:guid}", VisitAsync).WithName("GetVisit").WithSummary("One visit; asOf (yyyy-MM-dd) or version for the past. The ETag is its version.");
        var difficulties = api.MapGroup("/difficulties").WithTags("Difficulties");
        difficulties.MapGet("/{id:guid}", DifficultyAsync).WithName("GetDifficulty").WithSummary("One difficulty; asOf (yyyy-MM-dd) or version for the past. The ETag is its version.");
        difficulties.MapGet("/waiting", WaitingAsync).WithName("GetDifficultiesWaiting").WithSummary("Difficulties waiting for each person, with the earliest due date.");
        api.MapGet("/views", FreshnessAsync).WithTags("Views").WithName("GetViewFreshness").WithSummary("How far each asynchronous view lags behind the latest event.");
        return app;
    }

    private static async Task<Ok<CaseSummaryPage>> CasesAsync(string? page, string? pageSize, HttpContext context, [FromKeyedServices(WebTenancy.Dashboard)] IQuerySession session, IQuerySession primary, TimeProvider clock, CancellationToken ct)
    {
        var number = (int)(QueryInput.Number(page, "page", 1, 1_000_000) ?? 1);
        var size = (int)(QueryInput.Number(pageSize, "pageSize", 1, 200) ?? 25);
        var scope = await ScopeAsync(context, primary, clock, ct).ConfigureAwait(false);
        var rows = await DashboardQueries.OpenCasesAsync(session, VietnamTime.Today(clock), number, size, scope, ct).ConfigureAwait(false);
        return TypedResults.Ok(rows.Summaries());
    }

    private static async Task<Ok<Visit>> VisitAsync(Guid id, string? asOf, string? version, HttpContext context, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (at, upTo) = PastOf(asOf, version);
        var scope = await ScopeAsync(context, session, clock, ct).ConfigureAwait(false);
        var found = await VisitReading.FindAsync(session, id, at, upTo, ct).ConfigureAwait(false);
        scope.EnsureSeesVisit(found.State);
        context.Response.Headers.ETag = $"\"{found.Version}\"";
        return TypedResults.Ok(found.State);
    }

    private static async Task<Ok<Difficulty>> DifficultyAsync(Guid id, string? asOf, string? version, HttpContext context, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var (at, upTo) = PastOf(asOf, version);
        var scope = await ScopeAsync(context, session, clock, ct).ConfigureAwait(false);
        var found = await DifficultyReading.FindAsync(session, id, at, upTo, ct).ConfigureAwait(false);
        scope.EnsureSeesDifficulty(found.State);
        context.Response.Headers.ETag = $"\"{found.Version}\"";
        return TypedResults.Ok(found.State);
    }

    /// <summary>The end of the <c>asOf</c> day and the <c>version</c> a read of the past is cut at.</summary>
    private static (DateTimeOffset? AsOf, long? Version) PastOf(string? asOf, string? version)
        => (QueryInput.Date(asOf, "asOf") is { } day ? VietnamTime.EndOf(day).AddTicks(-1) : null, QueryInput.Number(version, "version", 1, long.MaxValue));

    private static async Task<Ok<CaseView>> CaseAsync(
        string idOrNumber, string? asOf, string? version, string? purpose, HttpContext context, IQuerySession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        idOrNumber = Slashed(idOrNumber);
        var day = QueryInput.Date(asOf, "asOf");
        var scope = await ScopeAsync(context, session, clock, ct).ConfigureAwait(false);
        if (await CaseQueries.FindAsync(session, idOrNumber, ct).ConfigureAwait(false) is { } found)
        {
            scope.EnsureSeesCase(found);
        }

        // A denouncer's identity only under a clearance held by the signed-in person; the library records the reading first.
        var clearance = context.Request.Headers["X-Clearance-Code"].ToString() is { Length: > 0 } code
            ? new ClearanceRequest(WebIdentity.PersonOf(context).StaffCode, code, purpose ?? "")
            : null;
        var request = new CaseRequest(idOrNumber)
        {
            AsOf = day is { } d ? VietnamTime.EndOf(d).AddTicks(-1) : null,
            Version = QueryInput.Number(version, "version", 1, long.MaxValue),
            Today = day ?? VietnamTime.Today(clock),
            Clearance = clearance,
        };
        return TypedResults.Ok(await CaseReading.ShowAsync(store, request, ct).ConfigureAwait(false));
    }

    private static async Task<Ok<ViewAnswer<OverdueCase>>> OverdueAsync(string? on, HttpContext context, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var scope = await ScopeAsync(context, session, clock, ct).ConfigureAwait(false);
        var rows = await CaseQueries.OverdueAsync(session, QueryInput.Date(on, "on") ?? VietnamTime.Today(clock), ct).ConfigureAwait(false);
        return Answer([.. rows.Where(r => scope.SeesCase(r.Case))], null);
    }

    private static async Task<Ok<ViewAnswer<LocalityStatusCount>>> ByLocalityAsync([FromKeyedServices(WebTenancy.Dashboard)] IQuerySession session, DashboardReads reads, CancellationToken ct)
        => Answer(await CaseQueries.ByLocalityAndStatusAsync(session, ct).ConfigureAwait(false), await reads.FreshnessAsync(ct).ConfigureAwait(false));

    private static async Task<Ok<ViewAnswer<LocalityCoverage>>> CoverageAsync(
        string? on, [FromKeyedServices(WebTenancy.Dashboard)] IQuerySession session, DashboardReads reads, IOptions<OutreachOptions> options, TimeProvider clock, CancellationToken ct)
        => Answer(await ProgrammeQueries.CoverageAsync(session, options.Value.Localities, QueryInput.Date(on, "on") ?? VietnamTime.Today(clock), ct).ConfigureAwait(false),
            await reads.FreshnessAsync(ct).ConfigureAwait(false));

    private static async Task<Ok<ViewAnswer<VisitCount>>> VisitsPerWeekAsync(
        string? from, string? to, HttpContext context, [FromKeyedServices(WebTenancy.Dashboard)] IQuerySession session, IQuerySession primary, DashboardReads reads, TimeProvider clock, CancellationToken ct)
    {
        var scope = await ScopeAsync(context, primary, clock, ct).ConfigureAwait(false);
        // Default: the last 12 weeks, the dashboard's chart.
        var end = QueryInput.Date(to, "to") ?? VietnamTime.Today(clock);
        var start = QueryInput.Date(from, "from") ?? ProgrammeQueries.MondayOf(end).AddDays(-7 * 11);
        QueryInput.EnsureOrdered(start, end, "from", "to");
        var rows = await ProgrammeQueries.VisitsPerWeekAsync(session, ProgrammeQueries.MondayOf(start), end, ct).ConfigureAwait(false);
        return Answer([.. rows.Where(r => scope.SeesUnit(r.UnitId))], await reads.FreshnessAsync(ct).ConfigureAwait(false));
    }

    private static async Task<Ok<ViewAnswer<GuidanceByTopic>>> GuidanceAsync([FromKeyedServices(WebTenancy.Dashboard)] IQuerySession session, DashboardReads reads, CancellationToken ct)
        => Answer(await ProgrammeQueries.GuidanceByTopicAsync(session, ct).ConfigureAwait(false), await reads.FreshnessAsync(ct).ConfigureAwait(false));

    private static async Task<Ok<ViewAnswer<DifficultiesWaiting>>> WaitingAsync(
        string? on, HttpContext context, [FromKeyedServices(WebTenancy.Dashboard)] IQuerySession session, IQuerySession primary, DashboardReads reads, TimeProvider clock, CancellationToken ct)
    {
        var scope = await ScopeAsync(context, primary, clock, ct).ConfigureAwait(false);
        var rows = await DifficultyQueries.WaitingAsync(session, QueryInput.Date(on, "on") ?? VietnamTime.Today(clock), ct).ConfigureAwait(false);
        return Answer([.. rows.Where(r => scope.SeesPerson(r.WaitingOn))], await reads.FreshnessAsync(ct).ConfigureAwait(false));
    }

    /// <summary>
    /// A registry number as a path segment (<c>12%2F2024%2FTCD</c>): the router decodes everything in a segment but its
    /// escaped slashes, which would split it; they are put back here, so that a case is found by its number as by its id.
    /// </summary>
    internal static string Slashed(string idOrNumber) => idOrNumber.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whose work the signed-in reader sees today.</summary>

    internal static Task<ReadScope> ScopeAsync(HttpContext context, IQuerySession session, TimeProvider clock, CancellationToken ct)
        => ReadScope.OfAsync(session, WebIdentity.PersonOf(context), VietnamTime.Today(clock), ct);

    private static async Task<Ok<ViewAnswer<Rotation.RotaAssignment>>> RotaAsync(
        string? week, HttpContext context, [FromKeyedServices(WebTenancy.Dashboard)] IQuerySession session, IQuerySession primary, DashboardReads reads, TimeProvider clock, CancellationToken ct)
    {
        var scope = await ScopeAsync(context, primary, clock, ct).ConfigureAwait(false);
        var monday = ProgrammeQueries.MondayOf(QueryInput.Date(week, "week") ?? VietnamTime.Today(clock));
        var rows = await Rotation.RotaQueries.WeekAsync(session, monday, ct).ConfigureAwait(false);
        return Answer([.. rows.Where(r => scope.SeesPerson(r.Visitor))], await reads.FreshnessAsync(ct).ConfigureAwait(false));
    }

    private static async Task<Ok<IReadOnlyList<LocalityHistoryEntry>>> LocalityHistoryAsync(
        string code, string? asOf, IQuerySession session, IOptions<OutreachOptions> options, TimeProvider clock, CancellationToken ct)
        => TypedResults.Ok(await ProgrammeQueries.LocalityHistoryAsync(session, options.Value.Localities, code, VietnamTime.Today(clock), QueryInput.Date(asOf, "asOf"), ct).ConfigureAwait(false));

    private static async Task<Ok<IReadOnlyList<Units.Unit>>> UnitsAsync(IQuerySession session, CancellationToken ct)
        => TypedResults.Ok<IReadOnlyList<Units.Unit>>(await session.Query<Units.Unit>().OrderBy(u => u.Name).ToListAsync(ct).ConfigureAwait(false));

    private static async Task<Ok<ViewFreshness>> FreshnessAsync(DashboardReads reads, CancellationToken ct)
        => TypedResults.Ok(await reads.FreshnessAsync(ct).ConfigureAwait(false));

    private static Ok<ViewAnswer<T>> Answer<T>(IReadOnlyList<T> rows, ViewFreshness? views) => TypedResults.Ok(new ViewAnswer<T>(rows, views));
}
