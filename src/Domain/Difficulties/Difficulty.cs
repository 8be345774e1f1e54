namespace Outreach.Difficulties;

/// <summary>Where a difficulty stands.</summary>
public enum DifficultyStatus
{
    /// <summary>Raised on a visit, not yet handled.</summary>
    Open,
    /// <summary>Referred upward and waiting for a response.</summary>
    Escalated,
    /// <summary>The head answered or assigned it; the solution must still reach the locality.</summary>
    InHand,
    /// <summary>The head asked the raiser for more information.</summary>
    AwaitingInformation,
    /// <summary>Solved within the cadre's authority on the spot.</summary>
    ResolvedOnSite,
    /// <summary>The solution went back to the locality.</summary>
    Solved,
}

/// <summary>To whom a difficulty is referred.</summary>
public enum EscalationLevel
{
    /// <summary>The head of the cadre's unit.</summary>
    UnitHead,
    /// <summary>The city level (standing committee / people's committee).</summary>
    City,
}

/// <summary>
/// A difficulty (khó khăn, vướng mắc) raised by a locality on a visit: resolved on the spot, or escalated to the head of
/// the cadre's unit and possibly to the city, each hand-over with who, when, why and a response deadline, until the
/// solution goes back to the locality.
/// </summary>
public sealed record Difficulty
{
    /// <summary>The difficulty id (stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>False before it is raised.</summary>
    public bool Exists { get; init; }

    /// <summary>The visit it was raised on, if any.</summary>
    public Guid? VisitId { get; init; }

    /// <summary>The unit of the cadre who recorded it.</summary>
    public Guid UnitId { get; init; }

    /// <summary>The locality concerned.</summary>
    public string LocalityCode { get; init; } = "";

    /// <summary>What the difficulty is.</summary>
    public string Description { get; init; } = "";

    /// <summary>The cadre who raised it.</summary>
    public string RaisedBy { get; init; } = "";

    /// <summary>When it was raised (Vietnam date).</summary>
    public DateOnly RaisedOn { get; init; }

    /// <summary>Where it stands.</summary>
    public DifficultyStatus Status { get; init; }

    /// <summary>The current escalation level, if escalated.</summary>
    public EscalationLevel? Level { get; init; }

    /// <summary>Who must respond now (the unit head's code, or the city body).</summary>
    public string? AwaitingResponseFrom { get; init; }

    /// <summary>The response deadline of the current hand-over.</summary>
    public DateOnly? ResponseDue { get; init; }

    /// <summary>Who it is assigned to, if assigned.</summary>
    public string? AssignedTo { get; init; }

    /// <summary>The day it was closed.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>Business time of the latest step.</summary>
    public DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>True once resolved on the spot or solved.</summary>
    public bool IsClosed => Status is DifficultyStatus.ResolvedOnSite or DifficultyStatus.Solved;

    /// <summary>True when a response is due and the day has passed.</summary>
    public bool IsOverdue(DateOnly today) => !IsClosed && ResponseDue is { } due && due < today;

    /// <summary>The empty state.</summary>
    public static Difficulty None(Guid id) => new() { Id = id };

    /// <summary>Applies one event. Pure.</summary>
    public Difficulty Evolve(object @event)
    {
        var state = this;
        var next = @event switch
        {
            DifficultyRaised e => state with
            {
                Id = e.DifficultyId, Exists = true, VisitId = e.VisitId, UnitId = e.UnitId, LocalityCode = e.LocalityCode,
                Description = e.Description, RaisedBy = e.RaisedBy, RaisedOn = Deadlines.VietnamTime.DateOf(e.RaisedAt), Status = DifficultyStatus.Open,
            },
            DifficultyResolvedOnSite e => state with { Status = DifficultyStatus.ResolvedOnSite, ClosedOn = Deadlines.VietnamTime.DateOf(e.ResolvedAt) },
            DifficultyEscalated e => state with
            {
                Status = DifficultyStatus.Escalated, Level = e.Level, AwaitingResponseFrom = e.EscalatedTo, ResponseDue = e.ResponseDue,
            },
            EscalationAnswered e => state with { Status = DifficultyStatus.InHand, AwaitingResponseFrom = null, ResponseDue = e.SolutionDue },
            DifficultyAssigned e => state with { Status = DifficultyStatus.InHand, AssignedTo = e.Assignee, AwaitingResponseFrom = e.Assignee, ResponseDue = e.SolutionDue },
            MoreInformationRequested e => state with { Status = DifficultyStatus.AwaitingInformation, AwaitingResponseFrom = state.RaisedBy, ResponseDue = e.InformationDue },
            SolutionDelivered e => state with
            {
                Status = DifficultyStatus.Solved, AwaitingResponseFrom = null, ResponseDue = null, ClosedOn = Deadlines.VietnamTime.DateOf(e.DeliveredAt),
            },
            _ => state,
        };
        return ReferenceEquals(next, state) ? state : next with { LastOccurredAt = OutreachEvents.OccurredAt(@event) ?? state.LastOccurredAt };
    }
}

/// <summary>The difficulty stream's event contracts.</summary>
public static class DifficultyEvents
{
    /// <summary>Every event type of the difficulty stream.</summary>
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(DifficultyRaised), typeof(DifficultyResolvedOnSite), typeof(DifficultyEscalated), typeof(EscalationAnswered),
        typeof(DifficultyAssigned), typeof(MoreInformationRequested), typeof(SolutionDelivered),
    ];
}
