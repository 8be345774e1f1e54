using Marten;
using Outreach.Access;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Localities;
using Outreach.Rotation;
using Outreach.Units;
using Outreach.Visits;

namespace Outreach.Dashboard;

/// <summary>
/// How recently a locality was visited, as the committee's overview colours it: a locality nobody has visited for a month
/// is the one to send someone to next.
/// </summary>
public enum CoverageBand
{
    /// <summary>Visited this week or last week (at most one whole week ago).</summary>
    Recent,

    /// <summary>Last visited two or three weeks ago: due soon.</summary>
    Due,

    /// <summary>Last visited four weeks ago or more.</summary>
    Late,

    /// <summary>Never visited, nor what it was formed from.</summary>
    Never,
}

/// <summary>One locality in force on the overview's day, with its visits and how recently it was visited.</summary>
/// <param name="Locality">Its coverage (visits rolled up from its predecessors and hamlets).</param>
/// <param name="Band">How recently it was visited.</param>
public sealed record CoverageRow(LocalityCoverage Locality, CoverageBand Band)
{
    /// <summary>The band of a locality last visited <paramref name="weeksSince"/> whole weeks ago (null: never).</summary>
    public static CoverageBand BandOf(int? weeksSince) => weeksSince switch
    {
        null => CoverageBand.Never,
        <= 1 => CoverageBand.Recent,
        <= 3 => CoverageBand.Due,
        _ => CoverageBand.Late,
    };
}

/// <summary>Visits that took place in one ISO week, every unit and visitor together: one bar of the overview's chart.</summary>
/// <param name="Week">The Monday of the week.</param>
/// <param name="Visits">How many visits took place (a visit by a group counts once per visitor code, as in <see cref="VisitCount"/>).</param>
public sealed record WeekBar(DateOnly Week, int Visits);

/// <summary>
/// What waits on one unit head: the escalated difficulties waiting on them or on their unit's cadres, and the overdue
/// steps of the cases their unit's cadres handle. Work that no unit answers for (a city body, a name no unit lists) is
/// grouped under the name as it was recorded, with no unit.
/// </summary>
/// <param name="Who">The head's staff code, or the name as recorded when no unit answers for the work.</param>
/// <param name="Head">The head as a person (name, position, unit), when the unit has a head who is a current member.</param>
/// <param name="UnitName">The unit, when the work belongs to one.</param>
/// <param name="Escalations">Difficulties waiting, one row per person they wait on (the head, or a cadre of the unit).</param>
/// <param name="OverdueCases">Overdue steps of the cases handled in the unit, most overdue first.</param>
public sealed record HeadWork(string Who, StaffMember? Head, string? UnitName, IReadOnlyList<DifficultiesWaiting> Escalations, IReadOnlyList<OverdueCase> OverdueCases)
{
    /// <summary>Open escalated difficulties in all.</summary>
    public int EscalationsOpen => Escalations.Sum(e => e.Open);

    /// <summary>Of those, how many passed their response or solution date.</summary>
    public int EscalationsOverdue => Escalations.Sum(e => e.Overdue);
}

/// <summary>The committee's overview on one day, as every host shows it.</summary>
/// <param name="Today">The day the overview is for.</param>
/// <param name="Coverage">Every locality in force that day, wards and communes first, least recently visited first.</param>
/// <param name="Rota">This week's rota: who goes where (every recorded rota covering the week).</param>
/// <param name="Heads">What waits on each unit head, the most overdue first.</param>
/// <param name="VisitsPerWeek">Visits per week, oldest first, one bar per week of the chart (weeks without visits included).</param>
/// <param name="Freshness">How current the asynchronous views behind coverage, rota, escalations and the chart are.</param>
/// <param name="Staff">Who is who, to name people by name and position with their code beside.</param>
public sealed record Overview(
    DateOnly Today, IReadOnlyList<CoverageRow> Coverage, IReadOnlyList<RotaAssignment> Rota, IReadOnlyList<HeadWork> Heads,
    IReadOnlyList<WeekBar> VisitsPerWeek, ViewFreshness Freshness, StaffDirectory Staff)
{
    /// <summary>The Monday of the overview's week.</summary>
    public DateOnly Week => ProgrammeQueries.MondayOf(Today);

    /// <summary>The overview as <paramref name="scope"/> sees it: only the heads whose work is in scope (the tallies stay whole).</summary>
    public Overview Within(Access.ReadScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.IsEverything ? this : this with { Heads = [.. Heads.Where(h => scope.SeesPerson(h.Head?.Code ?? h.Who))] };
    }
}

