using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

namespace Outreach.Rotation;

/// <summary>
/// One week of one recorded rota: who goes where that week, as the rota stands after its swaps, cancellations and
/// reassignments. Indexed by week, so that a week's rota is read without loading every rota's whole plan.
/// </summary>
public sealed record RotaWeek
{
    /// <summary>The rota and the week: <c>{rota id}|{yyyy-MM-dd}</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>The rota (its stream id).</summary>
    public Guid RotaId { get; init; }

    /// <summary>The Monday of the week.</summary>
    public DateOnly Week { get; init; }

    /// <summary>The week's assignments in force, by visitor.</summary>
    public IReadOnlyList<RotaAssignment> Assignments { get; init; } = [];

    /// <summary>The id of <paramref name="rota"/>'s row for <paramref name="week"/>.</summary>
    public static string IdOf(Guid rota, DateOnly week) => $"{rota}|{week:yyyy-MM-dd}";
}

/// <summary>
/// Keeps a <see cref="RotaWeek"/> per rota and week (async, ADR 25). When one of a rota's events is projected, the rota's
/// weeks are made again from its inline document as it stands: weeks that changed are written, weeks left without an
/// assignment are deleted. A rota's rows are written only for that rota's events, so each row has one writer.
/// </summary>
public sealed class RotaWeekProjection : IProjection
{
    private static readonly HashSet<Type> RotaTypes = [.. RotaEvents.All];

    /// <inheritdoc />
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        var ids = events.Where(e => RotaTypes.Contains(e.EventType)).Select(e => e.StreamId).Distinct().ToArray();
        if (ids.Length == 0)
        {
            return;
        }

        // Two reads per batch: the rotas as they stand, and the weeks written for them so far.
        var rotas = await operations.LoadManyAsync<Rota>(cancellation, ids).ConfigureAwait(false);
        var before = (await operations.Query<RotaWeek>().Where(w => w.RotaId.IsOneOf(ids)).ToListAsync(cancellation).ConfigureAwait(false))
            .ToDictionary(w => w.Id, StringComparer.Ordinal);
        var after = rotas.SelectMany(r => r.Assignments.GroupBy(a => a.Week).Select(g => new RotaWeek
        {
            Id = RotaWeek.IdOf(r.Id, g.Key), RotaId = r.Id, Week = g.Key,
            Assignments = [.. g.OrderBy(a => a.Visitor, StringComparer.Ordinal).ThenBy(a => a.Locality, StringComparer.Ordinal)],
        })).ToList();
        foreach (var week in after)
        {
            if (!before.TryGetValue(week.Id, out var stored) || !stored.Assignments.SequenceEqual(week.Assignments))
            {
                operations.Store(week);
            }
        }

        foreach (var id in before.Keys.Except(after.Select(w => w.Id), StringComparer.Ordinal))
        {
            operations.Delete<RotaWeek>(id);
        }
    }
}
