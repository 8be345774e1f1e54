using Marten;
using Microsoft.Extensions.Options;
using Outreach.Cases;
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
        var cases = app.MapGroup("/api/cases").WithTags("Cases");
        cases.MapGet("/{idOrNumber}", CaseAsync).WithName("GetCase").WithSummary("A case's details and open deadlines; asOf (yyyy-MM-dd) or version for the past.");
        cases.MapGet("/overdue", OverdueAsync).WithName("GetOverdueSteps").WithSummary("Steps past their legal deadline on a day (default today).");
        cases.MapGet("/by-locality", ByLocalityAsync).WithName("GetCasesByLocality").WithSummary("Cases per locality and status.");
        var programme = app.MapGroup("/api/programme").WithTags("Programme");
        programme.MapGet("/coverage", CoverageAsync).WithName("GetCoverage").WithSummary("Visits per locality in force on a day, rolled up through mergers.");
        programme.MapGet("/visits-per-week", VisitsPerWeekAsync).WithName("GetVisitsPerWeek").WithSummary("Visits per week, unit and visitor in a range of weeks.");
        programme.MapGet("/guidance", GuidanceAsync).WithName("GetGuidanceByTopic").WithSummary("Guidance sessions by topic.");
        var difficulties = app.MapGroup("/api/difficulties").WithTags("Difficulties");
        difficulties.MapGet("/waiting", WaitingAsync).WithName("GetDifficultiesWaiting").WithSummary("Difficulties waiting for each person, with the earliest due date.");
        app.MapGet("/api/views", FreshnessAsync).WithTags("Views").WithName("GetViewFreshness").WithSummary("How far each asynchronous view lags behind the latest event.");
        return app;
    }

    private static async Task<CaseView> CaseAsync(string idOrNumber, string? asOf, long? version, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var day = QueryInput.Date(asOf, "asOf");
        var request = new CaseRequest(idOrNumber)
        {
            AsOf = day is { } d ? VietnamTime.EndOf(d).AddTicks(-1) : null,
            Version = version,
            Today = day ?? VietnamTime.Today(clock),
        };
        return await CaseReading.ShowAsync(store, request, ct).ConfigureAwait(false);
    }

    private static async Task<ViewAnswer<OverdueCase>> OverdueAsync(string? on, IQuerySession session, TimeProvider clock, CancellationToken ct)
        => new(await CaseQueries.OverdueAsync(session, QueryInput.Date(on, "on") ?? VietnamTime.Today(clock), ct).ConfigureAwait(false), null);

    private static async Task<ViewAnswer<LocalityStatusCount>> ByLocalityAsync(IQuerySession session, IDocumentStore store, CancellationToken ct)
        => new(await CaseQueries.ByLocalityAndStatusAsync(session, ct).ConfigureAwait(false), await OutreachProjections.FreshnessAsync(store, ct).ConfigureAwait(false));

    private static async Task<ViewAnswer<LocalityCoverage>> CoverageAsync(
        string? on, IQuerySession session, IDocumentStore store, IOptions<OutreachOptions> options, TimeProvider clock, CancellationToken ct)
        => new(await ProgrammeQueries.CoverageAsync(session, options.Value.Localities, QueryInput.Date(on, "on") ?? VietnamTime.Today(clock), ct).ConfigureAwait(false),
            await OutreachProjections.FreshnessAsync(store, ct).ConfigureAwait(false));

    private static async Task<ViewAnswer<VisitCount>> VisitsPerWeekAsync(string? from, string? to, IQuerySession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        // Default: the last 12 weeks, the dashboard's chart.
        var end = QueryInput.Date(to, "to") ?? VietnamTime.Today(clock);
        var start = QueryInput.Date(from, "from") ?? ProgrammeQueries.MondayOf(end).AddDays(-7 * 11);
        QueryInput.EnsureOrdered(start, end, "from", "to");
        return new(await ProgrammeQueries.VisitsPerWeekAsync(session, ProgrammeQueries.MondayOf(start), end, ct).ConfigureAwait(false),
            await OutreachProjections.FreshnessAsync(store, ct).ConfigureAwait(false));
    }

    private static async Task<ViewAnswer<GuidanceByTopic>> GuidanceAsync(IQuerySession session, IDocumentStore store, CancellationToken ct)
        => new(await ProgrammeQueries.GuidanceByTopicAsync(session, ct).ConfigureAwait(false), await OutreachProjections.FreshnessAsync(store, ct).ConfigureAwait(false));

    private static async Task<ViewAnswer<DifficultiesWaiting>> WaitingAsync(string? on, IQuerySession session, IDocumentStore store, TimeProvider clock, CancellationToken ct)
        => new(await DifficultyQueries.WaitingAsync(session, QueryInput.Date(on, "on") ?? VietnamTime.Today(clock), ct).ConfigureAwait(false),
            await OutreachProjections.FreshnessAsync(store, ct).ConfigureAwait(false));

    private static Task<ViewFreshness> FreshnessAsync(IDocumentStore store, CancellationToken ct) => OutreachProjections.FreshnessAsync(store, ct);
}
