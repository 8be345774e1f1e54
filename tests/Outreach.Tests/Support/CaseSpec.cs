using Outreach.Cases;

namespace Outreach.Tests.Support;

/// <summary>The generic <see cref="StreamSpec"/> for the case with <see cref="Id"/>, whose events <see cref="Story"/> builds.</summary>
internal sealed class CaseSpec : StreamSpec
{
    public static readonly Guid Id = Guid.Parse("0b9d3c1e-5a51-4c1f-9d0e-6f1f3a2b7c11");

    public static new CaseSpec Given(params object[] events)
    {
        var spec = new CaseSpec();
        spec.And(events);
        return spec;
    }

    public new CaseSpec And(params object[] events)
    {
        base.And(events);
        return this;
    }

    public CaseState State => CaseState.Fold(Id, History);
}

/// <summary>Ready-made events and dates for case specs.</summary>
internal static class Story
{
    public const string Clerk = "Nguyễn Văn An";
    public const string Chair = "Trần Thị Bình";
    public static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    public static DateTimeOffset At(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, Vn);

    /// <summary>Details sealed as the write path seals them for <see cref="CaseSpec.Id"/>'s citizen.</summary>
    public static Outreach.PersonalData.SealedIdentity Sealed(string? name, string? idNumber = null, string? phone = null, string? address = null, Guid? caseId = null)
    {
        var person = Outreach.PersonalData.SealedIdentity.CitizenOf(caseId ?? CaseSpec.Id);
        return Outreach.PersonalData.SealedIdentity.Seal(person, new Outreach.PersonalData.PersonalDetails(name, idNumber, phone, address), CaseSpec.Keys.GetOrCreate(person));
    }

    public static PetitionReceived Received(DateTimeOffset at, bool anonymous = false) => new(
        CaseSpec.Id, "12/TCD", ReceptionChannel.CitizenReception, anonymous ? null : Sealed("Lê Văn Cường", "012345678901"), anonymous,
        "phuong-1", "Disputes the land-use fee notice", "Phường 1 People's Committee", Clerk, at);

    public static PetitionClassified Classified(CaseKind kind, DateTimeOffset at) => new(CaseSpec.Id, kind, null, Clerk, at);

    public static ComplaintAccepted Accepted(DateTimeOffset at, int round = 1, bool complex = false, bool remote = false)
        => new(CaseSpec.Id, round, complex, remote, [NoticeParty.Complainant, NoticeParty.Respondent], null, null, Chair, at);

    public static VerifierAssigned VerifierAssigned(DateTimeOffset at, int round = 1) => new(CaseSpec.Id, round, "Phạm Văn Dũng", Chair, at);

    public static ComplaintVerified Verified(DateTimeOffset at, int round = 1, string reference = "BC-01") => new(CaseSpec.Id, round, reference, "Fee computed on the wrong area", "Phạm Văn Dũng", at);

    public static FirstDecisionIssued FirstDecision(DateTimeOffset at) => new(CaseSpec.Id, "QD-15", Finding.PartlyFounded, "Fee recalculated", Chair, at);

    public static DenunciationAccepted DenunciationAccepted(DateTimeOffset at) => new(CaseSpec.Id, "Concrete evidence of a bribe", true, Chair, at);

    /// <summary>A received complaint, accepted on <paramref name="acceptedAt"/>.</summary>
    public static object[] AcceptedComplaint(DateTimeOffset acceptedAt, bool complex = false, bool remote = false) =>
    [
        Received(acceptedAt.AddDays(-3)), Classified(CaseKind.Complaint, acceptedAt.AddDays(-2)), Accepted(acceptedAt, 1, complex, remote),
    ];

    // ---- More single events (all for CaseSpec.Id) ----

    public const string Verifier = "Phạm Văn Dũng";
    public const string Inspector = "Đỗ Thị Hạnh";

    /// <summary>A petition received without naming anyone whose conduct is at issue.</summary>
    public static PetitionReceived ReceivedWithoutRespondent(DateTimeOffset at, bool anonymous = false)
        => Received(at, anonymous) with { Respondent = null };

