using JasperFx.Events;
using Marten.Events.Aggregation;
using Outreach.Cases;

namespace EmbeddingSample;

/// <summary>The app's own read model: one row per case, saying whom it complains about.</summary>
public sealed class ComplaintRow
{
    /// <summary>The case id (document id).</summary>
    public Guid Id { get; set; }

    /// <summary>Whose decision or conduct is at issue.</summary>
    public string Respondent { get; set; } = "";

    /// <summary>True once the petition is classified (or reclassified) as a complaint.</summary>
    public bool IsComplaint { get; set; }
}

/// <summary>
/// Rebuild-safe: each row is computed from its own case's events only (a single-stream projection), so replaying the
/// events any number of times gives the same rows; counts are queries over the rows, never a stored counter that a
/// rebuild would increment again.
/// </summary>
public sealed partial class ComplaintRowProjection : SingleStreamProjection<ComplaintRow, Guid>
{
    /// <summary>Listens to the two events it reads.</summary>
    public ComplaintRowProjection()
    {
        IncludeType<PetitionReceived>();
        IncludeType<PetitionClassified>();
        IncludeType<PetitionReclassified>();
    }

    /// <inheritdoc />
    public override ComplaintRow? Evolve(ComplaintRow? snapshot, Guid id, IEvent e)
    {
        var row = snapshot ?? new ComplaintRow { Id = id };
        switch (e.Data)
        {
            case PetitionReceived received:
                row.Respondent = received.Respondent ?? "";
                break;
            case PetitionClassified classified:
                row.IsComplaint = classified.Kind == CaseKind.Complaint;
                break;
            case PetitionReclassified reclassified:
                row.IsComplaint = reclassified.ToKind == CaseKind.Complaint;
                break;
        }

        return row;
    }
}
