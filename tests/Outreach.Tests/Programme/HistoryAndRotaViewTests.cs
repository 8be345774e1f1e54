using Marten;
using Marten.Services;
using Npgsql;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Rotation;
using Outreach.Tests.Support;
using Outreach.Visits;

namespace Outreach.Tests.Programme;

/// <summary>
/// The async views behind a locality's history page and a week's rota (ADR 25) against what a scan of every document,
/// or a fold of every stream, gives for the same data: after the daemon catches up, after a rebuild, on a fresh database
/// that replayed the same commands, and back in time; and the rows they read against the rows there are.
/// </summary>
public sealed class HistoryAndRotaViewTests
{
    private static readonly DateTimeOffset Until = new(2020, 6, 30, 12, 0, 0, VietnamTime.Offset);
    private static readonly DateOnly Today = new(2020, 7, 1);
    private static readonly LocalityCatalogue Catalogue = LocalityCatalogue.CaoLanh;
    private static readonly string[] Views = ["LocalityHistoryLine", "RotaWeek"];
    private static readonly Guid FirstRota = Guid.Parse("0190a1b2-0000-7000-8000-000000000001");
    private static readonly Guid SecondRota = Guid.Parse("0190a1b2-0000-7000-8000-000000000002");
    private static readonly DateOnly[] Weeks = [new(2020, 7, 6), new(2020, 7, 13), new(2020, 7, 20), new(2020, 7, 27)];

    private readonly List<string> _schemas = [];
    private IReadOnlyList<IReadOnlyList<IOutreachCommand>> _programme = [];
    private DocumentStore _store = null!;
    private string _schema = "";

