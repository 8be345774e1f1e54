using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Tests.Support;

namespace Outreach.Tests.Cases;

/// <summary>
/// The steps of a denunciation's settlement that the Law on Denunciations 25/2018/QH14 requires in writing: an extension
/// decided while the period runs and notified to both parties (Art. 30 cl. 2–4), the verification assigned and reported
/// (Art. 31 cl. 1, 2, 6), and the conclusion sent within five working days (Art. 35 cl. 3).
/// </summary>
public sealed class DenunciationProcedureSpecs
{
    private static readonly Guid Id = CaseSpec.Id;

    // Mon 14 Apr 2025; thirty days later is Wed 14 May 2025, the settlement's last day.
    private static readonly DateTimeOffset AcceptedAt = Story.At(2025, 4, 14);
    private static readonly DateTimeOffset LastDay = Story.At(2025, 5, 14);

    private static readonly OutreachOptions Options = new();

    private static object[] Accepted(bool anonymous = false) => Story.AcceptedDenunciation(AcceptedAt, anonymous);

    private static ExtendDenunciationSettlement Extend(DateTimeOffset at, bool fromPaper = false, DenunciationComplexity complexity = DenunciationComplexity.Complex)
        => new(Id, complexity, 30, "Expert opinion needed", fromPaper, Story.Chair, at);

    private static DenunciationSettlementExtended Extended(DateTimeOffset at, int number = 1, bool fromPaper = false, DenunciationComplexity complexity = DenunciationComplexity.Complex)
        => new(Id, number, complexity, 30, "Expert opinion needed", fromPaper, Story.Chair, at);

    private static NotifyDenunciationParties Notify(DenunciationNoticeSubject subject, DateTimeOffset at, params NoticeParty[] parties) => new(Id, parties, subject, Story.Clerk, at);

    private static DenunciationPartiesNotified Notified(DenunciationNoticeSubject subject, DateTimeOffset at, params NoticeParty[] parties) => new(Id, parties, subject, Story.Clerk, at);

    private static ConcludeDenunciation Conclude(DateTimeOffset at) => new(Id, Finding.PartlyFounded, "Procurement rules were breached", Story.Chair, at);

    private static IReadOnlyList<CaseDeadline> Open(params object[] events) => CaseDeadlines.For(CaseState.Fold(Id, events), Rulebook.Default, WorkingCalendar.Vietnam);

    private static IReadOnlyList<AuditEntry> Entries(params object[] events) => AuditEntries.Of(events);

    // ---------------------------------------------------------------- an extension extends a period still running

    [Test]
    public void An_extension_decided_on_the_last_day_is_recorded()
        => CaseSpec.Given(Accepted()).Then(Extend(LastDay), Extended(LastDay));

    [Test]
    public void An_extension_decided_after_the_last_day_is_refused_with_both_days_and_the_article()
        => CaseSpec.Given(Accepted())
            .ThenRefusedWith(Extend(LastDay.AddDays(1)), "denunciation.extend.after-deadline", "2025-05-15", "2025-05-14", "Art. 30", "fromPaperRecord");

    [Test]
    public void A_late_extension_copied_from_the_paper_file_is_recorded_and_says_so()
        => CaseSpec.Given(Accepted()).Then(Extend(LastDay.AddDays(3), fromPaper: true), Extended(LastDay.AddDays(3), fromPaper: true));

    [Test]
    public void A_second_extension_is_judged_against_the_last_day_the_first_one_set()
    {
        // Thirty more days: Fri 13 Jun 2025.
        var spec = CaseSpec.Given(Accepted()).And(Extended(AcceptedAt.AddDays(20), complexity: DenunciationComplexity.EspeciallyComplex));
        spec.Then(Extend(Story.At(2025, 6, 13), complexity: DenunciationComplexity.EspeciallyComplex),
            Extended(Story.At(2025, 6, 13), 2, complexity: DenunciationComplexity.EspeciallyComplex));
        spec.ThenRefusedWith(Extend(Story.At(2025, 6, 14), complexity: DenunciationComplexity.EspeciallyComplex), "denunciation.extend.after-deadline", "2025-06-13");
    }