/// <summary>One open case in the list of cases: overdue ones first.</summary>
/// <param name="Case">The case.</param>
/// <param name="Next">The authority's next deadline (the most overdue one when several are), if any is running.</param>
/// <param name="DaysOverdue">Calendar days past <paramref name="Next"/>'s due date; null when it is not overdue.</param>
public sealed record CaseListRow(Case Case, CaseDeadline? Next, int? DaysOverdue)
{
    /// <summary>True when the authority missed a deadline that is still running.</summary>
    public bool IsOverdue => DaysOverdue is not null;

    /// <summary>The row without the case's content or parties, as the API lists it.</summary>
    public CaseSummary Summary => new(Case.Id, Case.Number, Case.Kind, Case.Status, Case.Round, Case.LocalityCode, Case.ReceivedAt, Case.ReceivedBy, Next, DaysOverdue);
}

/// <summary>A case in a list: what it is, where it stands and its next deadline; never its content or its parties.</summary>
/// <param name="Id">The case's stream id.</param>
/// <param name="Number">Its paper registry number, if recorded.</param>
/// <param name="Kind">Petition, complaint, denunciation, … as classified.</param>
/// <param name="Status">Where the case stands.</param>
/// <param name="Round">The complaint round (1 or 2; 0 before acceptance).</param>
/// <param name="LocalityCode">The locality it concerns.</param>
/// <param name="ReceivedAt">When it was received.</param>
/// <param name="ReceivedBy">Who received it (a staff code).</param>
/// <param name="Next">The authority's next deadline, if one is running.</param>
/// <param name="DaysOverdue">Calendar days past that deadline; null when it is not overdue.</param>
public sealed record CaseSummary(
    Guid Id, string? Number, CaseKind Kind, CaseStatus Status, int Round, string LocalityCode, DateTimeOffset ReceivedAt, string ReceivedBy, CaseDeadline? Next, int? DaysOverdue);

/// <summary>One page of <see cref="CaseSummary"/> rows, as <c>GET /api/cases</c> answers it.</summary>
/// <param name="Rows">The cases of the page.</param>
/// <param name="Page">The page number (1-based).</param>
/// <param name="PageSize">Cases per page.</param>
/// <param name="Total">Open cases in the reader's scope.</param>
/// <param name="Overdue">Of those, how many are overdue.</param>
/// <param name="PageCount">How many pages there are (at least one).</param>
public sealed record CaseSummaryPage(IReadOnlyList<CaseSummary> Rows, int Page, int PageSize, int Total, int Overdue, int PageCount);

/// <summary>One page of the open cases.</summary>
/// <param name="Rows">The cases of the page.</param>
/// <param name="Page">The page number (1-based).</param>
/// <param name="PageSize">Cases per page.</param>
/// <param name="Total">Open cases in all.</param>
/// <param name="Overdue">Of those, how many are overdue.</param>
public sealed record CaseListPage(IReadOnlyList<CaseListRow> Rows, int Page, int PageSize, int Total, int Overdue)
{
    /// <summary>How many pages there are (at least one).</summary>
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>The page with its rows as <see cref="CaseSummary"/>.</summary>
    public CaseSummaryPage Summaries() => new([.. Rows.Select(r => r.Summary)], Page, PageSize, Total, Overdue, PageCount);
}

/// <summary>A case as its page shows it: the view (state, parties, open deadlines) and its audit (every deadline met or missed, every step, integrity).</summary>
/// <param name="View">The case view, with the library's policies on personal data (no clearance: denouncers stay pseudonymous).</param>
/// <param name="Audit">The case's audit report: its timeline (<see cref="CaseAuditReport.Entries"/>), each legal period's outcome, and its hash-chain check.</param>
public sealed record CaseDossier(CaseView View, CaseAuditReport Audit);

/// <summary>
/// The dashboard's reads (issue 11): the committee's overview, the list of open cases and a case's page. Each one calls the
/// library's own queries; what is grouped or banded here is grouped the same way for every host.
/// </summary>
public static class DashboardQueries
{
    /// <summary>The number of weeks the overview's chart shows.</summary>
    public const int ChartWeeks = 12;

    /// <summary>
    /// The overview of <paramref name="today"/>: coverage, this week's rota, what waits on each unit head and the visits of
    /// the last <paramref name="weeks"/> weeks. Reads the asynchronous views as they are and says how current they are.
    /// </summary>
    /// <param name="store">The store.</param>
    /// <param name="catalogue">The locality catalogue.</param>
    /// <param name="today">The day.</param>
    /// <param name="weeks">How many weeks the chart shows, this week included.</param>
    /// <param name="cancellation">Cancels the reads.</param>
    public static Task<Overview> OverviewAsync(IDocumentStore store, LocalityCatalogue catalogue, DateOnly today, int weeks = ChartWeeks, CancellationToken cancellation = default)
        => OverviewAsync(store, store, catalogue, today, weeks, cancellation);

