using Outreach.Cases;

namespace Outreach.Tests.Support;

/// <summary>
/// Given/When/Then for case deciders: the state is built by folding the given events, never by setting fields.
/// </summary>
internal sealed class CaseSpec
{
    public static readonly Guid Id = Guid.Parse("0b9d3c1e-5a51-4c1f-9d0e-6f1f3a2b7c11");
    private readonly List<object> _given = [];

    public static CaseSpec Given(params object[] events)
    {
        var spec = new CaseSpec();
        spec._given.AddRange(events);
        return spec;
    }

    public Case State => Case.Fold(Id, _given);

    public IReadOnlyList<object> When(ICaseCommand command) => CaseCommands.Decide(command, State);

    public void Then(ICaseCommand command, params object[] expected)
        => Assert.That(When(command), Is.EqualTo(expected));

    public DomainRuleException ThenRefused(ICaseCommand command, string fragment)
    {
        var ex = Assert.Throws<DomainRuleException>(() => When(command))!;
        Assert.That(ex.Message, Does.Contain(fragment));
        return ex;
    }
}

/// <summary>Ready-made events and dates for case specs.</summary>
internal static class Story
{
    public const string Clerk = "Nguyễn Văn An";
    public const string Chair = "Trần Thị Bình";
    public static readonly TimeSpan Vn = TimeSpan.FromHours(7);

    public static DateTimeOffset At(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, Vn);

    public static PetitionReceived Received(DateTimeOffset at, bool anonymous = false) => new(
        CaseSpec.Id, "12/TCD", ReceptionChannel.CitizenReception, anonymous ? null : "Lê Văn Cường", "012345678901", null, null, anonymous,
        "phuong-1", "Disputes the land-use fee notice", "Phường 1 People's Committee", Clerk, at);

    public static PetitionClassified Classified(CaseKind kind, DateTimeOffset at) => new(CaseSpec.Id, kind, null, Clerk, at);

    public static ComplaintAccepted Accepted(DateTimeOffset at, int round = 1, bool complex = false, bool remote = false)
        => new(CaseSpec.Id, round, complex, remote, [NoticeParty.Complainant, NoticeParty.Respondent], Chair, at);

    public static VerifierAssigned VerifierAssigned(DateTimeOffset at, int round = 1) => new(CaseSpec.Id, round, "Phạm Văn Dũng", Chair, at);

    public static ComplaintVerified Verified(DateTimeOffset at, int round = 1) => new(CaseSpec.Id, round, "BC-01", "Fee computed on the wrong area", "Phạm Văn Dũng", at);

    public static FirstDecisionIssued FirstDecision(DateTimeOffset at) => new(CaseSpec.Id, "QD-15", Finding.PartlyFounded, "Fee recalculated", Chair, at);

    public static DenunciationAccepted DenunciationAccepted(DateTimeOffset at) => new(CaseSpec.Id, "Concrete evidence of a bribe", true, Chair, at);

    /// <summary>A received complaint, accepted on <paramref name="acceptedAt"/>.</summary>
    public static object[] AcceptedComplaint(DateTimeOffset acceptedAt, bool complex = false, bool remote = false) =>
    [
        Received(acceptedAt.AddDays(-3)), Classified(CaseKind.Complaint, acceptedAt.AddDays(-2)), Accepted(acceptedAt, 1, complex, remote),
    ];
}
