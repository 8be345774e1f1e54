using System.Text.Json.Nodes;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>The console host run as a process, the way a person or a script uses it.</summary>
public sealed class ConsoleTests
{
    private string _schema = "";
    private OutreachProcess _outreach = null!;
    private string _dir = "";

    [OneTimeSetUp]
    public async Task Start()
    {
        _schema = TestDatabase.NewSchemaName();
        _outreach = new OutreachProcess(await TestDatabase.DatabaseAsync(), _schema);
        _dir = Directory.CreateTempSubdirectory("outreach-console-").FullName;
        _outreach.Extra["OUTREACH_KEYS"] = Path.Combine(_dir, "keys");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await TestDatabase.DropSchemaAsync(_schema);
        Directory.Delete(_dir, recursive: true);
    }

    private string WriteFile(params string[] lines)
    {
        var path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Line(string command, Guid id, string at, string actor, string fields = "")
        => $$"""{"command":"{{command}}","caseId":"{{id}}","actor":"{{actor}}","occurredAt":"{{at}}T09:00:00+07:00"{{(fields.Length > 0 ? "," + fields : "")}}}""";

    private static string[] ComplaintStory(Guid id) =>
    [
        Line("ReceivePetition", id, "2024-03-04", "Nguyễn Văn An", """ "channel":"CitizenReception","citizenName":"Lê Văn Cường","localityCode":"phuong-1","content":"Khiếu nại thông báo nộp tiền sử dụng đất","respondent":"UBND phường 1" """),
        Line("ClassifyPetition", id, "2024-03-05", "Nguyễn Văn An", """ "kind":"Complaint" """),
        Line("AcceptComplaint", id, "2024-03-08", "Trần Thị Bình", """ "isComplex":false,"isRemoteArea":false,"notifiedParties":["Complainant","Respondent","Inspectorate"] """),
        Line("AssignVerifier", id, "2024-03-11", "Trần Thị Bình", """ "verifier":"Phạm Văn Dũng" """),
        Line("RecordVerification", id, "2024-03-25", "Phạm Văn Dũng", """ "reportReference":"BC-01","findings":"Tính sai diện tích" """),
        Line("HoldDialogue", id, "2024-03-28", "Trần Thị Bình", """ "attendees":["Người khiếu nại","Phạm Văn Dũng"],"minutesReference":"BB-01" """),
        Line("IssueFirstDecision", id, "2024-04-03", "Trần Thị Bình", """ "decisionNumber":"15/QĐ-UBND","finding":"PartlyFounded","summary":"Tính lại tiền sử dụng đất" """),
        Line("DeliverDecision", id, "2024-04-05", "Nguyễn Văn An", """ "recipients":["Complainant","Respondent"] """),
    ];

    [Test]
    public async Task A_complete_complaint_story_shows_the_right_deadline_at_every_step()
    {
        var id = Guid.NewGuid();
        var apply = await _outreach.RunAsync("apply", WriteFile(ComplaintStory(id)), "--culture", "en");
        Assert.That(apply.ExitCode, Is.EqualTo(0), apply.ToString());
        Assert.That(apply.Out, Does.Contain("line 8: recorded DecisionDelivered"));
        Assert.That(apply.Out, Does.Contain("8 line(s) applied (0 unchanged), 0 failed."));
        var again = await _outreach.RunAsync("apply", WriteFile(ComplaintStory(id)), "--culture", "en");
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Out, Does.Contain("8 line(s) applied (8 unchanged), 0 failed."), "applying the same file twice records nothing twice");

        // version → expected open deadlines (step:due), checked through time travel on the recorded stream.
        var expected = new Dictionary<int, string>
        {
            [1] = "",
            [2] = "ComplaintAcceptance:2024-03-14",
            [3] = "FirstDecision:2024-04-08",
            [4] = "FirstDecision:2024-04-08",
            [5] = "FirstDecision:2024-04-08",
            [6] = "FirstDecision:2024-04-08",
            // The window runs from the complainant's receipt of the decision (Fri 5 Apr): +30 days = Sun 5 May → Mon 6 May.
            [7] = "DecisionDelivery:2024-04-08",
            [8] = "SecondComplaintWindow:2024-05-06",
        };
        foreach (var (version, deadlines) in expected)
        {
            var show = await _outreach.RunAsync("case", "show", id.ToString(), "--version", version.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
            Assert.That(show.ExitCode, Is.EqualTo(0), show.ToString());
            var view = JsonNode.Parse(show.Out)!;
            Assert.That((int)view["version"]!, Is.EqualTo(version));
            var actual = string.Join(",", view["deadlines"]!.AsArray().Select(d => $"{d!["step"]}:{d["due"]}"));
            Assert.That(actual, Is.EqualTo(deadlines), $"deadlines at version {version}");
        }

        var current = JsonNode.Parse((await _outreach.RunAsync("case", "show", id.ToString(), "--json", "--today", "2024-04-10")).Out)!;
        Assert.That((string)current["status"]!, Is.EqualTo("FirstDecisionIssued"));
        Assert.That((int)current["deadlines"]![0]!["daysLeft"]!, Is.EqualTo(26));
        Assert.That((string)current["deadlines"]![0]!["citation"]!, Is.EqualTo("Law 02/2011/QH13 Art. 33"));
    }

    [Test]
    public async Task An_illegal_step_is_refused_with_the_reason_and_records_nothing()
    {
        var id = Guid.NewGuid();
        var story = ComplaintStory(id);
        var file = WriteFile([.. story.Take(4), story[6]]);
        var apply = await _outreach.RunAsync("apply", file, "--culture", "en");
        Assert.That(apply.ExitCode, Is.EqualTo(1), apply.ToString());
        Assert.That(apply.Out, Does.Contain("line 5: FAILED — No verification report is on file"));
        var show = JsonNode.Parse((await _outreach.RunAsync("case", "show", id.ToString(), "--json")).Out)!;
        Assert.That((int)show["version"]!, Is.EqualTo(4));
        Assert.That((string)show["status"]!, Is.EqualTo("UnderSettlement"));
    }

    [TestCase("0")]
    [TestCase("-3")]
    public async Task A_batch_size_below_one_is_refused_before_anything_is_applied(string batch)
    {
        var id = Guid.NewGuid();
        var apply = await _outreach.RunAsync("apply", WriteFile(ComplaintStory(id)), "--batch", batch, "--culture", "en");
        Assert.That(apply.ExitCode, Is.EqualTo(2), apply.ToString());
        Assert.That(apply.Error, Does.Contain($"--batch must be a whole number of 1 or more (lines per transaction), not {batch}."));
        var show = await _outreach.RunAsync("case", "show", id.ToString(), "--culture", "en");
        Assert.That(show.ExitCode, Is.Not.Zero, "nothing was recorded");
    }

    [TestCase("1")]
    [TestCase("2")]
    public async Task Any_batch_size_reports_the_same_lines(string batch)
    {
        var id = Guid.NewGuid();
        var lines = ComplaintStory(id).ToList();
        lines.Insert(2, "{ not json");
        var apply = await _outreach.RunAsync("apply", WriteFile([.. lines]), "--batch", batch, "--culture", "en");
        Assert.That(apply.ExitCode, Is.EqualTo(1), apply.ToString());
        Assert.That(apply.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).ToArray(),
            Is.EqualTo(new[] { "1:", "2:", "3:", "4:", "5:", "6:", "7:", "8:", "9:", "line(s)" }));
        Assert.That(apply.Out, Does.Contain("line 3: FAILED — Malformed JSON").And.Contain("8 line(s) applied (0 unchanged), 1 failed."));
    }