    public static PetitionReclassified Reclassified(CaseKind from, CaseKind to, DateTimeOffset at)
        => new(CaseSpec.Id, from, to, "The citizen contests a decision, not a general matter", Clerk, at);

    public static PetitionFoundNotProcessable NotProcessable(DateTimeOffset at)
        => new(CaseSpec.Id, NotProcessableReason.Illegible, null, Clerk, at);

    public static PetitionTransferred Transferred(DateTimeOffset at, string toBody = "Sở Tài nguyên và Môi trường")
        => new(CaseSpec.Id, toBody, "Land matters belong to the provincial department", Clerk, at);

    public static CitizenGuided Guided(DateTimeOffset at) => new(CaseSpec.Id, "Address the district court", "Tòa án nhân dân khu vực 1", Clerk, at);

    public static PetitionAnswered Answered(DateTimeOffset at) => new(CaseSpec.Id, "The street light was repaired", Clerk, at);

    public static ComplaintRefused Refused(DateTimeOffset at, int round = 1)
        => new(CaseSpec.Id, round, "Filed after the 90-day window", [NoticeParty.Complainant], ComplaintRefusalGround.Other, null, null, Chair, at);

    public static DialogueHeld Dialogue(DateTimeOffset at, int number = 1, int round = 1, string minutes = "BB-01")
        => new(CaseSpec.Id, round, number, ["Lê Văn Cường", Verifier], minutes, false, Chair, at);

    public static ComplaintFlagsChanged FlagsChanged(DateTimeOffset at, bool complex, bool remote)
        => new(CaseSpec.Id, complex, remote, "Several plots and owners involved", Chair, at);

    public static ComplaintSuspended Suspended(DateTimeOffset at, int round = 1)
        => new(CaseSpec.Id, round, SuspensionGround.AwaitingOtherBody, "Awaiting the land registry's survey", Chair, at);

    public static ComplaintResumed Resumed(DateTimeOffset at, int round = 1)
        => new(CaseSpec.Id, round, [NoticeParty.Complainant], Chair, at);

    public static DecisionDelivered Delivered(DateTimeOffset at, int round, params NoticeParty[] recipients)
        => new(CaseSpec.Id, round, recipients, Clerk, at);

    public static SecondComplaintFiled SecondComplaint(DateTimeOffset at, SecondComplaintGround ground = SecondComplaintGround.DisagreesWithFirstDecision)
        => new(CaseSpec.Id, ground, "The recalculated fee is still wrong", null, null, Clerk, at);

    public static SecondDecisionIssued SecondDecision(DateTimeOffset at) => new(CaseSpec.Id, "QD-42", Finding.Unfounded, "First decision upheld", Chair, at);

    public static ComplaintWithdrawn Withdrawn(DateTimeOffset at, int round = 1, bool partial = false)
        => new(CaseSpec.Id, round, partial, partial ? "The claim for interest" : null, Clerk, at);

    public static ComplaintTerminated Terminated(DateTimeOffset at, int round = 1, TerminationGround ground = TerminationGround.FullWithdrawal)
        => new(CaseSpec.Id, round, ground, null, Chair, at);

    public static LawsuitFiled Lawsuit(DateTimeOffset at, int round = 1) => new(CaseSpec.Id, round, "Tòa án nhân dân thành phố", Clerk, at);

    public static DenunciationCheckWidened CheckWidened(DateTimeOffset at) => new(CaseSpec.Id, ["phuong-1", "xa-2"], Inspector, at);

    public static DenunciationNotAccepted DenunciationRefused(DateTimeOffset at) => new(CaseSpec.Id, "No violation is named", Chair, at);

    public static DenunciationPartiesNotified DenunciationNotified(DateTimeOffset at, params NoticeParty[] parties) => new(CaseSpec.Id, parties, DenunciationNoticeSubject.Acceptance, Clerk, at);

