using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Outreach.Cases;
using Outreach.Dashboard;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Tests.Support;
using Outreach.Visits;

namespace Outreach.Tests.Web;

/// <summary>
/// The web host's read endpoints (issue 11, first slice) against the library's own answers on the same schema: the host
/// only translates HTTP, so each body must be what the library returns; refusals are problem details with the library's
/// code, in Vietnamese unless the reader asks for English.
/// </summary>
public sealed class WebReadTests
{
    private static readonly DateTimeOffset Until = new(2020, 6, 30, 12, 0, 0, VietnamTime.Offset);
    private static readonly DateOnly Today = new(2020, 7, 1);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private string _schema = "";
    private DocumentStore _store = null!;
    private WebHost _host = null!;
    private HttpClient _http = null!;
    private Guid _case;
    private string _keys = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _schema = TestDatabase.NewSchemaName();
        _store = await TestDatabase.CreateStoreAsync(_schema);
        foreach (var stream in SampleProgramme.Generate(Until, LocalityCatalogue.CaoLanh).Concat(SampleHistory.Generate(20, Until).Select(c => (IReadOnlyList<IOutreachCommand>)[.. c])))
        {
            foreach (var command in stream)
            {
                await using var session = _store.LightweightSession();
                await session.HandleAsync(command, TimeProvider.System);
            }
        }

        await using (var query = _store.QuerySession())
        {
            _case = (await query.Query<Case>().Where(c => c.Status == CaseStatus.UnderSettlement || c.Status == CaseStatus.FirstDecisionIssued).FirstAsync()).Id;
        }

        var database = await TestDatabase.DatabaseAsync();
        _keys = Path.Combine(Path.GetTempPath(), "outreach-web-keys-" + _schema);
        _host = WebHost.Start(database, _schema, _keys);
        // An auditor reads the whole programme; scopes are WebAccessTests' subject.
        _http = _host.Client("thanh-tra.3", "auditor");

