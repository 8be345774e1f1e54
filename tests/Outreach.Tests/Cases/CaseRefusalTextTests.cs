using System.Globalization;
using System.Text.RegularExpressions;
using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>
/// Case refusals speak from the resources: a stable code, the English sentence the specs match, and a Vietnamese
/// sentence in which statuses, parties, steps and kinds are themselves translated.
/// </summary>
public sealed partial class CaseRefusalTextTests
{
    private static readonly Guid Id = CaseSpec.Id;
    private static readonly DateTimeOffset ReceivedAt = Story.At(2024, 3, 1);
    private static readonly DateTimeOffset Later = Story.At(2024, 6, 3);

    private static readonly CultureInfo En = OutreachText.English;
    private static readonly CultureInfo Vi = OutreachText.Vietnamese;

    private static DomainRuleException Refusal(TestDelegate decide) => Assert.Throws<DomainRuleException>(decide)!;

    /// <summary>The sentence differs between the languages and no placeholder is left unfilled.</summary>
    private static void AssertBilingual(IOutreachFailure failure, string expectedCode, params string[] vietnamese)
    {
        var en = failure.MessageIn(En);
        var vi = failure.MessageIn(Vi);
        Assert.Multiple(() =>
        {
            Assert.That(failure.Code, Is.EqualTo(expectedCode));
            Assert.That(vi, Is.Not.EqualTo(en));
            Assert.That(en, Does.Not.Contain("{").And.Not.Contain("}"), en);
            Assert.That(vi, Does.Not.Contain("{").And.Not.Contain("}"), vi);
            foreach (var word in vietnamese)
            {
                Assert.That(vi, Does.Contain(word), vi);
            }
        });
    }

    [Test]
    public void A_step_in_the_wrong_status_names_the_step_and_the_statuses_in_Vietnamese()
    {
        var state = CaseSpec.Given(Story.Received(ReceivedAt)).State;
        var ex = Refusal(() => AcceptComplaint.Decide(new AcceptComplaint(Id, false, false, [NoticeParty.Complainant], null, null, null, null, Story.Chair, Later), state));

        AssertBilingual(ex, "complaint.accept.status", "Không thể thụ lý khiếu nại", "chờ phân loại", "chờ thụ lý hoặc chờ thụ lý lần hai");
        Assert.That(ex.Message, Is.EqualTo(
            "Cannot accept the complaint: the case is AwaitingClassification, and this step needs it to be AwaitingAcceptance or AwaitingSecondAcceptance."));
    }

    [Test]
    public void A_closed_case_says_it_is_closed_in_both_languages()
    {
        var state = CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).And(Story.Refused(ReceivedAt.AddDays(3))).State;
        var ex = Refusal(() => TerminateComplaint.Decide(new TerminateComplaint(Id, TerminationGround.ComplainantDiedWithoutSuccessor, null, Story.Chair, Later), state));

