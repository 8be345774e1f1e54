using Outreach.Rotation;
using Outreach.Tests.Support;

namespace Outreach.Tests.Rotation;

public sealed class RotaSpecs
{
    private static readonly Guid Id = Guid.Parse("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a");
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(7));
    private static readonly DateOnly W1 = new(2026, 11, 23);
    private static readonly DateOnly W2 = new(2026, 11, 30);
    private const string Who = "Ban Dân vận";

    // a: x then y; b: y then x; c: z in week 1 only.
    private static readonly RotaRecorded Recorded = new(Id, [new(W1, "a", "x"), new(W1, "b", "y"), new(W1, "c", "z"), new(W2, "a", "y"), new(W2, "b", "x")], Who, At);

    private static Rota State(params object[] events) => events.Aggregate(Rota.None(Id), (r, e) => r.Evolve(e));

    private static IReadOnlyList<object> Decide(IRotaCommand command, params object[] given) => RotaCommands.Decide(command, State(given));

    private static string Refused(IRotaCommand command, params object[] given) => Assert.Throws<DomainRuleException>(() => Decide(command, given))!.Message;

    [Test]
    public void A_plan_is_recorded_once_and_may_not_repeat_a_place_or_double_book_a_visitor()
    {
        Assert.That(Decide(new RecordRota(Id, [W1, W2], ["a", "a"], ["x", "y"], Who, At)), Has.Count.EqualTo(1));
        Assert.That(Refused(new RecordRota(Id, [W1, W2], ["a", "a"], ["x", "x"], Who, At)), Does.Contain("a would visit x twice in a row"));
        Assert.That(Refused(new RecordRota(Id, [W1, W1], ["a", "a"], ["x", "y"], Who, At)), Does.Contain("a has two visits in the week of 2026-11-23"));
        Assert.That(Refused(new RecordRota(Id, [W1], ["a"], ["x"], Who, At), Recorded), Does.Contain("already recorded"));
    }

    [Test]
    public void The_same_rota_recorded_again_is_already_recorded_and_another_under_its_id_is_refused()
    {
        var spec = StreamSpec.Given(Recorded);
        spec.ThenAlreadyRecorded(new RecordRota(Id, [W1, W1, W1, W2, W2], ["a", "b", "c", "a", "b"], ["x", "y", "z", "y", "x"], Who, At));
        spec.ThenRefusedWith(new RecordRota(Id, [W1, W1, W1, W2, W2], ["a", "b", "c", "a", "b"], ["x", "y", "z", "y", "x"], Who, At.AddHours(1)), "rota.record.exists");
        var swap = new SwapRotaVisits(Id, W1, "a", "c", "sick", Who, At.AddDays(1));
        spec.And([.. spec.When(swap)]);
        spec.ThenAlreadyRecorded(swap);
        var again = swap with { OccurredAt = At.AddDays(2) };
        Assert.That((spec.IsAlreadyRecorded(again), spec.When(again).Count), Is.EqualTo((false, 1)), "the same swap a day later is a new step: it swaps them back");
    }

    [Test]
    public void A_swap_that_would_send_someone_to_the_same_place_twice_in_a_row_is_refused()
    {
        // Swapping a and b in week 2 gives a: x, x.
        Assert.That(Refused(new SwapRotaVisits(Id, W2, "a", "b", "sick", Who, At), Recorded), Does.Contain("a would visit x twice in a row"));
        var swapped = Decide(new SwapRotaVisits(Id, W1, "a", "c", "sick", Who, At), Recorded).Single();
        var state = State(Recorded, swapped);
        Assert.That((state.Find(W1, "a")!.Locality, state.Find(W1, "c")!.Locality), Is.EqualTo(("z", "x")));
    }

    [Test]
    public void Reassigning_needs_a_free_visitor_and_cancelling_an_existing_visit()
    {
        Assert.That(Refused(new ReassignRotaVisit(Id, W1, "a", "b", "x", Who, At), Recorded), Does.Contain("b already visits y"));
        var reassigned = Decide(new ReassignRotaVisit(Id, W2, "a", "c", "a on leave", Who, At), Recorded).Single();
        Assert.That(State(Recorded, reassigned).Find(W2, "c")!.Locality, Is.EqualTo("y"));
        Assert.That(Refused(new CancelRotaVisit(Id, W2, "c", "x", Who, At), Recorded), Does.Contain("c has no visit in the week of 2026-11-30"));
        var cancelled = Decide(new CancelRotaVisit(Id, W1, "c", "storm", Who, At), Recorded).Single();
        Assert.That(State(Recorded, cancelled).Find(W1, "c"), Is.Null);
    }
}
