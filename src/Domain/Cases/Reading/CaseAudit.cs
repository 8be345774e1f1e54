using Marten;
using Npgsql;
using Outreach.Audit;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>What part of the auditor's questions (DOMAIN.md §6) a recorded step answers.</summary>
public enum AuditSection
{
    /// <summary>Reception and classification (question 1).</summary>
    Intake,

    /// <summary>Verification, dialogue, acceptance of a denunciation and reports (question 3).</summary>
    Handling,

    /// <summary>Decisions, conclusions and their delivery (question 4).</summary>
    Decision,

    /// <summary>Re-routings, extensions, suspensions, reclassifications, refusals and other turns (question 5).</summary>
    Change,
}

/// <summary>How a legal period ended, or stands on the report's date.</summary>
public enum DeadlineOutcome
{
    /// <summary>The step was taken on or before the last day.</summary>
    Met,

    /// <summary>The step was taken after the last day.</summary>
    Missed,

    /// <summary>The case ended another way (withdrawal, termination, lawsuit, transfer) before the last day.</summary>
    Ended,

    /// <summary>Still running on the report's date.</summary>
    Open,

    /// <summary>Still not done after its last day.</summary>
    Overdue,

    /// <summary>A citizen's window (e.g. for a second complaint) that closed or was used.</summary>
    WindowClosed,

    /// <summary>A citizen's window still open on the report's date.</summary>
    WindowOpen,

    /// <summary>A complaint filed within its window (Art. 9 for the first, Art. 33 for the second).</summary>
    FiledInTime,

    /// <summary>A complaint filed after its window closed (<see cref="AuditDeadline.DaysLate"/> days after).</summary>
    FiledLate,
}

/// <summary>A change to a running period's last day (extension, suspension, resumption, re-qualification).</summary>
/// <param name="From">The last day before (null while paused).</param>
/// <param name="To">The last day after (null while paused).</param>
/// <param name="Step">The period after the change.</param>
/// <param name="Version">The event that changed it.</param>
/// <param name="EventType">Its type.</param>
/// <param name="Actor">Who made the change.</param>
/// <param name="On">When (business date).</param>
public sealed record DueChange(DateOnly? From, DateOnly? To, DeadlineStep Step, long Version, string EventType, string Actor, DateOnly On);

/// <summary>One legal period of the case and what became of it.</summary>
/// <param name="Deadline">The period as it last stood (rule, citation, last day).</param>
/// <param name="OpenedByVersion">The step that started it.</param>
/// <param name="OpenedBy">Who took that step.</param>
/// <param name="Outcome">Met, missed, ended, open, overdue, or a citizen's window.</param>
/// <param name="ClosedOn">When the period closed (business date), if it did.</param>
/// <param name="ClosedByVersion">The step that closed it.</param>
/// <param name="ClosedByEvent">That step's type.</param>
/// <param name="ClosedBy">Who took it.</param>
/// <param name="DaysLate">Calendar days after the last day: when the step was taken late, or how long it is overdue.</param>
/// <param name="Responsible">
/// Who answers for a missed or overdue step: the competent person for the period (<see cref="Competent"/>) when the record
/// names one, else who took the step late or last acted on the case.
/// </param>
/// <param name="Changes">Extensions, suspensions and re-qualifications of the last day.</param>
public sealed record AuditDeadline(
    CaseDeadline Deadline, long OpenedByVersion, string OpenedBy, DeadlineOutcome Outcome, DateOnly? ClosedOn, long? ClosedByVersion,
    string? ClosedByEvent, string? ClosedBy, int? DaysLate, string? Responsible, IReadOnlyList<DueChange> Changes)
{
    /// <summary>
    /// The person the law makes competent for the period: who accepted the round (for its decision), who signed the decision
    /// (for sending it), who accepted the denunciation (for its notice, settlement and a late report), who accepted or
    /// refused (for the acceptance itself, once known). Null while the record does not name them.
    /// </summary>
    public string? Competent { get; init; }

    /// <summary>Who last acted on the case before the period ended or the report's date (for a missed or overdue step).</summary>
    public string? LastActor { get; init; }
}

