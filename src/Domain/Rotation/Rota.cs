namespace Outreach.Rotation;

/// <summary>
/// A recorded weekly rota (phân công, xoay vòng): the plan as adopted and every later change to it (swap, cancellation,
/// reassignment). Folded from the rota's events; stored by Marten as the rota's snapshot.
/// </summary>
public sealed record Rota
{
    /// <summary>The rota id (stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>False before the rota is recorded.</summary>
    public bool Exists { get; init; }

    /// <summary>The assignments in force, by week then visitor.</summary>
    public IReadOnlyList<RotaAssignment> Assignments { get; init; } = [];

    /// <summary>Business time of the latest step.</summary>
    public DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>The visitor's assignment in <paramref name="week"/>, if any.</summary>
    public RotaAssignment? Find(DateOnly week, string visitor) => Assignments.FirstOrDefault(a => a.Week == week && a.Visitor == visitor);

    /// <summary>The empty state.</summary>
    public static Rota None(Guid id) => new() { Id = id };

    /// <summary>Applies one event. Pure.</summary>
    public Rota Evolve(object @event)
    {
        var state = this;
        var next = @event switch
        {
            RotaRecorded e => state with
            {
                Id = e.RotaId, Exists = true,
                Assignments = [.. e.Visits.Select(v => new RotaAssignment(v.Week, v.Visitor, v.Locality)).OrderBy(a => a.Week).ThenBy(a => a.Visitor, StringComparer.Ordinal)],
            },
            RotaVisitsSwapped e => state with
            {
                Assignments = [.. state.Assignments.Select(a => a.Week != e.Week ? a
                    : a.Visitor == e.FirstVisitor ? a with { Visitor = e.SecondVisitor }
                    : a.Visitor == e.SecondVisitor ? a with { Visitor = e.FirstVisitor } : a).OrderBy(a => a.Week).ThenBy(a => a.Visitor, StringComparer.Ordinal)],
            },
            RotaVisitCancelled e => state with { Assignments = [.. state.Assignments.Where(a => !(a.Week == e.Week && a.Visitor == e.Visitor))] },
            RotaVisitReassigned e => state with
            {
                Assignments = [.. state.Assignments.Select(a => a.Week == e.Week && a.Visitor == e.Visitor ? a with { Visitor = e.NewVisitor } : a)
                    .OrderBy(a => a.Week).ThenBy(a => a.Visitor, StringComparer.Ordinal)],
            },
            _ => state,
        };
        return ReferenceEquals(next, state) ? state : next with { LastOccurredAt = OutreachEvents.OccurredAt(@event) ?? state.LastOccurredAt };
    }
}

/// <summary>The rota stream's event contracts.</summary>
public static class RotaEvents
{
    /// <summary>Every event type of the rota stream.</summary>
    public static readonly IReadOnlyList<Type> All = [typeof(RotaRecorded), typeof(RotaVisitsSwapped), typeof(RotaVisitCancelled), typeof(RotaVisitReassigned)];
}
