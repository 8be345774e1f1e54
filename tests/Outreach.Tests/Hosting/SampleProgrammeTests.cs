using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Units;
using Outreach.Visits;

namespace Outreach.Tests.Hosting;

public sealed class SampleProgrammeTests
{
    private static readonly DateTimeOffset Until = new(2026, 11, 20, 12, 0, 0, VietnamTime.Offset);

    [Test]
    public void Every_sample_step_is_accepted_and_ids_never_collide_with_the_sample_cases()
    {
        var programme = SampleProgramme.Generate(Until, LocalityCatalogue.CaoLanh);
        var cases = SampleHistory.Generate(300, Until);
        var ids = programme.Select(p => OutreachCommands.For(p[0].GetType()).StreamIdOf(p[0])).Concat(cases.Select(c => c[0].CaseId)).ToArray();
        Assert.That(ids, Is.Unique);

        var visits = new List<Visit>();
        var difficulties = new List<Difficulty>();
        foreach (var stream in programme)
        {
            if (stream[0] is RegisterUnit)
            {
                var unit = Unit.None(((RegisterUnit)stream[0]).UnitId);
                foreach (var command in stream)
                {
                    OutreachCommands.For(command.GetType()).Validate(command);
                    unit = UnitCommands.Decide((IUnitCommand)command, unit).Aggregate(unit, (u, e) => u.Evolve(e));
                }

                Assert.That(unit.Head, Is.Not.Null);
                continue;
            }

            if (stream[0] is RaiseDifficulty raise)
            {
                var difficulty = Difficulty.None(raise.DifficultyId);
                foreach (var command in stream)
                {
                    OutreachCommands.For(command.GetType()).Validate(command);
                    difficulty = DifficultyCommands.Decide((IDifficultyCommand)command, difficulty).Aggregate(difficulty, (d, e) => d.Evolve(e));
                }

                difficulties.Add(difficulty);
                continue;
            }

            var state = VisitState.None(((PlanVisit)stream[0]).VisitId);
            var visit = Visit.None(state.Id);
            foreach (var command in stream)
            {
                OutreachCommands.For(command.GetType()).Validate(command);
                var events = VisitCommands.Decide((IVisitCommand)command, state);
                Assert.That(events, Is.Not.Empty, command.GetType().Name);
                state = events.Aggregate(state, (v, e) => v.Evolve(e));
                visit = events.Aggregate(visit, (v, e) => v.Evolve(e));
            }

            Assert.That(LocalityCatalogue.CaoLanh.Problem(visit.LocalityCode, visit.PlannedFor), Is.Null, "visits go to localities in force that day");
            visits.Add(visit);
        }

        Assert.That(difficulties.Select(d => d.Status).Distinct(), Is.SupersetOf(new[] { DifficultyStatus.ResolvedOnSite, DifficultyStatus.Solved, DifficultyStatus.Escalated }));
        Assert.That(difficulties.Where(d => d.Status == DifficultyStatus.Escalated).All(d => d.AwaitingResponseFrom != d.RaisedBy), Is.True, "nobody escalates to themselves");
        var tookPlace = visits.Count(v => v.TookPlace);
        Assert.That(tookPlace, Is.InRange(1300, 1700), "about the programme's reported 1,500 visits since 2019");
        Assert.That(visits.Select(v => v.Status).Distinct(), Is.SupersetOf(new[] { VisitStatus.Reported, VisitStatus.Cancelled, VisitStatus.Missed }));
        Assert.That(visits.Where(v => v.PlannedFor >= new DateOnly(2025, 7, 1)).Select(v => LocalityCatalogue.CaoLanh.SuccessorsOn(v.LocalityCode, v.PlannedFor).Single()).Distinct(),
            Is.EquivalentTo(new[] { "cao-lanh", "my-ngai-2025", "my-tra-2025" }), "after 1 Jul 2025 visits go to the three new wards and their hamlets");
    }
}