/// <summary>One recorded step with both of its times.</summary>
/// <param name="Version">Its position in the case stream.</param>
/// <param name="Section">Which auditor's question it answers.</param>
/// <param name="EventType">Its type.</param>
/// <param name="Data">The event (hosts render it; denouncers' identities must be withheld there).</param>
/// <param name="Actor">Who took the step.</param>
/// <param name="OccurredAt">Business time: when it happened.</param>
/// <param name="RecordedAt">When it was written: the database clock of its chain link, else Marten's timestamp.</param>
/// <param name="RecordedByDatabaseClock">True when <paramref name="RecordedAt"/> comes from the chain link (the database clock).</param>
/// <param name="Recipients">The parties a written notice or decision went to, if the step is one.</param>
public sealed record AuditEntry(
    long Version, AuditSection Section, string EventType, object Data, string Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt,
    bool RecordedByDatabaseClock, IReadOnlyList<NoticeParty> Recipients)
{
    /// <summary>True when the step was recorded more than a day after it happened (back-filled from paper records).</summary>
    public bool IsBackFilled => RecordedAt - OccurredAt > TimeSpan.FromDays(1);
}

/// <summary>
/// The auditor's report of one case (<c>outreach audit case</c>), built from its events alone: each legal period with its
/// rule and last day, when and by whom it was met or missed (and by how many days), written notices and their recipients,
/// handling, decisions, every turn the case took, both times of every step, and the case's own hash-chain check.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its file number.</param>
/// <param name="Kind">Its kind as of the report.</param>
/// <param name="Status">Its status as of the report.</param>
/// <param name="LocalityCode">Where it was raised.</param>
/// <param name="AsOf">The date the report judges deadlines against.</param>
/// <param name="Version">The last event included.</param>
/// <param name="Deadlines">Every legal period, in the order they started.</param>
/// <param name="Entries">Every step included, in stream order.</param>
/// <param name="Integrity">The case's hash-chain check (of the whole stream, not only the steps included).</param>
public sealed record CaseAuditReport(
    Guid CaseId, string? Number, CaseKind Kind, CaseStatus Status, string LocalityCode, DateOnly AsOf, long Version,
    IReadOnlyList<AuditDeadline> Deadlines, IReadOnlyList<AuditEntry> Entries, ChainVerification? Integrity)
{
    /// <summary>Periods missed or overdue.</summary>
    public IEnumerable<AuditDeadline> Breaches => Deadlines.Where(d => d.Outcome is DeadlineOutcome.Missed or DeadlineOutcome.Overdue);

    /// <summary>Written notices and decisions sent, with their recipients.</summary>
    public IEnumerable<AuditEntry> Notices => Entries.Where(e => e.Recipients.Count > 0);

    /// <summary>Notices and decisions that have not reached a party the law requires (so far, on the report's date).</summary>
    public IReadOnlyList<NoticeGap> NoticeGaps { get; init; } = [];
}

/// <summary>A written notice or decision that has not reached every party the law requires.</summary>
/// <param name="Notice">Which notice.</param>
/// <param name="Version">The step that issued it (the acceptance, or the decision whose sending is followed).</param>
/// <param name="Actor">Who issued it.</param>
/// <param name="Missing">The required parties it has not reached.</param>
/// <param name="Citation">The article that names them.</param>
public sealed record NoticeGap(NoticeKind Notice, long Version, string Actor, IReadOnlyList<NoticeParty> Missing, string Citation);

