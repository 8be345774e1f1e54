using JasperFx.Events;
using Marten.Events.Projections;
using Outreach.Cases;

namespace EmbeddingSample;

/// <summary>The app's own read model: how many complaints name each respondent.</summary>
public sealed class ComplaintsByRespondent
{
    /// <summary>The respondent (document id).</summary>
    public string Id { get; set; } = "";

    /// <summary>Number of petitions classified as complaints against it.</summary>
    public int Count { get; set; }
}

/// <summary>
/// Built from Outreach's public events only: the respondent is on <see cref="PetitionReceived"/>, the kind on
/// <see cref="PetitionClassified"/>, so the projection keeps a small lookup document per case.
/// </summary>
public sealed partial class ComplaintsByRespondentProjection : EventProjection
{
    /// <summary>Remembers which respondent each case names.</summary>
    public CaseRespondent Create(PetitionReceived e) => new() { Id = e.CaseId, Respondent = e.Respondent ?? "" };

    /// <summary>Counts a case once it is classified (or reclassified) as a complaint.</summary>
    public async Task Project(IEvent<PetitionClassified> e, Marten.IDocumentOperations ops)
    {
        if (e.Data.Kind != CaseKind.Complaint)
        {
            return;
        }

        var respondent = await ops.LoadAsync<CaseRespondent>(e.Data.CaseId);
        if (respondent is { Respondent.Length: > 0 })
        {
            var tally = await ops.LoadAsync<ComplaintsByRespondent>(respondent.Respondent) ?? new ComplaintsByRespondent { Id = respondent.Respondent };
            tally.Count++;
            ops.Store(tally);
        }
    }
}

/// <summary>Lookup document: the respondent a case names.</summary>
public sealed class CaseRespondent
{
    /// <summary>The case id.</summary>
    public Guid Id { get; set; }

    /// <summary>The respondent.</summary>
    public string Respondent { get; set; } = "";
}