    public static DenunciationSettlementExtended Extended(DateTimeOffset at, int number, DenunciationComplexity complexity = DenunciationComplexity.EspeciallyComplex, int days = 30)
        => new(CaseSpec.Id, number, complexity, days, "Evidence held by another province", false, Chair, at);

    public static DenunciationVerified DenunciationVerified(DateTimeOffset at) => new(CaseSpec.Id, "BC-XM-07", "Receipts match the bids", "Discipline the official", Verifier, at);

    public static DenunciationConcluded Concluded(DateTimeOffset at) => new(CaseSpec.Id, Finding.Founded, "The official took a bribe", Chair, at);

    public static LateSettlementReportDemanded ReportDemanded(DateTimeOffset at) => new(CaseSpec.Id, "Thanh tra thành phố", Inspector, at);

    public static LateSettlementReportSubmitted ReportSubmitted(DateTimeOffset at) => new(CaseSpec.Id, "BC-TT-07", Chair, at);

    // ---- Ready-made histories ----

    /// <summary>A complaint received on <paramref name="receivedAt"/> and classified the next day, awaiting acceptance.</summary>
    public static object[] ComplaintAwaitingAcceptance(DateTimeOffset receivedAt) =>
        [Received(receivedAt), Classified(CaseKind.Complaint, receivedAt.AddDays(1))];

    /// <summary>An accepted complaint with a verifier (day +1) and a verification report (day +2).</summary>
    public static object[] VerifiedComplaint(DateTimeOffset acceptedAt) =>
        [.. AcceptedComplaint(acceptedAt), VerifierAssigned(acceptedAt.AddDays(1)), Verified(acceptedAt.AddDays(2))];

    /// <summary>A verified complaint whose first decision was signed on day +10.</summary>
    public static object[] FirstDecidedComplaint(DateTimeOffset acceptedAt) => [.. VerifiedComplaint(acceptedAt), FirstDecision(acceptedAt.AddDays(10))];

    /// <summary>A first decision followed by a second complaint (day +20) awaiting acceptance.</summary>
    public static object[] SecondComplaintAwaitingAcceptance(DateTimeOffset acceptedAt) =>
        [.. FirstDecidedComplaint(acceptedAt), SecondComplaint(acceptedAt.AddDays(20))];

    /// <summary>A second complaint accepted on day +25 (round 2 under settlement, nothing verified yet).</summary>
    public static object[] SecondRoundComplaint(DateTimeOffset acceptedAt) =>
        [.. SecondComplaintAwaitingAcceptance(acceptedAt), Accepted(acceptedAt.AddDays(25), round: 2)];

    /// <summary>Round 2 with its own verifier (day +26) and report (day +27).</summary>
    public static object[] SecondRoundVerifiedComplaint(DateTimeOffset acceptedAt) =>
        [.. SecondRoundComplaint(acceptedAt), VerifierAssigned(acceptedAt.AddDays(26), round: 2), Verified(acceptedAt.AddDays(27), round: 2, reference: "BC-02"),
            Dialogue(acceptedAt.AddDays(27).AddHours(4), round: 2, minutes: "BB-02")];

    /// <summary>A second decision signed on day +35.</summary>
    public static object[] SecondDecidedComplaint(DateTimeOffset acceptedAt) => [.. SecondRoundVerifiedComplaint(acceptedAt), SecondDecision(acceptedAt.AddDays(35))];

    /// <summary>A denunciation received on <paramref name="receivedAt"/> and classified the next day, under check.</summary>
    public static object[] DenunciationUnderCheck(DateTimeOffset receivedAt, bool anonymous = false) =>
        [Received(receivedAt, anonymous), Classified(CaseKind.Denunciation, receivedAt.AddDays(1))];

    /// <summary>A denunciation accepted on <paramref name="acceptedAt"/> (received 3 days before).</summary>
    public static object[] AcceptedDenunciation(DateTimeOffset acceptedAt, bool anonymous = false) =>
        [.. DenunciationUnderCheck(acceptedAt.AddDays(-3), anonymous), DenunciationAccepted(acceptedAt)];
}