/// <summary>Builds the auditor's report of a case.</summary>
public static class CaseAudit
{
    /// <summary>
    /// Replays <paramref name="entries"/> (the steps to include, in stream order) and follows every legal period:
    /// the periods open before and after each step show which step started, changed or closed which period. Pure.
    /// </summary>
    public static CaseAuditReport Build(Guid caseId, IReadOnlyList<AuditEntry> entries, DateOnly asOf, OutreachOptions options, ChainVerification? integrity = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(options);
        var state = Case.None(caseId);
        var running = new Dictionary<(string Family, DateOnly StartsAfter), Tracker>();
        var done = new List<AuditDeadline>();
        var order = new List<(string, DateOnly)>();
        var before = Open(state.Legal, options);
        var lastActor = "";
        string? roundAcceptor = null, signer = null, denunciationAcceptor = null;
        foreach (var entry in entries)
        {
            if (entry.Data is PetitionTransferred && state.Kind == CaseKind.Denunciation)
            {
                done.Add(Transfer(state.Legal, entries[0], entry, options));
            }

            state = state.Evolve(entry.Data);
            switch (entry.Data)
            {
                case ComplaintAccepted:
                    roundAcceptor = entry.Actor;
                    break;
                case FirstDecisionIssued or SecondDecisionIssued or DenunciationConcluded:
                    signer = entry.Actor;
                    break;
                case DenunciationAccepted:
                    denunciationAcceptor = entry.Actor;
                    break;
            }

            var after = Open(state.Legal, options);
            var on = VietnamTime.DateOf(entry.OccurredAt);
            foreach (var (key, deadline) in before)
            {
                if (after.TryGetValue(key, out var now))
                {
                    if (now.Due != deadline.Due || now.Step != deadline.Step)
                    {
                        // An extension decided after the last day came too late to prevent the lapse (Law 25/2018/QH14
                        // Art. 30): the period it extends is missed, whatever happens within the new last day.
                        if (entry.Data is DenunciationSettlementExtended && deadline.Due is { } lapsed && on > lapsed)
                        {
                            done.Add(new AuditDeadline(deadline, running[key].OpenedByVersion, running[key].OpenedBy, DeadlineOutcome.Missed, on, entry.Version,
                                entry.EventType, entry.Actor, on.DayNumber - lapsed.DayNumber, running[key].Competent ?? entry.Actor, [.. running[key].Changes])
                            {
                                Competent = running[key].Competent, LastActor = lastActor,
                            });
                        }

                        running[key].Changes.Add(new DueChange(deadline.Due, now.Due, now.Step, entry.Version, entry.EventType, entry.Actor, on));
                        running[key].Deadline = now;
                    }

                    continue;
                }

                done.Add(Close(running[key], entry, on, lastActor) is var closed && closed.Competent is null && IsDecidedBy(closed.Deadline.Step, entry.Data)
                    ? closed with { Competent = entry.Actor, Responsible = closed.Responsible is null ? null : entry.Actor }
                    : closed);
                running.Remove(key);
            }

            foreach (var (key, deadline) in after)
            {
                if (!before.ContainsKey(key))
                {
                    running[key] = new Tracker(deadline, entry.Version, entry.Actor) { Competent = CompetentFor(deadline.Step, roundAcceptor, signer, denunciationAcceptor) };
                    order.Add(key);
                }
            }

            before = after;
            lastActor = entry.Actor;
        }

        foreach (var tracker in running.Values)
        {
            var d = tracker.Deadline;
            var late = d.Due is { } due && due < asOf ? asOf.DayNumber - due.DayNumber : (int?)null;
            var outcome = !d.IsObligation
                ? late is null ? DeadlineOutcome.WindowOpen : DeadlineOutcome.WindowClosed
                : late is null ? DeadlineOutcome.Open : DeadlineOutcome.Overdue;
            var overdue = outcome == DeadlineOutcome.Overdue;
            done.Add(new AuditDeadline(d, tracker.OpenedByVersion, tracker.OpenedBy, outcome, null, null, null, null,
                overdue ? late : null, overdue ? tracker.Competent ?? lastActor : null, tracker.Changes)
            {
                Competent = tracker.Competent, LastActor = overdue ? lastActor : null,
            });
        }

        // The complainant's filing windows, judged against the day each complaint was filed: they replace the second
        // complaint's window as it was followed while open, since filing closed it.
        var filings = Filings(state.Legal with { Rules = options.Rulebook, Calendar = options.Calendar }, entries);
        if (filings.Any(f => f.Deadline.Step is DeadlineStep.SecondComplaintWindow or DeadlineStep.SecondComplaintWindowRemote))
        {
            done.RemoveAll(d => d.ClosedByEvent == nameof(SecondComplaintFiled));
        }

        done.AddRange(filings);
        var gaps = Gaps(entries, options.Rulebook, state.IsAnonymous);
        var ordered = done.OrderBy(d => d.OpenedByVersion).ThenBy(d => d.Deadline.Due ?? DateOnly.MaxValue).ToList();
        return new CaseAuditReport(caseId, state.Number, state.Kind, state.Status, state.LocalityCode, asOf, entries.Count == 0 ? 0 : entries[^1].Version,
            ordered, entries, integrity)
        {
            NoticeGaps = gaps,
        };
    }

