using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.Mvc.Testing;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Open311;
using Outreach.Tests.Support;

namespace Outreach.Tests.Web;

/// <summary>
/// GeoReport v2 (Open311) through the real web host on real PostgreSQL: the shapes other municipal systems read (JSON and
/// XML), the filters, posting with an issued api_key, GeoReport's error list in the reader's language, the rate limit, and
/// the promise that no personal data leaves through it.
/// </summary>
public sealed class Open311Tests
{
    private const string Client = "cong-dich-vu-cong";
    private const string Key = "k3y-for-the-portal-0b1c2d";

    // Personal data of the cases loaded below: none of it may appear in any Open311 answer.
    private static readonly string[] Personal =
    [
        "Phạm Thị Quỳnh Hoa", "079123456789", "0912 345 678", "0912345678", "Số 17 đường Lê Lợi", "Nội dung riêng về nhà ông Trần Văn Mật",
        "Trần Văn Mật", "Võ Văn Bị Khiếu", "Lâm Thị Nhận", "Đoàn Văn Tố", "0987 654 321", "Hẻm 9 đường Nguyễn Huệ", "Tố cáo ông Hồ Văn Lạm thu tiền trái phép",
        "Hồ Văn Lạm", "Mai Xuân Gửi", "Lưu", "0909 111 222", "Đơn trực tuyến của ông Mai Xuân Gửi về lô đất 42",
    ];

    private static readonly DateTimeOffset SampleUntil = new(2020, 6, 30, 12, 0, 0, VietnamTime.Offset);

    private string _schema = "";
    private DocumentStore _store = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;
    private string _keys = "";
    private Guid _complaint;
    private Guid _denunciation;
    private Guid _old;
    private string _locality = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _schema = TestDatabase.NewSchemaName();
        _store = await TestDatabase.CreateStoreAsync(_schema);
        foreach (var stream in SampleHistory.Generate(20, SampleUntil))
        {
            foreach (var command in stream)
            {
                await HandleAsync(command);
            }
        }

        var now = DateTimeOffset.UtcNow;
        _locality = LocalityCatalogue.CaoLanh.InForce(VietnamTime.DateOf(now), communeLevelOnly: true)[0].Code;
        _complaint = Guid.NewGuid();
        var received = now.AddDays(-10);
        await HandleAsync(new ReceivePetition(_complaint, null, ReceptionChannel.CitizenReception, "Phạm Thị Quỳnh Hoa", "079123456789", "0912 345 678",
            "Số 17 đường Lê Lợi", false, _locality, "Nội dung riêng về nhà ông Trần Văn Mật", "Võ Văn Bị Khiếu", "Lâm Thị Nhận", received));
        await HandleAsync(new ClassifyPetition(_complaint, CaseKind.Complaint, null, "Lâm Thị Nhận", received.AddHours(1)));
        await HandleAsync(new AcceptComplaint(_complaint, false, false, [NoticeParty.Complainant], null, null, null, null, "Lâm Thị Nhận", received.AddDays(2)));

        _denunciation = Guid.NewGuid();
        await HandleAsync(new ReceivePetition(_denunciation, null, ReceptionChannel.Letter, "Đoàn Văn Tố", null, "0987 654 321",
            "Hẻm 9 đường Nguyễn Huệ", false, _locality, "Tố cáo ông Hồ Văn Lạm thu tiền trái phép", "Hồ Văn Lạm", "Lâm Thị Nhận", now.AddDays(-5)));
        await HandleAsync(new ClassifyPetition(_denunciation, CaseKind.Denunciation, null, "Lâm Thị Nhận", now.AddDays(-5).AddHours(2)));

        _old = Guid.NewGuid();
        await HandleAsync(new ReceivePetition(_old, null, ReceptionChannel.Letter, null, null, null, null, true, _locality, "Đơn cũ", null, "Lâm Thị Nhận", now.AddDays(-120)));