    /// <summary>
    /// The overview read from <paramref name="store"/> (a standby's), its freshness measured against the latest event of
    /// <paramref name="latest"/> (the primary's), so that replication lag shows as the views' lag (<see cref="DashboardReads"/>).
    /// </summary>
    public static async Task<Overview> OverviewAsync(IDocumentStore store, IDocumentStore latest, LocalityCatalogue catalogue, DateOnly today, int weeks = ChartWeeks, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentOutOfRangeException.ThrowIfLessThan(weeks, 1);
        await using var query = store.QuerySession();
        var coverage = await ProgrammeQueries.CoverageAsync(query, catalogue, today, cancellation).ConfigureAwait(false);
        var monday = ProgrammeQueries.MondayOf(today);
        var rota = await RotaQueries.WeekAsync(query, monday, cancellation).ConfigureAwait(false);
        var waiting = await DifficultyQueries.WaitingAsync(query, today, cancellation).ConfigureAwait(false);
        var overdue = await CaseQueries.OverdueAsync(query, today, cancellation).ConfigureAwait(false);
        var first = monday.AddDays(-7 * (weeks - 1));
        var counts = await ProgrammeQueries.VisitsPerWeekAsync(query, first, today, cancellation).ConfigureAwait(false);
        var units = await query.Query<Unit>().ToListAsync(cancellation).ConfigureAwait(false);
        var staff = await StaffDirectory.LoadAsync(query, cancellation).ConfigureAwait(false);
        var freshness = await OutreachProjections.FreshnessAsync(store, latest, cancellation).ConfigureAwait(false);

        var perWeek = counts.GroupBy(c => c.Week).ToDictionary(g => g.Key, g => g.Sum(c => c.Visits));
        var bars = Enumerable.Range(0, weeks).Select(i => first.AddDays(7 * i)).Select(w => new WeekBar(w, perWeek.GetValueOrDefault(w))).ToArray();
        var rows = coverage.Select(c => new CoverageRow(c, CoverageRow.BandOf(c.WeeksSince)))
            .OrderByDescending(r => r.Locality.IsCommuneLevel).ThenByDescending(r => r.Band).ThenByDescending(r => r.Locality.WeeksSince ?? int.MaxValue)
            .ThenBy(r => r.Locality.Name, StringComparer.Ordinal).ToArray();
        return new Overview(today, rows, rota, HeadsOf(units, staff, waiting, overdue), bars, freshness, staff);
    }

    /// <summary>
    /// Groups escalations and overdue steps per unit head. A difficulty waits on a person by staff code; a case is handled
    /// by its verifier once one is assigned, else by the cadre who received it, recorded as a staff code or a name (with
    /// the office in brackets after it, as paper records write it). A person found among a unit's current members counts
    /// for that unit's current head; anyone else stands for themselves.
    /// </summary>
    public static IReadOnlyList<HeadWork> HeadsOf(
        IReadOnlyList<Unit> units, StaffDirectory staff, IReadOnlyList<DifficultiesWaiting> waiting, IReadOnlyList<OverdueCase> overdue)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(waiting);
        ArgumentNullException.ThrowIfNull(overdue);
        var live = units.Where(u => u.Exists).OrderBy(u => u.Code, StringComparer.Ordinal).ToArray();
        (string Key, Unit? Unit) Owner(string person)
        {
            var unit = live.FirstOrDefault(u => u.Head == person) ?? live.FirstOrDefault(u => u.Members.Any(m => m.IsNamedBy(person)));
            return unit is null ? (person, null) : (unit.Head ?? unit.Code, unit);
        }

        var groups = new Dictionary<string, (Unit? Unit, List<DifficultiesWaiting> Escalations, List<OverdueCase> Cases)>(StringComparer.Ordinal);
        (Unit? Unit, List<DifficultiesWaiting> Escalations, List<OverdueCase> Cases) Group(string person)
        {
            var (key, unit) = Owner(person);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = (unit, [], []);
            }