    [Test]
    public async Task Bad_lines_are_reported_one_by_one_and_change_nothing_while_good_lines_apply()
    {
        var id = Guid.NewGuid();
        var unknown = Guid.NewGuid();
        var file = WriteFile(
            ComplaintStory(id)[0],
            "{\"command\":\"ClassifyPetition\", \"caseId\":",
            Line("AcceptComplaiint", id, "2024-03-06", "X"),
            """{"command":"ClassifyPetition","caseId":"%ID%","occurredAt":"2024-03-06T09:00:00+07:00"}""".Replace("%ID%", id.ToString(), StringComparison.Ordinal),
            Line("ClassifyPetition", unknown, "2024-03-06", "X", """ "kind":"Complaint" """),
            Line("ClassifyPetition", id, "2024-03-06", "X", """ "kind":"Complaint","colour":"red" """),
            Line("ClassifyPetition", id, "2024-03-06", "X", """ "kind":"Grievance" """),
            """{"caseId":"x"}""",
            Line("ClassifyPetition", id, "2024-03-06", "X", """ "kind":"Complaint" """));
        var apply = await _outreach.RunAsync("apply", file, "--json", "--culture", "en");
        Assert.That(apply.ExitCode, Is.EqualTo(1), apply.ToString());
        var results = apply.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToArray();
        Assert.That(results.Select(r => (bool)r["ok"]!), Is.EqualTo(new[] { true, false, false, false, false, false, false, false, true }));
        string Error(int line) => (string)results.Single(r => (int)r["line"]! == line)["error"]!;
        Assert.Multiple(() =>
        {
            Assert.That(Error(2), Does.StartWith("Malformed JSON"));
            Assert.That((string?)results.Single(r => (int)r["line"]! == 2)["code"], Is.EqualTo("input.malformed-json"));
            Assert.That(Error(3), Does.Contain("Unknown command \"AcceptComplaiint\". Did you mean \"AcceptComplaint\"?"));
            Assert.That(Error(4), Does.Contain("missing required field(s): kind, actor"));
            Assert.That(Error(5), Does.Contain($"No case with id {unknown}"));
            Assert.That(Error(6), Does.Contain("has no field \"colour\""));
            Assert.That(Error(7), Does.Contain("\"Grievance\" is not one of Unclassified, Suggestion, Complaint, Denunciation"));
            Assert.That(Error(8), Does.Contain("no \"command\" field"));
        });
        var show = JsonNode.Parse((await _outreach.RunAsync("case", "show", id.ToString(), "--json")).Out)!;
        Assert.That((int)show["version"]!, Is.EqualTo(2), "only the two good lines were recorded");
    }

