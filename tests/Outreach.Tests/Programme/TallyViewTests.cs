using Marten;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Tests.Support;
using Outreach.Visits;

namespace Outreach.Tests.Programme;

/// <summary>
/// The dashboards' asynchronous views (ADR 25) against the answer a full scan of the documents gives, after the daemon
/// catches up, after a rebuild, and on a fresh database that replayed the same commands; and their size against history.
/// </summary>
public sealed class TallyViewTests
{
    private static readonly DateTimeOffset Until = new(2020, 6, 30, 12, 0, 0, VietnamTime.Offset);
    private static readonly DateOnly Today = new(2020, 7, 1);
    private static readonly LocalityCatalogue Catalogue = LocalityCatalogue.CaoLanh;
    private static readonly string[] Views = ["LocalityCases", "LocalityVisits", "WeekVisits", "TopicGuidance", "PersonWaiting", "LocalityHistoryLine", "RotaWeek"];

    private readonly List<string> _schemas = [];
    private IReadOnlyList<IReadOnlyList<IOutreachCommand>> _programme = [];
    private DocumentStore _store = null!;
    private string _schema = "";

    [OneTimeSetUp]
    public async Task Record()
    {
        _programme = [.. SampleProgramme.Generate(Until, Catalogue), .. SampleHistory.Generate(60, Until).Select(c => (IReadOnlyList<IOutreachCommand>)[.. c])];
        (_store, _schema) = await RecordAsync(_programme);
    }

    [OneTimeTearDown]
    public async Task Drop()
    {
        _store.Dispose();
        foreach (var schema in _schemas)
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }

    private async Task<(DocumentStore Store, string Schema)> RecordAsync(IEnumerable<IReadOnlyList<IOutreachCommand>> programme)
    {
        var schema = TestDatabase.NewSchemaName();
        _schemas.Add(schema);
        var store = await TestDatabase.CreateStoreAsync(schema);
        foreach (var stream in programme)
        {
            foreach (var command in stream)
            {
                await using var session = store.LightweightSession();
                await session.HandleAsync(command, TimeProvider.System);
            }
        }

        return (store, schema);
    }

    [Test]
    public async Task After_catching_up_every_view_answers_as_a_scan_of_the_documents()
    {
        var freshness = await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        Assert.That(freshness.IsCurrent, Is.True, string.Join(", ", freshness.Views));
        Assert.That(freshness.Views.Select(v => v.Name), Is.EquivalentTo(Views));

        var answers = await AnswersAsync(_store);
        Assert.That(answers, Is.EqualTo(await ScannedAsync(_store)));

        // A dashboard's range of weeks reads those weeks' rows, and they are the weeks of the full answer.
        await using var query = _store.QuerySession();
        var all = await ProgrammeQueries.VisitsPerWeekAsync(query);
        var (from, to) = (all[all.Count / 3].Week, all[all.Count / 2].Week);
        var ranged = await ProgrammeQueries.VisitsPerWeekAsync(query, from, to);
        Assert.That(ranged, Is.EqualTo(all.Where(c => c.Week >= from && c.Week <= to).ToList()));
        Assert.That(ranged, Is.Not.Empty.And.Count.LessThan(all.Count));
        Assert.That(answers, Does.Contain("visits=").And.Contain("guidance=").And.Contain("waiting=").And.Contain("cases=").And.Contain("kind="), "the sample fills every view");
    }

    [Test]
    public async Task A_rebuild_and_a_fresh_replay_give_the_same_answers()
    {
        await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        var live = await AnswersAsync(_store);

        var inline = await InlineAnswersAsync(_store);
        await using (var owner = await OwnerStore.OpenAsync(_schema))
        {
            var rebuilt = await OutreachProjections.RebuildAsync(owner, Views);
            Assert.That(rebuilt.Select(r => r.Name), Is.EqualTo(Views));

            // Every stored view, the inline ones (case details, units, visits, difficulties, rotas) included.
            var all = await OutreachProjections.RebuildAsync(owner);
            Assert.That(all.Select(r => r.Name), Is.EquivalentTo(OutreachProjections.List(owner).Select(p => p.Name)));
            Assert.That(all.Select(r => r.Name), Does.Contain("Case").And.Contain("Visit").And.Contain("LocalityCases"));
        }

        Assert.That(await AnswersAsync(_store), Is.EqualTo(live), "rebuilt from the events");
        Assert.That(await InlineAnswersAsync(_store), Is.EqualTo(inline), "inline views rebuilt from the events");
        Assert.That(await Outreach.Audit.ViewAudit.CheckAsync(_store), Is.Empty, "every document is what its events say");

        var (fresh, _) = await RecordAsync(_programme);
        using (fresh)
        {
            await OutreachProjections.CatchUpAsync(fresh, TimeSpan.FromMinutes(2));
            Assert.That(await AnswersAsync(fresh), Is.EqualTo(live), "a fresh database that replayed the same commands");
            Assert.That(await InlineAnswersAsync(fresh), Is.EqualTo(inline), "inline views of a fresh database that replayed the same commands");
        }
    }

