using System.Globalization;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Outreach.Tests.Support;

namespace Outreach.Tests.Deadlines;

/// <summary>Citations as officers write them (issue 12, point 9): in Vietnamese output, never "Law … Art. …".</summary>
public sealed class LegalCitationTests
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en");

    [TestCase("Law 02/2011/QH13 Art. 27", "Luật Khiếu nại số 02/2011/QH13, Điều 27", "Law on Complaints 02/2011/QH13, Art. 27")]
    [TestCase("Law 25/2018/QH14 Art. 29 cl. 3", "Luật Tố cáo số 25/2018/QH14, Điều 29 khoản 3", "Law on Denunciations 25/2018/QH14, Art. 29 cl. 3")]
    [TestCase("Law 02/2011/QH13 Art. 27 as amended by Law 136/2025/QH15", "Luật Khiếu nại số 02/2011/QH13, Điều 27 (được sửa đổi, bổ sung bởi Luật số 136/2025/QH15)",
        "Law on Complaints 02/2011/QH13, Art. 27 (as amended by Law 136/2025/QH15)")]
    [TestCase("Decree 31/2019/NĐ-CP Art. 3", "Decree 31/2019/NĐ-CP Art. 3", "Decree 31/2019/NĐ-CP Art. 3")]
    [TestCase("Law 99/2030/QH20 Art. 1", "Law 99/2030/QH20 Art. 1", "Law 99/2030/QH20 Art. 1")]
    public void A_citation_is_written_in_the_readers_language_and_an_unknown_one_as_stored(string stored, string vi, string en)
    {
        var citation = new LegalCitation(stored);
        Assert.That((citation.In(Vi), citation.In(En)), Is.EqualTo((vi, en)));
        Assert.That(OutreachText.Format("filing.in-time", Vi, new DateOnly(2025, 6, 2), new DateOnly(2025, 6, 2), citation), Does.Contain(vi), "as a sentence's argument too");
    }

    [Test]
    public void The_2026_set_cites_every_rule_as_amended_by_law_136_2025_and_says_the_amending_article_was_not_read()
    {
        var before = Rulebook.Default.For(new DateOnly(2026, 6, 30));
        var after = Rulebook.Default.For(new DateOnly(2026, 7, 1));
        Assert.That(after.Periods.Select(p => p.Step), Is.EquivalentTo(before.Periods.Select(p => p.Step)), "every period is inherited");
        foreach (var period in before.Periods)
        {
            var amended = after.Period(period.Step);
            Assert.That(amended.Citation, Is.EqualTo(period.Citation + " as amended by Law 136/2025/QH15"), period.Step.ToString());
            Assert.That(amended.Unverified, Does.Contain("136/2025/QH15 not read"), period.Step.ToString());
            Assert.That((amended.Days, amended.Basis), Is.EqualTo((period.Days, period.Basis)), "the period itself is unchanged until the amending text is read");
        }

        Assert.That(after.Notices.Select(n => n.Citation), Has.All.EndWith(" as amended by Law 136/2025/QH15"));
        Assert.That(before.Period(DeadlineStep.ComplaintAcceptance).Citation, Is.EqualTo("Law 02/2011/QH13 Art. 27"), "the 2011 set cites the original law alone");
    }

    [Test]
    public void Every_citation_of_the_rule_table_reads_as_vietnamese_in_vietnamese()
    {
        var sets = new[] { Rulebook.Default.For(new DateOnly(2020, 1, 1)), Rulebook.Default.For(new DateOnly(2026, 7, 1)) };
        var shown = sets.SelectMany(s => s.Periods).Select(p => new LegalCitation(p.Citation).In(Vi)).ToList();
        Assert.That(shown, Has.All.StartWith("Luật ").And.All.Contain(", Điều ").And.None.Contain("Art."));
    }

    [Test]
    public void The_vietnamese_audit_report_cites_articles_in_vietnamese()
    {
        var report = CaseAudit.Build(CaseSpec.Id, [.. Story.AcceptedComplaint(Story.At(2024, 3, 8)).Select((e, i) => new AuditEntry(i + 1, CaseAudit.SectionOf(e), e.GetType().Name, e,
            OutreachEvents.Actor(e)!, OutreachEvents.OccurredAt(e)!.Value, OutreachEvents.OccurredAt(e)!.Value, false, CaseAudit.RecipientsOf(e)))], new DateOnly(2024, 3, 20), new OutreachOptions());
        var html = AuditHtml.Render(report, CaseText.Vietnamese, DateTimeOffset.UtcNow);
        Assert.That(html, Does.Contain("Luật Khiếu nại số 02/2011/QH13, Điều 27").And.Contain("Điều 28").And.Not.Contain("Art."));
    }
}

