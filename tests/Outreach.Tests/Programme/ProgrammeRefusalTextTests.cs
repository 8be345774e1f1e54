using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text;
using System.Text.RegularExpressions;
using Outreach.Difficulties;
using Outreach.Localities;
using Outreach.Rotation;
using Outreach.Units;
using Outreach.Visits;
using static Outreach.Tests.Support.Cultures;

namespace Outreach.Tests.Programme;

/// <summary>The programme's refusals carry stable codes and speak Vietnamese as well as English.</summary>
public sealed partial class ProgrammeRefusalTextTests
{
    private static readonly CultureInfo Vi = OutreachText.Vietnamese;
    private static readonly CultureInfo En = OutreachText.English;
    private static readonly Guid Id = Guid.Parse("0b7e9c1d-2a3f-4e5d-8c6b-7a8f9e0d1c2b");
    private static readonly Guid UnitId = Guid.Parse("5f0e2f1a-0b6c-4c8e-9a55-3d1e6a7b8c90");
    private static readonly DateTimeOffset At = new(2024, 5, 10, 15, 0, 0, TimeSpan.FromHours(7));

    /// <summary>A sentence in both languages: different, filled in, and naming no console verb.</summary>
    private static void SpeaksBothLanguages(IOutreachFailure failure)
    {
        var en = failure.MessageIn(En);
        var vi = failure.MessageIn(Vi);
        Assert.Multiple(() =>
        {
            Assert.That(vi, Is.Not.EqualTo(en), failure.Code);
            Assert.That(en, Does.Not.Contain("{").And.Not.Contain("}"), en);
            Assert.That(vi, Does.Not.Contain("{").And.Not.Contain("}"), vi);
            Assert.That(en, Does.Not.Match(ConsoleVerb().ToString()), en);
            Assert.That(vi, Does.Not.Match(ConsoleVerb().ToString()), vi);
        });
    }

    [GeneratedRegex(@"\boutreach [a-z]")]
    private static partial Regex ConsoleVerb();

    [Test]
    public void A_unit_refusal_has_its_code_and_both_languages()
    {
        var state = new[] { (object)new UnitRegistered(UnitId, "phong-tu-phap", "Phòng Tư pháp", "Văn phòng", At) }
            .Aggregate(Outreach.Units.Unit.None(UnitId), (u, e) => u.Evolve(e));
        var refused = Assert.Throws<DomainRuleException>(() => UnitCommands.Decide(new AppointUnitHead(UnitId, "cb-9", "Văn phòng", At.AddDays(1)), state))!;
        Assert.That(refused.Code, Is.EqualTo("unit.appoint-head.not-member"));
        Assert.That(refused.MessageIn(Vi), Does.Contain("cb-9 không phải là cán bộ của Phòng Tư pháp").And.Contain("AssignCadre"));
        SpeaksBothLanguages(refused);
    }

    [Test]
    public void A_visit_status_refusal_translates_the_step_and_the_states()
    {
        var planned = new VisitPlanned(Id, UnitId, ["to-1"], "phuong-2/khom-1", new DateOnly(2019, 3, 8), true, "Ban Dân vận", new DateTimeOffset(2019, 3, 4, 8, 0, 0, TimeSpan.FromHours(7)));
        var state = VisitState.None(Id).Evolve(planned);
        var refused = Assert.Throws<DomainRuleException>(() => VisitCommands.Decide(
            new AttendMeeting(Id, MeetingHost.PartyCell, "Họp chi bộ", "Lê Thị Hồng", new DateTimeOffset(2019, 3, 8, 14, 0, 0, TimeSpan.FromHours(7))), state))!;
        Assert.That(refused.Code, Is.EqualTo("visit.meeting.status"));
        Assert.That(refused.MessageIn(En), Is.EqualTo("Cannot record a meeting: the visit is Planned, and this step needs it to be Arranged or CarriedOut."));
        Assert.That(refused.MessageIn(Vi), Does.Contain("ghi nhận buổi họp").And.Contain("đã lập kế hoạch").And.Contain(" hoặc "));
        SpeaksBothLanguages(refused);
    }

