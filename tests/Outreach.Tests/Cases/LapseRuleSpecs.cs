using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>Steps the law allows only once a deadline has passed.</summary>
public sealed class LapseRuleSpecs
{
    private static readonly Guid Id = CaseSpec.Id;

    // Accepted Fri 1 Mar 2024: the first decision is due Mon 1 Apr 2024.
    private static CaseSpec Accepted() => CaseSpec.Given(Story.AcceptedComplaint(Story.At(2024, 3, 1)));

    [Test]
    public void A_second_complaint_citing_the_lapsed_first_deadline_is_refused_while_it_still_runs()
        => Accepted().ThenRefused(new FileSecondComplaint(Id, SecondComplaintGround.FirstDeadlineLapsed, "no decision", null, null, null, Story.Clerk, Story.At(2024, 4, 1)),
            "Not yet", "runs until 2024-04-01");

    [Test]
    public void A_second_complaint_citing_the_lapsed_first_deadline_is_recorded_once_it_passed()
        => Accepted().Then(new FileSecondComplaint(Id, SecondComplaintGround.FirstDeadlineLapsed, "no decision", null, null, null, Story.Clerk, Story.At(2024, 4, 2)),
            new SecondComplaintFiled(Id, SecondComplaintGround.FirstDeadlineLapsed, "no decision", new DateOnly(2024, 4, 1), null, Story.Clerk, Story.At(2024, 4, 2)));

    [Test]
    public void Court_without_a_decision_needs_the_deadline_to_have_passed()
    {
        Accepted().ThenRefused(new RecordLawsuit(Id, "TAND tỉnh Đồng Tháp", Story.Clerk, Story.At(2024, 3, 20)), "Not yet", "FirstDecision");
        Accepted().Then(new RecordLawsuit(Id, "TAND tỉnh Đồng Tháp", Story.Clerk, Story.At(2024, 4, 2)),
            new LawsuitFiled(Id, 1, "TAND tỉnh Đồng Tháp", Story.Clerk, Story.At(2024, 4, 2)));
    }

    [Test]
    public void A_complex_case_has_longer_before_court()
        => CaseSpec.Given(Story.AcceptedComplaint(Story.At(2024, 3, 1), complex: true))
            .ThenRefused(new RecordLawsuit(Id, "TAND", Story.Clerk, Story.At(2024, 4, 2)), "FirstDecisionComplex", "2024-04-15");

    [Test]
    public void A_late_settlement_report_can_be_demanded_only_when_the_settlement_is_late()
    {
        object[] accepted = [Story.Received(Story.At(2024, 3, 1)), Story.Classified(CaseKind.Denunciation, Story.At(2024, 3, 1)), Story.DenunciationAccepted(Story.At(2024, 3, 8))];
        // Settlement due Mon 8 Apr 2024.
        CaseSpec.Given(accepted).ThenRefused(new DemandLateSettlementReport(Id, "Thanh tra tỉnh", "Chánh Thanh tra", Story.At(2024, 4, 8)), "Not yet", "2024-04-08");
        CaseSpec.Given(accepted).Then(new DemandLateSettlementReport(Id, "Thanh tra tỉnh", "Chánh Thanh tra", Story.At(2024, 4, 9)),
            new LateSettlementReportDemanded(Id, "Thanh tra tỉnh", "Chánh Thanh tra", Story.At(2024, 4, 9)));
    }

    [Test]
    public void A_changed_decision_under_the_same_number_is_not_a_replay()
    {
        object[] decided = [.. Story.AcceptedComplaint(Story.At(2024, 3, 1)), Story.VerifierAssigned(Story.At(2024, 3, 2)), Story.Verified(Story.At(2024, 3, 10)), Story.FirstDecision(Story.At(2024, 3, 20))];
        var same = new IssueFirstDecision(Id, "QD-15", Finding.PartlyFounded, "Fee recalculated", Story.Chair, Story.At(2024, 3, 20));
        var changed = same with { Finding = Finding.Unfounded };
        CaseSpec.Given(decided).ThenNotRecordedTwice(same, exactReplay: true);
        CaseSpec.Given(decided).ThenNotRecordedTwice(changed, exactReplay: false);
    }
}