    /// <summary>
    /// Each acceptance notice, and each decision with every sending recorded after it, against the parties the rule set
    /// requires (<see cref="RuleSet.Notices"/>, chosen by the first acceptance's date).
    /// </summary>
    private static List<NoticeGap> Gaps(IReadOnlyList<AuditEntry> entries, Rulebook rulebook, bool anonymous)
    {
        var notices = new List<(NoticeKind Kind, AuditEntry Entry, HashSet<NoticeParty> Reached)>();
        DateOnly? rulesDate = null;
        foreach (var entry in entries)
        {
            switch (entry.Data)
            {
                case ComplaintAccepted e:
                    rulesDate ??= VietnamTime.DateOf(e.AcceptedAt);
                    notices.Add((e.Round == 1 ? NoticeKind.FirstAcceptance : NoticeKind.SecondAcceptance, entry, [.. e.NotifiedParties]));
                    break;
                case FirstDecisionIssued:
                    notices.Add((NoticeKind.FirstDecision, entry, []));
                    break;
                case SecondDecisionIssued:
                    notices.Add((NoticeKind.SecondDecision, entry, []));
                    break;
                case DecisionDelivered e when notices.LastOrDefault(n => n.Kind is NoticeKind.FirstDecision or NoticeKind.SecondDecision) is { Entry: not null } decision:
                    decision.Reached.UnionWith(e.Recipients);
                    break;
                case DenunciationAccepted e:
                    rulesDate ??= VietnamTime.DateOf(e.AcceptedAt);
                    break;
                case DenunciationSettlementExtended:
                    notices.Add((NoticeKind.DenunciationExtension, entry, []));
                    break;
                case DenunciationConcluded:
                    notices.Add((NoticeKind.DenunciationConclusion, entry, []));
                    break;
                case DenunciationPartiesNotified { Subject: not DenunciationNoticeSubject.Acceptance } e
                    when notices.LastOrDefault(n => n.Kind == (e.Subject == DenunciationNoticeSubject.Extension ? NoticeKind.DenunciationExtension : NoticeKind.DenunciationConclusion))
                        is { Entry: not null } notice:
                    notice.Reached.UnionWith(e.Parties);
                    break;
            }
        }

        // An anonymous denouncer cannot be notified: only the person denounced is required then.
        var unreachable = anonymous ? new[] { NoticeParty.Denouncer } : [];

        var rules = rulebook.For(rulesDate ?? (entries.Count > 0 ? VietnamTime.DateOf(entries[0].OccurredAt) : DateOnly.MinValue)).Notices;
        return [.. notices
            .Select(n => (n, Rule: rules.FirstOrDefault(r => r.Notice == n.Kind)))
            .Where(x => x.Rule is not null)
            .Select(x => (x.n, Rule: x.Rule!, Missing: x.Rule!.Required.Except(x.n.Reached).Except(unreachable).ToArray()))
            .Where(x => x.Missing.Length > 0)
            .Select(x => new NoticeGap(x.n.Kind, x.n.Entry.Version, x.n.Entry.Actor, x.Missing, x.Rule.Citation))];
    }