    [Test]
    public void Difficulty_refusals_have_their_codes_and_both_languages()
    {
        var raised = new DifficultyRaised(Id, null, UnitId, "my-tra", "Cống thoát nước bị nghẽn", "tnmt.2", At);
        var toHead = new DifficultyEscalated(Id, EscalationLevel.UnitHead, "tnmt.1", "Cần kinh phí", new DateOnly(2024, 5, 17), "tnmt.2", At.AddHours(2));
        var state = new object[] { raised, toHead }.Aggregate(Difficulty.None(Id), (d, e) => d.Evolve(e));

        var toSelf = Assert.Throws<DomainRuleException>(() => DifficultyCommands.Decide(
            new EscalateDifficulty(Id, EscalationLevel.City, "tnmt.1", "x", null, "tnmt.1", At.AddDays(1)), state))!;
        Assert.That(toSelf.Code, Is.EqualTo("difficulty.escalate.to-self"));
        SpeaksBothLanguages(toSelf);

        var notYours = Assert.Throws<DomainRuleException>(() => DifficultyCommands.Decide(
            new EscalateDifficulty(Id, EscalationLevel.City, "UBND thành phố", "x", null, "someone-else", At.AddDays(1)), state))!;
        Assert.That(notYours.Code, Is.EqualTo("difficulty.escalate-city.responder"));
        Assert.That(notYours.MessageIn(Vi), Does.Contain("báo cáo lên thành phố").And.Contain("tnmt.1"));
        SpeaksBothLanguages(notYours);

        var tooEarly = Assert.Throws<DomainRuleException>(() => DifficultyCommands.Decide(
            new AnswerEscalation(Id, "x", new DateOnly(2024, 5, 1), "tnmt.1", At.AddDays(1)), state))!;
        Assert.That(tooEarly.Code, Is.EqualTo("difficulty.answer.due-before-step"));
        Assert.That(tooEarly.MessageIn(Vi), Does.Contain("01/05/2024"));
        SpeaksBothLanguages(tooEarly);
    }

    [Test]
    public void A_rota_refusal_has_its_code_and_both_languages()
    {
        var week = new DateOnly(2026, 11, 23);
        var recorded = new RotaRecorded(Id, [new(week, "a", "x"), new(week, "b", "y")], "Ban Dân vận", At);
        var refused = Assert.Throws<DomainRuleException>(() => RotaCommands.Decide(
            new ReassignRotaVisit(Id, week, "a", "b", "ốm", "Ban Dân vận", At.AddDays(1)), Rota.None(Id).Evolve(recorded)))!;
        Assert.That(refused.Code, Is.EqualTo("rota.reassign.busy"));
        Assert.That(refused.MessageIn(Vi), Does.Contain("23/11/2026"));
        SpeaksBothLanguages(refused);
    }

    [Test]
    public void A_failed_validation_carries_the_codes_in_the_callers_language()
    {
        var command = new PlanVisit(Id, Guid.Empty, [], "", default, false, "Lê Thị Hồng", At);
        var english = Assert.Throws<CommandValidationException>(() => OutreachCommands.For(typeof(PlanVisit)).Validate(command))!;
        var vietnamese = InCulture(Vi, () => Assert.Throws<CommandValidationException>(() => OutreachCommands.For(typeof(PlanVisit)).Validate(command))!);

        Assert.That(english.Errors.Select(e => e.ErrorCode), Is.SupersetOf(new[]
        {
            "visit.plan.unit-id.required", "visit.plan.visitors.required", "visit.plan.locality-code.required", "visit.plan.planned-for.range",
        }));
        Assert.That(english.Message, Does.Contain("unitId is required: say which unit sends the visitors."));
        Assert.That(vietnamese.Message, Does.Contain("Thiếu unitId"));
        Assert.That(vietnamese.Message, Is.Not.EqualTo(english.Message));
        Assert.That(vietnamese.Message, Does.Not.Contain("{"));
    }

    [Test]
    public void Shared_command_rules_speak_both_languages()
    {
        var command = new RegisterUnit(Id, "Phòng Tư pháp", "X", "", default);
        var english = Assert.Throws<CommandValidationException>(() => OutreachCommands.For(typeof(RegisterUnit)).Validate(command))!;
        var vietnamese = InCulture(Vi, () => Assert.Throws<CommandValidationException>(() => OutreachCommands.For(typeof(RegisterUnit)).Validate(command))!);
        Assert.That(english.Errors.Select(e => e.ErrorCode), Is.SupersetOf(new[] { "command.actor.required", "command.occurred-at.required", "unit.register.code.format" }));
        Assert.That(english.Message, Does.Contain("code must be lower-case letters, digits"));
        Assert.That(vietnamese.Message, Does.Contain("code chỉ được gồm chữ thường không dấu"));
    }

