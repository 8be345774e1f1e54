using System.Text.Json;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>
/// The stories of <c>docs/samples</c> that show issue 12's legal rules (filing windows, the second round, a denunciation's
/// extension, verification, conclusion and transfer), applied with <c>outreach apply</c> and read back with
/// <c>outreach audit case</c>, as the docs show them.
/// </summary>
public sealed class LegalStoryTests : ConsoleStoryFixture
{
    private static readonly string[] Stories = ["filing-windows.jsonl", "second-round.jsonl", "denunciation-procedure.jsonl"];

    protected override IEnumerable<string> Steps()
        => Stories.SelectMany(f => File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "samples", f))).Where(l => l.StartsWith('{'));

    private async Task<JsonElement> AuditAsync(string number, string asOf)
    {
        var run = await Outreach.RunAsync("audit", "case", number, "--json", "--as-of", asOf);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        return JsonDocument.Parse(run.Out).RootElement.Clone();
    }

    private static List<JsonElement> Periods(JsonElement report, string step)
        => [.. report.GetProperty("deadlines").EnumerateArray().Where(d => d.GetProperty("step").GetString() == step)];

    private static (string?, int?) Outcome(JsonElement period)
        => (period.GetProperty("outcome").GetString(), period.GetProperty("daysLate").ValueKind == JsonValueKind.Null ? null : period.GetProperty("daysLate").GetInt32());

    private static string? Text(JsonElement e, string name) => e.GetProperty(name).ValueKind == JsonValueKind.Null ? null : e.GetProperty(name).GetString();

    private static List<(string?, string)> Gaps(JsonElement report)
        => [.. report.GetProperty("noticeGaps").EnumerateArray().Select(g => (g.GetProperty("notice").GetString(), string.Join(",", g.GetProperty("missing").EnumerateArray().Select(m => m.GetString()))))];

    [Test]
    public async Task The_second_round_story_judges_its_own_articles_and_names_who_answers()
    {
        var report = await AuditAsync("61/2025/TCD", "2025-09-30");
        var acceptance = Periods(report, "ComplaintAcceptance").Single();
        Assert.That((Text(acceptance, "startsAfter"), Outcome(acceptance)), Is.EqualTo(("2025-05-05", ("Missed", (int?)1))),
            "point 7: counted from receipt, so the week taken as a suggestion cost the acceptance a day");
        Assert.That(Text(Periods(report, "SecondComplaintAcceptance").Single(), "citation"), Is.EqualTo("Law 02/2011/QH13 Art. 36"));

        var decision = Periods(report, "SecondDecision").Single();
        Assert.That(Outcome(decision), Is.EqualTo(("Missed", (int?)14)));
        Assert.That((Text(decision, "competent"), Text(decision, "responsible")), Is.EqualTo(("Chủ tịch UBND thành phố", "Chủ tịch UBND thành phố")),
            "point 6: who accepted the round answers, not the verifier who held the dialogue");

        var delivery = Periods(report, "SecondDecisionDelivery").Single();
        Assert.That((delivery.GetProperty("days").GetInt32(), Text(delivery, "basis"), Outcome(delivery)), Is.EqualTo((7, "Calendar", ("Missed", (int?)3))));
        Assert.That(Gaps(report), Is.EquivalentTo(new[] { ("FirstAcceptance", "Inspectorate"), ("SecondDecision", "Respondent") }));
    }

    [Test]
    public async Task The_denunciation_story_shows_the_late_extension_the_unreached_party_and_the_late_conclusion()
    {
        var report = await AuditAsync("51/2025/TCD", "2025-05-31");
        var settlement = Periods(report, "DenunciationSettlement");
        Assert.That(settlement.Select(Outcome), Is.EqualTo(new (string?, int?)[] { ("Missed", 2), ("Met", null) }), "the paper extension came two days after 8 April");
        Assert.That(Text(settlement[0], "closedByEvent"), Is.EqualTo("DenunciationSettlementExtended"));
        Assert.That(Outcome(Periods(report, "DenunciationConclusionNotice").Single()), Is.EqualTo(("Missed", (int?)3)));
        Assert.That(Gaps(report), Is.EqualTo(new[] { ("DenunciationExtension", "Denounced") }));

        var transferred = await AuditAsync("52/2025/TCD", "2025-03-31");
        Assert.That(Outcome(Periods(transferred, "DenunciationTransfer").Single()), Is.EqualTo(("Missed", (int?)4)));
        Assert.That(Outcome(Periods(transferred, "DenunciationCheck").Single()), Is.EqualTo(("Ended", (int?)null)), "only the transfer's own period is judged");
    }

    [Test]
    public async Task The_filing_window_story_refuses_the_late_complaint_and_judges_the_late_second_one()
    {
        var late = await AuditAsync("41/2025/TCD", "2025-06-30");
        Assert.That(Outcome(Periods(late, "FilingWindow").Single()), Is.EqualTo(("FiledLate", (int?)48)));
        var second = await AuditAsync("42/2025/TCD", "2025-08-25");
        Assert.That(Outcome(Periods(second, "SecondComplaintWindow").Single()), Is.EqualTo(("FiledLate", (int?)5)));
        Assert.That(Outcome(Periods(second, "FilingWindow").Single()), Is.EqualTo(("FiledInTime", (int?)null)));
    }

    [Test]
    public async Task The_vietnamese_report_reads_as_an_officer_writes_it()
    {
        var run = await Outreach.RunAsync("audit", "case", "51/2025/TCD", "--as-of", "2025-05-31");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var text = string.Join(" ", run.Out.Split(['\n', '│', '╭', '╰', '─'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));
        Assert.That(text, Does.Contain("Thông báo gia hạn").And.Contain("Gửi kết luận").And.Contain("Xác minh"));
        Assert.That(text, Does.Contain("Thiếu người nhận: Quyết định gia hạn giải quyết tố cáo (#6) chưa được gửi cho người bị tố cáo"));
        var steps = (await AuditAsync("51/2025/TCD", "2025-05-31")).GetProperty("steps").EnumerateArray().Select(e => e.GetProperty("text").GetString()).ToList();
        Assert.That(steps, Has.Some.EndsWith("(ghi lại từ hồ sơ giấy)"), "the paper extension says so in the timeline");
        Assert.That(run.Out, Does.Not.Contain("Law ").And.Not.Contain("Denounced").And.Not.Contain("Missed"), "no English in a Vietnamese report");
    }

    [Test]
    public async Task A_late_extension_recorded_live_and_a_second_decision_without_dialogue_are_refused_and_nothing_is_recorded()
    {
        const string id = "7a0c6f52-1d3e-4f0b-8a61-5c2e9b7d4a60";
        var lines = File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "samples", "denunciation-procedure.jsonl"))
            .Where(l => l.StartsWith('{') && l.Contains("4a40", StringComparison.Ordinal))
            .Select(l => l.Replace("7a0c6f52-1d3e-4f0b-8a61-5c2e9b7d4a40", id, StringComparison.Ordinal).Replace("51/2025/TCD", "53/2025/TCD", StringComparison.Ordinal)
                .Replace(",\"fromPaperRecord\":true", "", StringComparison.Ordinal))
            .Take(6).ToList();
        Assert.That(lines[^1], Does.Contain("ExtendDenunciationSettlement").And.Not.Contain("fromPaperRecord"));
        var file = Path.Combine(Dir, "late-extension.jsonl");
        await File.WriteAllLinesAsync(file, lines);
        var applied = await Outreach.RunAsync("apply", file, "--culture", "en");
        Assert.That(applied.Out + applied.Error, Does.Contain("after the settlement's last day 2025-04-08").And.Contain("fromPaperRecord"));
        Assert.That(applied.ExitCode, Is.Not.Zero);

        var report = await AuditAsync("53/2025/TCD", "2025-04-30");
        Assert.That(report.GetProperty("version").GetInt32(), Is.EqualTo(5), "the refused extension left no trace");
        Assert.That(Outcome(Periods(report, "DenunciationSettlement").Single()), Is.EqualTo(("Overdue", (int?)22)));
    }
}
