namespace Outreach.Units;

/// <summary>A cadre's membership of a unit.</summary>
/// <param name="CadreCode">Staff code.</param>
/// <param name="FullName">Full name.</param>
/// <param name="Position">Position in the unit, if given.</param>
public sealed record UnitMember(string CadreCode, string FullName, string? Position)
{
    /// <summary>
    /// True when a recorded actor names this member: by staff code, by full name, or by full name with an office in
    /// brackets ("Lê Thị Hồng (Phòng Tư pháp)"), as paper records write people and back-filled steps keep them.
    /// </summary>
    public bool IsNamedBy(string? recorded)
        => recorded is not null
           && (recorded == CadreCode || string.Equals(recorded, FullName, StringComparison.Ordinal)
               || (recorded.StartsWith(FullName + " (", StringComparison.Ordinal) && recorded.EndsWith(')')));
}

/// <summary>Who headed the unit from when.</summary>
/// <param name="CadreCode">The head's staff code.</param>
/// <param name="From">First day (Vietnam date) in office.</param>
public sealed record HeadTerm(string CadreCode, DateOnly From);

/// <summary>A visiting group of the unit and its members.</summary>
/// <param name="GroupCode">The group's code.</param>
/// <param name="Members">Cadre codes.</param>
public sealed record VisitingGroup(string GroupCode, IReadOnlyList<string> Members);

/// <summary>
/// A department or unit of the city (cơ quan, đơn vị) with its cadres, its head over time and its visiting groups.
/// Folded from the unit's events; stored by Marten as the unit's snapshot.
/// </summary>
public sealed record Unit
{
    /// <summary>The unit id (stream id).</summary>
    public Guid Id { get; init; }

    /// <summary>False before the unit is registered.</summary>
    public bool Exists { get; init; }

    /// <summary>Short code (e.g. <c>phong-tu-phap</c>).</summary>
    public string Code { get; init; } = "";

    /// <summary>Name.</summary>
    public string Name { get; init; } = "";

    /// <summary>Current members.</summary>
    public IReadOnlyList<UnitMember> Members { get; init; } = [];

    /// <summary>Heads over time, oldest first.</summary>
    public IReadOnlyList<HeadTerm> Heads { get; init; } = [];

    /// <summary>Visiting groups.</summary>
    public IReadOnlyList<VisitingGroup> Groups { get; init; } = [];

    /// <summary>Business time of the latest step.</summary>
    public DateTimeOffset LastOccurredAt { get; init; }

    /// <summary>The current head's code, if any.</summary>
    public string? Head => Heads.Count > 0 ? Heads[^1].CadreCode : null;

    /// <summary>The head on <paramref name="date"/>, if any.</summary>
    public string? HeadOn(DateOnly date) => Heads.LastOrDefault(h => h.From <= date)?.CadreCode;

    /// <summary>True when <paramref name="cadreCode"/> is a current member.</summary>
    public bool HasMember(string cadreCode) => Members.Any(m => m.CadreCode == cadreCode);

    /// <summary>
    /// Who counts as a visitor of this unit on a rota: each visiting group (by its code), and each cadre who is in no
    /// group. A grouped cadre visits with their group, never alone as well.
    /// </summary>
    public IEnumerable<string> Visitors()
        => Groups.Select(g => g.GroupCode).Concat(Members.Select(m => m.CadreCode).Where(c => !Groups.Any(g => g.Members.Contains(c))));

    /// <summary>The empty state of a unit not yet registered.</summary>
    public static Unit None(Guid id) => new() { Id = id };

    /// <summary>Applies one event. Pure.</summary>
    public Unit Evolve(object @event)
    {
        var state = this;
        var next = @event switch
        {
            UnitRegistered e => state with { Id = e.UnitId, Exists = true, Code = e.Code, Name = e.Name },
            CadreAssigned e => state with { Members = [.. state.Members, new UnitMember(e.CadreCode, e.FullName, e.Position)] },
            CadreReleased e => state with
            {
                Members = [.. state.Members.Where(m => m.CadreCode != e.CadreCode)],
                Groups = [.. state.Groups.Select(g => g with { Members = [.. g.Members.Where(m => m != e.CadreCode)] })],
            },
            UnitHeadAppointed e => state with { Heads = [.. state.Heads, new HeadTerm(e.CadreCode, Deadlines.VietnamTime.DateOf(e.AppointedAt))] },
            VisitingGroupFormed e => state with { Groups = [.. state.Groups.Where(g => g.GroupCode != e.GroupCode), new VisitingGroup(e.GroupCode, e.Members)] },
            _ => state,
        };
        return ReferenceEquals(next, state) ? state : next with { LastOccurredAt = OutreachEvents.OccurredAt(@event) ?? state.LastOccurredAt };
    }
}

/// <summary>The unit stream's event contracts.</summary>
public static class UnitEvents
{
    /// <summary>Every event type of the unit stream.</summary>
    public static readonly IReadOnlyList<Type> All =
        [typeof(UnitRegistered), typeof(CadreAssigned), typeof(CadreReleased), typeof(UnitHeadAppointed), typeof(VisitingGroupFormed)];
}
