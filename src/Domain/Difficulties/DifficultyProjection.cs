using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Outreach.Difficulties;

/// <summary>Keeps the <see cref="Difficulty"/> document up to date in the event's transaction.</summary>
public sealed partial class DifficultyProjection : SingleStreamProjection<Difficulty, Guid>
{
    /// <summary>Creates the projection for difficulty events only.</summary>
    public DifficultyProjection()
    {
        foreach (var type in DifficultyEvents.All)
        {
            IncludeType(type);
        }
    }

    /// <inheritdoc />
    public override Difficulty? Evolve(Difficulty? snapshot, Guid id, IEvent e)
        => (snapshot ?? Difficulty.None(id)).Evolve(e.Data) is { Exists: true } d ? d : null;
}
