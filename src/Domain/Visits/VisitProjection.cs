using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Outreach.Visits;

/// <summary>Keeps the <see cref="Visit"/> document up to date in the event's transaction; the programme's reports read it.</summary>
public sealed partial class VisitProjection : SingleStreamProjection<Visit, Guid>
{
    /// <summary>Creates the projection for visit events only.</summary>
    public VisitProjection()
    {
        foreach (var type in VisitEvents.All)
        {
            IncludeType(type);
        }
    }

    /// <inheritdoc />
    public override Visit? Evolve(Visit? snapshot, Guid id, IEvent e) => (snapshot ?? Visit.None(id)).Evolve(e.Data) is { Exists: true } visit ? visit : null;
}