        // The host's daemon keeps the asynchronous views; wait until it has read every event.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await _http.GetFromJsonAsync<JsonObject>("/api/views"))!["isCurrent"]!.GetValue<bool>() is false)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the web host's daemon catches the views up");
            await Task.Delay(250);
        }
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _store?.Dispose();
        await TestDatabase.DropSchemaAsync(_schema);
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Test]
    public async Task Every_dashboard_endpoint_answers_what_the_library_answers_and_says_how_current_its_views_are()
    {
        await using var query = _store.QuerySession();
        await AssertSame("/api/programme/coverage?on=2020-07-01", await ProgrammeQueries.CoverageAsync(query, LocalityCatalogue.CaoLanh, Today));
        await AssertSame("/api/programme/guidance", await ProgrammeQueries.GuidanceByTopicAsync(query));
        await AssertSame("/api/programme/visits-per-week?from=2020-01-01&to=2020-06-30", await ProgrammeQueries.VisitsPerWeekAsync(query, new DateOnly(2019, 12, 30), new DateOnly(2020, 6, 30)));
        await AssertSame("/api/difficulties/waiting?on=2020-07-01", await DifficultyQueries.WaitingAsync(query, Today));
        await AssertSame("/api/cases/by-locality", await CaseQueries.ByLocalityAndStatusAsync(query));
        var overdue = await _http.GetFromJsonAsync<JsonObject>("/api/cases/overdue?on=2020-07-01");
        Assert.That(overdue!["rows"]!.AsArray().Select(r => (Guid.Parse(r!["case"]!["id"]!.GetValue<string>()), r["deadline"]!["step"]!.GetValue<string>())),
            Is.EqualTo((await CaseQueries.OverdueAsync(query, Today)).Select(o => (o.Case.Id, o.Deadline.Step.ToString()))));
        Assert.That(overdue["views"], Is.Null, "overdue steps are read from the inline case details: nothing to lag");
    }

    private async Task AssertSame<T>(string path, IReadOnlyList<T> expected)
    {
        var body = await _http.GetFromJsonAsync<JsonObject>(path);
        Assert.That(body!["rows"]!.ToJsonString(), Is.EqualTo(JsonSerializer.Serialize(expected, Web)), path);
        Assert.That(body["views"]!["isCurrent"]!.GetValue<bool>(), Is.True, path + " says how current its views are");
        Assert.That(expected, Is.Not.Empty, path + ": the sample fills it");
    }

    [Test]
    public async Task A_case_is_shown_today_and_as_it_stood_and_an_unknown_one_is_a_problem_in_the_readers_language()
    {
        var now = await _http.GetFromJsonAsync<JsonObject>($"/api/cases/{_case}");
        Assert.That(now!["id"]!.GetValue<Guid>(), Is.EqualTo(_case));
        var version = now["version"]!.GetValue<long>();
        Assert.That(version, Is.GreaterThan(2));
        var first = await _http.GetFromJsonAsync<JsonObject>($"/api/cases/{_case}?version=1");
        Assert.That((first!["version"]!.GetValue<long>(), first["status"]!.GetValue<string>()), Is.EqualTo((1L, "AwaitingClassification")));

        var missing = await _http.GetAsync("/api/cases/no-such-case");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(missing.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
        var vi = await missing.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(vi!["code"]!.GetValue<string>(), Is.EqualTo("case.not-found-by-reference"));
        Assert.That(vi["title"]!.GetValue<string>(), Does.Contain("Không có hồ sơ"));

        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/cases/no-such-case");
        english.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var en = await (await _http.SendAsync(english)).Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(en!["code"]!.GetValue<string>(), Is.EqualTo("case.not-found-by-reference"), "the code does not depend on the language");
        Assert.That(en["title"]!.GetValue<string>(), Does.StartWith("No case"));
    }

    [TestCase("/api/programme/coverage?on=2020-02-30", "query.date")]
    [TestCase("/api/programme/visits-per-week?from=yesterday", "query.date")]
    [TestCase("/api/programme/visits-per-week?from=2020-06-01&to=2020-01-01", "query.range-reversed")]
    [TestCase("/api/difficulties/waiting?on=1900-01-01", "query.date-range")]
    [TestCase("/api/cases/overdue?on=2020-7-1", "query.date")]
    public async Task Bad_query_input_is_a_400_problem_with_a_stable_code_and_a_vietnamese_sentence(string path, string code)
    {
        var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), path);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(problem!["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(problem["title"]!.GetValue<string>(), Does.Contain("ngày"), "Vietnamese by default");
    }

    [TestCase("/api/cases?page=0")]
    [TestCase("/api/cases?pageSize=201")]
    [TestCase("/api/cases?page=two")]
    [TestCase("/api/visits/00000000-0000-0000-0000-000000000001?version=-1")]
    [TestCase("/api/cases/no-such-case?version=1.5")]
    public async Task A_number_that_is_not_usable_is_a_400_problem_saying_the_range(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), path);
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(problem!["code"]!.GetValue<string>(), Is.EqualTo("query.number"));
        Assert.That(problem["title"]!.GetValue<string>(), Does.Contain("số nguyên"), "Vietnamese by default");
    }

    [Test]
    public async Task The_open_cases_are_listed_as_the_library_pages_them_overdue_first()
    {
        await using var query = _store.QuerySession();
        var today = VietnamTime.Today(TimeProvider.System);
        var all = await DashboardQueries.OpenCasesAsync(query, today, 1, 200);
        Assert.That(all.Total, Is.GreaterThanOrEqualTo(2), "the sample leaves cases open");
        var size = all.Total / 2;
        var expected = await DashboardQueries.OpenCasesAsync(query, today, 2, size);
        var body = await _http.GetFromJsonAsync<JsonObject>($"/api/cases?page=2&pageSize={size}");
        Assert.That(body!["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()), Is.EqualTo(expected.Rows.Select(r => r.Case.Id)));
        Assert.That((body["total"]!.GetValue<int>(), body["pageCount"]!.GetValue<int>()), Is.EqualTo((expected.Total, expected.PageCount)));
        Assert.That(expected.Rows, Is.Not.Empty, "the second page holds the rest");
        Assert.That(body["rows"]![0]!.AsObject().Select(p => p.Key), Has.None.AnyOf("content", "citizen", "respondent", "legal"), "no content or parties in a list");
    }

    [Test]
    public async Task A_visit_and_a_difficulty_are_shown_now_and_as_they_stood_with_their_version_as_etag()
    {
        Guid visitId, difficultyId;
        await using (var query = _store.QuerySession())
        {
            visitId = (await query.Query<Visit>().Where(v => v.Legal.Status == VisitStatus.Reported).FirstAsync()).Id;
            difficultyId = (await query.Query<Difficulty>().Where(d => d.Status == DifficultyStatus.Solved).FirstAsync()).Id;
        }

        foreach (var (path, first, last) in new[] { ($"/api/visits/{visitId}", "Planned", "Reported"), ($"/api/difficulties/{difficultyId}", "Open", "Solved") })
        {
            var now = await _http.GetAsync(path);
            Assert.That(now.StatusCode, Is.EqualTo(HttpStatusCode.OK), path);
            var body = await now.Content.ReadFromJsonAsync<JsonObject>();
            var status = path.Contains("visits", StringComparison.Ordinal) ? body!["legal"]!["status"] : body!["status"];
            Assert.That(status!.GetValue<string>(), Is.EqualTo(last), path);
            Assert.That(now.Headers.ETag!.Tag, Does.Match("^\"[0-9]+\"$"));
            Assert.That(int.Parse(now.Headers.ETag.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(1));

            var then = await _http.GetAsync(path + "?version=1");
            var earlier = await then.Content.ReadFromJsonAsync<JsonObject>();
            var was = path.Contains("visits", StringComparison.Ordinal) ? earlier!["legal"]!["status"] : earlier!["status"];
            Assert.That((was!.GetValue<string>(), then.Headers.ETag!.Tag), Is.EqualTo((first, "\"1\"")), path + " at version 1");
            var before = await _http.GetAsync(path + "?asOf=2000-01-01");
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "before it existed");
        }

        var missing = await _http.GetAsync($"/api/visits/{Guid.NewGuid()}");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That((await missing.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>(), Is.EqualTo("visit.not-found"));
        Assert.That((await _http.GetAsync("/api/visits/not-a-guid")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "not a visit's address");
    }

    [Test]
    public async Task The_openapi_document_lists_every_read_endpoint()
    {
        var document = await _http.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(paths, Is.SupersetOf(new[]
        {
            "/api/cases/{idOrNumber}", "/api/cases/overdue", "/api/cases/by-locality", "/api/programme/coverage",
            "/api/programme/visits-per-week", "/api/programme/guidance", "/api/difficulties/waiting", "/api/views",
            "/api/cases", "/api/visits/{id}", "/api/difficulties/{id}", "/api/programme/rota", "/api/programme/units",
        }));
        var coverage = document["paths"]!["/api/programme/coverage"]!["get"]!["responses"]!.AsObject();
        Assert.That(coverage.Select(r => r.Key), Is.SupersetOf(new[] { "200", "400", "404" }), "answers and problems are declared");
        Assert.That(coverage["400"]!["content"]!.AsObject().Select(c => c.Key), Does.Contain("application/problem+json"));
    }
}
