using JasperFx.Events;
using Marten.Events.Aggregation;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>
/// Keeps the <see cref="Case"/> document (the case-details view) up to date in the same transaction as the events, and
/// fills in its open deadlines from the rulebook and the working calendar.
/// </summary>
public sealed partial class CaseProjection : SingleStreamProjection<Case, Guid>
{
    private readonly OutreachOptions _options;

    /// <summary>Creates the projection with the deployment's rulebook and calendar.</summary>
    public CaseProjection(OutreachOptions options)
    {
        _options = options;

        // Only case events: without this filter every unit and visit stream would get an empty case document.
        foreach (var type in CaseEvents.All)
        {
            IncludeType(type);
        }
    }

    /// <inheritdoc />
    public override Case? Evolve(Case? snapshot, Guid id, IEvent e)
    {
        var state = (snapshot ?? Case.None(id)).Evolve(e.Data);
        return state.Exists ? WithDeadlines(state, _options) : null;
    }

    /// <summary>Returns <paramref name="state"/> with its open deadlines computed.</summary>
    public static Case WithDeadlines(Case state, OutreachOptions options)
    {
        var deadlines = CaseDeadlines.For(state.Legal, options.Rulebook, options.Calendar);
        return state with
        {
            Deadlines = deadlines,
            NextObligationDue = deadlines.Where(d => d.IsObligation && d.Due is not null).Select(d => d.Due).Min(),
        };
    }
}
