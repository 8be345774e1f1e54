using Outreach.Projections;

namespace Outreach.Difficulties;

/// <summary>One open difficulty, counted for the person it waits on.</summary>
/// <param name="RowId">Who must act: the person it was handed to, or its raiser.</param>
/// <param name="Due">The response or solution date of the current hand-over, if any.</param>
public sealed record WaitingDifficulty(string RowId, DateOnly? Due) : ITallyContribution;

/// <summary>The open difficulties waiting on one person: bounded by what is open, not by history.</summary>
public sealed class PersonWaiting : ITallyRow
{
    /// <summary>Who must act.</summary>
    public string Id { get; set; } = "";

    /// <summary>How many open difficulties wait on them.</summary>
    public int Open { get; set; }

    /// <summary>The due dates of those that have one (one entry each, sorted).</summary>
    public IReadOnlyList<DateOnly> Dues { get; set; } = [];

    /// <inheritdoc />
    public bool IsEmpty => Open == 0;
}

/// <summary>What the waiting view counted for each difficulty.</summary>
public sealed class PersonWaitingMark : TallyMark<WaitingDifficulty>;

/// <summary>Open difficulties by the person they wait on (async, ADR 25).</summary>
public sealed class PersonWaitingProjection() : TallyProjection<Difficulty, WaitingDifficulty, PersonWaitingMark, PersonWaiting>(DifficultyEvents.All, source => source.Id)
{
    /// <inheritdoc />
    protected override IEnumerable<WaitingDifficulty> ContributionsOf(Difficulty source)
        => source.IsClosed
            ? []
            : [new WaitingDifficulty(source.AwaitingResponseFrom ?? source.RaisedBy, source.ResponseDue)];

    /// <inheritdoc />
    protected override PersonWaiting NewRow(string id) => new() { Id = id };

    /// <inheritdoc />
    protected override PersonWaiting Apply(PersonWaiting row, WaitingDifficulty contribution, int sign)
    {
        row.Open += sign;
        if (contribution.Due is { } due)
        {
            var dues = row.Dues.ToList();
            if (sign > 0)
            {
                dues.Add(due);
            }
            else
            {
                dues.Remove(due);
            }

            row.Dues = [.. dues.Order()];
        }

        return row;
    }
}
