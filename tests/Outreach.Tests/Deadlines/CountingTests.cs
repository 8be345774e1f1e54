using Outreach.Cases;
using Outreach.Deadlines;

namespace Outreach.Tests.Deadlines;

public sealed class CountingTests
{
    private static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam;

    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");

    [TestCase("2024-03-04", 1, "2024-03-05", TestName = "The trigger day itself is not counted")]
    [TestCase("2024-03-04", 10, "2024-03-14", TestName = "10 calendar days ending on a working day")]
    [TestCase("2024-03-08", 30, "2024-04-08", TestName = "An end on a Sunday moves to Monday")]
    [TestCase("2024-04-20", 10, "2024-05-02", TestName = "An end on the 30/4 holiday moves past 1/5 to the next working day")]
    [TestCase("2024-02-01", 10, "2024-02-15", TestName = "An end on a weekend before Tet moves past the whole Tet holiday")]
    [TestCase("2019-12-31", 1, "2020-01-02", TestName = "New Year's Day is not a working day")]
    public void Calendar_days(string trigger, int days, string expected)
        => Assert.That(CaseDeadlines.Count(D(trigger), days, DayBasis.Calendar, [], Calendar), Is.EqualTo(D(expected)));

    [TestCase("2024-04-26", 5, "2024-05-07", TestName = "Working days skip the 30/4-1/5 holidays and count the swapped Saturday 4/5/2024")]
    [TestCase("2025-01-22", 7, "2025-02-07", TestName = "Seven working days across Tet 2025")]
    [TestCase("2024-03-01", 5, "2024-03-08", TestName = "Five working days over one weekend")]
    [TestCase("2024-03-01", 10, "2024-03-15", TestName = "Ten working days over two weekends")]
    public void Working_days(string trigger, int days, string expected)
        => Assert.That(CaseDeadlines.Count(D(trigger), days, DayBasis.Working, [], Calendar), Is.EqualTo(D(expected)));

    [Test]
    public void Suspended_days_do_not_count()
    {
        var suspensions = new[] { new SuspensionPeriod(D("2026-07-10"), D("2026-07-20"), SuspensionGround.ForceMajeure) };
        // Without the suspension: 31 Jul 2026. Ten days (10-19 Jul) are not counted: Mon 10 Aug 2026.
        Assert.That(CaseDeadlines.Count(D("2026-07-01"), 30, DayBasis.Calendar, [], Calendar), Is.EqualTo(D("2026-07-31")));
        Assert.That(CaseDeadlines.Count(D("2026-07-01"), 30, DayBasis.Calendar, suspensions, Calendar), Is.EqualTo(D("2026-08-10")));
    }

    [Test]
    public void A_suspension_after_the_period_ended_changes_nothing()
    {
        var suspensions = new[] { new SuspensionPeriod(D("2026-09-01"), D("2026-09-10"), SuspensionGround.ForceMajeure) };
        Assert.That(CaseDeadlines.Count(D("2026-07-01"), 30, DayBasis.Calendar, suspensions, Calendar), Is.EqualTo(D("2026-07-31")));
    }

    [Test]
    public void A_running_suspension_pauses_the_deadline()
    {
        var suspensions = new[] { new SuspensionPeriod(D("2026-07-10"), null, SuspensionGround.AwaitingOtherBody) };
        Assert.That(CaseDeadlines.Count(D("2026-07-01"), 30, DayBasis.Calendar, suspensions, Calendar), Is.Null);
    }

    [Test]
    public void The_shipped_calendar_knows_its_holidays_and_swapped_saturdays()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Calendar.IsWorkingDay(D("2024-09-02")), Is.False, "National Day 2024");
            Assert.That(Calendar.IsWorkingDay(D("2024-09-04")), Is.True);
            Assert.That(Calendar.IsWorkingDay(D("2024-05-04")), Is.True, "Saturday worked in exchange for 29/4/2024");
            Assert.That(Calendar.IsWorkingDay(D("2024-05-11")), Is.False, "an ordinary Saturday");
            Assert.That(Calendar.FirstYear, Is.EqualTo(2019));
            Assert.That(Calendar.LastYear, Is.GreaterThanOrEqualTo(2026));
            Assert.That(Calendar.HolidayOn(D("2026-02-17"))!.Name, Does.Contain("Tết"));
        });
    }

    [Test]
    public void A_deployment_can_load_its_own_calendar()
    {
        const string json = """
            { "name": "test", "days": [ { "date": "2030-03-05", "kind": "Holiday", "name": "Local holiday" } ] }
            """;
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var calendar = WorkingCalendar.FromJson(stream);
        Assert.That(calendar.IsWorkingDay(D("2030-03-05")), Is.False);
        Assert.That(CaseDeadlines.Count(D("2030-03-04"), 1, DayBasis.Working, [], calendar), Is.EqualTo(D("2030-03-06")));
    }

    [TestCase("{", "not valid JSON")]
    [TestCase("{ \"days\": [] }", "lists no days")]
    [TestCase("{ \"days\": [ { \"date\": \"2030-03-05\", \"kind\": \"Holiday\", \"name\": \"x\" } ], \"colour\": 1 }", "not valid JSON")]
    public void A_broken_calendar_file_is_refused_with_the_reason(string json, string fragment)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var ex = Assert.Throws<SettingsFormatException>(() => WorkingCalendar.FromJson(stream));
        Assert.That(ex!.Message, Does.Contain(fragment));
    }
}