    [Test]
    public void A_locality_problem_is_a_coded_refusal()
    {
        var ceased = LocalityCatalogue.CaoLanh.Problem("phuong-2", new DateOnly(2025, 1, 1))!;
        Assert.That(ceased.Code, Is.EqualTo("locality.ceased"));
        Assert.That(ceased.MessageIn(Vi), Does.Contain("01/01/2025").And.Contain("Phường 1 (phuong-1)"));
        SpeaksBothLanguages(ceased);

        var unknown = LocalityCatalogue.CaoLanh.Problem("phuong-99", new DateOnly(2024, 1, 1))!;
        Assert.That(unknown.Code, Is.EqualTo("locality.unknown"));
        Assert.That(unknown.MessageIn(En), Does.Contain("see the locality catalogue").IgnoreCase);
        SpeaksBothLanguages(unknown);
    }

    [Test]
    public void A_broken_catalogue_is_a_coded_failure_of_the_input()
    {
        var json = """{ "localities": [ { "code": "h", "name": "Ấp", "kind": "Hamlet", "validFrom": "2020-01-01" } ] }""";
        var refused = Assert.Throws<CatalogueFormatException>(() => LocalityCatalogue.FromJson(new MemoryStream(Encoding.UTF8.GetBytes(json))))!;
        Assert.That(refused.Code, Is.EqualTo("catalogue.parent-missing"));
        Assert.That(refused.MessageIn(En), Does.Contain("h is a Hamlet"));
        Assert.That(refused.MessageIn(Vi), Does.Contain("h là ấp"));
        Assert.That(Failures.Describe(refused)!.Kind, Is.EqualTo(FailureKind.BadInput));
        SpeaksBothLanguages(refused);
    }

    [Test]
    public void An_infeasible_rotation_has_its_code_rule_and_both_languages()
    {
        var tuesday = new DateOnly(2024, 12, 3);
        var refused = Assert.Throws<RotationInfeasibleException>(() => RotationPlanner.Plan(new RotationRequest(tuesday, 4, ["g1"], _ => ["A", "B"])))!;
        Assert.That(refused.Rule, Is.EqualTo(RotationRule.FirstWeekNotMonday));
        Assert.That(refused.Code, Is.EqualTo("rotation.first-week-not-monday"));
        Assert.That(refused.MessageIn(En), Does.Contain("2024-12-03 is a Tuesday. Use 2024-12-02"));
        Assert.That(refused.MessageIn(Vi), Does.Contain("03/12/2024 là thứ Ba").And.Contain("02/12/2024"));
        Assert.That(Failures.Describe(refused)!.Kind, Is.EqualTo(FailureKind.Refused));
        SpeaksBothLanguages(refused);
    }

    [Test]
    public void Every_programme_text_has_a_vietnamese_text_with_the_same_placeholders_and_names_no_console_verb()
    {
        var set = new ResourceManager("Outreach.Resources.Programme", typeof(OutreachText).Assembly);
        using var english = set.GetResourceSet(CultureInfo.InvariantCulture, createIfNotExists: true, tryParents: false)!;
        using var vietnamese = set.GetResourceSet(CultureInfo.GetCultureInfo("vi"), createIfNotExists: true, tryParents: false)!;
        var vi = vietnamese.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var checkedTexts = 0;
        foreach (DictionaryEntry entry in english)
        {
            var code = (string)entry.Key;
            var en = (string)entry.Value!;
            Assert.That(vi.TryGetValue(code, out var translated), Is.True, $"{code} has no Vietnamese text");
            Assert.That(Placeholders(translated!), Is.EqualTo(Placeholders(en)), code);
            Assert.That(en, Does.Not.Match(ConsoleVerb().ToString()), code);
            Assert.That(translated, Does.Not.Match(ConsoleVerb().ToString()), code);
            checkedTexts++;
        }

        Assert.That(checkedTexts, Is.GreaterThan(100));
    }

    private static int[] Placeholders(string text)
        => [.. Regex.Matches(text, @"\{(\d+)").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order()];
}