    // ---------------------------------------------------------------- the extension is notified to both parties

    [Test]
    public void There_is_no_extension_to_notify_before_one_is_decided()
        => CaseSpec.Given(Accepted()).ThenRefusedWith(Notify(DenunciationNoticeSubject.Extension, LastDay, NoticeParty.Denounced), "denunciation.notify.no-extension");

    [Test]
    public void An_extension_notice_is_recorded_as_such_and_is_not_the_acceptance_notice()
    {
        var spec = CaseSpec.Given(Accepted()).And(Extended(AcceptedAt.AddDays(20)));
        spec.Then(Notify(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(21), NoticeParty.Denouncer, NoticeParty.Denounced),
            Notified(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(21), NoticeParty.Denouncer, NoticeParty.Denounced));

        var after = CaseSpec.Given(Accepted()).And(Extended(AcceptedAt.AddDays(20)),
            Notified(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(21), NoticeParty.Denouncer, NoticeParty.Denounced));
        Assert.That(after.State.DenunciationNotified, Is.Empty, "the acceptance notice is still owed");
        Assert.That(Open([.. after.History]).Select(d => d.Step), Has.Member(DeadlineStep.DenunciationNotice));
    }

    [Test]
    public void Each_extension_is_notified_on_its_own()
        => CaseSpec.Given(Accepted())
            .And(Extended(AcceptedAt.AddDays(20), complexity: DenunciationComplexity.EspeciallyComplex),
                Notified(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(21), NoticeParty.Denouncer, NoticeParty.Denounced),
                Extended(AcceptedAt.AddDays(40), 2, complexity: DenunciationComplexity.EspeciallyComplex))
            .Then(Notify(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(41), NoticeParty.Denounced),
                Notified(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(41), NoticeParty.Denounced));

    [Test]
    public void An_anonymous_denouncer_is_not_notified_of_an_extension()
        => CaseSpec.Given(Accepted(anonymous: true)).And(Extended(AcceptedAt.AddDays(20)))
            .ThenRefusedWith(Notify(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(21), NoticeParty.Denouncer), "denunciation.notify.anonymous");

    // ---------------------------------------------------------------- verification is assigned and reported

    [Test]
    public void A_verifier_is_assigned_in_writing_with_what_to_verify()
        => CaseSpec.Given(Accepted())
            .Then(new AssignDenunciationVerifier(Id, Story.Verifier, "Whether the bids were rigged", Story.Chair, AcceptedAt.AddDays(2)),
                new DenunciationVerifierAssigned(Id, Story.Verifier, "Whether the bids were rigged", Story.Chair, AcceptedAt.AddDays(2)));

    [Test]
    public void The_same_verifier_is_not_assigned_twice()
        => CaseSpec.Given(Accepted()).And(new DenunciationVerifierAssigned(Id, Story.Verifier, "Bids", Story.Chair, AcceptedAt.AddDays(2)))
            .ThenRefusedWith(new AssignDenunciationVerifier(Id, Story.Verifier, "Bids again", Story.Chair, AcceptedAt.AddDays(3)), "denunciation.assign-verifier.same");

    [Test]
    public void No_verifier_is_assigned_before_the_denunciation_is_accepted()
        => CaseSpec.Given(Story.DenunciationUnderCheck(AcceptedAt))
            .ThenRefusedWith(new AssignDenunciationVerifier(Id, Story.Verifier, "Bids", Story.Chair, AcceptedAt.AddDays(2)), "denunciation.assign-verifier.status");

