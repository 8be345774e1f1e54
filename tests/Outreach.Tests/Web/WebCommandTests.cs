using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Web;

/// <summary>
/// The POST endpoints' HTTP promises (issue 11): problem details with the library's codes (400 with field errors, 404, 409,
/// 412, 422 in the caller's language), <c>ETag</c>/<c>If-Match</c>, <c>Idempotency-Key</c> — a retry records nothing twice
/// and gets the first answer, also after the host restarts — and two clients racing on one case.
/// </summary>
public sealed class WebCommandTests
{
    private static readonly DateTimeOffset At = new(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));

    private WebHost _host = null!;
    private HttpClient _cadre = null!;
    private HttpClient _head = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await WebHost.StartOnNewSchemaAsync();
        _cadre = _host.Client("cb-2", "cadre");
        _head = _host.Client("cb-1", "unit-head");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _cadre?.Dispose();
        _head?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static object Petition(Guid id) => new
    {
        caseId = id, channel = "FieldVisit", citizenName = "Võ Thị Hoa", localityCode = "phuong-1", content = "Đường ngập nước sau mưa", occurredAt = At,
    };

    private static HttpRequestMessage Post(string path, object body, string? key = null, string? ifMatch = null, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return request;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body, string? ETag)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            var response = await client.SendAsync(request);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>() ?? [];
            return (response.StatusCode, body, response.Headers.ETag?.Tag);
        }
    }

    private async Task<long> VersionAsync(Guid id)
    {
        using var store = await TestDatabase.CreateStoreAsync(_host.Schema);
        await using var query = store.QuerySession();
        return (await query.Events.FetchStreamStateAsync(id))?.Version ?? 0;
    }

    [Test]
    public async Task A_recorded_step_answers_its_version_as_etag_and_a_stale_if_match_is_a_412_that_records_nothing()
    {
        var id = Guid.NewGuid();
        var (status, body, etag) = await SendAsync(_cadre, Post("/api/petition/receive", Petition(id)));
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((body["version"]!.GetValue<long>(), etag), Is.EqualTo((1L, "\"1\"")));
        Assert.That(body["events"]!.AsArray().Select(e => e!.GetValue<string>()), Is.EqualTo(new[] { "PetitionReceived" }));

        var classify = new { caseId = id, kind = "Complaint", occurredAt = At.AddHours(1) };
        var stale = await SendAsync(_cadre, Post("/api/petition/classify", classify, ifMatch: "\"0\""));
        Assert.That((stale.Status, stale.Body["code"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.PreconditionFailed, "stream.version")));
        Assert.That(await VersionAsync(id), Is.EqualTo(1), "nothing recorded");

        var bad = await SendAsync(_cadre, Post("/api/petition/classify", classify, ifMatch: "W/\"one\""));
        Assert.That((bad.Status, bad.Body["code"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.BadRequest, "request.if-match.invalid")));

        var fresh = await SendAsync(_cadre, Post("/api/petition/classify", classify, ifMatch: etag));
        Assert.That((fresh.Status, fresh.ETag), Is.EqualTo((HttpStatusCode.OK, "\"2\"")));
    }

    [Test]
    public async Task A_retry_with_the_same_key_gets_the_first_answer_and_records_nothing_also_after_a_restart()
    {
        var id = Guid.NewGuid();
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(_cadre, Post("/api/petition/receive", Petition(id), key));
        Assert.That((first.Status, first.Body["repeated"]!.GetValue<bool>()), Is.EqualTo((HttpStatusCode.OK, false)));

        var again = await SendAsync(_cadre, Post("/api/petition/receive", Petition(id), key));
        Assert.That(again.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.Body["repeated"]!.GetValue<bool>(), Is.True);
        Assert.That(again.Body["events"]!.ToJsonString(), Is.EqualTo(first.Body["events"]!.ToJsonString()), "the first answer, events and all");
        Assert.That(again.ETag, Is.EqualTo(first.ETag));

        // Without occurredAt (the host dates the step now), a retry seconds later is still the same request.
        var undated = Guid.NewGuid();
        var undatedKey = Guid.NewGuid().ToString();
        var body = new { caseId = undated, channel = "Letter", isAnonymous = true, localityCode = "cao-lanh", content = "Xin sửa đường" };
        var firstUndated = await SendAsync(_cadre, Post("/api/petition/receive", body, undatedKey));
        await Task.Delay(1100);
        var retryUndated = await SendAsync(_cadre, Post("/api/petition/receive", body, undatedKey));
        Assert.That((firstUndated.Status, retryUndated.Status, retryUndated.Body["repeated"]?.GetValue<bool>()), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK, true)), retryUndated.Body.ToJsonString());
        Assert.That(await VersionAsync(undated), Is.EqualTo(1));

        var other = await SendAsync(_cadre, Post("/api/petition/receive", Petition(Guid.NewGuid()), key));
        Assert.That((other.Status, other.Body["code"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.UnprocessableEntity, "request.idempotency-key.reused")));

        // Someone else's identical key is theirs: it does not meet the cadre's.
        var stranger = await SendAsync(_head, Post("/api/petition/receive", Petition(id), key));
        Assert.That((stranger.Status, stranger.Body["code"]?.GetValue<string>()), Is.EqualTo((HttpStatusCode.UnprocessableEntity, "petition.receive.exists")));

        // A new host process on the same database still knows the key.
        var database = await TestDatabase.DatabaseAsync();
        await using var restarted = WebHost.Start(database, _host.Schema, _host.Keys);
        using var client = restarted.Client("cb-2", "cadre");
        var afterRestart = await SendAsync(client, Post("/api/petition/receive", Petition(id), key));
        Assert.That((afterRestart.Status, afterRestart.Body["repeated"]!.GetValue<bool>(), afterRestart.Body["version"]!.GetValue<long>()), Is.EqualTo((HttpStatusCode.OK, true, 1L)));
        Assert.That(await VersionAsync(id), Is.EqualTo(1), "one event in all");
    }

    [TestCase("")]
    [TestCase("key with spaces")]
    [TestCase("khóa")]
    public async Task An_unusable_key_is_refused_before_anything_is_recorded(string key)
    {
        var id = Guid.NewGuid();
        using var request = Post("/api/petition/receive", Petition(id));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key.Length == 0 ? new string('k', 201) : key);
        var (status, body, _) = await SendAsync(_cadre, request);
        Assert.That((status, body["code"]!.GetValue<string>()), Is.EqualTo((HttpStatusCode.BadRequest, "request.idempotency-key.invalid")));
        Assert.That(await VersionAsync(id), Is.Zero);
    }

    [Test]
    public async Task Two_clients_racing_on_one_case_with_the_same_version_record_one_step_and_the_other_is_told_why()
    {
        var id = Guid.NewGuid();
        Assert.That((await SendAsync(_cadre, Post("/api/petition/receive", Petition(id)))).Status, Is.EqualTo(HttpStatusCode.OK));
        using var second = _host.Client("cb-3", "cadre");
        var answers = await Task.WhenAll(
            SendAsync(_cadre, Post("/api/petition/classify", new { caseId = id, kind = "Complaint", occurredAt = At.AddHours(1) }, ifMatch: "\"1\"")),
            SendAsync(second, Post("/api/petition/classify", new { caseId = id, kind = "Denunciation", occurredAt = At.AddHours(1) }, ifMatch: "\"1\"")));
        Assert.That(answers.Count(a => a.Status == HttpStatusCode.OK), Is.EqualTo(1), string.Join(" | ", answers.Select(a => a.Body.ToJsonString())));
        var loser = answers.Single(a => a.Status != HttpStatusCode.OK);
        Assert.That((int)loser.Status, Is.AnyOf(409, 412));
        Assert.That(loser.Body["code"]!.GetValue<string>(), Does.StartWith("stream."));
        Assert.That(await VersionAsync(id), Is.EqualTo(2));
    }

    [Test]
    public async Task Refusals_are_problem_details_with_the_librarys_code_in_the_callers_language()
    {
        // A rule: a petition cannot be answered before it is classified (422), in Vietnamese and in English.
        var id = Guid.NewGuid();
        await SendAsync(_cadre, Post("/api/petition/receive", Petition(id)));
        var answer = new { caseId = id, answer = "Đã trả lời", occurredAt = At.AddHours(2) };
        var vi = await SendAsync(_cadre, Post("/api/petition/answer", answer));
        var en = await SendAsync(_cadre, Post("/api/petition/answer", answer, language: "en"));
        Assert.That(vi.Status, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(en.Body["code"]!.GetValue<string>(), Is.EqualTo(vi.Body["code"]!.GetValue<string>()));
        Assert.That(vi.Body["title"]!.GetValue<string>(), Does.Match("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"));
        Assert.That(en.Body["title"]!.GetValue<string>(), Does.Not.Match("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]"));
        Assert.That(vi.Body["type"]!.GetValue<string>(), Is.EqualTo("urn:outreach:problem:" + vi.Body["code"]!.GetValue<string>()));

        // Validation: 400 with each field's code.
        var invalid = await SendAsync(_cadre, Post("/api/petition/receive", new { caseId = Guid.NewGuid(), channel = "FieldVisit", localityCode = "phuong-1", content = "", occurredAt = At }));
        Assert.That(invalid.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(invalid.Body["errors"]!.AsArray().Select(e => e!["field"]!.GetValue<string>()), Does.Contain("citizenName").And.Contain("content"));

        // An unknown case: 404.
        var missing = await SendAsync(_cadre, Post("/api/petition/classify", new { caseId = Guid.NewGuid(), kind = "Complaint", occurredAt = At }));
        Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [TestCase("text/plain", "{}", "request.media-type")]
    [TestCase("application/json", "{\"caseId\":", "request.malformed-json")]
    [TestCase("application/json", "[1,2]", "request.body.not-object")]
    [TestCase("application/json", "{\"caseId\":1,\"caseId\":2}", "request.body.malformed")]
    [TestCase("application/json", "{\"a\":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]}", "request.body.malformed")]
    [TestCase("application/json", "{\"caseId\":\"x\",\"kind\":\"Complaint\",\"extra\":1}", "input.unknown-field")]
    public async Task A_body_that_is_not_a_command_is_a_4xx_naming_what_is_wrong(string contentType, string body, string code)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/petition/classify") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        var (status, problem, _) = await SendAsync(_cadre, request);
        // The wrong content type is refused by routing (415); the rest by the binding (400).
        Assert.That((status, problem["code"]!.GetValue<string>()), Is.EqualTo((code == "request.media-type" ? HttpStatusCode.UnsupportedMediaType : HttpStatusCode.BadRequest, code)));
        Assert.That(problem["title"]!.GetValue<string>(), Is.Not.Empty);
    }

    [Test]
    public async Task A_denouncers_identity_is_shown_only_under_the_readers_own_clearance_and_the_reading_is_recorded_first()
    {
        var id = Guid.NewGuid();
        await SendAsync(_cadre, Post("/api/petition/receive", Petition(id)));
        await SendAsync(_cadre, Post("/api/petition/classify", new { caseId = id, kind = "Denunciation", occurredAt = At.AddHours(1) }));
        var code = Outreach.PersonalData.DenouncerClearance.Issue("insp-1", Outreach.PersonalData.DenouncerClearance.DefaultFile(_host.Keys));
        using var inspector = _host.Client("insp-1", "auditor");
        using var other = _host.Client("insp-2", "auditor");

        var plain = await inspector.GetFromJsonAsync<JsonObject>($"/api/cases/{id}");
        Assert.That(plain!["citizen"]!["name"]!.GetValue<string>(), Is.Not.EqualTo("Võ Thị Hoa"), "no clearance: the denouncer is a pseudonym");
        Assert.That(plain["citizen"]!["isProtected"]!.GetValue<bool>(), Is.True);
        var before = await VersionAsync(id);

        // Someone else's code is refused, and nothing is recorded.
        using var borrowed = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{id}?purpose=kiem-tra");
        borrowed.Headers.Add("X-Clearance-Code", code);
        var refused = await other.SendAsync(borrowed);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await VersionAsync(id), Is.EqualTo(before));

        using var cleared = new HttpRequestMessage(HttpMethod.Get, $"/api/cases/{id}?purpose=Thanh tra việc giải quyết");
        cleared.Headers.Add("X-Clearance-Code", code);
        var clearedAnswer = await inspector.SendAsync(cleared);
        var shown = await clearedAnswer.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(clearedAnswer.StatusCode, Is.EqualTo(HttpStatusCode.OK), shown?.ToJsonString());
        Assert.That(shown!["citizen"]!["name"]!.GetValue<string>(), Is.EqualTo("Võ Thị Hoa"));
        Assert.That(await VersionAsync(id), Is.EqualTo(before + 1), "the reading is recorded in the case");
        using var store = await TestDatabase.CreateStoreAsync(_host.Schema);
        await using var query = store.QuerySession();
        var reveal = (await query.Events.FetchStreamAsync(id))[^1];
        Assert.That(reveal.Data, Is.TypeOf<DenouncerIdentityRevealed>());
        Assert.That(reveal.Data.ToString(), Does.Contain("insp-1").And.Contain("Thanh tra việc giải quyết"));
    }
}
