using System.Globalization;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Difficulties;

namespace Outreach.Visits;

/// <summary>What a line of a locality's history page records.</summary>
public enum LocalityHistoryKind
{
    /// <summary>A field visit, whatever became of it.</summary>
    Visit,

    /// <summary>A difficulty raised by the locality.</summary>
    Difficulty,

    /// <summary>A petition (suggestion, complaint or denunciation) from the locality.</summary>
    Petition,
}

/// <summary>
/// One line of a locality's history page, for one visit, difficulty or petition, as its document stands: the facts a
/// reader's sentence is made of (statuses and topics as values, not as words), kept by the async view
/// <see cref="LocalityHistoryLineProjection"/> and read by <see cref="ProgrammeQueries.LocalityHistoryAsync"/>.
/// </summary>
public sealed record LocalityHistoryLine
{
    /// <summary>The stream id of the visit, difficulty or petition.</summary>
    public Guid Id { get; init; }

    /// <summary>Whether it is a visit, a difficulty or a petition.</summary>
    public LocalityHistoryKind Kind { get; init; }

    /// <summary>The locality code as recorded (possibly one since merged or renamed; the page rolls it up).</summary>
    public string LocalityCode { get; init; } = "";

    /// <summary>The line's day: when the visit took place (or was planned for), the difficulty was raised, the petition received (Vietnam time).</summary>
    public DateOnly On { get; init; }

    /// <summary>A visit's status.</summary>
    public VisitStatus? VisitStatus { get; init; }

    /// <summary>A visit's visitors (cadre or group codes).</summary>
    public IReadOnlyList<string> Visitors { get; init; } = [];

    /// <summary>A visit's guidance topics, one per session.</summary>
    public IReadOnlyList<GuidanceTopic> Guidance { get; init; } = [];

    /// <summary>A difficulty's status.</summary>
    public DifficultyStatus? DifficultyStatus { get; init; }

    /// <summary>A petition's kind.</summary>
    public CaseKind? CaseKind { get; init; }

    /// <summary>A petition's status.</summary>
    public CaseStatus? CaseStatus { get; init; }

    /// <summary>A difficulty's description or a petition's content, as written.</summary>
    public string Content { get; init; } = "";

    /// <summary>The line of a visit.</summary>
    public static LocalityHistoryLine Of(Visit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return new()
        {
            Id = visit.Id, Kind = LocalityHistoryKind.Visit, LocalityCode = visit.LocalityCode, On = visit.CarriedOutOn ?? visit.PlannedFor,
            VisitStatus = visit.Status, Visitors = [.. visit.Visitors], Guidance = [.. visit.Guidance],
        };
    }

    /// <summary>The line of a difficulty.</summary>
    public static LocalityHistoryLine Of(Difficulty difficulty)
    {
        ArgumentNullException.ThrowIfNull(difficulty);
        return new()
        {
            Id = difficulty.Id, Kind = LocalityHistoryKind.Difficulty, LocalityCode = difficulty.LocalityCode, On = difficulty.RaisedOn,
            DifficultyStatus = difficulty.Status, Content = difficulty.Description,
        };
    }

    /// <summary>The line of a petition (a case).</summary>
    public static LocalityHistoryLine Of(Case petition)
    {
        ArgumentNullException.ThrowIfNull(petition);
        return new()
        {
            Id = petition.Id, Kind = LocalityHistoryKind.Petition, LocalityCode = petition.LocalityCode, On = VietnamTime.DateOf(petition.ReceivedAt),
            CaseKind = petition.Kind, CaseStatus = petition.Status, Content = petition.Content,
        };
    }

    /// <summary>What happened, in one sentence in <paramref name="culture"/> (Vietnamese or English; the current UI culture when null).</summary>
    public string Describe(CultureInfo? culture = null)
    {
        var c = culture ?? CultureInfo.CurrentUICulture;
        return Kind switch
        {
            LocalityHistoryKind.Visit when Guidance.Count > 0 => OutreachText.Format(
                "history.visit.guidance", c, VisitStatus, string.Join(", ", Visitors), string.Join(", ", Guidance.Select(g => Term.Of(g).In(c)))),
            LocalityHistoryKind.Visit => OutreachText.Format("history.visit", c, VisitStatus, string.Join(", ", Visitors)),
            LocalityHistoryKind.Difficulty => OutreachText.Format("history.difficulty", c, DifficultyStatus, Content),
            _ => OutreachText.Format("history.petition", c, CaseKind, CaseStatus, Content),
        };
    }

    // Sequences compare by their items, so that a test can compare lines from the view with lines folded from events.

    /// <inheritdoc />
    public bool Equals(LocalityHistoryLine? other)
        => other is not null && Id == other.Id && Kind == other.Kind && LocalityCode == other.LocalityCode && On == other.On
            && VisitStatus == other.VisitStatus && Visitors.SequenceEqual(other.Visitors) && Guidance.SequenceEqual(other.Guidance)
            && DifficultyStatus == other.DifficultyStatus && CaseKind == other.CaseKind && CaseStatus == other.CaseStatus && Content == other.Content;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, Kind, On);
}

/// <summary>
/// Keeps one <see cref="LocalityHistoryLine"/> per visit, difficulty and petition, indexed by locality code, so that a
/// locality's history page reads its own lines and nothing else (async, ADR 25). Each time one of a stream's events is
/// projected, the line is made again from the stream's inline document as it stands, so the view converges on the
/// documents whatever the batch boundaries, and a rebuild gives the same lines.
/// </summary>
public sealed class LocalityHistoryLineProjection : IProjection
{
    private static readonly HashSet<Type> VisitTypes = [.. VisitEvents.All];
    private static readonly HashSet<Type> DifficultyTypes = [.. DifficultyEvents.All];
    private static readonly HashSet<Type> CaseTypes = [.. CaseEvents.All];

    /// <inheritdoc />
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        Guid[] StreamsOf(HashSet<Type> types) => [.. events.Where(e => types.Contains(e.EventType)).Select(e => e.StreamId).Distinct()];
        var visits = StreamsOf(VisitTypes);
        var difficulties = StreamsOf(DifficultyTypes);
        var cases = StreamsOf(CaseTypes);

        // One keyed read per kind of stream in the batch: the documents as they stand.
        var lines = new List<LocalityHistoryLine>();
        if (visits.Length > 0)
        {
            lines.AddRange((await operations.LoadManyAsync<Visit>(cancellation, visits).ConfigureAwait(false)).Select(LocalityHistoryLine.Of));
        }

        if (difficulties.Length > 0)
        {
            lines.AddRange((await operations.LoadManyAsync<Difficulty>(cancellation, difficulties).ConfigureAwait(false)).Select(LocalityHistoryLine.Of));
        }

        if (cases.Length > 0)
        {
            lines.AddRange((await operations.LoadManyAsync<Case>(cancellation, cases).ConfigureAwait(false)).Select(LocalityHistoryLine.Of));
        }

        foreach (var line in lines)
        {
            operations.Store(line);
        }

        // A stream without a document (none yet, or no longer) has no line.
        foreach (var id in visits.Concat(difficulties).Concat(cases).Except(lines.Select(l => l.Id)))
        {
            operations.Delete<LocalityHistoryLine>(id);
        }
    }
}