    [OneTimeSetUp]
    public async Task Record()
    {
        _programme = [.. SampleProgramme.Generate(Until, Catalogue), .. SampleHistory.Generate(60, Until).Select(c => (IReadOnlyList<IOutreachCommand>)[.. c]), Rotas()];
        (_store, _schema) = await RecordAsync(_programme, stepwise: true);
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

    /// <summary>Two rotas that overlap in the third week, the first changed by a swap, a cancellation and a reassignment.</summary>
    private static IReadOnlyList<IOutreachCommand> Rotas()
    {
        var places = Catalogue.InForce(Today).Where(l => l.IsCommuneLevel).Select(l => l.Code).Take(7).ToArray();
        (DateOnly Week, string Visitor, string Locality)[] first =
        [
            (Weeks[0], "v1", places[0]), (Weeks[0], "v2", places[1]), (Weeks[0], "v3", places[2]),
            (Weeks[1], "v1", places[1]), (Weeks[1], "v2", places[2]), (Weeks[1], "v3", places[3]),
            (Weeks[2], "v1", places[4]), (Weeks[2], "v2", places[0]), (Weeks[2], "v3", places[1]),
        ];
        (DateOnly Week, string Visitor, string Locality)[] second = [(Weeks[2], "v5", places[5]), (Weeks[3], "v5", places[6])];
        RecordRota Record(Guid id, (DateOnly Week, string Visitor, string Locality)[] visits)
            => new(id, [.. visits.Select(v => v.Week)], [.. visits.Select(v => v.Visitor)], [.. visits.Select(v => v.Locality)], "Ban Dân vận", Until);
        return
        [
            Record(FirstRota, first),
            new SwapRotaVisits(FirstRota, Weeks[0], "v1", "v3", "Đổi lịch", "Ban Dân vận", Until),
            new CancelRotaVisit(FirstRota, Weeks[2], "v2", "Nghỉ phép", "Ban Dân vận", Until),
            new ReassignRotaVisit(FirstRota, Weeks[1], "v3", "v4", "Đi công tác", "Ban Dân vận", Until),
            Record(SecondRota, second),
        ];
    }

    /// <summary>
    /// Records the commands; <paramref name="stepwise"/> lets the views catch up in between (after the first command of
    /// every 20th stream, and after every change of the rotas), so that their rows are written and then changed.
    /// </summary>
    private async Task<(DocumentStore Store, string Schema)> RecordAsync(IReadOnlyList<IReadOnlyList<IOutreachCommand>> programme, bool stepwise = false)
    {
        var schema = TestDatabase.NewSchemaName();
        _schemas.Add(schema);
        var store = await TestDatabase.CreateStoreAsync(schema);
        for (var s = 0; s < programme.Count; s++)
        {
            for (var c = 0; c < programme[s].Count; c++)
            {
                await using (var session = store.LightweightSession())
                {
                    await session.HandleAsync(programme[s][c], TimeProvider.System);
                }

                if (stepwise && ((s % 20 == 0 && c == 0) || s == programme.Count - 1))
                {
                    await OutreachProjections.CatchUpAsync(store, TimeSpan.FromMinutes(1));
                }
            }
        }

        return (store, schema);
    }

    /// <summary>The localities whose pages the tests read: every commune and ward in force, and every former one.</summary>
    private static string[] Pages() => [.. Catalogue.All.Where(l => l.IsCommuneLevel).Select(l => l.Code)];

    [Test]
    [Order(1)]
    public async Task After_catching_up_every_history_page_reads_as_a_scan_of_the_documents()
    {
        var freshness = await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        Assert.That(freshness.IsCurrent, Is.True, string.Join(", ", freshness.Views));

        var pages = await PagesAsync(_store);
        Assert.That(pages, Is.EqualTo(await ScannedPagesAsync(_store)));
        Assert.That(pages, Does.Contain(" Visit ").And.Contain(" Difficulty ").And.Contain(" Petition "), "the sample fills every kind of line");
    }

    [Test]
    [Order(2)]
    public async Task A_page_back_in_time_reads_each_line_as_its_stream_stood_that_day()
    {
        await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        foreach (var day in new[] { new DateOnly(2019, 6, 30), new DateOnly(2020, 1, 15), new DateOnly(2020, 6, 1) })
        {
            var pages = await PagesAsync(_store, day);
            Assert.That(pages, Is.EqualTo(await FoldedPagesAsync(_store, day)), $"as of {day}");
            Assert.That(pages, Is.Not.EqualTo(await PagesAsync(_store)), "the past differs from today");
        }
    }

    // Last: the others read the views as the daemon left them, written and then changed while the commands came in.
    [Test]
    [Order(5)]
    public async Task A_rebuild_and_a_fresh_replay_give_the_same_pages_and_rotas()
    {
        await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        var live = await PagesAsync(_store) + await RotaWeeksAsync(_store);

        await using (var owner = await OwnerStore.OpenAsync(_schema))
        {
            var rebuilt = await OutreachProjections.RebuildAsync(owner, Views);
            Assert.That(rebuilt.Select(r => r.Name), Is.EqualTo(Views));
        }

        Assert.That(await PagesAsync(_store) + await RotaWeeksAsync(_store), Is.EqualTo(live), "rebuilt from the events");

        var (fresh, _) = await RecordAsync(_programme);
        using (fresh)
        {
            await OutreachProjections.CatchUpAsync(fresh, TimeSpan.FromMinutes(2));
            Assert.That(await PagesAsync(fresh) + await RotaWeeksAsync(fresh), Is.EqualTo(live), "a fresh database that replayed the same commands");
        }
    }

    [Test]
    [Order(3)]
    public async Task A_history_page_reads_only_the_lines_of_its_localities()
    {
        await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        await using var count = _store.QuerySession();
        var streams = await count.Query<Visit>().CountAsync() + await count.Query<Difficulty>().CountAsync() + await count.Query<Case>().CountAsync();
        Assert.That(await count.Query<LocalityHistoryLine>().CountAsync(), Is.EqualTo(streams), "one line per visit, difficulty and petition");

        var code = "phuong-1";
        var codes = Catalogue.All.Where(l => l.Code == code || Catalogue.SuccessorsOn(l.Code, Today).Contains(code)).Select(l => l.Code).ToArray();
        var logger = new CommandLog();
        await using var query = _store.QuerySession();
        query.Logger = logger;
        var page = await ProgrammeQueries.LocalityHistoryAsync(query, Catalogue, code, Today);
        Assert.That(page, Has.Count.GreaterThan(0).And.Count.LessThan(streams));
        Assert.That(page, Has.Count.EqualTo(await count.Query<LocalityHistoryLine>().CountAsync(l => l.LocalityCode.IsOneOf(codes))));
        Assert.That(logger.Commands, Has.Count.EqualTo(1));
        Assert.That(logger.Commands[0], Does.Contain("mt_doc_localityhistoryline").And.Contain("'LocalityCode'")
            .And.Not.Contain("mt_doc_visit").And.Not.Contain("mt_doc_case").And.Not.Contain("mt_doc_difficulty"), "one read of the view, by locality");
    }

    [Test]
    [Order(4)]
    public async Task A_weeks_rota_is_that_weeks_assignments_of_every_rota_as_they_stand()
    {
        await OutreachProjections.CatchUpAsync(_store, TimeSpan.FromMinutes(2));
        await using var query = _store.QuerySession();
        var rotas = await query.Query<Rota>().ToListAsync();
        Assert.That(rotas.Select(r => r.Id), Is.EquivalentTo(new[] { FirstRota, SecondRota }));
        foreach (var monday in Weeks.Append(Weeks[0].AddDays(-7)))
        {
            var folded = rotas.SelectMany(r => r.Assignments).Where(a => a.Week == monday)
                .OrderBy(a => a.Visitor, StringComparer.Ordinal).ThenBy(a => a.Locality, StringComparer.Ordinal);
            var week = await RotaQueries.WeekAsync(query, monday);
            Assert.That(week.OrderBy(a => a.Visitor, StringComparer.Ordinal).ThenBy(a => a.Locality, StringComparer.Ordinal), Is.EqualTo(folded), $"week of {monday}");
            Assert.That(week.Select(a => a.Week), Has.All.EqualTo(monday));
            Assert.That(await query.Query<RotaWeek>().CountAsync(w => w.Week == monday), Is.EqualTo(rotas.Count(r => r.Assignments.Any(a => a.Week == monday))),
                "one row per rota covering the week, none for the others");
        }

        var first = await RotaQueries.WeekAsync(query, Weeks[0]);
        Assert.That(first.Select(a => a.Visitor), Is.EqualTo(new[] { "v1", "v2", "v3" }), "the swap moved visitors, not places");
        Assert.That((await RotaQueries.WeekAsync(query, Weeks[1])).Select(a => a.Visitor), Is.EqualTo(new[] { "v1", "v2", "v4" }), "reassigned");
        Assert.That((await RotaQueries.WeekAsync(query, Weeks[2])).Select(a => a.Visitor), Is.EquivalentTo(new[] { "v1", "v3", "v5" }), "cancelled, and both rotas");
    }

    /// <summary>Every page through the library's query, as text: one line per entry with its facts as values.</summary>
    private static async Task<string> PagesAsync(IDocumentStore store, DateOnly? asOf = null)
    {
        await using var query = store.QuerySession();
        var pages = new List<string>();
        foreach (var code in Pages())
        {
            var entries = await ProgrammeQueries.LocalityHistoryAsync(query, Catalogue, code, Today, asOf);
            pages.AddRange(entries.Select(e => Line(code, e.On, e.Kind, e.Place, e.Id, e.What.Kind switch
            {
                LocalityHistoryKind.Visit => $"{e.What.VisitStatus}|{string.Join(",", e.What.Visitors)}|{string.Join(",", e.What.Guidance)}",
                LocalityHistoryKind.Difficulty => $"{e.What.DifficultyStatus}|{e.What.Content}",
                _ => $"{e.What.CaseKind}|{e.What.CaseStatus}|{e.What.Content}",
            })));
        }

        return string.Join("\n", pages);
    }

    private static string Line(string page, DateOnly on, LocalityHistoryKind kind, string place, Guid id, string what) => $"{page} {on:yyyy-MM-dd} {kind} {place} {id} {what}";

    /// <summary>The same pages computed the way they were before the view: a scan of every visit, difficulty and petition.</summary>
    private static async Task<string> ScannedPagesAsync(IDocumentStore store)
    {
        await using var query = store.QuerySession();
        var visits = await query.Query<Visit>().ToListAsync();
        var difficulties = await query.Query<Difficulty>().ToListAsync();
        var cases = await query.Query<Case>().ToListAsync();
        return Pages(visits, difficulties, cases);
    }

    /// <summary>The pages as of <paramref name="asOf"/>: every stream folded from its events up to that day.</summary>
    private static async Task<string> FoldedPagesAsync(IDocumentStore store, DateOnly asOf)
    {
        await using var query = store.QuerySession();
        var end = VietnamTime.EndOf(asOf);
        var streams = (await query.Events.QueryAllRawEvents().ToListAsync())
            .Where(e => OutreachEvents.OccurredAt(e.Data) is { } at && at < end)
            .GroupBy(e => e.StreamId).Select(g => (Id: g.Key, Events: g.OrderBy(e => e.Version).ToList())).ToList();
        List<T> Fold<T>(Marten.Events.Aggregation.SingleStreamProjection<T, Guid> projection)
            where T : class
            => [.. streams.Select(s => s.Events.Aggregate((T?)null, (state, e) => projection.Evolve(state, s.Id, e))).OfType<T>()];

        // Which page a stream is on is decided by its document today; what it says, by its events up to that day.
        var today = (await query.Query<Visit>().Select(v => v.Id).ToListAsync())
            .Concat(await query.Query<Difficulty>().Select(d => d.Id).ToListAsync())
            .Concat(await query.Query<Case>().Select(c => c.Id).ToListAsync()).ToHashSet();
        var options = OutreachRegistration.OptionsOf(store);
        return Pages(
            Fold(new VisitProjection()).Where(v => today.Contains(v.Id)).ToList(),
            Fold(new DifficultyProjection()).Where(d => today.Contains(d.Id)).ToList(),
            Fold(new CaseProjection(options)).Where(c => today.Contains(c.Id)).ToList());
    }

    private static string Pages(IReadOnlyList<Visit> visits, IReadOnlyList<Difficulty> difficulties, IReadOnlyList<Case> cases)
    {
        var pages = new List<string>();
        foreach (var code in Pages())
        {
            var codes = Catalogue.All.Where(l => l.Code == code || Catalogue.SuccessorsOn(l.Code, Today).Contains(code)).Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
            var lines = visits.Where(v => codes.Contains(v.LocalityCode)).Select(v => (On: v.CarriedOutOn ?? v.PlannedFor, Kind: LocalityHistoryKind.Visit, v.LocalityCode, v.Id,
                    What: $"{v.Status}|{string.Join(",", v.Visitors)}|{string.Join(",", v.Guidance)}"))
                .Concat(difficulties.Where(d => codes.Contains(d.LocalityCode)).Select(d => (On: d.RaisedOn, Kind: LocalityHistoryKind.Difficulty, d.LocalityCode, d.Id,
                    What: $"{d.Status}|{d.Description}")))
                .Concat(cases.Where(c => codes.Contains(c.LocalityCode)).Select(c => (On: VietnamTime.DateOf(c.ReceivedAt), Kind: LocalityHistoryKind.Petition, c.LocalityCode, c.Id,
                    What: $"{c.Kind}|{c.Status}|{c.Content}")));
            pages.AddRange(lines.OrderByDescending(l => l.On).ThenBy(l => l.Id)
                .Select(l => Line(code, l.On, l.Kind, Catalogue.NameOn(l.LocalityCode, l.On), l.Id, l.What)));
        }

        return string.Join("\n", pages);
    }

    /// <summary>Every week of every rota through the library's query, as text.</summary>
    private static async Task<string> RotaWeeksAsync(IDocumentStore store)
    {
        await using var query = store.QuerySession();
        var weeks = new List<string>();
        foreach (var monday in Weeks)
        {
            weeks.AddRange((await RotaQueries.WeekAsync(query, monday)).Select(a => $"\nrota={a}"));
        }

        return string.Concat(weeks);
    }

    /// <summary>The SQL a session ran.</summary>
    private sealed class CommandLog : IMartenSessionLogger
    {
        public List<string> Commands { get; } = [];

        public void LogSuccess(NpgsqlCommand command) => Commands.Add(command.CommandText);

        public void LogSuccess(NpgsqlBatch batch) => Commands.AddRange(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText));

        public void LogFailure(NpgsqlCommand command, Exception ex) => Commands.Add(command.CommandText);

        public void LogFailure(NpgsqlBatch batch, Exception ex) => Commands.AddRange(batch.BatchCommands.Cast<NpgsqlBatchCommand>().Select(c => c.CommandText));

        public void LogFailure(Exception ex, string message)
        {
        }

        public void RecordSavedChanges(IDocumentSession session, IChangeSet commit)
        {
        }

        public void OnBeforeExecute(NpgsqlCommand command)
        {
        }

        public void OnBeforeExecute(NpgsqlBatch batch)
        {
        }
    }
}
