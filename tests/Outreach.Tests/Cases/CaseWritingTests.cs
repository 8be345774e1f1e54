using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

public sealed class CaseWritingTests : StoreFixture
{
    private static ReceivePetition Receive(Guid id, DateTimeOffset at) => new(
        id, null, ReceptionChannel.FieldVisit, "Võ Thị Hoa", null, null, null, false, "my-tra", "Disputes a construction permit refusal",
        "Mỹ Trà ward", "Nguyễn Văn An", at);

    [Test]
    public async Task Appending_a_complaint_story_updates_the_case_details_and_its_deadline()
    {
        var id = Guid.NewGuid();
        var received = Story.At(2024, 3, 4);
        await using (var session = Store.LightweightSession())
        {
            await session.HandleAsync(Receive(id, received));
            await session.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, "Nguyễn Văn An", received.AddHours(2)));
        }

        await using (var query = Store.QuerySession())
        {
            var details = await CaseQueries.LoadAsync(query, id);
            Assert.That(details, Is.Not.Null);
            Assert.That(details!.Status, Is.EqualTo(CaseStatus.AwaitingAcceptance));
            Assert.That(details.Version, Is.EqualTo(2));
            var deadline = details.Deadlines.Single();
            Assert.That(deadline.Step, Is.EqualTo(DeadlineStep.ComplaintAcceptance));
            // 10 calendar days after Mon 4 Mar 2024 end on Thu 14 Mar 2024.
            Assert.That(deadline.Due, Is.EqualTo(new DateOnly(2024, 3, 14)));
        }

        await using (var session = Store.LightweightSession())
        {
            var result = await session.HandleAsync(new AcceptComplaint(id, false, false, [NoticeParty.Complainant], null, null, null, null, "Trần Thị Bình", Story.At(2024, 3, 8)));
            Assert.That(result.Version, Is.EqualTo(3));
            Assert.That(result.Events, Is.EqualTo(new[] { nameof(ComplaintAccepted) }));
        }

        await using (var query = Store.QuerySession())
        {
            var details = await CaseQueries.LoadAsync(query, id);
            // 30 calendar days after Fri 8 Mar 2024 end on Sun 7 Apr 2024, a day off: Mon 8 Apr 2024.
            Assert.That(details!.Deadlines.Single().Due, Is.EqualTo(new DateOnly(2024, 4, 8)));
            var events = await query.Events.FetchStreamAsync(id);
            Assert.That(events.Select(e => e.EventTypeName), Is.EqualTo(new[] { "petition_received_v2", "petition_classified_v1", "complaint_accepted_v1" }));
            Assert.That(events[2].UserName, Is.EqualTo("Trần Thị Bình"));
        }
    }

    [Test]
    public async Task An_illegal_step_is_refused_and_records_nothing()
    {
        var id = Guid.NewGuid();
        await using var session = Store.LightweightSession();
        await session.HandleAsync(Receive(id, Story.At(2024, 5, 6)));
        var ex = Assert.ThrowsAsync<DomainRuleException>(() =>
            session.HandleAsync(new IssueFirstDecision(id, "QD-1", Finding.Founded, "Granted", "Trần Thị Bình", Story.At(2024, 5, 7))));
        Assert.That(ex!.Message, Does.Contain("AwaitingClassification"));
        await using var query = Store.QuerySession();
        var state = await query.Events.FetchStreamStateAsync(id);
        Assert.That(state!.Version, Is.EqualTo(1));
    }

    [Test]
    public async Task A_command_for_an_unknown_case_is_refused()
    {
        await using var session = Store.LightweightSession();
        var id = Guid.NewGuid();
        Assert.ThrowsAsync<CaseNotFoundException>(() =>
            session.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, "A", Story.At(2024, 1, 1))));
        await using var query = Store.QuerySession();
        Assert.That(await query.Events.FetchStreamStateAsync(id), Is.Null);
    }

    [Test]
    public async Task Two_writers_racing_on_one_case_exactly_one_wins()
    {
        var id = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            await session.HandleAsync(Receive(id, Story.At(2024, 6, 3)));
        }

        // Both writers read version 1 and decide different classifications.
        var first = Store.LightweightSession();
        var second = Store.LightweightSession();
        var winner = first.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, "A", Story.At(2024, 6, 4)), expectedVersion: 1);
        var loser = second.HandleAsync(new ClassifyPetition(id, CaseKind.Denunciation, null, "B", Story.At(2024, 6, 4)), expectedVersion: 1);
        var results = await Task.WhenAll(Capture(winner), Capture(loser));
        await first.DisposeAsync();
        await second.DisposeAsync();

        Assert.That(results.Count(r => r is null), Is.EqualTo(1), "exactly one writer succeeds");
        var failure = results.Single(r => r is not null);
        Assert.That(failure, Is.TypeOf<ConflictException>());
        Assert.That(failure!.Message, Does.Contain("Nothing was recorded"));
        await using var query = Store.QuerySession();
        Assert.That((await query.Events.FetchStreamStateAsync(id))!.Version, Is.EqualTo(2));
    }

    [Test]
    public async Task A_writer_that_read_an_older_version_gets_a_conflict_not_a_rule_about_the_newer_state()
    {
        var id = Guid.NewGuid();
        await using var session = Store.LightweightSession();
        await session.HandleAsync(Receive(id, Story.At(2024, 6, 3)));
        await session.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, "A", Story.At(2024, 6, 4)), expectedVersion: 1);
        await using var late = Store.LightweightSession();
        var ex = Assert.ThrowsAsync<ConflictException>(() =>
            late.HandleAsync(new ClassifyPetition(id, CaseKind.Denunciation, null, "B", Story.At(2024, 6, 4)), expectedVersion: 1));
        Assert.That(ex!.Message, Does.Contain("no longer at version 1"));
    }

    [Test]
    public async Task Many_writers_racing_without_expected_versions_never_record_a_step_twice()
    {
        var id = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            await session.HandleAsync(Receive(id, Story.At(2024, 6, 3)));
        }

        // Eight writers classify at once, as concurrent console runs would: Marten's version check at save time lets one win.
        var kinds = new[] { CaseKind.Complaint, CaseKind.Denunciation, CaseKind.Suggestion };
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            await using var session = Store.LightweightSession();
            return await Capture(session.HandleAsync(new ClassifyPetition(id, kinds[i % 3], null, $"writer {i}", Story.At(2024, 6, 4))));
        });
        var failures = await Task.WhenAll(attempts);

        await using var query = Store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id);
        Assert.That(events.Select(e => e.Data).OfType<PetitionClassified>().Count(), Is.EqualTo(1), "exactly one classification is recorded");
        Assert.That(failures.Where(f => f is not null), Has.All.InstanceOf<ConflictException>().Or.InstanceOf<DomainRuleException>());
        var winner = events.Select(e => e.Data).OfType<PetitionClassified>().Single();
        Assert.That(failures.Count(f => f is null), Is.EqualTo(1), $"only the winner ({winner.ClassifiedBy}) succeeds");
        Assert.That(failures.OfType<DomainRuleException>().Select(f => f.Code), Has.All.EqualTo("petition.classify.same-kind").Or.EqualTo("petition.classify.already-classified"),
            "a writer who lost the race and asked for what is now recorded hears why nothing was recorded");
    }

    [Test]
    public async Task An_expected_version_of_a_case_never_received_is_not_found_rather_than_a_conflict()
    {
        await using var session = Store.LightweightSession();
        var missing = Guid.NewGuid();
        Assert.ThrowsAsync<CaseNotFoundException>(() =>
            session.HandleAsync(new ClassifyPetition(missing, CaseKind.Complaint, null, "A", Story.At(2024, 6, 4)), expectedVersion: 1));
        await using var query = Store.QuerySession();
        Assert.That(await query.Events.FetchStreamStateAsync(missing), Is.Null, "nothing was recorded");
    }

    [Test]
    public async Task A_stale_expected_version_is_a_conflict()
    {
        var id = Guid.NewGuid();
        await using var session = Store.LightweightSession();
        await session.HandleAsync(Receive(id, Story.At(2024, 6, 3)));
        await using var other = Store.LightweightSession();
        Assert.ThrowsAsync<ConflictException>(() =>
            other.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, "A", Story.At(2024, 6, 4)), expectedVersion: 0));
    }

    [Test]
    public async Task Time_travel_shows_the_case_as_it_stood_on_a_past_date()
    {
        var id = Guid.NewGuid();
        await using (var session = Store.LightweightSession())
        {
            await session.HandleAsync(Receive(id, Story.At(2023, 2, 1)));
            await session.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, "A", Story.At(2023, 2, 2)));
            await session.HandleAsync(new AcceptComplaint(id, false, false, [NoticeParty.Complainant], null, null, null, null, "B", Story.At(2023, 2, 6)));
        }

        await using var query = Store.QuerySession();
        var before = await CaseQueries.AsOfAsync(query, id, Options, asOf: Story.At(2023, 2, 3, 23));
        Assert.That(before!.Status, Is.EqualTo(CaseStatus.AwaitingAcceptance));
        Assert.That(before.Deadlines.Single().Step, Is.EqualTo(DeadlineStep.ComplaintAcceptance));
        var byVersion = await CaseQueries.AsOfAsync(query, id, Options, version: 1);
        Assert.That(byVersion!.Status, Is.EqualTo(CaseStatus.AwaitingClassification));
        var now = await CaseQueries.AsOfAsync(query, id, Options);
        Assert.That(now!.Status, Is.EqualTo(CaseStatus.UnderSettlement));
        Assert.That(await CaseQueries.AsOfAsync(query, id, Options, asOf: Story.At(2022, 1, 1)), Is.Null);
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