    private static AuditDeadline Close(Tracker tracker, AuditEntry entry, DateOnly on, string lastActorBefore)
    {
        var d = tracker.Deadline;
        // A denunciation outside the body's competence is not checked for acceptance but transferred: its own period
        // (Art. 24 cl. 2) is judged by the transfer, so the check's period just ends.
        var late = entry.Data is PetitionTransferred && d.Step is DeadlineStep.DenunciationCheck or DeadlineStep.DenunciationCheckSeveralPlaces ? null
            : d.Due is { } due && on > due ? on.DayNumber - due.DayNumber : (int?)null;
        // These end the case (or the period) without the authority taking the step the period was for.
        var ending = entry.Data is ComplaintWithdrawn or ComplaintTerminated or LawsuitFiled or PetitionTransferred or SecondComplaintFiled;
        var outcome = !d.IsObligation ? DeadlineOutcome.WindowClosed
            : late is not null ? DeadlineOutcome.Missed
            : ending ? DeadlineOutcome.Ended
            : DeadlineOutcome.Met;
        // A period that lapsed before the case ended is answered for by whoever last acted before the end, not by whoever
        // recorded the withdrawal or the citizen's second complaint.
        var last = outcome != DeadlineOutcome.Missed ? null : ending ? lastActorBefore : entry.Actor;
        return new AuditDeadline(d, tracker.OpenedByVersion, tracker.OpenedBy, outcome, on, entry.Version, entry.EventType, entry.Actor,
            late, last is null ? null : tracker.Competent ?? last, tracker.Changes)
        {
            Competent = tracker.Competent, LastActor = last,
        };
    }

    /// <summary>
    /// A denunciation transferred as outside the body's competence, judged against the 5 working days from its receipt
    /// (or reclassification) that Law 25/2018/QH14 Art. 24 cl. 2 allows; who transferred it answers for it.
    /// </summary>
    private static AuditDeadline Transfer(CaseState before, AuditEntry received, AuditEntry transfer, OutreachOptions options)
    {
        var set = options.Rulebook.For(before.ClockStartedOn);
        var period = set.Period(DeadlineStep.DenunciationTransfer);
        var due = CaseDeadlines.Count(before.ClockStartedOn, period.Days, period.Basis, [], options.Calendar)!.Value;
        var on = VietnamTime.DateOf(transfer.OccurredAt);
        var deadline = new CaseDeadline(DeadlineStep.DenunciationTransfer, before.ClockStartedOn, due, period.Days, period.Basis, true, set.Id, period.Citation, period.Unverified);
        var late = on > due ? on.DayNumber - due.DayNumber : (int?)null;
        return new AuditDeadline(deadline, received.Version, received.Actor, late is null ? DeadlineOutcome.Met : DeadlineOutcome.Missed, on, transfer.Version,
            transfer.EventType, transfer.Actor, late, late is null ? null : transfer.Actor, [])
        {
            Competent = transfer.Actor, LastActor = late is null ? null : transfer.Actor,
        };
    }

    /// <summary>The filing checks the record allows (<see cref="FilingWindows.Of"/>), as report lines.</summary>
    private static List<AuditDeadline> Filings(CaseState state, IReadOnlyList<AuditEntry> entries)
    {
        var (first, second) = FilingWindows.Of(state);
        var lines = new List<AuditDeadline>();
        if (first is not null
            && entries.LastOrDefault(e => e.Data is ComplaintAccepted { Round: 1, DecisionKnownOn: not null } or ComplaintRefused { Round: 1, DecisionKnownOn: not null }) is { } recorded
            && entries.FirstOrDefault(e => e.Data is PetitionReceived) is { } received)
        {
            lines.Add(Line(first, recorded, received));
        }

        if (second is not null && entries.LastOrDefault(e => e.Data is SecondComplaintFiled) is { } filed)
        {
            lines.Add(Line(second, filed, filed));
        }

        return lines;
    }

