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
/// One field visit (đi cơ sở) by cadres or a visiting group of a unit to a locality: planned, arranged with the locality,
/// carried out (meetings, guidance, community work, outreach, residents heard), reported — or cancelled or missed.
/// </summary>
public sealed record Visit
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

    /// <summary>Planned from the weekly rota (rather than ad hoc).</summary>
    public bool FromRota { get; init; }

    /// <summary>Where it stands.</summary>
    public VisitStatus Status { get; init; }

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

    /// <summary>Petitions (case ids) opened from residents heard on the visit.</summary>
    public IReadOnlyList<Guid> PetitionsHeard { get; init; } = [];

    /// <summary>The day the report was filed.</summary>
    public DateOnly? ReportedOn { get; init; }

    /// <summary>Why it was cancelled or missed.</summary>
    public string? Reason { get; init; }

    /// <summary>Business time of the latest step.</summary>
    public DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>True when the visit took place.</summary>
    public bool TookPlace => Status is VisitStatus.CarriedOut or VisitStatus.Reported;

    /// <summary>The empty state of a visit not yet planned.</summary>
    public static Visit None(Guid id) => new() { Id = id };

    /// <summary>Applies one event. Pure.</summary>
    public Visit Evolve(object @event)
    {
        var state = this;
        var next = @event switch
        {
            VisitPlanned e => state with
            {
                Id = e.VisitId, Exists = true, UnitId = e.UnitId, Visitors = e.Visitors, LocalityCode = e.LocalityCode,
                PlannedFor = e.PlannedFor, FromRota = e.FromRota, Status = VisitStatus.Planned,
            },
            VisitArranged e => state with { Status = VisitStatus.Arranged, ArrangedWith = e.ContactedPerson, AgreedFor = e.AgreedFor },
            MeetingAttended e => CarriedOut(state, e.AttendedAt) with { Meetings = [.. state.Meetings, e.Host] },
            GuidanceGiven e => CarriedOut(state, e.GivenAt) with { Guidance = [.. state.Guidance, e.Topic], GuidanceAttendees = state.GuidanceAttendees + e.Attendees },
            CommunityWorkJoined e => CarriedOut(state, e.JoinedAt) with { CommunityWork = state.CommunityWork + 1 },
            OutreachDelivered e => CarriedOut(state, e.DeliveredAt) with { OutreachThemes = [.. state.OutreachThemes, e.Theme] },
            ResidentHeard e => CarriedOut(state, e.HeardAt) with { PetitionsHeard = [.. state.PetitionsHeard, e.CaseId] },
            VisitReported e => state with { Status = VisitStatus.Reported, ReportedOn = Deadlines.VietnamTime.DateOf(e.ReportedAt) },
            VisitCancelled e => state with { Status = VisitStatus.Cancelled, Reason = e.Reason },
            VisitMissed e => state with { Status = VisitStatus.Missed, Reason = e.Reason },
            _ => state,
        };
        return ReferenceEquals(next, state) ? state : next with { LastOccurredAt = OutreachEvents.OccurredAt(@event) ?? state.LastOccurredAt };
    }

    private static Visit CarriedOut(Visit state, DateTimeOffset at)
        => state with { Status = VisitStatus.CarriedOut, CarriedOutOn = state.CarriedOutOn ?? Deadlines.VietnamTime.DateOf(at) };
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