/// <summary>Steps filed under the heading the law gives them (issue 12, point 9).</summary>
public sealed class StepHeadingTests
{
    [Test]
    public void Verification_and_dialogue_are_not_acceptance_and_a_second_complaint_or_an_extension_is_not_a_transfer()
    {
        var vi = CaseText.Vietnamese;
        var at = Story.At(2025, 3, 10);
        Assert.Multiple(() =>
        {
            Assert.That(vi.Heading(Story.Accepted(at)), Is.EqualTo("Thụ lý"));
            Assert.That(vi.Heading(Story.VerifierAssigned(at)), Is.EqualTo("Xác minh"));
            Assert.That(vi.Heading(Story.Verified(at)), Is.EqualTo("Xác minh"));
            Assert.That(vi.Heading(Story.Dialogue(at)), Is.EqualTo("Đối thoại"));
            Assert.That(vi.Heading(Story.SecondComplaint(at)), Is.EqualTo("Khiếu nại lần hai"));
            Assert.That(vi.Heading(Story.Transferred(at)), Is.EqualTo("Chuyển đơn"));
            Assert.That(vi.Heading(Story.Reclassified(CaseKind.Suggestion, CaseKind.Complaint, at)), Is.EqualTo("Phân loại lại"));
            Assert.That(vi.Heading(new DenunciationSettlementExtended(CaseSpec.Id, 1, DenunciationComplexity.Complex, 30, "Cần giám định", false, Story.Chair, at)), Is.EqualTo("Gia hạn"));
        });
        var steps = new object[] { Story.Accepted(at), Story.VerifierAssigned(at), Story.Verified(at), Story.Dialogue(at), Story.SecondComplaint(at), Story.Transferred(at) };
        Assert.That(steps.Select(vi.Heading).Distinct().Count(), Is.EqualTo(steps.Length - 1), "only verification's two steps share a heading");
    }
}

/// <summary>Findings in the laws' own words (issue 12, point 9).</summary>
public sealed class FindingWordingTests
{
    [TestCase(Finding.Founded, "đúng toàn bộ", "đúng")]
    [TestCase(Finding.PartlyFounded, "đúng một phần", "đúng một phần")]
    [TestCase(Finding.Unfounded, "sai toàn bộ", "sai sự thật")]
    public void A_complaint_is_right_in_full_partly_or_wrong_in_full_and_a_denunciation_right_partly_or_untrue(Finding finding, string complaint, string denunciation)
    {
        var at = Story.At(2025, 3, 10);
        Assert.That(CaseText.Vietnamese.Describe(new FirstDecisionIssued(CaseSpec.Id, "QD-1", finding, "x", Story.Chair, at)), Does.Contain($"(khiếu nại {complaint})"));
        Assert.That(CaseText.Vietnamese.Describe(new DenunciationConcluded(CaseSpec.Id, finding, "x", Story.Chair, at)), Does.Contain($"(tố cáo {denunciation})"));
    }
}

/// <summary>Every enum a report prints goes through the vocabulary (issue 12, point 9): no "Awaiting other body" in Vietnamese.</summary>
public sealed class VocabularyTests
{
    private static readonly Type[] Printed =
    [
        typeof(SuspensionGround), typeof(TerminationGround), typeof(NotProcessableReason), typeof(ComplaintRefusalGround), typeof(SecondComplaintGround),
        typeof(DeadlineStep), typeof(CaseStatus), typeof(CaseKind), typeof(NoticeParty),
    ];

    [Test]
    public void Every_value_has_a_term_in_both_languages_and_the_vietnamese_one_is_not_the_english_one()
    {
        var missing = Printed.SelectMany(t => Enum.GetValues(t).Cast<Enum>())
            .Where(v => OutreachText.Find(Term.Of(v).Code, CultureInfo.GetCultureInfo("vi")) is not { } vi
                        || OutreachText.Find(Term.Of(v).Code, CultureInfo.GetCultureInfo("en")) is not { } en || vi == en)
            .Select(v => $"{v.GetType().Name}.{v}");
        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void A_suspension_a_termination_and_an_unprocessable_petition_read_in_vietnamese()
    {
        var at = Story.At(2026, 8, 3);
        var vi = CaseText.Vietnamese;
        Assert.That(vi.Describe(new ComplaintSuspended(CaseSpec.Id, 1, SuspensionGround.AwaitingOtherBody, "Chờ tòa án", Story.Chair, at)), Does.Contain("chờ kết quả giải quyết của cơ quan khác").And.Not.Contain("Awaiting"));
        Assert.That(vi.Describe(new ComplaintTerminated(CaseSpec.Id, 1, TerminationGround.FullWithdrawal, "QĐ-1", Story.Chair, at)), Does.Contain("rút toàn bộ").And.Not.Contain("Full"));
        Assert.That(vi.Describe(Story.NotProcessable(at)), Does.Contain("không đọc được").And.Not.Contain("Illegible"));
    }
}