    [Test]
    public async Task Noun_verb_commands_record_steps_and_refuse_illegal_ones()
    {
        var receive = await _outreach.RunAsync("petition", "receive", "--channel", "Letter", "--citizen-name", "Võ Thị Hoa", "--locality-code", "my-tra",
            "--content", "Phản ánh đèn đường hư", "--actor", "Nguyễn Văn An", "--occurred-at", "2025-05-05T08:00:00+07:00", "--json");
        Assert.That(receive.ExitCode, Is.EqualTo(0), receive.ToString());
        var id = (string)JsonNode.Parse(receive.Out)!["caseId"]!;

        var accept = await _outreach.RunAsync("complaint", "accept", "--case-id", id, "--notified-parties", "Complainant,Respondent", "--actor", "Trần Thị Bình", "--culture", "en");
        Assert.That(accept.ExitCode, Is.EqualTo(1), accept.ToString());
        Assert.That(accept.Error, Does.Contain("Cannot accept the complaint: the case is AwaitingClassification"));

        var classify = await _outreach.RunAsync("petition", "classify", "--case-id", id, "--kind", "Suggestion", "--actor", "Nguyễn Văn An", "--culture", "en");
        Assert.That(classify.ExitCode, Is.EqualTo(0), classify.ToString());
        Assert.That(classify.Out, Does.Contain("Recorded PetitionClassified").And.Contain("(version 2)"));

        var stale = await _outreach.RunAsync("petition", "answer", "--case-id", id, "--answer", "Đã sửa", "--actor", "A", "--expected-version", "1", "--culture", "en");
        Assert.That(stale.ExitCode, Is.EqualTo(8), "a conflict has its own exit code: " + stale);
        Assert.That(stale.Error, Does.Contain("no longer at version 1"));
    }

    [Test]
    public async Task Usage_errors_say_what_is_wrong_and_exit_with_2()
    {
        var missing = await _outreach.RunAsync("case", "show");
        Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString());
        Assert.That(missing.Error, Does.Contain("outreach case show --help"));

        var culture = await _outreach.RunAsync("cases", "overdue", "--culture", "fr");
        Assert.That(culture.ExitCode, Is.EqualTo(2), culture.ToString());
        Assert.That(culture.Error, Does.Contain("Unknown culture \"fr\""));