        AssertBilingual(ex, "complaint.terminate.status", "đình chỉ giải quyết khiếu nại", "đã kết thúc ở trạng thái không thụ lý");
        Assert.That(ex.MessageIn(En), Does.Contain("Refused (closed)"));
    }

    [Test]
    public void A_notice_that_misses_the_complainant_names_the_notice_and_the_party()
    {
        var state = CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).State;
        var ex = Refusal(() => AcceptComplaint.Decide(new AcceptComplaint(Id, false, false, [NoticeParty.Respondent], null, null, null, null, Story.Chair, Later), state));

        AssertBilingual(ex, "complaint.accept.notice-missing", "thông báo thụ lý", "người khiếu nại", "Complainant");
        Assert.That(ex.Message, Is.EqualTo("the acceptance notice must be sent to the Complainant; add Complainant to the notified parties."));
    }

    [Test]
    public void A_deadline_that_still_runs_gives_its_step_and_last_day_in_each_language()
    {
        // Accepted Fri 1 Mar 2024: the first decision is due Mon 1 Apr 2024.
        var state = CaseSpec.Given(Story.AcceptedComplaint(Story.At(2024, 3, 1))).State;
        var ex = Refusal(() => RecordLawsuit.Decide(new RecordLawsuit(Id, "TAND tỉnh Đồng Tháp", Story.Clerk, Story.At(2024, 3, 20)), state));

        AssertBilingual(ex, "complaint.sue.not-lapsed", "giải quyết lần đầu", "01/04/2024", "khởi kiện");
        Assert.That(ex.MessageIn(En), Does.Contain("the FirstDecision period runs until 2024-04-01"));
    }

    [Test]
    public void A_kind_in_a_sentence_is_translated()
    {
        var state = CaseSpec.Given(Story.ComplaintAwaitingAcceptance(ReceivedAt)).State;
        var ex = Refusal(() => ReclassifyPetition.Decide(new ReclassifyPetition(Id, CaseKind.Complaint, "again", Story.Clerk, Later), state));

        AssertBilingual(ex, "petition.reclassify.same-kind", "phân loại là khiếu nại");
        Assert.That(ex.Message, Is.EqualTo("The case is already a Complaint; nothing to reclassify."));
    }

    [Test]
    public void A_denunciation_extended_too_often_names_its_complexity_in_Vietnamese()
    {
        var state = CaseSpec.Given(Story.AcceptedDenunciation(ReceivedAt)).And(Story.Extended(ReceivedAt.AddDays(20), 1, DenunciationComplexity.Complex)).State;
        var ex = Refusal(() => ExtendDenunciationSettlement.Decide(
            new ExtendDenunciationSettlement(Id, DenunciationComplexity.Complex, 30, "Evidence held by another province", false, Story.Chair, ReceivedAt.AddDays(25)), state));

        AssertBilingual(ex, "denunciation.extend.too-many-extensions", "tố cáo phức tạp", "1 lần");
        Assert.That(ex.Message, Is.EqualTo("A Complex denunciation may be extended 1 time(s); it was already extended 1 time(s)."));
    }

    [Test]
    public void Revealing_an_identity_on_a_complaint_names_the_kind_of_the_case()
    {
        var state = CaseSpec.Given(Story.AcceptedComplaint(ReceivedAt)).State;
        var ex = Refusal(() => RevealDenouncerIdentity.Decide(new RevealDenouncerIdentity(Id, "Xác minh", Story.Chair, Later), state));

        AssertBilingual(ex, "denunciation.reveal-identity.not-denunciation", "là đơn khiếu nại", Id.ToString());
        Assert.That(ex.Message, Does.Contain("is a complaint, not a denunciation"));
    }

    [Test]
    public void A_validator_failure_carries_its_code_and_speaks_English_here()
    {
        var command = new RefuseComplaint(Id, "", [NoticeParty.Complainant], ComplaintRefusalGround.Other, null, null, null, null, Story.Chair, Later);
        var ex = Assert.Throws<CommandValidationException>(() => OutreachCommands.For(typeof(RefuseComplaint)).Validate(command))!;

        var error = ex.Errors.Single(e => e.PropertyName == "reason");
        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo("complaint.refuse.reason.required"));
            Assert.That(error.ErrorMessage, Is.EqualTo("reason is required: the refusal notice must state it."));
        });
    }

    [Test]
    [SetUICulture("vi-VN")]
    public void A_validator_failure_speaks_Vietnamese_to_a_Vietnamese_caller()
    {
        var command = new RefuseComplaint(Id, "", [NoticeParty.Complainant], ComplaintRefusalGround.Other, null, null, null, null, Story.Chair, Later);
        var ex = Assert.Throws<CommandValidationException>(() => OutreachCommands.For(typeof(RefuseComplaint)).Validate(command))!;

        var error = ex.Errors.Single(e => e.PropertyName == "reason");
        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo("complaint.refuse.reason.required"));
            Assert.That(error.ErrorMessage, Does.Contain("Thiếu reason").And.Contain("không thụ lý"));
            Assert.That(error.ErrorMessage, Is.Not.EqualTo(OutreachText.Get("complaint.refuse.reason.required", En)));
        });
    }

    /// <summary>
    /// The Cases set, read with its own resource manager: <see cref="OutreachText.Codes"/> disposes the resource sets the
    /// library's managers cache, which breaks every later lookup in the same process.
    /// </summary>
    private static Dictionary<string, string> CasesSet(CultureInfo culture)
    {
        var manager = new System.Resources.ResourceManager("Outreach.Resources.Cases", typeof(OutreachText).Assembly);
        var set = manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!;
        return set.Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    [Test]
    public void Every_case_text_has_a_Vietnamese_text_with_the_same_placeholders()
    {
        var english = CasesSet(CultureInfo.InvariantCulture);
        var vietnamese = CasesSet(CultureInfo.GetCultureInfo("vi"));
        Assert.That(english, Has.Count.GreaterThan(100));
        Assert.Multiple(() =>
        {
            foreach (var (code, text) in english)
            {
                Assert.That(vietnamese.TryGetValue(code, out var vi), Is.True, $"{code} has no Vietnamese text");
                var en = Placeholders().Matches(text).Select(m => m.Groups[1].Value).ToHashSet();
                var vn = Placeholders().Matches(vi ?? "").Select(m => m.Groups[1].Value).ToHashSet();
                Assert.That(vn, Is.EquivalentTo(en), $"{code}: the same values must appear in both languages");
            }
        });
    }

    [GeneratedRegex(@"(?<!\{)\{(\d+)")]
    private static partial Regex Placeholders();
}
