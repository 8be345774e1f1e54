using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Web;

/// <summary>
/// Every endpoint × every role, allowed and refused (issue 11): who may record which step, who reads what, and what a
/// caller who is not signed in, or signed in without an Outreach role, gets. The expected matrix is written here
/// independently of the library's table, as the policy a city would sign off.
/// </summary>
public sealed class WebAccessTests
{
    private static readonly string[] Cadre =
    [
        "ReceivePetition", "ClassifyPetition", "GuideCitizen", "AnswerPetition", "RecordVerification", "RecordDenunciationVerification", "HoldDialogue", "FileSecondComplaint",
        "WithdrawComplaint", "RecordLawsuit", "PlanVisit", "ArrangeVisit", "AttendMeeting", "GiveGuidance", "JoinCommunityWork", "DeliverOutreach",
        "HearResident", "FileVisitReport", "CancelVisit", "RecordMissedVisit", "RaiseDifficulty", "ResolveOnSite", "EscalateDifficulty", "DeliverSolution",
    ];

    private static readonly string[] Escalations = ["AnswerEscalation", "AssignDifficulty", "RequestInformation", "RecordRota", "SwapRotaVisits", "CancelRotaVisit", "ReassignRotaVisit"];

    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["cadre"] = Cadre,
        ["unit-head"] =
        [
            .. Cadre, .. Escalations, "ReclassifyPetition", "DeclareNotProcessable", "TransferPetition", "AcceptComplaint", "RefuseComplaint", "AssignVerifier",
            "FlagComplaint", "SuspendComplaint", "ResumeComplaint", "IssueFirstDecision", "IssueSecondDecision", "DeliverDecision", "TerminateComplaint",
            "WidenDenunciationCheck", "AcceptDenunciation", "RefuseDenunciation", "NotifyDenunciationParties", "ExtendDenunciationSettlement",
            "AssignDenunciationVerifier", "ConcludeDenunciation", "SubmitLateSettlementReport", "FormVisitingGroup",
        ],
        ["committee"] = [.. Escalations, "DemandLateSettlementReport"],
        ["auditor"] = [],
        ["administrator"] = ["EraseCitizenData", "RegisterUnit", "AssignCadre", "ReleaseCadre", "AppointUnitHead", "FormVisitingGroup"],
    };

    private static readonly string[] Reads =
    [
        "/api/programme/coverage", "/api/programme/visits-per-week", "/api/programme/guidance", "/api/difficulties/waiting",
        "/api/cases/by-locality", "/api/cases/overdue", "/api/views", "/api/programme/rota", "/api/programme/units",
        "/api/programme/localities/phuong-1/history?asOf=2024-03-31", "/api/cases",
    ];

    private static readonly DateTimeOffset At = new(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly Guid UnitA = Guid.NewGuid();
    private static readonly Guid UnitB = Guid.NewGuid();
    private static readonly Guid CaseA = Guid.NewGuid();
    private static readonly Guid CaseB = Guid.NewGuid();
    private static readonly Guid VisitA = Guid.NewGuid();
    private static readonly Guid VisitB = Guid.NewGuid();
    private static readonly Guid DifficultyA = Guid.NewGuid();
    private static readonly Guid DifficultyB = Guid.NewGuid();

    private WebHost _host = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await WebHost.StartOnNewSchemaAsync();

        // The organisation and two cases, recorded through the API by the people who may record them.
        using var admin = _host.Client("admin-1", "administrator");
        foreach (var (unit, code) in new[] { (UnitA, "phong-a"), (UnitB, "phong-b") })
        {
            await Ok(admin, "/api/unit/register", new { unitId = unit, code, name = "Phòng " + code[^1..].ToUpperInvariant(), occurredAt = At });
            await Ok(admin, "/api/unit/assign-cadre", new { unitId = unit, cadreCode = code[^1..] + ".1", fullName = "Trưởng " + code, position = "Trưởng phòng", occurredAt = At.AddHours(1) });
            await Ok(admin, "/api/unit/assign-cadre", new { unitId = unit, cadreCode = code[^1..] + ".2", fullName = "Cán bộ " + code, occurredAt = At.AddHours(2) });
            await Ok(admin, "/api/unit/appoint-head", new { unitId = unit, cadreCode = code[^1..] + ".1", occurredAt = At.AddHours(3) });
        }

        using (var a2 = _host.Client("a.2", "cadre"))
        {
            await Ok(a2, "/api/petition/receive", Petition(CaseA));
            var visit = VisitA;
            await Ok(a2, "/api/visit/plan", new { visitId = visit, unitId = UnitA, visitors = new[] { "a.2" }, localityCode = "phuong-1", plannedFor = "2024-03-08", occurredAt = At.AddDays(1) });
            await Ok(a2, "/api/visit/arrange", new { visitId = visit, contactedPerson = "Chủ tịch UBND phường", contactedBody = "UBND phường", agreedFor = "2024-03-08T08:00:00+07:00", place = "Hội trường phường", occurredAt = At.AddDays(2) });
            await Ok(a2, "/api/visit/meeting", new { visitId = visit, host = "CommuneGovernment", subject = "Giao ban tháng 3", occurredAt = At.AddDays(4) });
            await Ok(a2, "/api/difficulty/raise", new { difficultyId = DifficultyA, visitId = visit, unitId = UnitA, localityCode = "phuong-1", description = "Thiếu kinh phí sửa cống", occurredAt = At.AddDays(4).AddHours(2) });
        }

        using (var b2 = _host.Client("b.2", "cadre"))
        {
            await Ok(b2, "/api/petition/receive", Petition(CaseB));
            var visit = VisitB;
            await Ok(b2, "/api/visit/plan", new { visitId = visit, unitId = UnitB, visitors = new[] { "b.2" }, localityCode = "phuong-2", plannedFor = "2024-03-08", occurredAt = At.AddDays(1) });
            await Ok(b2, "/api/visit/arrange", new { visitId = visit, contactedPerson = "Chủ tịch UBND phường", contactedBody = "UBND phường", agreedFor = "2024-03-08T08:00:00+07:00", place = "Hội trường phường", occurredAt = At.AddDays(2) });
            await Ok(b2, "/api/visit/meeting", new { visitId = visit, host = "CommuneGovernment", subject = "Giao ban tháng 3", occurredAt = At.AddDays(4) });
            await Ok(b2, "/api/difficulty/raise", new { difficultyId = DifficultyB, visitId = visit, unitId = UnitB, localityCode = "phuong-2", description = "Thiếu kinh phí sửa cống", occurredAt = At.AddDays(4).AddHours(2) });
        }
    }

    private static object Petition(Guid id) => new
    {
        caseId = id, channel = "FieldVisit", citizenName = "Võ Thị Hoa", localityCode = "phuong-1", content = "Đường ngập nước sau mưa", occurredAt = At.AddDays(1),
    };

    private static async Task Ok(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path + ": " + await response.Content.ReadAsStringAsync());
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [TestCase("cadre")]
    [TestCase("unit-head")]
    [TestCase("committee")]
    [TestCase("auditor")]
    [TestCase("administrator")]
    public async Task Each_role_may_record_exactly_its_steps_and_is_refused_the_others_before_anything_is_read(string role)
    {
        using var client = _host.Client("someone", role);
        var mismatches = new List<string>();
        foreach (var command in OutreachCommands.All.Where(c => c.Name != "RevealDenouncerIdentity"))
        {
            // An empty body: an allowed role gets past the role check to the binding (400, the missing fields); a refused one never does.
            var response = await client.PostAsJsonAsync($"/api/{command.Noun}/{command.Verb}", new { });
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
            var expected = Allowed[role].Contains(command.Name) ? (HttpStatusCode.BadRequest, "input.missing-fields") : (HttpStatusCode.Forbidden, "access.command-role");
            if ((response.StatusCode, problem?["code"]?.GetValue<string>()) != expected)
            {
                mismatches.Add($"{command.Name}: {(int)response.StatusCode} {problem?["code"]}, expected {(int)expected.Item1} {expected.Item2}");
            }
        }

        Assert.That(mismatches, Is.Empty);
        Assert.That(Allowed[role].Where(name => OutreachCommands.Find(name) is null), Is.Empty, "the matrix names real commands");
    }

    [Test]
    public async Task Nobody_reveals_a_denouncer_by_a_bare_command_and_every_endpoint_wants_a_sign_in()
    {
        using var head = _host.Client("a.1", "unit-head", "committee", "auditor", "administrator", "cadre");
        var reveal = await head.PostAsJsonAsync("/api/denunciation/reveal-identity", new { caseId = CaseA, purpose = "x" });
        Assert.That((int)reveal.StatusCode, Is.AnyOf(404, 405), "not offered: a reveal happens only by reading under a clearance");

        using var anonymous = _host.Anonymous();
        foreach (var command in OutreachCommands.All.Where(c => c.Name != "RevealDenouncerIdentity"))
        {
            var response = await anonymous.PostAsJsonAsync($"/api/{command.Noun}/{command.Verb}", new { });
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), command.Name);
            Assert.That((await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>(), Is.EqualTo("access.sign-in-required"));
        }

        foreach (var path in Reads.Concat([$"/api/cases/{CaseA}", $"/api/cases/{CaseA}/audit", $"/api/visits/{VisitA}", $"/api/difficulties/{DifficultyA}"]))
        {
            var response = await anonymous.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), path);
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"), path);
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"), path);
        }
    }

    [TestCase("cadre")]
    [TestCase("unit-head")]
    [TestCase("committee")]
    [TestCase("auditor")]
    [TestCase("administrator")]
    public async Task Every_role_reads_every_view(string role)
    {
        using var client = _host.Client("a.2", role);
        foreach (var path in Reads)
        {
            var response = await client.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), path + ": " + await response.Content.ReadAsStringAsync());
        }
    }

    [Test]
    public async Task A_token_from_a_stranger_or_without_an_outreach_role_gets_nothing()
    {
        using var stranger = _host.Anonymous();
        stranger.DefaultRequestHeaders.Authorization = new("Bearer", WebHost.Token("a.1", System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), WebHost.Issuer, "committee"));
        Assert.That((await stranger.GetAsync("/api/programme/coverage")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "signed with another key");

        using var roleless = _host.Client("a.1", "reader");
        var response = await roleless.GetAsync("/api/programme/coverage");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.That(problem!["code"]!.GetValue<string>(), Is.EqualTo("access.no-role"));
        Assert.That(problem["title"]!.GetValue<string>(), Does.Contain("vai trò"), "Vietnamese by default");
        Assert.That((await roleless.PostAsJsonAsync("/api/petition/receive", Petition(Guid.NewGuid()))).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_cadre_sees_their_units_work_and_an_auditor_sees_everything()
    {
        using var a2 = _host.Client("a.2", "cadre");
        using var auditor = _host.Client("auditor-1", "auditor");
        Assert.That((await a2.GetAsync($"/api/cases/{CaseA}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "received by the cadre");
        var other = await a2.GetAsync($"/api/cases/{CaseB}");
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "received in another unit");
        Assert.That((await other.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>(), Is.EqualTo("access.case-outside-scope"));
        using var a1 = _host.Client("a.1", "unit-head");
        Assert.That((await a1.GetAsync($"/api/cases/{CaseA}")).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the head reads what the unit's cadres received");
        Assert.That((await auditor.GetAsync($"/api/cases/{CaseB}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        // The auditor's report of a case keeps to the same scope, as JSON and as the self-contained page.
        Assert.That((await a2.GetAsync($"/api/cases/{CaseA}/audit")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await a2.GetAsync($"/api/cases/{CaseB}/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await a2.GetAsync($"/cases/{CaseB}/audit.html")).StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await auditor.GetAsync($"/cases/{CaseB}/audit.html")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await _host.Anonymous().GetAsync($"/api/cases/{CaseB}/audit")).StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));

        var week = "/api/programme/visits-per-week?from=2024-03-04&to=2024-03-10";
        var units = async (HttpClient c) => (await c.GetFromJsonAsync<JsonObject>(week))!["rows"]!.AsArray().Select(r => r!["unitId"]!.GetValue<Guid>()).Distinct().ToList();
        await WaitForViewsAsync(auditor);
        Assert.That(await units(auditor), Is.EquivalentTo(new[] { UnitA, UnitB }));
        Assert.That(await units(a2), Is.EqualTo(new[] { UnitA }));
        Assert.That(await units(_host.Client("b.1", "unit-head")), Is.EqualTo(new[] { UnitB }));

        // A locality's history, as it stood: the visit of unit A to phuong-1, and no later petition.
        var history = (await a2.GetFromJsonAsync<JsonArray>("/api/programme/localities/phuong-1/history?asOf=2024-03-31"))!;
        Assert.That(history.Select(h => h!["kind"]!.GetValue<string>()), Does.Contain("Visit"));
    }

    [Test]
    public async Task A_cadre_reads_their_units_visits_difficulties_and_open_cases_and_is_refused_the_others()
    {
        using var a2 = _host.Client("a.2", "cadre");
        using var a1 = _host.Client("a.1", "unit-head");
        using var committee = _host.Client("committee-1", "committee");
        foreach (var (own, other, code) in new[] { ($"/api/visits/{VisitA}", $"/api/visits/{VisitB}", "access.visit-outside-scope"), ($"/api/difficulties/{DifficultyA}", $"/api/difficulties/{DifficultyB}", "access.difficulty-outside-scope") })
        {
            foreach (var reader in new[] { a2, a1 })
            {
                Assert.That((await reader.GetAsync(own)).StatusCode, Is.EqualTo(HttpStatusCode.OK), own);
                var refused = await reader.GetAsync(other);
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), other);
                Assert.That((await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>(), Is.EqualTo(code));
            }

            Assert.That((await committee.GetAsync(other)).StatusCode, Is.EqualTo(HttpStatusCode.OK), "the committee reads every unit's work");
        }

        var cases = async (HttpClient c) => (await c.GetFromJsonAsync<JsonObject>("/api/cases?pageSize=200"))!["rows"]!.AsArray().Select(r => r!["id"]!.GetValue<Guid>()).ToList();
        Assert.That(await cases(a2), Does.Contain(CaseA).And.Not.Contain(CaseB));
        Assert.That(await cases(_host.Client("b.1", "unit-head")), Does.Contain(CaseB).And.Not.Contain(CaseA));
        Assert.That(await cases(committee), Is.SupersetOf(new[] { CaseA, CaseB }));
        var page = await a2.GetFromJsonAsync<JsonObject>("/api/cases");
        Assert.That(page!["total"]!.GetValue<int>(), Is.EqualTo(page["rows"]!.AsArray().Count), "the count keeps to the scope too");
        Assert.That(page.ToJsonString(), Does.Not.Contain("Võ Thị Hoa").And.Not.Contain("ngập nước"), "a list shows neither the citizen nor the content");
    }

    private static async Task WaitForViewsAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while ((await client.GetFromJsonAsync<JsonObject>("/api/views"))!["isCurrent"]!.GetValue<bool>() is false)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the views catch up");
            await Task.Delay(200);
        }
    }

    [Test]
    public async Task The_actor_recorded_is_the_signed_in_person_and_a_body_naming_another_is_refused()
    {
        using var b2 = _host.Client("b.2", "cadre");
        var id = Guid.NewGuid();
        var refused = await b2.PostAsJsonAsync("/api/petition/receive", new
        {
            caseId = id, channel = "FieldVisit", localityCode = "phuong-1", content = "Xin cấp giấy", actor = "a.1", occurredAt = At.AddDays(2),
        });
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await refused.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>(), Is.EqualTo("access.actor-field"));

        var recorded = await b2.PostAsJsonAsync("/api/petition/receive", new { caseId = id, channel = "FieldVisit", isAnonymous = true, localityCode = "phuong-1", content = "Xin cấp giấy", occurredAt = At.AddDays(2) });
        Assert.That(recorded.StatusCode, Is.EqualTo(HttpStatusCode.OK), await recorded.Content.ReadAsStringAsync());
        using var store = await TestDatabase.CreateStoreAsync(_host.Schema);
        await using var query = store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id);
        Assert.That(events, Has.Count.EqualTo(1), "the refused body recorded nothing");
        Assert.That(((PetitionReceived)events[0].Data).ReceivedBy, Is.EqualTo("b.2"));
    }
}
