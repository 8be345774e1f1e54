using Outreach.Projections;

namespace Outreach.Cases;

/// <summary>One case, counted for its locality, kind and status.</summary>
/// <param name="RowId">The locality code as recorded on the case.</param>
/// <param name="Kind">The case's kind.</param>
/// <param name="Status">The case's status.</param>
public sealed record CaseAtLocality(string RowId, CaseKind Kind, CaseStatus Status) : ITallyContribution;

/// <summary>The cases of one locality code (as recorded), counted by kind and status.</summary>
public sealed class LocalityCases : ITallyRow
{
    /// <summary>The locality code as recorded on the cases.</summary>
    public string Id { get; set; } = "";

    /// <summary>How many cases, by <c>Kind|Status</c>.</summary>
    public Dictionary<string, int> Counts { get; set; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsEmpty => Counts.Count == 0;

    /// <summary>The key of a kind and status in <see cref="Counts"/>.</summary>
    public static string Key(CaseKind kind, CaseStatus status) => $"{kind}|{status}";

    /// <summary>The counts as (kind, status, count).</summary>
    public IEnumerable<(CaseKind Kind, CaseStatus Status, int Count)> Entries()
        => Counts.Select(c => c.Key.Split('|') is [var kind, var status] ? (Enum.Parse<CaseKind>(kind), Enum.Parse<CaseStatus>(status), c.Value) : default);
}

/// <summary>What the case counts view counted for each case.</summary>
public sealed class LocalityCasesMark : TallyMark<CaseAtLocality>;

/// <summary>Cases by recorded locality, kind and status (async, ADR 25).</summary>
public sealed class LocalityCasesProjection() : TallyProjection<Case, CaseAtLocality, LocalityCasesMark, LocalityCases>(CaseEvents.All, source => source.Id)
{
    /// <inheritdoc />
    protected override IEnumerable<CaseAtLocality> ContributionsOf(Case source)
        => source.Exists ? [new CaseAtLocality(source.LocalityCode, source.Kind, source.Status)] : [];

    /// <inheritdoc />
    protected override LocalityCases NewRow(string id) => new() { Id = id };

    /// <inheritdoc />
    protected override LocalityCases Apply(LocalityCases row, CaseAtLocality contribution, int sign)
    {
        var key = LocalityCases.Key(contribution.Kind, contribution.Status);
        var count = row.Counts.GetValueOrDefault(key) + sign;
        if (count == 0)
        {
            row.Counts.Remove(key);
        }
        else
        {
            row.Counts[key] = count;
        }

        return row;
    }
}