    private static AuditDeadline Line(FilingCheck check, AuditEntry recorded, AuditEntry filed)
    {
        var deadline = new CaseDeadline(check.Step, check.StartsAfter, check.LastDay, check.Days, DayBasis.Calendar, false, check.RuleSet, check.Citation, check.Unverified);
        var on = VietnamTime.DateOf(recorded.OccurredAt);
        IReadOnlyList<DueChange> obstacle = check.Obstacle is null
            ? []
            : [new DueChange(check.LastDayWithoutObstacle, check.LastDay, check.Step, recorded.Version, recorded.EventType, recorded.Actor, on)];
        return new AuditDeadline(deadline, recorded.Version, recorded.Actor, check.InTime ? DeadlineOutcome.FiledInTime : DeadlineOutcome.FiledLate,
            check.FiledOn, filed.Version, filed.EventType, filed.Actor, check.InTime ? null : check.DaysLate, null, obstacle);
    }

    /// <summary>
    /// Who is competent for a period when it opens: the round's acceptor decides it, the signer sends the decision, the
    /// denunciation's acceptor notifies, settles and reports. An acceptance or a check waits for whoever takes it.
    /// </summary>
    private static string? CompetentFor(DeadlineStep step, string? roundAcceptor, string? signer, string? denunciationAcceptor) => step switch
    {
        DeadlineStep.FirstDecision or DeadlineStep.FirstDecisionComplex or DeadlineStep.FirstDecisionRemote or DeadlineStep.FirstDecisionRemoteComplex
            or DeadlineStep.SecondDecision or DeadlineStep.SecondDecisionComplex or DeadlineStep.SecondDecisionRemote or DeadlineStep.SecondDecisionRemoteComplex => roundAcceptor,
        DeadlineStep.DecisionDelivery or DeadlineStep.SecondDecisionDelivery or DeadlineStep.DenunciationConclusionNotice => signer,
        DeadlineStep.DenunciationNotice or DeadlineStep.DenunciationSettlement or DeadlineStep.LateSettlementReport => denunciationAcceptor,
        _ => null,
    };

    /// <summary>True when <paramref name="event"/> is the competent person's own answer to an acceptance or check period.</summary>
    private static bool IsDecidedBy(DeadlineStep step, object @event)
        => step is DeadlineStep.ComplaintAcceptance or DeadlineStep.SecondComplaintAcceptance or DeadlineStep.DenunciationCheck or DeadlineStep.DenunciationCheckSeveralPlaces
           && @event is ComplaintAccepted or ComplaintRefused or DenunciationAccepted or DenunciationNotAccepted;

    private sealed class Tracker(CaseDeadline deadline, long openedByVersion, string openedBy)
    {
        public string? Competent { get; init; }

        public CaseDeadline Deadline { get; set; } = deadline;

        public long OpenedByVersion { get; } = openedByVersion;

        public string OpenedBy { get; } = openedBy;

        public List<DueChange> Changes { get; } = [];
    }

    private static Dictionary<(string, DateOnly), CaseDeadline> Open(CaseState state, OutreachOptions options)
        => CaseDeadlines.For(state, options.Rulebook, options.Calendar)
            .GroupBy(d => (Family(d.Step), d.StartsAfter))
            .ToDictionary(g => g.Key, g => g.First());

    /// <summary>Periods that replace each other when a case is re-qualified (complex, remote area) count as one.</summary>
    private static string Family(DeadlineStep step)
    {
        var name = step.ToString();
        foreach (var family in new[] { "FirstDecision", "SecondDecision", "SecondComplaintWindow", "DenunciationCheck" })
        {
            if (name.StartsWith(family, StringComparison.Ordinal))
            {
                return family;
            }
        }

        return name;
    }