        var database = await TestDatabase.DatabaseAsync();
        _keys = Path.Combine(Path.GetTempPath(), "outreach-open311-keys-" + _schema);
        _factory = Host(database, _schema, _keys, permitLimit: 100_000);
        _http = _factory.CreateClient();
    }

    private static WebApplicationFactory<Program> Host(OutreachDatabase database, string schema, string keys, int permitLimit)
        => WebHost.Start(database, schema, keys, b => b
            .UseSetting("Open311:ApiKeys:" + Client, Key)
            .UseSetting("Open311:ApiKeys:another-system", "another-key")
            .UseSetting("Open311:RateLimit:PermitLimit", permitLimit.ToString(CultureInfo.InvariantCulture))
            .UseSetting("Open311:RateLimit:KeyPermitLimit", permitLimit.ToString(CultureInfo.InvariantCulture))).Factory;

    private async Task HandleAsync(IOutreachCommand command)
    {
        await using var session = _store.LightweightSession();
        await session.HandleAsync(command, TimeProvider.System);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _store?.Dispose();
        await TestDatabase.DropSchemaAsync(_schema);
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Test]
    public async Task Discovery_names_the_v2_endpoint_and_its_formats_in_json_and_xml()
    {
        var json = (await JsonAsync("/open311/discovery.json")).AsObject();
        var endpoint = json["endpoints"]!.AsArray().Single()!;
        Assert.That(endpoint["url"]!.GetValue<string>(), Does.EndWith("/open311/v2"));
        Assert.That(endpoint["specification"]!.GetValue<string>(), Is.EqualTo("http://wiki.open311.org/GeoReport_v2"));
        Assert.That(endpoint["formats"]!.AsArray().Select(f => f!.GetValue<string>()), Is.EquivalentTo(new[] { "text/xml", "application/json" }));
        Assert.That(json["changeset"]!.GetValue<string>(), Does.Match(UtcPattern));

        var xml = await XmlAsync("/open311/discovery.xml");
        Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("discovery"));
        Assert.That(xml.Root.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value), Does.Contain("application/json"));
        Assert.That(xml.Root.Element("contact")!.Value, Is.EqualTo(OutreachText.Get("open311.discovery.contact", OutreachText.Vietnamese)));
    }

    [Test]
    public async Task The_services_are_the_kinds_a_citizen_can_file_named_in_the_readers_language()
    {
        var vi = (await JsonAsync("/open311/v2/services.json")).AsArray();
        Assert.That(vi.Select(s => s!["service_code"]!.GetValue<string>()), Is.EqualTo(new[] { "petition", "suggestion", "complaint", "denunciation" }));
        Assert.That(vi.Select(s => s!["service_name"]!.GetValue<string>()),
            Is.EqualTo(Open311Services.All.Select(s => s.NameIn(OutreachText.Vietnamese))));
        Assert.That(vi.Select(s => s!["service_name"]!.GetValue<string>()), Does.Contain("Khiếu nại"));
        Assert.That(vi.All(s => s!["metadata"]!.GetValue<bool>() is false && s["type"]!.GetValue<string>() == "realtime"), Is.True);

        var en = (await JsonAsync("/open311/v2/services.json", english: true)).AsArray();
        Assert.That(en.Select(s => s!["service_name"]!.GetValue<string>()), Does.Contain("Complaint").And.Contains("Denunciation"));

        var xml = await XmlAsync("/open311/v2/services.xml");
        Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("services"));
        Assert.That(xml.Root.Elements("service").Select(s => s.Element("service_code")!.Value), Is.EqualTo(Open311Services.All.Select(s => s.Code)));
        Assert.That(xml.Root.Elements("service").First().Element("metadata")!.Value, Is.EqualTo("false"));
    }

    [Test]
    public async Task A_service_definition_has_no_attributes_and_an_unknown_service_is_a_404()
    {
        var json = (await JsonAsync("/open311/v2/services/complaint.json")).AsObject();
        Assert.That(json["service_code"]!.GetValue<string>(), Is.EqualTo("complaint"));
        Assert.That(json["attributes"]!.AsArray(), Is.Empty);
        var xml = await XmlAsync("/open311/v2/services/denunciation.xml");
        Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("service_definition"));
        Assert.That(xml.Root.Element("service_code")!.Value, Is.EqualTo("denunciation"));
        Assert.That(xml.Root.Element("attributes")!.HasElements, Is.False);

        var missing = await _http.GetAsync("/open311/v2/services/pothole.json");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var error = JsonNode.Parse(await missing.Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.That((error["code"]!.GetValue<int>(), error["outreach_code"]!.GetValue<string>()), Is.EqualTo((404, "open311.service-code.unknown")));
        Assert.That(error["description"]!.GetValue<string>(), Does.Contain("Không có dịch vụ \"pothole\""));
    }

    [Test]
    public async Task A_request_says_where_the_case_stands_who_answers_for_it_and_its_legal_deadline_in_utc()
    {
        Case state;
        await using (var query = _store.QuerySession())
        {
            state = (await query.LoadAsync<Case>(_complaint))!;
        }

        var json = (await JsonAsync($"/open311/v2/requests/{_complaint}.json")).AsArray().Single()!.AsObject();
        Assert.That(json["service_request_id"]!.GetValue<string>(), Is.EqualTo(_complaint.ToString()));
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo("open"));
        Assert.That(json["service_code"]!.GetValue<string>(), Is.EqualTo("complaint"));
        Assert.That(json["service_name"]!.GetValue<string>(), Is.EqualTo("Khiếu nại"));
        Assert.That(json["status_notes"]!.GetValue<string>(), Is.EqualTo(OutreachText.Get("open311.note." + state.Status, OutreachText.Vietnamese)));
        Assert.That(json["agency_responsible"]!.GetValue<string>(), Is.EqualTo(OutreachText.Get("open311.agency.default", OutreachText.Vietnamese)));
        Assert.That(json["address"]!.GetValue<string>(), Is.EqualTo(LocalityCatalogue.CaoLanh.NameOn(_locality, VietnamTime.DateOf(state.ReceivedAt))));
        Assert.That(json["address_id"]!.GetValue<string>(), Is.EqualTo(_locality));
        foreach (var field in new[] { "requested_datetime", "updated_datetime", "expected_datetime" })
        {
            Assert.That(json[field]!.GetValue<string>(), Does.Match(UtcPattern), field + " is UTC with Z");
        }

        Assert.That(DateTimeOffset.Parse(json["requested_datetime"]!.GetValue<string>(), CultureInfo.InvariantCulture), Is.EqualTo(Seconds(state.ReceivedAt)));
        Assert.That(DateTimeOffset.Parse(json["updated_datetime"]!.GetValue<string>(), CultureInfo.InvariantCulture), Is.EqualTo(Seconds(state.Legal.LastOccurredAt)));

        // The library's own deadline computation on the case's legal state: the authority's first open obligation.
        var due = CaseDeadlines.For(state.Legal, Rulebook.Default, WorkingCalendar.Vietnam).First(d => d.IsObligation).Due!.Value;
        var expected = DateTimeOffset.Parse(json["expected_datetime"]!.GetValue<string>(), CultureInfo.InvariantCulture).ToOffset(VietnamTime.Offset);
        Assert.That((DateOnly.FromDateTime(expected.DateTime), expected.TimeOfDay), Is.EqualTo((due, new TimeSpan(23, 59, 59))), "the end of the due day in Vietnam");

        var english = (await JsonAsync($"/open311/v2/requests/{_complaint}.json", english: true)).AsArray().Single()!;
        Assert.That(english["status_notes"]!.GetValue<string>(), Is.EqualTo(OutreachText.Get("open311.note." + state.Status, OutreachText.English)));

        var xml = await XmlAsync($"/open311/v2/requests/{_complaint}.xml");
        Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("service_requests"));
        var request = xml.Root.Elements("request").Single();
        Assert.That(request.Element("service_request_id")!.Value, Is.EqualTo(_complaint.ToString()));
        Assert.That(request.Element("expected_datetime")!.Value, Is.EqualTo(json["expected_datetime"]!.GetValue<string>()));
        Assert.That(request.Element("requested_datetime")!.Value, Does.Match(UtcPattern));
        Assert.That(request.Element("lat"), Is.Null, "no coordinates");
        Assert.That(request.Element("description"), Is.Null, "no content");
    }

    [Test]
    public async Task A_request_with_a_registry_number_is_found_and_shown_by_that_number()
    {
        Case numbered;
        await using (var query = _store.QuerySession())
        {
            numbered = (await query.Query<Case>().Where(c => c.Number != null).OrderBy(c => c.Number).FirstAsync())!;
        }

        Assert.That(numbered.Number, Does.Contain("/"), "sample numbers hold slashes (12/2020/TCD)");
        var json = (await JsonAsync($"/open311/v2/requests/{numbered.Number}.json")).AsArray().Single()!;
        Assert.That(json["service_request_id"]!.GetValue<string>(), Is.EqualTo(numbered.Number));
        Assert.That(json["status"]!.GetValue<string>(), Is.EqualTo(CaseState.IsSettledStatus(numbered.Status) ? "closed" : "open"));
        Assert.That(json["service_code"]!.GetValue<string>(), Is.EqualTo(Open311Services.Of(numbered.Kind).Code));
    }

    [Test]
    public async Task The_default_search_is_the_last_90_days_and_filters_narrow_it()
    {
        var recent = Ids(await JsonAsync("/open311/v2/requests.json"));
        Assert.That(recent, Does.Contain(_complaint.ToString()).And.Contains(_denunciation.ToString()));
        Assert.That(recent, Does.Not.Contain(_old.ToString()), "received 120 days ago");

        Assert.That(Ids(await JsonAsync("/open311/v2/requests.json?service_code=denunciation")), Is.EqualTo(new[] { _denunciation.ToString() }));
        Assert.That(Ids(await JsonAsync("/open311/v2/requests.json?service_code=complaint,denunciation")), Is.EquivalentTo(new[] { _complaint.ToString(), _denunciation.ToString() }));
        Assert.That(Ids(await JsonAsync("/open311/v2/requests.json?status=closed")), Is.Empty, "both recent cases are open");

        // A window of the sample: the same cases the store holds for it, and each status filter a part of them.
        var from = new DateTimeOffset(2019, 10, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from.AddDays(90);
        List<Case> inWindow;
        await using (var query = _store.QuerySession())
        {
            inWindow = [.. (await query.Query<Case>().ToListAsync()).Where(c => c.ReceivedAt >= from && c.ReceivedAt <= to)];
        }

        Assert.That(inWindow, Is.Not.Empty, "the sample fills the window");
        var window = $"start_date={from:yyyy-MM-dd'T'HH:mm:ss'Z'}&end_date={to:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        var all = (await JsonAsync("/open311/v2/requests.json?" + window)).AsArray();
        Assert.That(Ids(all), Is.EquivalentTo(inWindow.Select(c => c.Number ?? c.Id.ToString())));
        var closed = Ids(await JsonAsync($"/open311/v2/requests.json?{window}&status=closed"));
        var open = Ids(await JsonAsync($"/open311/v2/requests.json?{window}&status=open"));
        Assert.That(closed, Is.EquivalentTo(inWindow.Where(c => CaseState.IsSettledStatus(c.Status)).Select(c => c.Number)));
        Assert.That(open, Is.EquivalentTo(inWindow.Where(c => !CaseState.IsSettledStatus(c.Status)).Select(c => c.Number)));
        Assert.That(Ids(await JsonAsync($"/open311/v2/requests.json?{window}&status=open,closed")), Is.EquivalentTo(Ids(all)));

        // A list of ids overrides every other filter, by registry number or by id.
        var two = inWindow.Take(2).Select(c => c.Number!).ToArray();
        Assert.That(Ids(await JsonAsync($"/open311/v2/requests.json?service_request_id={two[0]},{_old}&service_code=suggestion&status=closed")),
            Is.EquivalentTo(new[] { two[0], _old.ToString() }));

        var xml = await XmlAsync($"/open311/v2/requests.xml?{window}&status=closed");
        Assert.That(xml.Root!.Elements("request").Select(r => r.Element("service_request_id")!.Value), Is.EquivalentTo(closed));
        Assert.That(xml.Root.Elements("request").Select(r => r.Element("status")!.Value).Distinct(), Is.EqualTo(new[] { "closed" }));
    }

    [Test]
    public async Task Posting_needs_an_issued_api_key_and_records_the_petition_as_received_online_by_its_holder()
    {
        var fields = new Dictionary<string, string>
        {
            ["service_code"] = "complaint", ["description"] = "Đơn trực tuyến của ông Mai Xuân Gửi về lô đất 42", ["address_id"] = _locality,
            ["first_name"] = "Mai Xuân Gửi", ["last_name"] = "Lưu", ["phone"] = "0909 111 222", ["email"] = "gui@example.vn",
        };

        var none = await _http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(fields));
        Assert.That(none.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(JsonNode.Parse(await none.Content.ReadAsStringAsync())![0]!["outreach_code"]!.GetValue<string>(), Is.EqualTo("open311.api-key.missing"));

        var wrong = await _http.PostAsync("/open311/v2/requests.xml", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["api_key"] = Key + "x" }));
        Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var wrongXml = XDocument.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.That(wrongXml.Root!.Name.LocalName, Is.EqualTo("errors"));
        Assert.That(wrongXml.Root.Element("error")!.Element("code")!.Value, Is.EqualTo("403"));
        Assert.That(wrongXml.Root.Element("error")!.Element("outreach_code")!.Value, Is.EqualTo("open311.api-key.wrong"));

        var missingAddress = await _http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["api_key"] = Key, ["address_id"] = "" }));
        Assert.That(missingAddress.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(JsonNode.Parse(await missingAddress.Content.ReadAsStringAsync())![0]!["outreach_code"]!.GetValue<string>(), Is.EqualTo("open311.address-id.required"));

        var posted = await _http.PostAsync("/open311/v2/requests.json", new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["api_key"] = Key }));
        var body = await posted.Content.ReadAsStringAsync();
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        var answer = JsonNode.Parse(body)!.AsArray().Single()!;
        var id = Guid.Parse(answer["service_request_id"]!.GetValue<string>());
        Assert.That(answer["service_notice"]!.GetValue<string>(), Is.EqualTo(OutreachText.Get("open311.service-notice", OutreachText.Vietnamese)));
        AssertNoPersonalData(body, "POST answer");

        await using (var query = _store.QuerySession())
        {
            var recorded = (await query.LoadAsync<Case>(id))!;
            Assert.That((recorded.ReceivedBy, recorded.Channel, recorded.Status, recorded.LocalityCode, recorded.IsAnonymous),
                Is.EqualTo((Client, ReceptionChannel.Online, CaseStatus.AwaitingClassification, _locality, false)));
            Assert.That(recorded.Citizen, Is.Not.Null, "the citizen's details are kept, sealed");
        }

        var token = answer["token"]!.GetValue<string>();
        var byToken = (await JsonAsync($"/open311/v2/tokens/{token}.json")).AsArray().Single()!;
        Assert.That((byToken["service_request_id"]!.GetValue<string>(), byToken["token"]!.GetValue<string>()), Is.EqualTo((id.ToString(), token)));
        var tokenXml = await XmlAsync($"/open311/v2/tokens/{token}.xml");
        Assert.That(tokenXml.Root!.Element("request")!.Element("service_request_id")!.Value, Is.EqualTo(id.ToString()));
        var shown = (await JsonAsync($"/open311/v2/requests/{id}.json")).AsArray().Single()!;
        Assert.That((shown["service_code"]!.GetValue<string>(), shown["status"]!.GetValue<string>()), Is.EqualTo(("petition", "open")), "unclassified until the competent body classifies it");

        var unknownToken = await _http.GetAsync($"/open311/v2/tokens/{Guid.NewGuid()}.json");
        Assert.That(unknownToken.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task No_personal_data_leaves_through_any_answer_in_json_or_xml()
    {
        // A request posted with personal data, so that the online path is covered too.
        var posted = await _http.PostAsync("/open311/v2/requests.xml", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = Key, ["service_code"] = "denunciation", ["description"] = "Đơn trực tuyến của ông Mai Xuân Gửi về lô đất 42", ["address_id"] = _locality,
            ["first_name"] = "Mai Xuân Gửi", ["last_name"] = "Lưu", ["phone"] = "0909 111 222",
        }));
        var postedBody = await posted.Content.ReadAsStringAsync();
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Created), postedBody);
        AssertNoPersonalData(postedBody, "POST");
        var postedId = XDocument.Parse(postedBody).Root!.Element("request")!.Element("service_request_id")!.Value;

        var paths = new List<string> { "/open311/discovery", "/open311/v2/services", "/open311/v2/services/denunciation", "/open311/v2/requests" };
        foreach (var id in new[] { _complaint.ToString(), _denunciation.ToString(), _old.ToString(), postedId })
        {
            paths.Add("/open311/v2/requests/" + id);
            paths.Add("/open311/v2/tokens/" + id);
        }

        paths.Add($"/open311/v2/requests?service_request_id={_complaint},{_denunciation},{_old},{postedId}");
        var answers = 0;
        foreach (var path in paths)
        {
            foreach (var format in new[] { ".json", ".xml" })
            {
                var url = path.Contains('?', StringComparison.Ordinal) ? path.Replace("?", format + "?", StringComparison.Ordinal) : path + format;
                foreach (var english in new[] { false, true })
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    if (english)
                    {
                        request.Headers.AcceptLanguage.ParseAdd("en");
                    }

                    var response = await _http.SendAsync(request);
                    var body = await response.Content.ReadAsStringAsync();
                    Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url + ": " + body);
                    AssertNoPersonalData(body, url);
                    answers++;
                }
            }
        }

        var list = (await JsonAsync($"/open311/v2/requests.json?service_request_id={_complaint},{_denunciation},{_old},{postedId}")).AsArray();
        Assert.That(list, Has.Count.EqualTo(4), "every loaded case was among the answers checked");
        Assert.That(answers, Is.EqualTo(paths.Count * 4));
    }

    private static void AssertNoPersonalData(string body, string where)
    {
        // Both as written and as read back (JSON escapes, XML entities), so that no encoding hides a name.
        var values = body.TrimStart().StartsWith('<') ? XDocument.Parse(body).Descendants().Where(e => !e.HasElements).Select(e => e.Value)
            : Strings(JsonNode.Parse(body));
        var text = body + "\n" + string.Join("\n", values);
        foreach (var personal in Personal.Where(p => p.Length > 4))
        {
            Assert.That(text, Does.Not.Contain(personal), $"{where} leaks \"{personal}\"");
        }
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [TestCase("/open311/v2/requests/no-such-case.json", HttpStatusCode.NotFound, "case.not-found-by-reference", "Không có hồ sơ")]
    [TestCase("/open311/v2/requests.json?start_date=2026-02-30T00:00:00Z", HttpStatusCode.BadRequest, "open311.date", "không phải là ngày giờ")]
    [TestCase("/open311/v2/requests.json?start_date=2026-11-01T10:00:00", HttpStatusCode.BadRequest, "open311.date", "không phải là ngày giờ")]
    [TestCase("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z", HttpStatusCode.BadRequest, "open311.date-span", "90 ngày")]
    [TestCase("/open311/v2/requests.json?start_date=2026-06-01T00:00:00Z&end_date=2026-05-01T00:00:00Z", HttpStatusCode.BadRequest, "query.range-reversed", "đổi chỗ")]
    [TestCase("/open311/v2/requests.json?status=pending", HttpStatusCode.BadRequest, "open311.status", "status \"pending\"")]
    [TestCase("/open311/v2/requests.json?service_code=pothole", HttpStatusCode.NotFound, "open311.service-code.unknown", "pothole")]
    [TestCase("/open311/v2/services.html", HttpStatusCode.BadRequest, "open311.format", "định dạng")]
    public async Task A_refusal_is_georeports_error_list_with_the_librarys_code_in_vietnamese(string path, HttpStatusCode status, string code, string words)
    {
        var response = await _http.GetAsync(path);
        Assert.That(response.StatusCode, Is.EqualTo(status), path);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Single()!;
        Assert.That(error["code"]!.GetValue<int>(), Is.EqualTo((int)status));
        Assert.That(error["outreach_code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(error["description"]!.GetValue<string>(), Does.Contain(words));
    }

    [Test]
    public async Task A_refusal_reads_in_english_when_asked_and_in_xml_for_an_xml_address()
    {
        using var english = new HttpRequestMessage(HttpMethod.Get, "/open311/v2/requests/no-such-case.xml");
        english.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        var response = await _http.SendAsync(english);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/xml"));
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = xml.Root!.Element("error")!;
        Assert.That(xml.Root.Name.LocalName, Is.EqualTo("errors"));
        Assert.That(error.Element("code")!.Value, Is.EqualTo("404"));
        Assert.That(error.Element("outreach_code")!.Value, Is.EqualTo("case.not-found-by-reference"));
        Assert.That(error.Element("description")!.Value, Does.StartWith("No case"));
    }

    [Test]
    public async Task Past_the_rate_limit_open311_answers_429_with_retry_after_and_api_is_not_limited()
    {
        var keys = Path.Combine(Path.GetTempPath(), "outreach-open311-limit-" + _schema);
        await using var limited = Host(await TestDatabase.DatabaseAsync(), _schema, keys, permitLimit: 2);
        using var http = limited.CreateClient();
        try
        {
            Assert.That((await http.GetAsync("/open311/v2/services.xml")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await http.GetAsync("/open311/v2/services.xml")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var refused = await http.GetAsync("/open311/v2/services.xml");
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.Not.Null.And.GreaterThan(TimeSpan.Zero));
            var xml = XDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.That(xml.Root!.Element("error")!.Element("code")!.Value, Is.EqualTo("429"));
            Assert.That(xml.Root.Element("error")!.Element("outreach_code")!.Value, Is.EqualTo("open311.rate-limited"));
            Assert.That(xml.Root.Element("error")!.Element("description")!.Value, Does.Contain("giây"));

            // An issued key counts against its own window, not the address's.
            Assert.That((await http.GetAsync("/open311/v2/services.json?api_key=" + Key)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            http.DefaultRequestHeaders.Authorization = new("Bearer", WebHost.Token("auditor-1", "auditor"));
            for (var i = 0; i < 5; i++)
            {
                Assert.That((await http.GetAsync("/api/views")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "/api has no Open311 limit");
            }
        }
        finally
        {
            if (Directory.Exists(keys))
            {
                Directory.Delete(keys, recursive: true);
            }
        }
    }

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static List<string> Ids(JsonNode node) => [.. node.AsArray().Select(r => r!["service_request_id"]!.GetValue<string>())];

    private async Task<JsonNode> JsonAsync(string path, bool english = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (english)
        {
            request.Headers.AcceptLanguage.ParseAdd("en");
        }

        var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path + ": " + body);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/json"));
        return JsonNode.Parse(body)!;
    }

    private async Task<XDocument> XmlAsync(string path)
    {
        var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path + ": " + body);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/xml"));
        Assert.That(body, Does.StartWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>"));
        return XDocument.Parse(body);
    }

    private const string UtcPattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$";
}