        var date = await _outreach.RunAsync("cases", "overdue", "--today", "31/12/2024", "--culture", "en");
        Assert.That(date.ExitCode, Is.EqualTo(2));
        Assert.That(date.Error, Does.Contain("use yyyy-MM-dd"));
        var ngay = await _outreach.RunAsync("cases", "overdue", "--today", "31/12/2024");
        Assert.That((ngay.ExitCode, ngay.Error), Is.EqualTo((2, "error: --today \"31/12/2024\" không phải là ngày: hãy ghi yyyy-MM-dd (ví dụ 2024-03-31).\n")));

        var file = await _outreach.RunAsync("apply", Path.Combine(_dir, "nope.jsonl"), "--culture", "en");
        Assert.That(file.ExitCode, Is.EqualTo(2));
        Assert.That(file.Error, Does.Contain("does not exist"));

        var unknownCase = await _outreach.RunAsync("case", "timeline", Guid.Empty.ToString(), "--culture", "en");
        Assert.That(unknownCase.ExitCode, Is.EqualTo(1));
        Assert.That(unknownCase.Error, Does.Contain("No case with id"));
    }

    [Test]
    public async Task Inputs_that_would_be_read_differently_on_another_server_are_refused()
    {
        var id = Guid.NewGuid();
        var noOffset = """{"command":"ReceivePetition","caseId":"%ID%","channel":"Letter","citizenName":"A","localityCode":"phuong-1","content":"x","actor":"B","occurredAt":"2024-03-04T09:00:00"}""".Replace("%ID%", id.ToString(), StringComparison.Ordinal);
        var twice = """{"command":"ClassifyPetition","caseId":"%ID%","caseId":"%ID%","kind":"Complaint","actor":"B","occurredAt":"2024-03-05T09:00:00+07:00"}""".Replace("%ID%", id.ToString(), StringComparison.Ordinal);
        var apply = await _outreach.RunAsync("apply", WriteFile(noOffset, twice), "--json", "--culture", "en");
        Assert.That(apply.ExitCode, Is.EqualTo(1), apply.ToString());
        var errors = apply.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["error"]!).ToArray();
        Assert.That(errors[0], Does.Contain("has no UTC offset").And.Contain("+07:00"));
        Assert.That(errors[1], Does.Contain("A field appears twice"));

        var directory = await _outreach.RunAsync("apply", _dir, "--culture", "en");
        Assert.That((directory.ExitCode, directory.Error.Contains("is a directory", StringComparison.Ordinal)), Is.EqualTo((2, true)), directory.ToString());
    }

    [Test]
    public async Task Time_travel_keeps_a_denouncer_protected_and_refuses_versions_that_do_not_exist()
    {
        var id = Guid.NewGuid();
        var file = WriteFile(
            Line("ReceivePetition", id, "2024-07-01", "Nguyễn Văn An", """ "channel":"FieldVisit","citizenName":"Trần Văn Tố","citizenPhone":"0901234567","localityCode":"phuong-3","content":"Tố cáo cán bộ nhận tiền","respondent":"Cán bộ địa chính" """),
            Line("ClassifyPetition", id, "2024-07-02", "Nguyễn Văn An", """ "kind":"Denunciation" """));
        Assert.That((await _outreach.RunAsync("apply", file)).ExitCode, Is.EqualTo(0));

        foreach (var args in new[] { new[] { "--version", "1" }, new[] { "--as-of", "2024-07-01T10:00:00+07:00" }, Array.Empty<string>() })
        {
            var show = await _outreach.RunAsync(["case", "show", id.ToString(), "--json", .. args]);
            Assert.That(show.ExitCode, Is.EqualTo(0), show.ToString());
            Assert.That(show.Out, Does.Not.Contain("Trần Văn Tố").And.Not.Contain("0901234567"), $"identity leaked with {string.Join(' ', args)}");
            Assert.That((bool)JsonNode.Parse(show.Out)!["citizen"]!["isProtected"]!, Is.True);
        }

        var tooFar = await _outreach.RunAsync("case", "show", id.ToString(), "--version", "9", "--culture", "en", "--json");
        Assert.That(tooFar.ExitCode, Is.EqualTo(2), tooFar.ToString());
        Assert.That(tooFar.Error, Does.Contain("version must be between 1 and 2"));
        Assert.That((string?)JsonNode.Parse(tooFar.Out)!["code"], Is.EqualTo("case.show.version-range"));
    }

    [Test]
    public async Task Programme_verbs_localities_rotation_coverage_and_difficulties()
    {
        var localities = await _outreach.RunAsync("localities", "list", "--communes", "--on", "2025-03-01", "--json");
        Assert.That(localities.ExitCode, Is.EqualTo(0), localities.ToString());
        Assert.That(JsonNode.Parse(localities.Out)!.AsArray(), Has.Count.EqualTo(13));

        var show = await _outreach.RunAsync("localities", "show", "phuong-2", "--culture", "en");
        Assert.That(show.Out, Does.Contain("Merged into").And.Contain("Phường 1").And.Contain("Today part of").And.Contain("Phường Cao Lãnh"));

        var plan = await _outreach.RunAsync("rotation", "plan", "--visitors", "a,b,c", "--from", "2024-12-23", "--weeks", "3", "--communes", "--json");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        var assignments = JsonNode.Parse(plan.Out)!["assignments"]!.AsArray();
        Assert.That(assignments, Has.Count.EqualTo(9));
        Assert.That(assignments.Where(a => (string)a!["week"]! == "2025-01-06").Select(a => (string)a!["locality"]!), Has.None.EqualTo("phuong-2"), "Ward 2 is gone from 2025");

        var recorded = await _outreach.RunAsync("rotation", "plan", "--visitors", "a,b", "--from", "2025-07-07", "--weeks", "2", "--communes", "--record", "--actor", "Ban Dân vận", "--json");
        Assert.That(recorded.ExitCode, Is.EqualTo(0), recorded.ToString());
        var rota = (string)JsonNode.Parse(recorded.Out)!["rotaId"]!;
        var swap = await _outreach.RunAsync("rota", "swap", "--rota-id", rota, "--week", "2025-07-07", "--first-visitor", "a", "--second-visitor", "b", "--reason", "đổi lịch", "--actor", "Ban Dân vận", "--culture", "en");
        Assert.That(swap.ExitCode, Is.AnyOf(0, 1), swap.ToString());
        Assert.That(swap.Out + swap.Error, Does.Contain("RotaVisitsSwapped").Or.Contain("twice in a row"));
        var unknown = await _outreach.RunAsync("rota", "cancel", "--rota-id", rota, "--week", "2025-07-07", "--visitor", "zz", "--reason", "x", "--actor", "A", "--culture", "en");
        Assert.That((unknown.ExitCode, unknown.Error.Contains("zz has no visit", StringComparison.Ordinal)), Is.EqualTo((1, true)), unknown.ToString());

        var notMonday = await _outreach.RunAsync("rotation", "plan", "--visitors", "a", "--from", "2024-12-24", "--culture", "en");
        Assert.That((notMonday.ExitCode, notMonday.Error.Contains("Use 2024-12-23", StringComparison.Ordinal)), Is.EqualTo((1, true)), notMonday.ToString());
        var notMondayVi = await _outreach.RunAsync("rotation", "plan", "--visitors", "a", "--from", "2024-12-24");
        Assert.That((notMondayVi.ExitCode, notMondayVi.Error.Contains("là thứ Ba. Hãy dùng ngày 23/12/2024", StringComparison.Ordinal)), Is.EqualTo((1, true)), notMondayVi.ToString());

        var coverage = await _outreach.RunAsync("programme", "coverage", "--communes", "--today", "2026-01-05", "--json");
        Assert.That(coverage.ExitCode, Is.EqualTo(0), coverage.ToString());
        Assert.That(JsonNode.Parse(coverage.Out)!.AsArray().Select(c => (string)c!["localityCode"]!), Is.EquivalentTo(new[] { "cao-lanh", "my-ngai-2025", "my-tra-2025" }));

        var waiting = await _outreach.RunAsync("difficulties", "waiting", "--culture", "en");
        Assert.That(waiting.ExitCode, Is.EqualTo(0), waiting.ToString());
    }

    [Test]
    public async Task A_deployment_loads_its_own_locality_catalogue()
    {
        var catalogue = Path.Combine(_dir, "catalogue.json");
        File.WriteAllText(catalogue, """
            { "name": "Thị trấn mẫu", "localities": [
                { "code": "tt-a", "name": "Khu phố A", "kind": "Ward", "validFrom": "2020-01-01" },
                { "code": "tt-a/1", "name": "Tổ 1", "kind": "Quarter", "parent": "tt-a", "validFrom": "2020-01-01" } ] }
            """);
        var outreach = new OutreachProcess(await TestDatabase.DatabaseAsync(), TestDatabase.NewSchemaName());
        outreach.Extra["OUTREACH_LOCALITIES"] = catalogue;
        try
        {
            var list = await outreach.RunAsync("localities", "list", "--on", "2024-01-01", "--json");
            Assert.That(JsonNode.Parse(list.Out)!.AsArray().Select(l => (string)l!["code"]!), Is.EquivalentTo(new[] { "tt-a", "tt-a/1" }), list.ToString());
            var file = WriteFile(
                Line("ReceivePetition", Guid.NewGuid(), "2024-03-04", "A", """ "channel":"Letter","citizenName":"B","localityCode":"tt-a/1","content":"x" """),
                Line("ReceivePetition", Guid.NewGuid(), "2024-03-04", "A", """ "channel":"Letter","citizenName":"B","localityCode":"phuong-1","content":"x" """));
            var apply = await outreach.RunAsync("apply", file, "--culture", "en");
            Assert.That(apply.Out, Does.Contain("line 1: recorded PetitionReceived").And.Contain("line 2: FAILED — Unknown locality \"phuong-1\""), apply.ToString());

            outreach.Extra["OUTREACH_LOCALITIES"] = Path.Combine(_dir, "missing.json");
            var missing = await outreach.RunAsync("localities", "list", "--culture", "en");
            Assert.That((missing.ExitCode, missing.Error.Contains("does not exist", StringComparison.Ordinal)), Is.EqualTo((2, true)), missing.ToString());
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(outreach.Schema);
        }
    }

    [Test]
    public async Task Overdue_cases_timeline_and_languages()
    {
        var id = Guid.NewGuid();
        Assert.That((await _outreach.RunAsync("apply", WriteFile(ComplaintStory(id).Take(3).ToArray()))).ExitCode, Is.EqualTo(0));

        var overdue = await _outreach.RunAsync("cases", "overdue", "--today", "2024-05-01", "--json");
        Assert.That(overdue.ExitCode, Is.EqualTo(0), overdue.ToString());
        var row = JsonNode.Parse(overdue.Out)!.AsArray().Single(r => (string)r!["caseId"]! == id.ToString())!;
        Assert.That(((string)row["step"]!, (int)row["daysOverdue"]!), Is.EqualTo(("FirstDecision", 23)));

        var tableVi = await _outreach.RunAsync("cases", "overdue", "--today", "2024-05-01");
        Assert.That(tableVi.Out, Does.Contain("giải quyết lần đầu").And.Contain("23 ngày"));

        var timelineEn = await _outreach.RunAsync("case", "timeline", id.ToString(), "--culture", "en");
        Assert.That(timelineEn.ExitCode, Is.EqualTo(0), timelineEn.ToString());
        Assert.That(timelineEn.Out, Does.Contain("Complaint accepted (round 1)").And.Contain("Trần Thị Bình").And.Contain("back-filled"));
        var timelineVi = await _outreach.RunAsync("case", "timeline", id.ToString(), "--as-of", "2024-03-05");
        Assert.That(timelineVi.Out, Does.Contain("Phân loại là khiếu nại").And.Not.Contain("Thụ lý"));

        var json = JsonNode.Parse((await _outreach.RunAsync("case", "timeline", id.ToString(), "--json")).Out)!.AsArray();
        Assert.That(json.Select(e => (string)e!["eventType"]!), Is.EqualTo(new[] { "PetitionReceived", "PetitionClassified", "ComplaintAccepted" }));
        Assert.That(json.All(e => (bool)e!["isBackFilled"]!), Is.True);
    }
}