    [Test]
    public void The_verification_report_is_recorded_with_its_findings_and_recommendation()
        => CaseSpec.Given(Accepted())
            .Then(new RecordDenunciationVerification(Id, "BC-XM-07", "Receipts match the bids", "Discipline the official", Story.Verifier, AcceptedAt.AddDays(9)),
                new DenunciationVerified(Id, "BC-XM-07", "Receipts match the bids", "Discipline the official", Story.Verifier, AcceptedAt.AddDays(9)));

    [Test]
    public void The_same_report_is_not_filed_twice()
        => CaseSpec.Given(Accepted()).And(Story.DenunciationVerified(AcceptedAt.AddDays(9)))
            .ThenRefusedWith(new RecordDenunciationVerification(Id, "BC-XM-07", "Same", "Same", Story.Verifier, AcceptedAt.AddDays(10)), "denunciation.verify.report-on-file");

    [Test]
    public void A_conclusion_needs_a_verification_report_not_just_an_assignment()
    {
        CaseSpec.Given(Accepted()).ThenRefusedWith(Conclude(AcceptedAt.AddDays(20)), "denunciation.conclude.no-verification", "Art. 35");
        CaseSpec.Given(Accepted()).And(new DenunciationVerifierAssigned(Id, Story.Verifier, "Bids", Story.Chair, AcceptedAt.AddDays(2)))
            .ThenRefusedWith(Conclude(AcceptedAt.AddDays(20)), "denunciation.conclude.no-verification");
        CaseSpec.Given(Accepted()).And(Story.DenunciationVerified(AcceptedAt.AddDays(9)))
            .Then(Conclude(AcceptedAt.AddDays(20)), new DenunciationConcluded(Id, Finding.PartlyFounded, "Procurement rules were breached", Story.Chair, AcceptedAt.AddDays(20)));
    }

    // ---------------------------------------------------------------- the conclusion reaches both parties in five working days

    // Concluded Thu 8 May 2025; five working days: Fri 9, Mon 12, Tue 13, Wed 14, Thu 15 May.
    private static readonly DateTimeOffset ConcludedAt = Story.At(2025, 5, 8);

    private static object[] Concluded(bool anonymous = false)
        => [.. Accepted(anonymous), Story.DenunciationVerified(AcceptedAt.AddDays(9)), new DenunciationConcluded(Id, Finding.Founded, "Founded", Story.Chair, ConcludedAt)];

    [Test]
    public void The_conclusion_is_not_notified_before_it_exists()
        => CaseSpec.Given(Accepted()).ThenRefusedWith(Notify(DenunciationNoticeSubject.Conclusion, LastDay, NoticeParty.Denounced), "denunciation.notify.status");

    [Test]
    public void The_conclusion_is_notified_after_the_case_is_concluded()
        => CaseSpec.Given(Concluded())
            .Then(Notify(DenunciationNoticeSubject.Conclusion, ConcludedAt.AddDays(2), NoticeParty.Denounced, NoticeParty.Denouncer),
                Notified(DenunciationNoticeSubject.Conclusion, ConcludedAt.AddDays(2), NoticeParty.Denounced, NoticeParty.Denouncer));

    [Test]
    public void The_conclusion_notice_is_due_in_five_working_days_until_both_parties_have_it()
    {
        var due = Open(Concluded()).Single();
        Assert.That((due.Step, due.Due, due.Basis, due.Citation), Is.EqualTo((DeadlineStep.DenunciationConclusionNotice, (DateOnly?)new DateOnly(2025, 5, 15), DayBasis.Working, "Law 25/2018/QH14 Art. 35 cl. 3")));
        Assert.That(Open([.. Concluded(), Notified(DenunciationNoticeSubject.Conclusion, ConcludedAt.AddDays(1), NoticeParty.Denounced)]).Select(d => d.Step),
            Is.EqualTo(new[] { DeadlineStep.DenunciationConclusionNotice }), "the denouncer has not been told");
        Assert.That(Open([.. Concluded(), Notified(DenunciationNoticeSubject.Conclusion, ConcludedAt.AddDays(1), NoticeParty.Denounced, NoticeParty.Denouncer)]), Is.Empty);
        Assert.That(Open([.. Concluded(anonymous: true), Notified(DenunciationNoticeSubject.Conclusion, ConcludedAt.AddDays(1), NoticeParty.Denounced)]), Is.Empty,
            "an anonymous denouncer cannot be told");
    }

