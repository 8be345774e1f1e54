using System.Globalization;
using Outreach.Audit;
using Outreach.PersonalData;

namespace Outreach.Tests.Audit;

/// <summary>
/// The auditor's findings (chain, read-model and personal-key problems) read in Vietnamese and English from the
/// resources, and their English explanation is the one the resources give.
/// </summary>
public sealed class FindingTextTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly Guid Stream = Guid.Parse("eeeeeeee-0000-4000-8000-000000000001");
    private static readonly Guid Other = Guid.Parse("eeeeeeee-0000-4000-8000-000000000002");
    private static readonly DateTimeOffset At = new(2026, 3, 5, 2, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> Findings()
    {
        static TestCaseData Chain(ChainProblemKind kind, string key, params object?[] arguments)
            => new TestCaseData(new Finding(ChainProblem.Of(kind, Stream, 3, 42, key, arguments)))
            .SetArgDisplayNames(arguments is [FindingText.Sentence reason, ..] ? reason.Code : key);

        yield return Chain(ChainProblemKind.MissingLink, "finding.missing-link.tombstone", 42L, HashChain.TombstoneStream);
        yield return Chain(ChainProblemKind.MissingLink, "finding.missing-link.first", Stream, 42L, "petition_received");
        yield return Chain(ChainProblemKind.MissingLink, "finding.missing-link", 3L, Stream, 42L, "petition_received");
        yield return Chain(ChainProblemKind.Gap, "finding.gap.one", Stream, 2L);
        yield return Chain(ChainProblemKind.Gap, "finding.gap", Stream, 2L, 4L);
        yield return Chain(ChainProblemKind.Altered, "finding.altered", 3L, Stream, 42L, "petition_received");
        yield return Chain(ChainProblemKind.Altered, "finding.altered.moved", 3L, Stream, 42L, "petition_received", 5L, Other);
        yield return Chain(ChainProblemKind.OrphanLink, "finding.orphan-link", 3L, Stream, 42L);
        yield return Chain(ChainProblemKind.RecordedBackwards, "finding.time-backwards", 3L, Stream, 42L, At, At.AddHours(1));
        yield return Chain(ChainProblemKind.Archived, "finding.archived", Stream);
        yield return Chain(ChainProblemKind.StreamVersion, "finding.stream-version", Stream, 4L, 3L);
        yield return Chain(ChainProblemKind.CheckpointInvalid, "finding.checkpoint-invalid", new FindingText.Sentence("checkpoint.not-intact.format", "0", "2"));
        yield return Chain(ChainProblemKind.CheckpointInvalid, "finding.checkpoint-invalid", new FindingText.Sentence("checkpoint.not-intact.merkle-root"));
        yield return Chain(ChainProblemKind.CheckpointInvalid, "finding.checkpoint-invalid", new FindingText.Sentence("checkpoint.not-intact.signature"));
        yield return Chain(ChainProblemKind.CheckpointInvalid, "finding.checkpoint-invalid", new FindingText.Sentence("checkpoint.not-intact.unreadable", "bad base64"));
        yield return Chain(ChainProblemKind.CheckpointUntrusted, "finding.checkpoint-untrusted.none-declared", "3f2a:09c1:0000:0000:0000:0000:0000:7be4");
        yield return Chain(ChainProblemKind.CheckpointUntrusted, "finding.checkpoint-untrusted", "3f2a:09c1:0000:0000:0000:0000:0000:7be4", "0000:0000:0000:0000:0000:0000:0000:0000");
        yield return Chain(ChainProblemKind.NotInCheckpoint, "finding.checkpoint-missing.stream", Stream, At);
        yield return Chain(ChainProblemKind.NotInCheckpoint, "finding.checkpoint-missing", 3L, Stream, At, 2L);
        yield return Chain(ChainProblemKind.AdoptedAfterCheckpoint, "finding.adopted-after-checkpoint", 3L, Stream, At.AddDays(1), At);
        yield return Chain(ChainProblemKind.CheckpointDiffers, "finding.checkpoint-differs.gone", Stream, 3L, At);
        yield return Chain(ChainProblemKind.CheckpointDiffers, "finding.checkpoint-differs.shorter", Stream, 3L, At, 2L);
        yield return Chain(ChainProblemKind.CheckpointDiffers, "finding.checkpoint-differs", Stream, 3L, At);

        foreach (var code in new[] { "view-missing", "view-differs", "view-orphan" })
        {
            foreach (var view in new[] { "case", "unit", "visit", "difficulty", "rota" })
            {
                yield return new TestCaseData(new Finding(ViewProblem.Of(code, view, Stream))).SetArgDisplayNames($"{code} {view}");
            }
        }

        foreach (var code in new[] { "key-not-destroyed", "key-erased-unrecorded", "key-missing", "key-unreadable" })
        {
            yield return new TestCaseData(new Finding(PersonKeyProblem.Of(code, Other, Stream, SealedIdentity.PseudonymOf(Other)))).SetArgDisplayNames(code);
        }
    }

    [TestCaseSource(nameof(Findings))]
    public void A_finding_reads_in_vietnamese_and_in_english(Finding finding)
    {
        var vi = finding.In(Vietnamese);
        var en = finding.In(English);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(vi, Is.Not.EqualTo(en));
            Assert.That(vi, Does.Not.Contain("{").And.Not.Contain("}"));
            Assert.That(en, Does.Not.Contain("{").And.Not.Contain("}"));
            Assert.That(finding.Explanation, Is.EqualTo(en));
        }
    }

    [Test]
    public void A_finding_keeps_todays_english_wording_and_dates_read_as_in_each_language()
    {
        var problem = ChainProblem.Of(ChainProblemKind.CheckpointDiffers, Stream, 3, null, "finding.checkpoint-differs.gone", Stream, 3L, At);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Explanation, Is.EqualTo($"Stream {Stream} had 3 event(s) at the checkpoint of 2026-03-05 02:00:00Z and is gone: it was deleted."));
            Assert.That(problem.ExplanationIn(Vietnamese), Does.Contain("05/03/2026 02:00:00 UTC").And.Contain("mốc kiểm chứng"));
            Assert.That(problem.Code, Is.EqualTo("checkpoint-differs"));
        }

        var view = ViewProblem.Of("view-missing", "case", Stream);
        Assert.That(view.Explanation, Is.EqualTo($"The case {Stream} has events but no case document: it was deleted, so lists and dashboards leave it out. Rebuild the read models (their projections)."));
        Assert.That(view.ExplanationIn(Vietnamese), Does.Contain("hồ sơ").And.Not.Contain("(case)"));
    }

    [Test]
    public void Why_a_checkpoint_is_not_intact_reads_in_the_language_of_the_finding()
    {
        var problem = ChainProblem.Of(ChainProblemKind.CheckpointInvalid, Guid.Empty, null, null, "finding.checkpoint-invalid", new FindingText.Sentence("checkpoint.not-intact.signature"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.Explanation, Is.EqualTo("The checkpoint file is not intact: its signature does not match its content: the time, counts or root were edited."));
            Assert.That(problem.ExplanationIn(Vietnamese), Is.EqualTo("Tệp mốc kiểm chứng không còn nguyên vẹn: chữ ký của nó không khớp với nội dung: thời điểm, các số đếm hoặc gốc Merkle đã bị sửa."));
        }
    }

    [Test]
    public void A_finding_made_with_a_plain_sentence_reads_as_given()
    {
        var problem = new ChainProblem(ChainProblemKind.Gap, Stream, 2, 7, "As given.");
        Assert.That(problem.ExplanationIn(Vietnamese), Is.EqualTo("As given."));
    }

    /// <summary>Any kind of finding, for one test over all of them.</summary>
    public sealed class Finding
    {
        private readonly Func<CultureInfo, string> _in;

        internal Finding(ChainProblem problem)
        {
            _in = problem.ExplanationIn;
            Explanation = problem.Explanation;
        }

        internal Finding(ViewProblem problem)
        {
            _in = problem.ExplanationIn;
            Explanation = problem.Explanation;
        }

        internal Finding(PersonKeyProblem problem)
        {
            _in = problem.ExplanationIn;
            Explanation = problem.Explanation;
        }

        /// <summary>The English explanation the problem carries.</summary>
        public string Explanation { get; }

        /// <summary>The explanation in a culture.</summary>
        public string In(CultureInfo culture) => _in(culture);
    }
}