/// <summary>One valid instance of every case command, for sweeps over the whole catalogue.</summary>
internal static class CommandSamples
{
    public static IReadOnlyList<ICaseCommand> All(DateTimeOffset at, Guid? caseId = null, string actor = Story.Clerk)
    {
        var id = caseId ?? CaseSpec.Id;
        return
        [
            new ReceivePetition(id, "125/TCD", ReceptionChannel.FieldVisit, "Võ Thị Hoa", "079123456789", "0905 123 456", "12 Lê Lợi, Phường 1",
                false, "phuong-1", "Asks for the drainage ditch to be cleared", "Phường 1 People's Committee", actor, at),
            new ClassifyPetition(id, CaseKind.Complaint, null, actor, at),
            new ReclassifyPetition(id, CaseKind.Denunciation, "It reports misconduct by an official", actor, at),
            new DeclareNotProcessable(id, NotProcessableReason.SentToSeveralBodies, null, actor, at),
            new TransferPetition(id, "Sở Xây dựng", "Construction permits are a provincial matter", actor, at),
            new GuideCitizen(id, "Bring the land-use certificate to the ward office", null, actor, at),
            new AnswerPetition(id, "The ditch was cleared on Monday", actor, at),
            new AcceptComplaint(id, false, false, [NoticeParty.Complainant], null, null, null, null, actor, at),
            new RefuseComplaint(id, "Filed after the 90-day window", [NoticeParty.Complainant], ComplaintRefusalGround.Other, null, null, null, null, actor, at),
            new AssignVerifier(id, Story.Verifier, actor, at),
            new RecordVerification(id, "BC-01", "Fee computed on the wrong area", actor, at),
            new HoldDialogue(id, ["Võ Thị Hoa", Story.Verifier], "BB-01", false, actor, at),
            new FlagComplaint(id, true, false, "Several plots involved", actor, at),
            new SuspendComplaint(id, SuspensionGround.ForceMajeure, "Typhoon damage to the archive", actor, at),
            new ResumeComplaint(id, [NoticeParty.Complainant], actor, at),
            new IssueFirstDecision(id, "QD-15", Finding.PartlyFounded, "Fee recalculated", actor, at),
            new DeliverDecision(id, [NoticeParty.Complainant], actor, at),
            new FileSecondComplaint(id, SecondComplaintGround.DisagreesWithFirstDecision, "The recalculated fee is still wrong", null, null, null, actor, at),
            new IssueSecondDecision(id, "QD-42", Finding.Unfounded, "First decision upheld", actor, at),
            new WithdrawComplaint(id, false, null, actor, at),
            new TerminateComplaint(id, TerminationGround.FullWithdrawal, null, actor, at),
            new RecordLawsuit(id, "Tòa án nhân dân thành phố", actor, at),
            new WidenDenunciationCheck(id, ["phuong-1", "xa-2"], actor, at),
            new AcceptDenunciation(id, "Names the official and attaches receipts", true, actor, at),
            new RefuseDenunciation(id, "No violation is named", actor, at),
            new NotifyDenunciationParties(id, [NoticeParty.Denouncer, NoticeParty.Denounced], DenunciationNoticeSubject.Acceptance, actor, at),
            new ExtendDenunciationSettlement(id, DenunciationComplexity.Complex, 30, "Evidence held by another province", false, actor, at),
            new AssignDenunciationVerifier(id, Story.Verifier, "Whether the bids were rigged", actor, at),
            new RecordDenunciationVerification(id, "BC-XM-07", "Receipts match the bids", "Discipline the official", actor, at),
            new ConcludeDenunciation(id, Finding.Founded, "The official took a bribe", actor, at),
            new DemandLateSettlementReport(id, "Thanh tra thành phố", actor, at),
            new SubmitLateSettlementReport(id, "BC-TT-07", actor, at),
            new RevealDenouncerIdentity(id, "Xác minh nội dung tố cáo", actor, at),
            new EraseCitizenData(id, "Đơn yêu cầu số 3, ngày 01/04/2024", "Nghị định 13/2023/NĐ-CP, Điều 16", actor, at),
        ];
    }
}
