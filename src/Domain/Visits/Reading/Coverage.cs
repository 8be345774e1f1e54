using System.Globalization;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Outreach.Localities;

namespace Outreach.Visits;

/// <summary>How well a locality in force today has been covered by visits, history rolled up from its predecessors.</summary>
/// <param name="LocalityCode">The locality (in force on the report's day).</param>
/// <param name="Name">Its name that day.</param>
/// <param name="IsCommuneLevel">Commune/ward (true) or hamlet/quarter.</param>
/// <param name="Visits">Visits that took place here, or in what it was formed from (hamlets count for their commune).</param>
/// <param name="LastVisit">The day of the latest visit, if any.</param>
/// <param name="WeeksSince">Whole weeks since the latest visit, if any.</param>
public sealed record LocalityCoverage(string LocalityCode, string Name, bool IsCommuneLevel, int Visits, DateOnly? LastVisit, int? WeeksSince)
{
    /// <summary>True when no visit ever reached the locality or what it was formed from.</summary>
    public bool NeverVisited => Visits == 0;
}

/// <summary>Visits that took place, counted by week, unit and visitor.</summary>
/// <param name="Week">The Monday of the ISO week.</param>
/// <param name="UnitId">The sending unit.</param>
/// <param name="Visitor">A cadre or group code.</param>
/// <param name="Visits">How many visits.</param>
public sealed record VisitCount(DateOnly Week, Guid UnitId, string Visitor, int Visits);

/// <summary>Guidance sessions given on one topic.</summary>
/// <param name="Topic">The topic.</param>
/// <param name="Sessions">How many sessions.</param>
/// <param name="Attendees">How many local officials attended in all.</param>
/// <param name="Localities">In how many different localities.</param>
public sealed record GuidanceByTopic(GuidanceTopic Topic, int Sessions, int Attendees, int Localities);

/// <summary>One line of a locality's history page: a visit, a difficulty or a petition, named as the place was then.</summary>
/// <param name="On">The day.</param>
/// <param name="Kind">A visit, a difficulty or a petition.</param>
/// <param name="Place">The place as it was named that day.</param>
/// <param name="What">What happened, as values (<see cref="LocalityHistoryLine.Describe"/> says it in the reader's language).</param>
public sealed record LocalityHistoryEntry(DateOnly On, LocalityHistoryKind Kind, string Place, LocalityHistoryLine What)
{
    /// <summary>The stream id of the visit, difficulty or petition.</summary>
    public Guid Id => What.Id;

    /// <summary>What happened, in one sentence in <paramref name="culture"/> (Vietnamese or English; the current UI culture when null).</summary>
    public string Summary(CultureInfo? culture = null) => What.Describe(culture);
}

/// <summary>The programme's reports over field visits.</summary>
public static class ProgrammeQueries
{
    /// <summary>
    /// Coverage of every locality in force on <paramref name="today"/>: visits to a locality that was later merged count for
    /// its successor, and visits to a hamlet count for the commune or ward it belongs to today.
    /// </summary>
    public static async Task<IReadOnlyList<LocalityCoverage>> CoverageAsync(IQuerySession session, LocalityCatalogue catalogue, DateOnly today, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(catalogue);

        // One row per recorded locality code (the async view LocalityVisits), rolled up to today's units here.
        var rows = await session.Query<LocalityVisits>().ToListAsync(cancellation).ConfigureAwait(false);
        var byLocality = new Dictionary<string, (int Visits, DateOnly? Last)>(StringComparer.Ordinal);
        void Count(string code, LocalityVisits row)
        {
            var (visits, last) = byLocality.GetValueOrDefault(code);
            byLocality[code] = (visits + row.Visits, last is null || row.LastVisit > last ? row.LastVisit : last);
        }

        foreach (var row in rows)
        {
            var locality = catalogue.Find(row.Id);
            if (locality is { IsCommuneLevel: false })
            {
                Count(row.Id, row);
            }

            foreach (var unit in catalogue.SuccessorsOn(row.Id, today))
            {
                Count(unit, row);
            }
        }

        return [.. catalogue.InForce(today).Select(l =>
        {
            var (visits, last) = byLocality.GetValueOrDefault(l.Code);
            return new LocalityCoverage(l.Code, catalogue.NameOn(l.Code, today), l.IsCommuneLevel, visits, last, last is { } d ? (today.DayNumber - d.DayNumber) / 7 : null);
        })];
    }

    /// <summary>How many visits took place in all: one row per recorded locality (the async view LocalityVisits).</summary>
    public static async Task<int> VisitsTotalAsync(IQuerySession session, CancellationToken cancellation = default)
        => (await session.Query<LocalityVisits>().Select(r => r.Visits).ToListAsync(cancellation).ConfigureAwait(false)).Sum();

    /// <summary>
    /// Visits that took place, per ISO week (Monday), unit and visitor, oldest week first (the async view WeekVisits): every
    /// week on record, so the rows read grow with the weeks of history. A dashboard passes the weeks it shows instead.
    /// </summary>
    public static Task<IReadOnlyList<VisitCount>> VisitsPerWeekAsync(IQuerySession session, CancellationToken cancellation = default)
        => VisitsPerWeekAsync(session, DateOnly.MinValue, DateOnly.MaxValue, cancellation);

