using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Outreach.Units;

/// <summary>Keeps the <see cref="Unit"/> document (members, heads, groups) up to date in the event's transaction.</summary>
public sealed partial class UnitProjection : SingleStreamProjection<Unit, Guid>
{
    /// <summary>Creates the projection for unit events only.</summary>
    public UnitProjection()
    {
        foreach (var type in UnitEvents.All)
        {
            IncludeType(type);
        }
    }

    /// <inheritdoc />
    public override Unit? Evolve(Unit? snapshot, Guid id, IEvent e) => (snapshot ?? Unit.None(id)).Evolve(e.Data) is { Exists: true } unit ? unit : null;
}
