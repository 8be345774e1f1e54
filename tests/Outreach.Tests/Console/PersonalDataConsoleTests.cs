using System.Text.Json;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary><c>outreach citizen erase</c>, <c>outreach clearance issue</c> and <c>case show --clearance</c>, as a person runs them.</summary>
public sealed class PersonalDataConsoleTests : ConsoleStoryFixture
{
    private const string Complaint = "6f1c2d9e-4b7a-4c55-9a1e-2b8f0d3c4e51";
    private const string Denunciation = "9a0b8c7d-1111-4222-8333-444455556666";

    /// <summary>The whole sample complaint story, and a denunciation.</summary>
    protected override IEnumerable<string> Steps() =>
    [
        .. SampleStory(100),
        $$"""{"command":"ReceivePetition","caseId":"{{Denunciation}}","channel":"Letter","citizenName":"Nguyễn Thị Lan","citizenPhone":"0912 345 678","localityCode":"phuong-1","content":"Tố cáo cán bộ địa chính nhận tiền","actor":"Nguyễn Văn An","occurredAt":"2024-03-06T09:00:00+07:00"}""",
        $$"""{"command":"ClassifyPetition","caseId":"{{Denunciation}}","kind":"Denunciation","actor":"Nguyễn Văn An","occurredAt":"2024-03-06T10:00:00+07:00"}""",
    ];

    private async Task<JsonElement> CitizenAsync(string id, params string[] more)
    {
        var shown = await Outreach.RunAsync(["case", "show", id, "--json", .. more]);
        Assert.That(shown.ExitCode, Is.Zero, shown.ToString());
        return JsonDocument.Parse(shown.Out).RootElement.GetProperty("citizen").Clone();
    }

    [Test]
    [Order(1)]
    public async Task A_denouncer_is_shown_only_to_a_clearance_holder_with_the_right_code()
    {
        Assert.That((await CitizenAsync(Denunciation)).GetProperty("name").GetString(), Does.StartWith("TC-"));

        var issued = await Outreach.RunAsync("clearance", "issue", "Thanh tra viên Đỗ Thị Hạnh", "--culture", "en");
        Assert.That(issued.ExitCode, Is.Zero, issued.ToString());
        var code = issued.Out.Split("Code (shown once): ")[1].Split('\n')[0].Trim();

        Outreach.Extra["OUTREACH_CLEARANCE_CODE"] = code;
        var noPurpose = await Outreach.RunAsync("case", "show", Denunciation, "--clearance", "Thanh tra viên Đỗ Thị Hạnh", "--culture", "en");
        Assert.That((noPurpose.ExitCode, noPurpose.Error.Contains("--clearance needs --purpose", StringComparison.Ordinal)), Is.EqualTo((2, true)), noPurpose.ToString());
        var revealed = await CitizenAsync(Denunciation, "--clearance", "Thanh tra viên Đỗ Thị Hạnh", "--purpose", "Xác minh nội dung tố cáo");
        Assert.That((revealed.GetProperty("name").GetString(), revealed.GetProperty("phone").GetString()), Is.EqualTo(("Nguyễn Thị Lan", "0912 345 678")));

        var timeline = await Outreach.RunAsync("case", "timeline", Denunciation, "--json", "--culture", "en");
        var reveal = JsonDocument.Parse(timeline.Out).RootElement.EnumerateArray().Single(e => e.GetProperty("eventType").GetString() == "DenouncerIdentityRevealed");
        Assert.That((reveal.GetProperty("actor").GetString(), reveal.GetProperty("text").GetString()), Is.EqualTo(("Thanh tra viên Đỗ Thị Hạnh",
            "Thanh tra viên Đỗ Thị Hạnh read the denouncer's identity (with clearance): Xác minh nội dung tố cáo")), "who read the identity, and why, is in the history");
        Assert.That(timeline.Out, Does.Not.Contain("Nguyễn Thị Lan"));

        Outreach.Extra["OUTREACH_CLEARANCE_CODE"] = "0000";
        var refused = await Outreach.RunAsync("case", "show", Denunciation, "--clearance", "Thanh tra viên Đỗ Thị Hạnh", "--purpose", "x", "--culture", "en");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("wrong").And.Not.Contain("Nguyễn Thị Lan"));
        Assert.That(refused.Out, Does.Not.Contain("Nguyễn Thị Lan"));
        Outreach.Extra.Remove("OUTREACH_CLEARANCE_CODE");
    }

    [Test]
    [Order(2)]
    public async Task After_an_erasure_no_view_shows_the_citizen_and_verification_still_passes()
    {
        Assert.That((await CitizenAsync(Complaint)).GetProperty("name").GetString(), Is.EqualTo("Lê Văn Cường"));

        var erased = await Outreach.RunAsync("citizen", "erase", "--case-id", Complaint, "--request", "Đơn yêu cầu số 3, ngày 01/04/2024",
            "--legal-basis", "Nghị định 13/2023/NĐ-CP, Điều 16", "--actor", "Trần Thị Bình", "--occurred-at", "2024-04-10T09:00:00+07:00");
        Assert.That(erased.ExitCode, Is.Zero, erased.ToString());

        var now = await CitizenAsync(Complaint);
        var then = await CitizenAsync(Complaint, "--version", "1");
        foreach (var citizen in new[] { now, then })
        {
            Assert.That(citizen.GetProperty("name").GetString(), Does.StartWith("CD-"));
            Assert.That(citizen.GetProperty("isErased").GetBoolean(), Is.True);
        }

        foreach (var args in new[] { new[] { "case", "show", Complaint }, ["case", "timeline", Complaint, "--json"], ["audit", "case", Complaint, "--json"], ["cases", "overdue", "--json"] })
        {
            var output = await Outreach.RunAsync(args);
            Assert.That(output.Out + output.Error, Does.Not.Contain("Lê Văn Cường"), string.Join(' ', args));
        }

        var verified = await Outreach.RunAsync("audit", "verify");
        Assert.That(verified.ExitCode, Is.Zero, verified.ToString());

        var again = await Outreach.RunAsync("petition", "receive", "--case-id", Complaint, "--channel", "CitizenReception", "--citizen-name", "Lê Văn Cường",
            "--locality-code", "phuong-1", "--content", "x", "--actor", "Nguyễn Văn An", "--occurred-at", "2024-03-04T09:00:00+07:00", "--culture", "en", "--json");
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        Assert.That(again.Error, Does.Contain("was erased on request"));
        Assert.That((string?)System.Text.Json.Nodes.JsonNode.Parse(again.Out)!["code"], Is.EqualTo("person.erased"), "the refusal's JSON carries its code");
    }
}