    /// <summary>Which of the auditor's questions a step answers.</summary>
    public static AuditSection SectionOf(object @event) => @event switch
    {
        DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Conclusion } => AuditSection.Decision,
        DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Extension } => AuditSection.Change,
        PetitionReceived or PetitionClassified or CitizenGuided or PetitionAnswered => AuditSection.Intake,
        VerifierAssigned or ComplaintVerified or DialogueHeld or DenunciationAccepted or DenunciationPartiesNotified
            or DenunciationVerifierAssigned or DenunciationVerified
            or LateSettlementReportSubmitted or ComplaintAccepted => AuditSection.Handling,
        FirstDecisionIssued or SecondDecisionIssued or DenunciationConcluded or DecisionDelivered => AuditSection.Decision,
        _ => AuditSection.Change,
    };

    /// <summary>The parties a step sent a written notice or decision to (empty for other steps).</summary>
    public static IReadOnlyList<NoticeParty> RecipientsOf(object @event) => @event switch
    {
        ComplaintAccepted e => e.NotifiedParties,
        ComplaintRefused e => e.NotifiedParties,
        ComplaintResumed e => e.NotifiedParties,
        DecisionDelivered e => e.Recipients,
        DenunciationPartiesNotified e => e.Parties,
        _ => [],
    };

    /// <summary>
    /// Loads a case's steps with both times (the chain link's database clock where there is one) and builds its report:
    /// as it stood at the end of <paramref name="asOf"/> in business time, or as the record stood at the end of
    /// <paramref name="asRecorded"/> (what the system knew then), or up to <paramref name="version"/>. Null when the case
    /// does not exist (or had no step by then).
    /// </summary>
    public static async Task<CaseAuditReport?> LoadAsync(
        IDocumentStore store, Guid caseId, DateOnly? asOf = null, DateOnly? asRecorded = null, long? version = null, DateOnly? today = null,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        // The events and the chain's check are read at once, on two connections: the report waits for the slower, not both.
        var check = ChainVerifier.VerifyStreamWithTimesAsync(store, caseId, cancellation);
        IReadOnlyList<JasperFx.Events.IEvent> events;
        await using (var session = store.QuerySession())
        {
            events = await session.Events.FetchStreamAsync(caseId, token: cancellation).ConfigureAwait(false);
        }

        var (integrity, recorded) = await check.ConfigureAwait(false);
        if (events.Count == 0 || events[0].Data is not PetitionReceived)
        {
            return null;
        }

        if (events.Count > integrity.Events)
        {
            // An event appended between the two reads: the check is read again, so that it covers every event shown.
            (integrity, recorded) = await ChainVerifier.VerifyStreamWithTimesAsync(store, caseId, cancellation).ConfigureAwait(false);
        }
        var entries = events
            .Select(e =>
            {
                var byDatabase = recorded.TryGetValue(e.Version, out var at);
                return new AuditEntry(e.Version, SectionOf(e.Data), e.Data.GetType().Name, e.Data, OutreachEvents.Actor(e.Data) ?? e.UserName ?? "",
                    OutreachEvents.OccurredAt(e.Data) ?? e.Timestamp, byDatabase ? at : e.Timestamp, byDatabase, RecipientsOf(e.Data));
            })
            .Where(e => version is null || e.Version <= version)
            .Where(e => asOf is null || e.OccurredAt < VietnamTime.EndOf(asOf.Value))
            .Where(e => asRecorded is null || e.RecordedAt < VietnamTime.EndOf(asRecorded.Value))
            .ToList();
        if (entries.Count == 0)
        {
            return null;
        }

        var judgedOn = asOf ?? asRecorded ?? (version is not null ? VietnamTime.DateOf(entries[^1].OccurredAt) : today ?? VietnamTime.Today(TimeProvider.System));
        return Build(caseId, entries, judgedOn, OutreachRegistration.OptionsOf(store), integrity);
    }

    /// <summary>The database clock of each event's chain link, by stream version (events without a link are absent).</summary>
    internal static async Task<Dictionary<long, DateTimeOffset>> LinkTimesAsync(IDocumentStore store, Guid caseId, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"select e.version, c.recorded_at from {schema}.mt_events e join {schema}.{HashChain.ChainTable} c on c.seq_id = e.seq_id where e.stream_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = caseId });
        var times = new Dictionary<long, DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            times[reader.GetInt64(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }

        return times;
    }
}
