using Outreach.Difficulties;
using Outreach.Tests.Support;

namespace Outreach.Tests.Programme;

public sealed class DifficultySpecs
{
    private static readonly Guid Id = Guid.Parse("1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d");
    private static readonly Guid Unit = Guid.Parse("5f0e2f1a-0b6c-4c8e-9a55-3d1e6a7b8c90");
    private static readonly DateTimeOffset Raised = new(2024, 5, 10, 15, 0, 0, TimeSpan.FromHours(7));
    private const string Cadre = "phong-tn-mt.2";
    private const string Head = "phong-tn-mt.1";

    private static readonly DifficultyRaised RaisedEvent = new(Id, null, Unit, "my-tra", "Cống thoát nước bị nghẽn", Cadre, Raised);
    private static readonly DifficultyEscalated ToHead = new(Id, EscalationLevel.UnitHead, Head, "Cần kinh phí", new DateOnly(2024, 5, 17), Cadre, Raised.AddHours(2));

    private static Difficulty Fold(params object[] events) => events.Aggregate(Difficulty.None(Id), (d, e) => d.Evolve(e));

    private static IReadOnlyList<object> Decide(IDifficultyCommand command, params object[] given) => DifficultyCommands.Decide(command, Fold(given));

    private static string Refused(IDifficultyCommand command, params object[] given) => Assert.Throws<DomainRuleException>(() => Decide(command, given))!.Message;

    [Test]
    public void A_difficulty_is_raised_once()
    {
        var spec = StreamSpec.Given(RaisedEvent);
        spec.ThenAlreadyRecorded(new RaiseDifficulty(Id, null, Unit, "my-tra", "Cống thoát nước bị nghẽn", Cadre, Raised));
        spec.ThenRefusedWith(new RaiseDifficulty(Id, null, Unit, "my-tra", "Cống thoát nước bị nghẽn", Cadre, Raised.AddHours(1)), "difficulty.raise.already-raised");
        spec.ThenRefusedWith(new RaiseDifficulty(Id, null, Unit, "my-tra", "Khác", Cadre, Raised.AddHours(1)), "difficulty.raise.exists", "already exists with other details");
    }

    [Test]
    public void Resolved_on_the_spot_closes_it()
    {
        var resolved = Decide(new ResolveOnSite(Id, "Đã hướng dẫn nạo vét", Cadre, Raised.AddHours(1)), RaisedEvent).Single();
        Assert.That(Fold(RaisedEvent, resolved).IsClosed, Is.True);
        Assert.That(Refused(new ResolveOnSite(Id, "x", Cadre, Raised.AddDays(1)), RaisedEvent, ToHead), Does.Contain("the difficulty is Escalated"));
    }

    [Test]
    public void Escalation_to_the_unit_head_gets_a_default_response_deadline_of_seven_days()
    {
        var escalated = (DifficultyEscalated)Decide(new EscalateDifficulty(Id, EscalationLevel.UnitHead, Head, "Cần kinh phí", null, Cadre, Raised.AddHours(2)), RaisedEvent).Single();
        Assert.That(escalated.ResponseDue, Is.EqualTo(new DateOnly(2024, 5, 17)));
        var state = Fold(RaisedEvent, escalated);
        Assert.That((state.AwaitingResponseFrom, state.IsOverdue(new DateOnly(2024, 5, 17)), state.IsOverdue(new DateOnly(2024, 5, 18))), Is.EqualTo((Head, false, true)));
    }

    [Test]
    public void Nobody_escalates_to_themselves()
        => Assert.That(Refused(new EscalateDifficulty(Id, EscalationLevel.UnitHead, Cadre, "x", null, Cadre, Raised.AddHours(2)), RaisedEvent), Does.Contain("cannot escalate a difficulty to themselves"));

    [Test]
    public void Only_the_person_it_waits_on_answers_assigns_or_asks()
    {
        Assert.That(Refused(new AnswerEscalation(Id, "x", new DateOnly(2024, 6, 1), "someone-else", Raised.AddDays(1)), RaisedEvent, ToHead), Does.Contain("waits on phong-tn-mt.1, not someone-else"));
        Assert.That(Decide(new AssignDifficulty(Id, "Đội công trình", new DateOnly(2024, 6, 1), Head, Raised.AddDays(1)), RaisedEvent, ToHead).Single(), Is.TypeOf<DifficultyAssigned>());
        Assert.That(Decide(new RequestInformation(Id, "Cần ảnh hiện trạng", new DateOnly(2024, 5, 14), Head, Raised.AddDays(1)), RaisedEvent, ToHead).Single(), Is.TypeOf<MoreInformationRequested>());
    }

    [Test]
    public void After_more_information_the_raiser_escalates_again_and_the_head_can_go_to_the_city()
    {
        var asked = new MoreInformationRequested(Id, "Cần ảnh", new DateOnly(2024, 5, 14), Head, Raised.AddDays(1));
        var again = (DifficultyEscalated)Decide(new EscalateDifficulty(Id, EscalationLevel.UnitHead, Head, "Đã bổ sung ảnh", null, Cadre, Raised.AddDays(2)), RaisedEvent, ToHead, asked).Single();
        var toCity = (DifficultyEscalated)Decide(new EscalateDifficulty(Id, EscalationLevel.City, "UBND thành phố", "Vượt thẩm quyền", null, Head, Raised.AddDays(3)), RaisedEvent, ToHead, asked, again).Single();
        Assert.That((toCity.Level, toCity.ResponseDue), Is.EqualTo((EscalationLevel.City, new DateOnly(2024, 5, 28))));
        Assert.That(Refused(new EscalateDifficulty(Id, EscalationLevel.City, "UBND tỉnh", "x", null, "UBND thành phố", Raised.AddDays(4)), RaisedEvent, ToHead, asked, again, toCity), Does.Contain("already with the city"));
        Assert.That(Refused(new EscalateDifficulty(Id, EscalationLevel.City, "UBND thành phố", "x", null, Cadre, Raised.AddDays(3)), RaisedEvent, ToHead), Does.Contain("waits on phong-tn-mt.1"));
    }

    [Test]
    public void The_solution_going_back_to_the_locality_closes_it()
    {
        var answered = new EscalationAnswered(Id, "Bố trí kinh phí", new DateOnly(2024, 6, 10), Head, Raised.AddDays(2));
        Assert.That(Refused(new DeliverSolution(Id, "x", Cadre, Raised.AddDays(1)), RaisedEvent, ToHead), Does.Contain("the difficulty is Escalated"));
        var delivered = Decide(new DeliverSolution(Id, "Đã nạo vét cống", Cadre, Raised.AddDays(20)), RaisedEvent, ToHead, answered).Single();
        Assert.That(Fold(RaisedEvent, ToHead, answered, delivered).Status, Is.EqualTo(DifficultyStatus.Solved));
    }

    [Test]
    public void Due_dates_come_after_the_step()
        => Assert.That(Refused(new AnswerEscalation(Id, "x", new DateOnly(2024, 5, 1), Head, Raised.AddDays(1)), RaisedEvent, ToHead), Does.Contain("solutionDue 2024-05-01 is before the step"));
}
