using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

public sealed class ReplayTests
{
    private static readonly object[] History =
    [
        .. Story.AcceptedComplaint(Story.At(2024, 3, 1)), Story.VerifierAssigned(Story.At(2024, 3, 2)), Story.Verified(Story.At(2024, 3, 10)),
        Story.FirstDecision(Story.At(2024, 3, 20)),
    ];

    [Test]
    public void A_command_that_produced_a_recorded_event_is_a_replay()
    {
        var accept = new AcceptComplaint(CaseSpec.Id, false, false, [NoticeParty.Complainant, NoticeParty.Respondent], null, null, null, null, Story.Chair, Story.At(2024, 3, 1));
        Assert.That(CaseCommands.IsReplay(accept, History), Is.True);
        var verify = new RecordVerification(CaseSpec.Id, "BC-01", "Fee computed on the wrong area", "Phạm Văn Dũng", Story.At(2024, 3, 10));
        Assert.That(CaseCommands.IsReplay(verify, History), Is.True);
    }

    [TestCase("Someone else", 1, TestName = "Another actor is not a replay")]
    [TestCase(Story.Chair, 2, TestName = "Another business time is not a replay")]
    public void A_different_command_is_not_a_replay(string actor, int day)
    {
        var accept = new AcceptComplaint(CaseSpec.Id, false, false, [NoticeParty.Complainant, NoticeParty.Respondent], null, null, null, null, actor, Story.At(2024, 3, day));
        Assert.That(CaseCommands.IsReplay(accept, History), Is.False);
    }

    [Test]
    public void Different_notified_parties_are_not_a_replay()
    {
        var accept = new AcceptComplaint(CaseSpec.Id, false, false, [NoticeParty.Complainant], null, null, null, null, Story.Chair, Story.At(2024, 3, 1));
        Assert.That(CaseCommands.IsReplay(accept, History), Is.False);
    }
}