    [Test]
    public async Task An_empty_store_and_a_sequence_number_no_event_took_leave_the_views_current()
    {
        var (store, schema) = await RecordAsync([]);
        using (store)
        {
            var empty = await OutreachProjections.FreshnessAsync(store);
            Assert.That((empty.IsCurrent, empty.HighestSequence), Is.EqualTo((true, 0L)), "no event: nothing to lag behind");

            await using (var session = store.LightweightSession())
            {
                await session.HandleAsync(new Units.RegisterUnit(Guid.NewGuid(), "fresh-1", "Phòng mới", "tester.1", new DateTimeOffset(2024, 3, 4, 9, 0, 0, VietnamTime.Offset)));
            }

            var caught = await OutreachProjections.CatchUpAsync(store, TimeSpan.FromMinutes(1));
            // An append that rolled back (a lost race, a refused insert) takes a sequence number and leaves no event.
            await using (var owner = new Npgsql.NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync()))
            {
                await owner.OpenAsync();
                await using var skip = new Npgsql.NpgsqlCommand($"select nextval('{schema}.mt_events_sequence'); select nextval('{schema}.mt_events_sequence')", owner);
                await skip.ExecuteNonQueryAsync();
            }

            var after = await OutreachProjections.FreshnessAsync(store);
            Assert.That((after.IsCurrent, after.HighestSequence), Is.EqualTo((true, caught.HighestSequence)), "the views have read every event there is");
        }
    }

    [Test]
    public async Task A_view_says_how_far_behind_it_is_until_it_catches_up()
    {
        var (store, _) = await RecordAsync(_programme.Take(40));
        using (store)
        {
            var before = await OutreachProjections.FreshnessAsync(store);
            Assert.That(before.IsCurrent, Is.False);
            Assert.That(before.Views.Select(v => v.Behind), Has.All.EqualTo(before.HighestSequence));

            var after = await OutreachProjections.CatchUpAsync(store, TimeSpan.FromMinutes(2));
            Assert.That((after.IsCurrent, after.HighestSequence), Is.EqualTo((true, before.HighestSequence)));
        }
    }

    [Test]
    public async Task The_rows_a_dashboard_reads_are_bounded_by_places_people_and_topics_not_by_history()
    {
        await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        await using var query = _store.QuerySession();
        var visits = await query.Query<Visit>().CountAsync(v => v.Status == VisitStatus.CarriedOut || v.Status == VisitStatus.Reported);
        var open = await query.Query<Difficulty>().CountAsync(d => d.Status != DifficultyStatus.ResolvedOnSite && d.Status != DifficultyStatus.Solved);
        Assert.That(await query.Query<LocalityVisits>().CountAsync(), Is.LessThanOrEqualTo(Catalogue.All.Count).And.LessThan(visits));
        Assert.That(await query.Query<TopicGuidance>().CountAsync(), Is.LessThanOrEqualTo(Enum.GetValues<GuidanceTopic>().Length));
        Assert.That(await query.Query<PersonWaiting>().CountAsync(), Is.LessThanOrEqualTo(Math.Max(1, open)));
        Assert.That(await query.Query<Outreach.Cases.LocalityCases>().CountAsync(), Is.LessThanOrEqualTo(Catalogue.All.Count).And.LessThan(await query.Query<Outreach.Cases.Case>().CountAsync()));
    }

    /// <summary>What the inline views answer: overdue steps (indexed on the case details) and every case's details view.</summary>
    private static async Task<string> InlineAnswersAsync(IDocumentStore store)
    {
        await using var query = store.QuerySession();
        var overdue = await Outreach.Cases.CaseQueries.OverdueAsync(query, Today);
        var cases = await query.Query<Outreach.Cases.Case>().OrderBy(c => c.Id).ToListAsync();
        var keys = new Outreach.PersonalData.InMemoryPersonKeyStore();
        var views = new List<string>();
        foreach (var c in cases)
        {
            var view = await Outreach.Cases.CaseView.FromAsync(c, Today, keys);
            views.Add(System.Text.Json.JsonSerializer.Serialize(view));
        }

        Assert.That(overdue, Is.Not.Empty, "the sample has overdue steps");
        return string.Join("\n", overdue.Select(o => $"overdue={o.Case.Id}:{o.Deadline.Step}:{o.Deadline.Due}:{o.DaysOverdue}").Concat(views));
    }

    /// <summary>Every view's answer through the library's queries, as text.</summary>
    private static async Task<string> AnswersAsync(IDocumentStore store)
    {
        await using var query = store.QuerySession();
        var coverage = await ProgrammeQueries.CoverageAsync(query, Catalogue, Today);
        var weeks = await ProgrammeQueries.VisitsPerWeekAsync(query);
        var guidance = await ProgrammeQueries.GuidanceByTopicAsync(query);
        var waiting = await DifficultyQueries.WaitingAsync(query, Today);
        var cases = await Outreach.Cases.CaseQueries.ByLocalityAndStatusAsync(query);
        var kinds = await Outreach.Cases.CaseQueries.ByKindAsync(query);
        return Text(coverage, weeks, guidance, waiting) + Cases(cases, kinds);
    }

    private static string Cases(IEnumerable<Outreach.Cases.LocalityStatusCount> cases, IEnumerable<Outreach.Cases.KindCount> kinds)
        => "\n" + string.Join("\n", [.. cases.Select(c => "cases=" + c), .. kinds.Select(k => "kind=" + k)]);

    /// <summary>The same answers computed the way they were before the views: a scan of every visit and difficulty.</summary>
    private static async Task<string> ScannedAsync(IDocumentStore store)
    {
        await using var query = store.QuerySession();
        var visits = (await query.Query<Visit>().ToListAsync()).Where(v => v.TookPlace).ToList();
        var byLocality = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        void Count(string code, DateOnly day)
        {
            if (!byLocality.TryGetValue(code, out var days))
            {
                byLocality[code] = days = [];
            }

            days.Add(day);
        }

        foreach (var visit in visits)
        {
            var day = visit.CarriedOutOn ?? visit.PlannedFor;
            if (Catalogue.Find(visit.LocalityCode) is { IsCommuneLevel: false })
            {
                Count(visit.LocalityCode, day);
            }

            foreach (var unit in Catalogue.SuccessorsOn(visit.LocalityCode, Today))
            {
                Count(unit, day);
            }
        }

        var coverage = Catalogue.InForce(Today).Select(l =>
        {
            var days = byLocality.GetValueOrDefault(l.Code) ?? [];
            DateOnly? last = days.Count > 0 ? days.Max() : null;
            return new LocalityCoverage(l.Code, Catalogue.NameOn(l.Code, Today), l.IsCommuneLevel, days.Count, last, last is { } d ? (Today.DayNumber - d.DayNumber) / 7 : null);
        }).ToList();
        var weeks = visits.SelectMany(v => v.Visitors.Select(visitor => (Week: ProgrammeQueries.MondayOf(v.CarriedOutOn ?? v.PlannedFor), v.UnitId, Visitor: visitor)))
            .GroupBy(x => x).Select(g => new VisitCount(g.Key.Week, g.Key.UnitId, g.Key.Visitor, g.Count()))
            .OrderBy(c => c.Week).ThenBy(c => c.UnitId).ThenBy(c => c.Visitor, StringComparer.Ordinal).ToList();
        var guidance = visits.SelectMany(v => v.Guidance.Select(topic => (Topic: topic, v.LocalityCode, Attendees: v.GuidanceAttendees / Math.Max(1, v.Guidance.Count))))
            .GroupBy(x => x.Topic)
            .Select(g => new GuidanceByTopic(g.Key, g.Count(), g.Sum(x => x.Attendees), g.Select(x => x.LocalityCode).Distinct().Count()))
            .OrderByDescending(t => t.Sessions).ThenBy(t => t.Topic).ToList();
        var open = (await query.Query<Difficulty>().ToListAsync()).Where(d => !d.IsClosed);
        var waiting = open.GroupBy(d => d.AwaitingResponseFrom ?? d.RaisedBy)
            .Select(g => new DifficultiesWaiting(g.Key, g.Count(), g.Count(d => d.IsOverdue(Today)), g.Min(d => d.ResponseDue)))
            .OrderByDescending(w => w.Overdue).ThenBy(w => w.OldestDue ?? DateOnly.MaxValue).ThenBy(w => w.WaitingOn, StringComparer.Ordinal).ToList();
        var all = await query.Query<Outreach.Cases.Case>().ToListAsync();
        var cases = all.GroupBy(c => (c.LocalityCode, c.Status)).Select(g => new Outreach.Cases.LocalityStatusCount(g.Key.LocalityCode, g.Key.Status, g.Count()))
            .OrderBy(r => r.LocalityCode, StringComparer.Ordinal).ThenBy(r => r.Status).ToList();
        var kinds = all.GroupBy(c => c.Kind).Select(g => new Outreach.Cases.KindCount(g.Key, g.Count(c => !Outreach.Cases.CaseState.IsSettledStatus(c.Status)), g.Count(c => Outreach.Cases.CaseState.IsSettledStatus(c.Status))))
            .OrderBy(k => k.Kind).ToList();
        return Text(coverage, weeks, guidance, waiting) + Cases(cases, kinds);
    }

    private static string Text(IEnumerable<LocalityCoverage> coverage, IEnumerable<VisitCount> weeks, IEnumerable<GuidanceByTopic> guidance, IEnumerable<DifficultiesWaiting> waiting)
        => string.Join("\n", [
            .. coverage.Where(c => c.Visits > 0).Select(c => "visits=" + c),
            .. weeks.Select(w => "week=" + w),
            .. guidance.Select(g => "guidance=" + g),
            .. waiting.Select(w => "waiting=" + w),
        ]);
}
