using FluentValidation;

namespace Outreach.Rotation;

/// <summary>
/// Record a planned rota as adopted: parallel lists of weeks (Mondays), visitors and localities, one entry per visit.
/// The console's <c>rotation plan --record</c> fills them from the planner.
/// </summary>
/// <param name="RotaId">The new rota's id.</param>
/// <param name="Weeks">The Monday of each visit's week.</param>
/// <param name="Visitors">Each visit's cadre or group.</param>
/// <param name="Localities">Each visit's locality.</param>
/// <param name="Actor">Who adopted it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RecordRota(Guid RotaId, IReadOnlyList<DateOnly> Weeks, IReadOnlyList<string> Visitors, IReadOnlyList<string> Localities, string Actor, DateTimeOffset OccurredAt) : IRotaCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RecordRota>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new RotaCommandRules<RecordRota>());
            RuleFor(c => c.Weeks).NotNull().Must(w => w is { Count: > 0 }).Says("rota.record.weeks.required");
            RuleFor(c => c).Must(c => c.Weeks?.Count == c.Visitors?.Count && c.Weeks?.Count == c.Localities?.Count)
                .Says("rota.record.lengths");
            RuleForEach(c => c.Weeks).Must(w => w.DayOfWeek == DayOfWeek.Monday).Says("rota.record.week.not-monday");
            RuleForEach(c => c.Visitors).NotEmpty();
            RuleForEach(c => c.Localities).NotEmpty();
        }
    }

    /// <summary>Records the rota once, refusing one visitor twice in a week or twice in a row at one place.</summary>
    public static object[] Decide(RecordRota command, Rota state)
    {
        if (state.Exists)
        {
            throw new DomainRuleException("rota.record.exists", command.RotaId);
        }

        var entries = command.Weeks.Select((w, i) => new RotaAssignment(w, command.Visitors[i], command.Localities[i])).ToArray();
        var twice = entries.GroupBy(e => (e.Week, e.Visitor)).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new DomainRuleException("rota.record.twice-in-week", twice.Key.Visitor, twice.Key.Week);
        }

        foreach (var visitor in entries.Select(e => e.Visitor).Distinct())
        {
            RotaRules.EnsureNoRepeat(entries, visitor, "rota.record");
        }

        return [new RotaRecorded(command.RotaId, [.. entries.Select(e => new RotaEntry(e.Week, e.Visitor, e.Locality))], command.Actor, command.OccurredAt)];
    }
}

/// <summary>A rota was adopted (contract 2, <c>rota_recorded_v2</c>: one entry per visit).</summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Visits">The visits of the rota, one entry each.</param>
/// <param name="RecordedBy">Who adopted it.</param>
/// <param name="RecordedAt">When.</param>
public sealed record RotaRecorded(Guid RotaId, IReadOnlyList<RotaEntry> Visits, string RecordedBy, DateTimeOffset RecordedAt);

/// <summary>One visit of a recorded rota.</summary>
/// <param name="Week">The Monday of the visit's week.</param>
/// <param name="Visitor">The cadre or group who goes.</param>
/// <param name="Locality">Where they go.</param>
public sealed record RotaEntry(DateOnly Week, string Visitor, string Locality);

/// <summary>
/// Contract 1 of <see cref="RotaRecorded"/> (<c>rota_recorded_v1</c>), as streams recorded before contract 2 hold it:
/// three parallel arrays, one position per visit. Never written any more; read through <see cref="Upcast"/>.
/// </summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Weeks">Each visit's Monday.</param>
/// <param name="Visitors">Each visit's visitor.</param>
/// <param name="Localities">Each visit's locality.</param>
/// <param name="RecordedBy">Who adopted it.</param>
/// <param name="RecordedAt">When.</param>
public sealed record RotaRecordedV1(Guid RotaId, DateOnly[] Weeks, string[] Visitors, string[] Localities, string RecordedBy, DateTimeOffset RecordedAt)
{
    /// <summary>The stored name of contract 1.</summary>
    public const string StoredName = "rota_recorded_v1";

    /// <summary>The same rota as contract 2. Arrays of unequal length (never written by Outreach) keep their common prefix.</summary>
    public RotaRecorded Upcast()
    {
        var count = Math.Min(Weeks.Length, Math.Min(Visitors.Length, Localities.Length));
        return new RotaRecorded(RotaId, [.. Enumerable.Range(0, count).Select(i => new RotaEntry(Weeks[i], Visitors[i], Localities[i]))], RecordedBy, RecordedAt);
    }
}
