using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>
/// The second round as the Law on Complaints 02/2011/QH13 sets it apart (issue 12, point 3): its acceptance has its own
/// article (Art. 36), its dialogue is held without condition (Art. 39; Art. 40 cl. 2(e) makes its result part of the
/// decision), and its decision is sent within 7 days (Art. 41), not the first round's 3 working days (Art. 32).
/// </summary>
public sealed class SecondRoundSpecs
{
    private static readonly DateTimeOffset AcceptedAt = Story.At(2025, 3, 10);

    private static IssueSecondDecision DecideSecond(DateTimeOffset at) => new(CaseSpec.Id, "QD-100", Finding.PartlyFounded, "Fee reduced further", Story.Chair, at);

    private static object[] SecondRoundVerifiedWithoutDialogue() =>
    [
        .. Story.VerifiedComplaint(AcceptedAt), Story.Dialogue(AcceptedAt.AddDays(10).AddHours(-2)), Story.FirstDecision(AcceptedAt.AddDays(10)),
        Story.SecondComplaint(AcceptedAt.AddDays(20)), Story.Accepted(AcceptedAt.AddDays(25), round: 2), Story.VerifierAssigned(AcceptedAt.AddDays(26), round: 2),
        Story.Verified(AcceptedAt.AddDays(27), round: 2, reference: "BC-02"),
    ];

    [Test]
    public void A_second_decision_without_a_second_round_dialogue_is_refused_even_after_a_first_round_one()
    {
        var history = SecondRoundVerifiedWithoutDialogue();
        Assert.That(history.OfType<DialogueHeld>().Count(), Is.EqualTo(1), "the story held a dialogue in the first round");
        var refusal = CaseSpec.Given(history).ThenRefusedWith(DecideSecond(AcceptedAt.AddDays(30)), "complaint.decide-second.no-dialogue", "Art. 39", "HoldDialogue");
        Assert.That(refusal.MessageIn(System.Globalization.CultureInfo.GetCultureInfo("vi")), Does.Contain("Điều 39"));

        CaseSpec.Given(history).And(Story.Dialogue(AcceptedAt.AddDays(28), round: 2, minutes: "BB-02"))
            .Then(DecideSecond(AcceptedAt.AddDays(30)), new SecondDecisionIssued(CaseSpec.Id, "QD-100", Finding.PartlyFounded, "Fee reduced further", Story.Chair, AcceptedAt.AddDays(30)));
    }

    [Test]
    public void The_second_decision_is_sent_within_seven_calendar_days_under_article_41()
    {
        var state = CaseSpec.Given(Story.SecondDecidedComplaint(AcceptedAt)).State;
        var delivery = CaseDeadlines.For(state, Rulebook.Default, WorkingCalendar.Vietnam).Single();
        // Signed Mon 14 Apr 2025 (+35 days): 7 calendar days → Mon 21 Apr (3 working days would give Thu 17 Apr).
        Assert.That((delivery.Step, delivery.Days, delivery.Basis, delivery.Due, delivery.Citation),
            Is.EqualTo((DeadlineStep.SecondDecisionDelivery, 7, DayBasis.Calendar, (DateOnly?)new DateOnly(2025, 4, 21), "Law 02/2011/QH13 Art. 41")));
    }

    [Test]
    public void The_first_decision_is_still_sent_within_three_working_days_under_article_32()
    {
        var state = CaseSpec.Given(Story.FirstDecidedComplaint(AcceptedAt)).State;
        var delivery = CaseDeadlines.For(state, Rulebook.Default, WorkingCalendar.Vietnam).Single();
        Assert.That((delivery.Step, delivery.Days, delivery.Basis, delivery.Citation), Is.EqualTo((DeadlineStep.DecisionDelivery, 3, DayBasis.Working, "Law 02/2011/QH13 Art. 32")));
    }
}
