using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>
/// The case-details view of one case file (hồ sơ): its legal state as the rules see it (<see cref="Legal"/>), what only
/// people read (registry number, content, who received it, decision numbers) and its open deadlines. Kept inline by
/// <see cref="CaseProjection"/> in the events' transaction; time travel folds it from the events with <see cref="Fold"/>.
/// Decisions never read it: the write path folds a <see cref="CaseState"/> from the events (ADR 19, ADR 26).
/// </summary>
public sealed record Case
{
    /// <summary>The case id (the stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>The legal state the rules read, as folded from the same events.</summary>
    public CaseState Legal { get; init; } = new();

    /// <summary>The paper registry number, if any.</summary>
    public string? Number { get; init; }

    /// <summary>How it arrived.</summary>
    public ReceptionChannel Channel { get; init; }

    /// <summary>Who received it.</summary>
    public string ReceivedBy { get; init; } = "";

    /// <summary>The locality concerned.</summary>
    public string LocalityCode { get; init; } = "";

    /// <summary>What was asked or reported.</summary>
    public string Content { get; init; } = "";

    /// <summary>Where the petition was transferred, if it was.</summary>
    public string? TransferredTo { get; init; }

    /// <summary>Part of the complaint was withdrawn.</summary>
    public bool PartlyWithdrawn { get; init; }

    /// <summary>First decision's number.</summary>
    public string? FirstDecisionNumber { get; init; }

    /// <summary>Second decision's number.</summary>
    public string? SecondDecisionNumber { get; init; }

    /// <summary>The date the case ended, if it has.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>The open legal deadlines, earliest first; filled by the projection from the rulebook and calendar.</summary>
    public IReadOnlyList<CaseDeadline> Deadlines { get; init; } = [];

    /// <summary>The earliest due date among the authority's open deadlines (indexed: what is overdue on a day).</summary>
    public DateOnly? NextObligationDue { get; init; }

    /// <summary>The stream version this view reflects.</summary>
    public long Version => Legal.Version;

    /// <summary>False for the empty view of a case that has not been received.</summary>
    public bool Exists => Legal.Exists;

    /// <summary>What the case is in law (stored beside <see cref="Legal"/> so that queries and indexes reach it).</summary>
    public CaseKind Kind => Legal.Kind;

    /// <summary>Where it stands (stored beside <see cref="Legal"/> so that queries and indexes reach it).</summary>
    public CaseStatus Status => Legal.Status;

    /// <summary>When it was received (business time).</summary>
    public DateTimeOffset ReceivedAt => Legal.ReceivedAt;

    /// <summary>Complaint round: 0 before acceptance of a complaint, 1 or 2.</summary>
    public int Round => Legal.Round;

    /// <summary>The complaint is complex.</summary>
    public bool IsComplex => Legal.IsComplex;

    /// <summary>The complainant is in a remote or difficult area.</summary>
    public bool IsRemoteArea => Legal.IsRemoteArea;

    /// <summary>The citizen's details, sealed with their own key (ADR 18); null when anonymous or not given.</summary>
    public PersonalData.SealedIdentity? Citizen => Legal.Citizen;

    /// <summary>When the citizen's personal data was erased on request, if it was.</summary>
    public DateOnly? CitizenErasedOn => Legal.CitizenErasedOn;

    /// <summary>The submitter stayed anonymous.</summary>
    public bool IsAnonymous => Legal.IsAnonymous;

    /// <summary>Whose decision or conduct is at issue.</summary>
    public string? Respondent => Legal.Respondent;

    /// <summary>True once the case has reached a final status.</summary>
    public bool IsClosed => Legal.IsClosed;

    /// <summary>The empty view of a case not yet received.</summary>
    public static Case None(Guid id) => new() { Id = id, Legal = CaseState.None(id) };

    /// <summary>Folds events into a view, starting from <see cref="None"/> (deadlines are left to the projection).</summary>
    public static Case Fold(Guid id, IEnumerable<object> events) => events.Aggregate(None(id), (view, e) => view.Evolve(e));

    /// <summary>Applies one event: the legal state folds it, and the view keeps what only people read. Pure.</summary>
    public Case Evolve(object @event)
    {
        var legal = Legal.Evolve(@event);
        if (ReferenceEquals(legal, Legal))
        {
            return this;
        }

        var next = @event switch
        {
            PetitionReceived e => this with { Number = e.Number, Channel = e.Channel, ReceivedBy = e.ReceivedBy, LocalityCode = e.LocalityCode, Content = e.Content },
            PetitionTransferred e => this with { TransferredTo = e.ToBody },
            FirstDecisionIssued e => this with { FirstDecisionNumber = e.DecisionNumber },
            SecondDecisionIssued e => this with { SecondDecisionNumber = e.DecisionNumber },
            ComplaintWithdrawn { IsPartial: true } => this with { PartlyWithdrawn = true },
            _ => this,
        };
        var closedAt = !Legal.IsClosed && legal.IsClosed ? OutreachEvents.OccurredAt(@event) : null;
        return next with { Id = legal.Id, Legal = legal, ClosedOn = closedAt is { } at ? VietnamTime.DateOf(at) : ClosedOn };
    }
}
