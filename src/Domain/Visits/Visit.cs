namespace Outreach.Visits;

/// <summary>Where a field visit stands.</summary>
public enum VisitStatus
{
    /// <summary>Planned (from the rota or ad hoc).</summary>
    Planned,
    /// <summary>Time and place agreed with the local party committee or government.</summary>
    Arranged,
    /// <summary>At least one activity recorded.</summary>
    CarriedOut,
    /// <summary>The visit report is filed.</summary>
    Reported,
    /// <summary>Cancelled beforehand.</summary>
    Cancelled,
    /// <summary>Did not take place.</summary>
    Missed,
}

/// <summary>Who hosted a meeting the visitors attended.</summary>
public enum MeetingHost
{
    /// <summary>The commune/ward party committee.</summary>
    CommunePartyCommittee,
    /// <summary>The commune/ward people's committee (government).</summary>
    CommuneGovernment,
    /// <summary>The hamlet/quarter party cell (chi bộ).</summary>
    PartyCell,
    /// <summary>A farmers' club (hội quán nông dân).</summary>
    FarmersClub,
    /// <summary>A cooperative (HTX).</summary>
    Cooperative,
}

/// <summary>The professional guidance topics of the programme (DOMAIN.md §1).</summary>
public enum GuidanceTopic
{
    /// <summary>Clerical work and archives (văn thư, lưu trữ).</summary>
    ClericalWorkAndArchives,
    /// <summary>Drafting documents (soạn thảo văn bản).</summary>
    DraftingDocuments,
    /// <summary>Applying new laws (hướng dẫn thực hiện văn bản luật).</summary>
    ApplyingNewLaws,
    /// <summary>Planning, urban order and construction management.</summary>
    PlanningUrbanOrderAndConstruction,
    /// <summary>Inspection and supervision (kiểm tra, giám sát).</summary>
    InspectionAndSupervision,
    /// <summary>Grassroots mediation (hòa giải).</summary>
    GrassrootsMediation,
    /// <summary>Handling complaint letters (giải quyết đơn thư khiếu nại).</summary>
    HandlingComplaintLetters,
}

/// <summary>
/// What the rules of a field visit read (ADR 26): who goes where on which day, where it stands and the petitions heard on
/// it. Folded from the visit's events by the write path on every command and never stored; what only people read
/// (meetings, guidance, themes, the report) lives in the <see cref="Visit"/> view.
/// </summary>
public sealed record VisitState
{
    /// <summary>The visit id (stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>False before the visit is planned.</summary>
    public bool Exists { get; init; }

    /// <summary>The unit sending the visitors.</summary>
    public Guid UnitId { get; init; }

    /// <summary>Cadre or group codes.</summary>
    public IReadOnlyList<string> Visitors { get; init; } = [];

    /// <summary>The locality visited (commune/ward or hamlet).</summary>
    public string LocalityCode { get; init; } = "";

    /// <summary>The planned day.</summary>
    public DateOnly PlannedFor { get; init; }

    /// <summary>Where it stands.</summary>
    public VisitStatus Status { get; init; }

    /// <summary>Petitions (case ids) opened from residents heard on the visit.</summary>
    public IReadOnlyList<Guid> PetitionsHeard { get; init; } = [];

    /// <summary>Business time of the latest step.</summary>
    public DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>The empty state.</summary>
    public static VisitState None(Guid id) => new() { Id = id };

    /// <summary>Applies one event. Pure.</summary>
    public VisitState Evolve(object @event)
    {
        var state = this;
        var next = @event switch
        {
            VisitPlanned e => state with
            {
                Id = e.VisitId, Exists = true, UnitId = e.UnitId, Visitors = e.Visitors, LocalityCode = e.LocalityCode, PlannedFor = e.PlannedFor,
                Status = VisitStatus.Planned,
            },
            VisitArranged => state with { Status = VisitStatus.Arranged },
            ResidentHeard e => state with { Status = VisitStatus.CarriedOut, PetitionsHeard = [.. state.PetitionsHeard, e.CaseId] },
            MeetingAttended or GuidanceGiven or CommunityWorkJoined or OutreachDelivered => state with { Status = VisitStatus.CarriedOut },
            VisitReported => state with { Status = VisitStatus.Reported },
            VisitCancelled => state with { Status = VisitStatus.Cancelled },
            VisitMissed => state with { Status = VisitStatus.Missed },
            _ => state,
        };
        return ReferenceEquals(next, state) ? state : next with { LastOccurredAt = OutreachEvents.OccurredAt(@event) ?? state.LastOccurredAt };
    }
}

/// <summary>
/// One field visit (đi cơ sở) as people read it: by cadres or a visiting group of a unit to a locality, planned, arranged
/// with the locality, carried out (meetings, guidance, community work, outreach, residents heard), reported — or
/// cancelled or missed. The rules' part is <see cref="Legal"/>; the rest only people read. Kept inline by
/// <see cref="VisitProjection"/>.
/// </summary>
public sealed record Visit
{
    /// <summary>The visit id (stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>What the rules read, as folded from the same events.</summary>
    public VisitState Legal { get; init; } = new();

