using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Outreach.Tests.Support;

namespace Outreach.Tests.Hosting;

public sealed class SampleHistoryTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 20, 12, 0, 0, VietnamTime.Offset);

    [TestCase(2019)]
    [TestCase(7)]
    [TestCase(12345)]
    public void Every_sample_step_is_accepted_by_the_deciders(int seed)
    {
        var history = SampleHistory.Generate(300, Until, seed);
        var finals = new List<Case>();
        foreach (var commands in history)
        {
            var state = CaseState.None(commands[0].CaseId);
            var view = Case.None(commands[0].CaseId);
            foreach (var command in commands)
            {
                CaseCommands.For(command.GetType()).Validate(command);
                Assert.That(command.OccurredAt, Is.LessThan(Until), $"{command.GetType().Name} on case {command.CaseId}");
                IReadOnlyList<object> events = [];
                Assert.DoesNotThrow(() => events = CaseCommands.Decide((ICaseCommand)StreamSpec.Prepared(command), state), $"{command.GetType().Name} on case {command.CaseId}");
                Assert.That(events, Is.Not.Empty, $"{command.GetType().Name} on case {command.CaseId} recorded nothing");
                state = events.Aggregate(state, (s, e) => s.Evolve(e));
                view = events.Aggregate(view, (v, e) => v.Evolve(e));
            }

            finals.Add(view);
        }

        Assert.That(history, Has.Count.EqualTo(300));
        var endings = finals.Select(c => c.Status).ToHashSet();
        Assert.That(endings, Is.SupersetOf(new[]
        {
            CaseStatus.Answered, CaseStatus.Refused, CaseStatus.Terminated, CaseStatus.InCourt, CaseStatus.SecondDecisionIssued,
            CaseStatus.DenunciationConcluded, CaseStatus.DenunciationNotAccepted, CaseStatus.FirstDecisionIssued,
        }), "every kind of ending appears");
        var today = VietnamTime.DateOf(Until);
        var overdue = finals.Count(c => CaseDeadlines.For(c.Legal, Rulebook.Default, WorkingCalendar.Vietnam).Any(d => d.IsOverdue(today)));
        Assert.That(overdue, Is.InRange(3, 100), "some, not most, cases are overdue");
        Assert.That(finals.Select(c => c.LocalityCode).Distinct().Count(), Is.GreaterThanOrEqualTo(15));
        Assert.That(finals.Where(c => Outreach.Localities.LocalityCatalogue.CaoLanh.Problem(c.LocalityCode, VietnamTime.DateOf(c.ReceivedAt)) is not null), Is.Empty,
            "every sample petition concerns a unit in force on the day it was received");
        Assert.That(finals.Min(c => c.ReceivedAt).Year, Is.EqualTo(2019));
    }

    /// <summary>
    /// The demo generates its history up to the moment it runs, so the steps move with the day: every step must be
    /// accepted whatever that day is (a demand for a late-settlement report once came before an extended period lapsed).
    /// </summary>
    [TestCaseSource(nameof(Moments))]
    public void The_demo_history_is_accepted_by_the_deciders_whatever_day_it_is_generated(DateTimeOffset until)
    {
        foreach (var commands in SampleHistory.Generate(300, until))
        {
            var state = CaseState.None(commands[0].CaseId);
            foreach (var command in commands)
            {
                IReadOnlyList<object> events = [];
                Assert.DoesNotThrow(() => events = CaseCommands.Decide((ICaseCommand)StreamSpec.Prepared(command), state), $"{command.GetType().Name} on case {command.CaseId}");
                state = events.Aggregate(state, (s, e) => s.Evolve(e));
            }
        }
    }

    private static IEnumerable<DateTimeOffset> Moments()
        => Enumerable.Range(0, 30).Select(i => new DateTimeOffset(2026, 11, 1, 10, 0, 0, VietnamTime.Offset).AddDays(i * 11).AddHours(i % 7));

    [Test]
    public void The_same_seed_gives_the_same_history()
    {
        var a = SampleHistory.Generate(50, Until, 3).SelectMany(c => c).ToArray();
        var b = SampleHistory.Generate(50, Until, 3).SelectMany(c => c).ToArray();
        Assert.That(a, Is.EqualTo(b).Using<ICaseCommand>((x, y) => x.GetType() == y.GetType() && x.CaseId == y.CaseId && x.OccurredAt == y.OccurredAt));
    }
}