    [Test]
    public void A_late_conclusion_notice_is_missed_and_answered_for_by_who_signed_the_conclusion()
    {
        var late = Notified(DenunciationNoticeSubject.Conclusion, Story.At(2025, 5, 20), NoticeParty.Denounced, NoticeParty.Denouncer);
        var report = CaseAudit.Build(Id, Entries([.. Concluded(), late]), new DateOnly(2025, 6, 1), Options);
        var notice = report.Deadlines.Single(d => d.Deadline.Step == DeadlineStep.DenunciationConclusionNotice);
        Assert.That((notice.Outcome, notice.DaysLate, notice.Competent, notice.Responsible, notice.ClosedBy),
            Is.EqualTo((DeadlineOutcome.Missed, (int?)5, (string?)Story.Chair, (string?)Story.Chair, (string?)Story.Clerk)));

        var inTime = CaseAudit.Build(Id, Entries([.. Concluded(), late with { NotifiedAt = Story.At(2025, 5, 15) }]), new DateOnly(2025, 6, 1), Options);
        Assert.That(inTime.Deadlines.Single(d => d.Deadline.Step == DeadlineStep.DenunciationConclusionNotice).Outcome, Is.EqualTo(DeadlineOutcome.Met));
        Assert.That(CaseAudit.SectionOf(late), Is.EqualTo(AuditSection.Decision));
    }

    [Test]
    public void The_report_names_the_party_an_extension_or_a_conclusion_did_not_reach()
    {
        object[] events =
        [
            .. Accepted(), Extended(AcceptedAt.AddDays(20)), Notified(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(21), NoticeParty.Denouncer),
            Story.DenunciationVerified(AcceptedAt.AddDays(22)), new DenunciationConcluded(Id, Finding.Founded, "Founded", Story.Chair, AcceptedAt.AddDays(30)),
            Notified(DenunciationNoticeSubject.Conclusion, AcceptedAt.AddDays(31), NoticeParty.Denounced, NoticeParty.Denouncer),
        ];
        var gaps = CaseAudit.Build(Id, Entries(events), new DateOnly(2025, 6, 30), Options).NoticeGaps;
        Assert.That(gaps.Select(g => (g.Notice, string.Join(",", g.Missing), g.Citation)),
            Is.EqualTo(new[] { (NoticeKind.DenunciationExtension, "Denounced", "Law 25/2018/QH14 Art. 30 cl. 4") }));

        var anonymous = CaseAudit.Build(Id, Entries([.. Accepted(anonymous: true), Extended(AcceptedAt.AddDays(20)),
            Notified(DenunciationNoticeSubject.Extension, AcceptedAt.AddDays(21), NoticeParty.Denounced)]), new DateOnly(2025, 6, 30), Options);
        Assert.That(anonymous.NoticeGaps, Is.Empty, "an anonymous denouncer is not owed the notice");

        var unsent = CaseAudit.Build(Id, Entries(Concluded()), new DateOnly(2025, 6, 30), Options);
        Assert.That(unsent.NoticeGaps.Single().Missing, Is.EquivalentTo(new[] { NoticeParty.Denouncer, NoticeParty.Denounced }));
        Assert.That(CaseAudit.SectionOf(events[^1]), Is.EqualTo(AuditSection.Decision));
        Assert.That(CaseAudit.SectionOf(events[^5]), Is.EqualTo(AuditSection.Change), "the extension's notice sits with the extension");
    }
}