    /// <summary>
    /// Visits that took place in the weeks from <paramref name="from"/> to <paramref name="to"/> (both days included; a week
    /// counts when its Monday lies between them), per week, unit and visitor, oldest week first. The week is indexed, so
    /// the rows read are those weeks' rows only: bounded by the range and the people who went out, not by history.
    /// </summary>
    public static async Task<IReadOnlyList<VisitCount>> VisitsPerWeekAsync(IQuerySession session, DateOnly from, DateOnly to, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var query = from == DateOnly.MinValue && to == DateOnly.MaxValue
            ? session.Query<WeekVisits>()
            : session.Query<WeekVisits>().Where(r => r.Week >= from && r.Week <= to);
        var rows = await query.ToListAsync(cancellation).ConfigureAwait(false);
        return [.. rows.Select(r => new VisitCount(r.Week, r.UnitId, r.Visitor, r.Visits))
            .OrderBy(c => c.Week).ThenBy(c => c.UnitId).ThenBy(c => c.Visitor, StringComparer.Ordinal)];
    }

    /// <summary>Guidance sessions by topic (from visits that took place), most frequent first (the async view TopicGuidance).</summary>
    public static async Task<IReadOnlyList<GuidanceByTopic>> GuidanceByTopicAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        var rows = await session.Query<TopicGuidance>().ToListAsync(cancellation).ConfigureAwait(false);
        return [.. rows.Select(r => new GuidanceByTopic(Enum.Parse<GuidanceTopic>(r.Id), r.Sessions, r.Attendees, r.Localities.Count))
            .OrderByDescending(t => t.Sessions).ThenBy(t => t.Topic)];
    }

    /// <summary>
    /// A locality's history page: its visits, difficulties and petitions — including those recorded under its predecessors
    /// and its hamlets — each named as the place was on the day, newest first. It reads only the lines of those localities
    /// from the async view <see cref="LocalityHistoryLine"/> (ADR 25): a host that runs no daemon catches the views up
    /// first (<see cref="OutreachProjections.CatchUpAsync"/>) and says how current they are.
    /// </summary>
    /// <param name="session">A query session.</param>
    /// <param name="catalogue">The locality catalogue.</param>
    /// <param name="code">The locality.</param>
    /// <param name="today">The date that decides which localities roll up into <paramref name="code"/>.</param>
    /// <param name="asOf">
    /// Time travel: only what had happened by the end of this date (business time), each item as it stood then — its
    /// events are folded up to that day instead of reading today's line.
    /// </param>
    /// <param name="cancellation">Cancels the queries.</param>
    public static async Task<IReadOnlyList<LocalityHistoryEntry>> LocalityHistoryAsync(
        IQuerySession session, LocalityCatalogue catalogue, string code, DateOnly today, DateOnly? asOf = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.Find(code) is null)
        {
            throw catalogue.Problem(code, today)!;
        }

        // Every code whose history rolls up to this locality today, and the locality itself.
        var codes = catalogue.All.Where(l => l.Code == code || catalogue.SuccessorsOn(l.Code, today).Contains(code)).Select(l => l.Code).ToArray();
        var lines = await session.Query<LocalityHistoryLine>().Where(l => l.LocalityCode.IsOneOf(codes)).ToListAsync(cancellation).ConfigureAwait(false);
        if (asOf is { } date)
        {
            lines = await AsOfAsync(session, lines, date, cancellation).ConfigureAwait(false);
        }

        return [.. lines.Select(l => new LocalityHistoryEntry(l.On, l.Kind, catalogue.NameOn(l.LocalityCode, l.On), l)).OrderByDescending(e => e.On).ThenBy(e => e.Id)];
    }

    /// <summary>
    /// Each line's stream folded, with its document's own projection, from the events that had happened by the end of
    /// <paramref name="asOf"/>; streams not yet begun are left out.
    /// </summary>
    private static async Task<IReadOnlyList<LocalityHistoryLine>> AsOfAsync(IQuerySession session, IReadOnlyList<LocalityHistoryLine> lines, DateOnly asOf, CancellationToken cancellation)
    {
        if (lines.Count == 0)
        {
            return [];
        }

        var end = Deadlines.VietnamTime.EndOf(asOf);
        var ids = lines.Select(l => l.Id).ToArray();
        var streams = (await session.Events.QueryAllRawEvents().Where(e => e.StreamId.IsOneOf(ids)).ToListAsync(cancellation).ConfigureAwait(false))
            .Where(e => OutreachEvents.OccurredAt(e.Data) is { } at && at < end)
            .GroupBy(e => e.StreamId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var visits = new VisitProjection();
        var difficulties = new Difficulties.DifficultyProjection();
        var cases = new Cases.CaseProjection(OutreachRegistration.OptionsOf(session.DocumentStore));
        var then = new List<LocalityHistoryLine>();
        foreach (var line in lines)
        {
            if (!streams.TryGetValue(line.Id, out var events))
            {
                continue;
            }

            var folded = line.Kind switch
            {
                LocalityHistoryKind.Visit => Fold(visits, line.Id, events) is { } v ? LocalityHistoryLine.Of(v) : null,
                LocalityHistoryKind.Difficulty => Fold(difficulties, line.Id, events) is { } d ? LocalityHistoryLine.Of(d) : null,
                _ => Fold(cases, line.Id, events) is { } c ? LocalityHistoryLine.Of(c) : null,
            };
            if (folded is not null)
            {
                then.Add(folded);
            }
        }

        return then;
    }

    private static T? Fold<T>(SingleStreamProjection<T, Guid> projection, Guid id, IEnumerable<IEvent> events)
        where T : class
        => events.Aggregate((T?)null, (state, e) => projection.Evolve(state, id, e));

    /// <summary>The visits on which the petition <paramref name="caseId"/> was heard: the case side of <c>HearResident</c>.</summary>
    public static async Task<IReadOnlyList<Guid>> VisitsHearingAsync(IQuerySession session, Guid caseId, CancellationToken cancellation = default)
        => await session.Query<Visit>().Where(v => v.PetitionsHeard.Contains(caseId)).Select(v => v.Id).ToListAsync(cancellation).ConfigureAwait(false);

    /// <summary>The Monday of the ISO week containing <paramref name="day"/>.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
