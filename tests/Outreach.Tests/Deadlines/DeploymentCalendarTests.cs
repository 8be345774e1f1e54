using Marten;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Tests.Support;

namespace Outreach.Tests.Deadlines;

/// <summary>
/// A deployment with a holiday of its own: the deadline the case view shows and the lapse the rules enforce are the
/// same day, counted with the deployment's calendar (not the shipped one).
/// </summary>
public sealed class DeploymentCalendarTests
{
    private static readonly DateOnly LocalHoliday = new(2024, 4, 11);

    [Test]
    public async Task The_shown_deadline_and_the_enforced_lapse_agree_under_a_local_holiday()
    {
        var schema = TestDatabase.NewSchemaName();
        var options = new OutreachOptions
        {
            PersonKeys = new PersonalData.InMemoryPersonKeyStore(),
            Calendar = WorkingCalendar.Vietnam.With([new CalendarDay(LocalHoliday, CalendarDayKind.Holiday, "Ngày lễ của tỉnh")]),
        };
        using var store = await TestDatabase.CreateStoreAsync(schema, options);
        try
        {
            var id = Guid.NewGuid();
            // Accepted on Tuesday 12 March 2024: 30 calendar days end on Thursday 11 April, the deployment's holiday,
            // so the first decision is due on Friday 12 April (the shipped calendar would say 11 April).
            await HandleAsync(store, new ReceivePetition(id, null, ReceptionChannel.Letter, "Võ Thị Hoa", null, null, null, false,
                "my-tra", "Khiếu nại quyết định thu hồi đất", "UBND phường Mỹ Trà", Story.Clerk, Story.At(2024, 3, 4)));
            await HandleAsync(store, new ClassifyPetition(id, CaseKind.Complaint, null, Story.Clerk, Story.At(2024, 3, 5)));
            await HandleAsync(store, new AcceptComplaint(id, false, false, [NoticeParty.Complainant], null, null, null, null, Story.Chair, Story.At(2024, 3, 12)));
            Assert.That(CaseDeadlines.Count(new DateOnly(2024, 3, 12), 30, DayBasis.Calendar, [], WorkingCalendar.Vietnam), Is.EqualTo(LocalHoliday),
                "precondition: without the local holiday the period would end on 11 April");

            await using (var query = store.QuerySession())
            {
                var shown = (await CaseQueries.LoadAsync(query, id))!.Deadlines.Single(d => d.Step == DeadlineStep.FirstDecision);
                Assert.That(shown.Due, Is.EqualTo(new DateOnly(2024, 4, 12)), "the view counts with the deployment's calendar");
            }

            var early = Assert.ThrowsAsync<DomainRuleException>(() => HandleAsync(store, new RecordLawsuit(id, "TAND tỉnh Đồng Tháp", Story.Clerk, Story.At(2024, 4, 12))));
            Assert.That(early!.Message, Does.Contain("runs until 2024-04-12"), "the rule enforces the deadline the view shows");
            await HandleAsync(store, new RecordLawsuit(id, "TAND tỉnh Đồng Tháp", Story.Clerk, Story.At(2024, 4, 13)));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }

    private static async Task HandleAsync(IDocumentStore store, IOutreachCommand command)
    {
        await using var session = store.LightweightSession();
        await session.HandleAsync(command);
    }
}