            return group;
        }

        foreach (var row in waiting)
        {
            Group(row.WaitingOn).Escalations.Add(row);
        }

        foreach (var step in overdue)
        {
            Group(HandlerOf(step.Case)).Cases.Add(step);
        }

        return [.. groups
            .Select(g => new HeadWork(g.Key, g.Value.Unit?.Head is { } head ? staff.Find(head) : staff.Find(g.Key), g.Value.Unit?.Name, g.Value.Escalations, g.Value.Cases))
            .OrderByDescending(h => h.OverdueCases.Count + h.EscalationsOverdue)
            .ThenByDescending(h => h.OverdueCases.Count + h.EscalationsOpen)
            .ThenBy(h => h.Who, StringComparer.Ordinal)];
    }

    /// <summary>Who handles a case now: its verifier once assigned, else the cadre who received it.</summary>
    public static string HandlerOf(Case state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Legal.Verifier is { Length: > 0 } verifier ? verifier : state.ReceivedBy;
    }

    /// <summary>
    /// The person a recorded actor names, when a unit lists them (by code, name, or name with office); null for anyone else.
    /// Cases record actors as paper records write them, so a case's page finds the person behind a name this way.
    /// </summary>
    public static StaffMember? PersonOf(IReadOnlyList<Unit> units, StaffDirectory staff, string recorded)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(staff);
        if (staff.Find(recorded) is { } byCode)
        {
            return byCode;
        }

        var member = units.Where(u => u.Exists).SelectMany(u => u.Members).FirstOrDefault(m => m.IsNamedBy(recorded));
        return member is null ? null : staff.Find(member.CadreCode);
    }

    /// <summary>
    /// One page of the open cases (not yet in a final status): overdue ones first, the most overdue first, then by their
    /// next due date, then those with no deadline running. Ordered and paged in the database on the indexed next due date.
    /// </summary>
    /// <param name="session">A query session.</param>
    /// <param name="today">The day overdue is judged on.</param>
    /// <param name="page">The page (1-based; a page past the end is empty).</param>
    /// <param name="pageSize">Cases per page (1 to 200).</param>
    /// <param name="cancellation">Cancels the reads.</param>
    /// <param name="scope">Whose cases the reader sees (<see cref="ReadScope"/>); none for every case.</param>
    public static async Task<CaseListPage> OpenCasesAsync(
        IQuerySession session, DateOnly today, int page = 1, int pageSize = 25, ReadScope? scope = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, 200);
        var open = Enum.GetValues<CaseStatus>().Where(s => !CaseState.IsFinal(s)).ToArray();
        IQueryable<Case> Open()
        {
            var cases = session.Query<Case>().Where(c => c.Status.IsOneOf(open));
            if (scope is { IsEverything: false })
            {
                // The same rule as ReadScope.SeesCase, asked of the database: received or verified by someone in scope.
                cases = cases.Where(scope.CasePredicate());
            }

            return cases;
        }

        var total = await Open().CountAsync(cancellation).ConfigureAwait(false);
        var overdue = await Open().CountAsync(c => c.NextObligationDue != null && c.NextObligationDue < today, cancellation).ConfigureAwait(false);
        var withDue = await Open().CountAsync(c => c.NextObligationDue != null, cancellation).ConfigureAwait(false);
        var skip = (page - 1) * pageSize;
        var cases = new List<Case>(pageSize);
        if (skip < withDue)
        {
            cases.AddRange(await Open().Where(c => c.NextObligationDue != null)
                .OrderBy(c => c.NextObligationDue).ThenBy(c => c.Id).Skip(skip).Take(pageSize).ToListAsync(cancellation).ConfigureAwait(false));
        }

        if (cases.Count < pageSize)
        {
            cases.AddRange(await Open().Where(c => c.NextObligationDue == null)
                .OrderBy(c => c.Id).Skip(Math.Max(0, skip - withDue)).Take(pageSize - cases.Count).ToListAsync(cancellation).ConfigureAwait(false));
        }

        var rows = cases.Select(c =>
        {
            var next = c.Deadlines.Where(d => d.IsObligation && d.Due is not null).OrderBy(d => d.Due).FirstOrDefault();
            return new CaseListRow(c, next, next is not null && next.IsOverdue(today) ? today.DayNumber - next.Due!.Value.DayNumber : null);
        }).ToArray();
        return new CaseListPage(rows, page, pageSize, total, overdue);
    }

    /// <summary>
    /// A case's page: its view (no clearance, so a denouncer stays pseudonymous) and its audit report as of
    /// <paramref name="today"/> (every step, every legal period's outcome, the stream's hash-chain check).
    /// </summary>
    /// <exception cref="CaseNotFoundException">No case has that id or number.</exception>
    public static async Task<CaseDossier> CaseAsync(IDocumentStore store, string idOrNumber, DateOnly today, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var view = await CaseReading.ShowAsync(store, new CaseRequest(idOrNumber) { Today = today }, cancellation).ConfigureAwait(false);
        var audit = await CaseAudit.LoadAsync(store, view.Id, today: today, cancellation: cancellation).ConfigureAwait(false)
            ?? throw new CaseNotFoundException(view.Id);
        return new CaseDossier(view, audit);
    }
}