    /// <summary>Planned from the weekly rota (rather than ad hoc).</summary>
    public bool FromRota { get; init; }

    /// <summary>Who at the locality agreed the time and place.</summary>
    public string? ArrangedWith { get; init; }

    /// <summary>The agreed time.</summary>
    public DateTimeOffset? AgreedFor { get; init; }

    /// <summary>The day the visit took place (first activity).</summary>
    public DateOnly? CarriedOutOn { get; init; }

    /// <summary>Meetings attended.</summary>
    public IReadOnlyList<MeetingHost> Meetings { get; init; } = [];

    /// <summary>Guidance topics given.</summary>
    public IReadOnlyList<GuidanceTopic> Guidance { get; init; } = [];

    /// <summary>Local officials who attended the guidance sessions, in all.</summary>
    public int GuidanceAttendees { get; init; }

    /// <summary>Community work joined.</summary>
    public int CommunityWork { get; init; }

    /// <summary>Outreach themes delivered.</summary>
    public IReadOnlyList<string> OutreachThemes { get; init; } = [];

    /// <summary>The day the report was filed.</summary>
    public DateOnly? ReportedOn { get; init; }

    /// <summary>Why it was cancelled or missed.</summary>
    public string? Reason { get; init; }

    /// <summary>False before the visit is planned.</summary>
    public bool Exists => Legal.Exists;

    /// <summary>The unit sending the visitors (stored beside <see cref="Legal"/> for queries and indexes).</summary>
    public Guid UnitId => Legal.UnitId;

    /// <summary>Cadre or group codes.</summary>
    public IReadOnlyList<string> Visitors => Legal.Visitors;

    /// <summary>The locality visited (stored beside <see cref="Legal"/> for queries and indexes).</summary>
    public string LocalityCode => Legal.LocalityCode;

    /// <summary>The planned day (stored beside <see cref="Legal"/> for queries and indexes).</summary>
    public DateOnly PlannedFor => Legal.PlannedFor;

    /// <summary>Where it stands.</summary>
    public VisitStatus Status => Legal.Status;

    /// <summary>Petitions (case ids) opened from residents heard on the visit (stored beside <see cref="Legal"/> for queries).</summary>
    public IReadOnlyList<Guid> PetitionsHeard => Legal.PetitionsHeard;

    /// <summary>True once it took place (carried out or reported).</summary>
    public bool TookPlace => Status is VisitStatus.CarriedOut or VisitStatus.Reported;

    /// <summary>The empty view.</summary>
    public static Visit None(Guid id) => new() { Id = id, Legal = VisitState.None(id) };

    /// <summary>Applies one event: the rules' state folds it, and the view keeps what only people read. Pure.</summary>
    public Visit Evolve(object @event)
    {
        var legal = Legal.Evolve(@event);
        if (ReferenceEquals(legal, Legal))
        {
            return this;
        }

        var next = @event switch
        {
            VisitPlanned e => this with { FromRota = e.FromRota },
            VisitArranged e => this with { ArrangedWith = e.ContactedPerson, AgreedFor = e.AgreedFor },
            MeetingAttended e => CarriedOut(e.AttendedAt) with { Meetings = [.. Meetings, e.Host] },
            GuidanceGiven e => CarriedOut(e.GivenAt) with { Guidance = [.. Guidance, e.Topic], GuidanceAttendees = GuidanceAttendees + e.Attendees },
            CommunityWorkJoined e => CarriedOut(e.JoinedAt) with { CommunityWork = CommunityWork + 1 },
            OutreachDelivered e => CarriedOut(e.DeliveredAt) with { OutreachThemes = [.. OutreachThemes, e.Theme] },
            ResidentHeard e => CarriedOut(e.HeardAt),
            VisitReported e => this with { ReportedOn = Deadlines.VietnamTime.DateOf(e.ReportedAt) },
            VisitCancelled e => this with { Reason = e.Reason },
            VisitMissed e => this with { Reason = e.Reason },
            _ => this,
        };
        return next with { Id = legal.Id, Legal = legal };
    }

    private Visit CarriedOut(DateTimeOffset at) => this with { CarriedOutOn = CarriedOutOn ?? Deadlines.VietnamTime.DateOf(at) };
}

/// <summary>The visit stream's event contracts.</summary>
public static class VisitEvents
{
    /// <summary>Every event type of the visit stream.</summary>
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(VisitPlanned), typeof(VisitArranged), typeof(MeetingAttended), typeof(GuidanceGiven), typeof(CommunityWorkJoined),
        typeof(OutreachDelivered), typeof(ResidentHeard), typeof(VisitReported), typeof(VisitCancelled), typeof(VisitMissed),
    ];
}
