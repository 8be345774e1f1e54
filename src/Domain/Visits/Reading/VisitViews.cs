using Outreach.Projections;

namespace Outreach.Visits;

/// <summary>One visit that took place, counted for the locality it was recorded at.</summary>
/// <param name="RowId">The locality code as recorded on the visit.</param>
/// <param name="Day">The day it took place.</param>
public sealed record VisitAtLocality(string RowId, DateOnly Day) : ITallyContribution;

/// <summary>The visits that took place at one locality code (as recorded): the row behind the coverage report.</summary>
public sealed class LocalityVisits : ITallyRow
{
    /// <summary>The locality code as recorded on the visits.</summary>
    public string Id { get; set; } = "";

    /// <summary>How many visits took place there.</summary>
    public int Visits { get; set; }

    /// <summary>The day of the latest one. A visit that took place never stops having taken place (cancelling and
    /// missing are refused after it), so the latest day only moves forward.</summary>
    public DateOnly? LastVisit { get; set; }

    /// <inheritdoc />
    public bool IsEmpty => Visits == 0;
}

/// <summary>What the coverage view counted for each visit.</summary>
public sealed class LocalityVisitsMark : TallyMark<VisitAtLocality>;

/// <summary>Visits that took place, by recorded locality (async, ADR 25).</summary>
public sealed class LocalityVisitsProjection() : TallyProjection<Visit, VisitAtLocality, LocalityVisitsMark, LocalityVisits>(VisitEvents.All, source => source.Id)
{
    /// <inheritdoc />
    protected override IEnumerable<VisitAtLocality> ContributionsOf(Visit source)
        => source.TookPlace ? [new VisitAtLocality(source.LocalityCode, source.CarriedOutOn ?? source.PlannedFor)] : [];

    /// <inheritdoc />
    protected override LocalityVisits NewRow(string id) => new() { Id = id };

    /// <inheritdoc />
    protected override LocalityVisits Apply(LocalityVisits row, VisitAtLocality contribution, int sign)
    {
        row.Visits += sign;
        if (sign > 0 && (row.LastVisit is null || contribution.Day > row.LastVisit))
        {
            row.LastVisit = contribution.Day;
        }

        return row;
    }
}

/// <summary>One visitor's share in one visit that took place, counted for its week and unit.</summary>
/// <param name="RowId">Week, unit and visitor, as the row's id.</param>
/// <param name="Week">The Monday of the visit's ISO week.</param>
/// <param name="UnitId">The sending unit.</param>
/// <param name="Visitor">The cadre or group.</param>
public sealed record VisitInWeek(string RowId, DateOnly Week, Guid UnitId, string Visitor) : ITallyContribution;

/// <summary>Visits that took place in one week, from one unit, by one visitor.</summary>
public sealed class WeekVisits : ITallyRow
{
    /// <summary>Week, unit and visitor (<c>2024-03-04|unit|visitor</c>).</summary>
    public string Id { get; set; } = "";

    /// <summary>The Monday of the ISO week.</summary>
    public DateOnly Week { get; set; }

    /// <summary>The sending unit.</summary>
    public Guid UnitId { get; set; }

    /// <summary>The cadre or group.</summary>
    public string Visitor { get; set; } = "";

    /// <summary>How many visits.</summary>
    public int Visits { get; set; }

    /// <inheritdoc />
    public bool IsEmpty => Visits == 0;
}

/// <summary>What the weekly view counted for each visit.</summary>
public sealed class WeekVisitsMark : TallyMark<VisitInWeek>;

/// <summary>Visits that took place by week, unit and visitor (async, ADR 25).</summary>
public sealed class WeekVisitsProjection() : TallyProjection<Visit, VisitInWeek, WeekVisitsMark, WeekVisits>(VisitEvents.All, source => source.Id)
{
    /// <inheritdoc />
    protected override IEnumerable<VisitInWeek> ContributionsOf(Visit source)
    {
        if (!source.TookPlace)
        {
            return [];
        }

        var week = ProgrammeQueries.MondayOf(source.CarriedOutOn ?? source.PlannedFor);
        return source.Visitors.Select(v => new VisitInWeek($"{week:yyyy-MM-dd}|{source.UnitId}|{v}", week, source.UnitId, v));
    }

    /// <inheritdoc />
    protected override WeekVisits NewRow(string id) => new() { Id = id };

    /// <inheritdoc />
    protected override WeekVisits Apply(WeekVisits row, VisitInWeek contribution, int sign)
    {
        (row.Week, row.UnitId, row.Visitor) = (contribution.Week, contribution.UnitId, contribution.Visitor);
        row.Visits += sign;
        return row;
    }
}

/// <summary>The guidance sessions of one visit on one topic.</summary>
/// <param name="RowId">The topic's name.</param>
/// <param name="Locality">Where the visit was.</param>
/// <param name="Sessions">How many sessions on the topic.</param>
/// <param name="Attendees">The visit's attendees shared evenly between its sessions, for these sessions.</param>
public sealed record GuidanceOnTopic(string RowId, string Locality, int Sessions, int Attendees) : ITallyContribution;

/// <summary>The guidance given on one topic.</summary>
public sealed class TopicGuidance : ITallyRow
{
    /// <summary>The topic's name.</summary>
    public string Id { get; set; } = "";

    /// <summary>How many sessions.</summary>
    public int Sessions { get; set; }

    /// <summary>How many local officials attended in all.</summary>
    public int Attendees { get; set; }

    /// <summary>Sessions per locality (bounded by the catalogue: its count is the number of different localities).</summary>
    public Dictionary<string, int> Localities { get; set; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsEmpty => Sessions == 0;
}

/// <summary>What the guidance view counted for each visit.</summary>
public sealed class TopicGuidanceMark : TallyMark<GuidanceOnTopic>;

/// <summary>Guidance sessions by topic (async, ADR 25).</summary>
public sealed class TopicGuidanceProjection() : TallyProjection<Visit, GuidanceOnTopic, TopicGuidanceMark, TopicGuidance>(VisitEvents.All, source => source.Id)
{
    /// <inheritdoc />
    protected override IEnumerable<GuidanceOnTopic> ContributionsOf(Visit source)
    {
        if (!source.TookPlace || source.Guidance.Count == 0)
        {
            return [];
        }

        var share = source.GuidanceAttendees / source.Guidance.Count;
        return source.Guidance.GroupBy(t => t).OrderBy(g => g.Key)
            .Select(g => new GuidanceOnTopic(g.Key.ToString(), source.LocalityCode, g.Count(), g.Count() * share));
    }

    /// <inheritdoc />
    protected override TopicGuidance NewRow(string id) => new() { Id = id };

    /// <inheritdoc />
    protected override TopicGuidance Apply(TopicGuidance row, GuidanceOnTopic contribution, int sign)
    {
        row.Sessions += sign * contribution.Sessions;
        row.Attendees += sign * contribution.Attendees;
        var sessions = row.Localities.GetValueOrDefault(contribution.Locality) + (sign * contribution.Sessions);
        if (sessions == 0)
        {
            row.Localities.Remove(contribution.Locality);
        }
        else
        {
            row.Localities[contribution.Locality] = sessions;
        }

        return row;
    }
}
