using FluentValidation;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>
/// A command that may show an obstacle that kept the complainant from filing in time (Law on Complaints 02/2011/QH13,
/// Art. 9): the first and last day and what it was, all three or none.
/// </summary>
public interface IFilingObstacleFields
{
    /// <summary>The obstacle's first day.</summary>
    DateOnly? ObstacleFrom { get; }

    /// <summary>The obstacle's last day.</summary>
    DateOnly? ObstacleTo { get; }

    /// <summary>What the obstacle was (illness, natural disaster, a work trip far away…).</summary>
    string? ObstacleReason { get; }
}

/// <summary>Shape rules of the obstacle fields, and the obstacle they describe.</summary>
public static class FilingObstacleFields
{
    /// <summary>The obstacle the fields describe, or null when none is given.</summary>
    public static FilingObstacle? Of(IFilingObstacleFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields is { ObstacleFrom: { } from, ObstacleTo: { } to, ObstacleReason: { Length: > 0 } reason } ? new FilingObstacle(from, to, reason.Trim()) : null;
    }

    /// <summary>All three fields or none; the first day not after the last; a reason of reasonable length.</summary>
    public sealed class Rules<T> : AbstractValidator<T> where T : IFilingObstacleFields
    {
        /// <summary>Builds the rules.</summary>
        public Rules()
        {
            RuleFor(c => c).Must(c => (c.ObstacleFrom is null) == (c.ObstacleTo is null) && (c.ObstacleFrom is null) == string.IsNullOrWhiteSpace(c.ObstacleReason))
                .OverridePropertyName(nameof(IFilingObstacleFields.ObstacleFrom)).Says("filing.obstacle.incomplete");
            RuleFor(c => c).Must(c => c.ObstacleFrom is null || c.ObstacleTo is null || c.ObstacleFrom <= c.ObstacleTo)
                .OverridePropertyName(nameof(IFilingObstacleFields.ObstacleTo)).Says("filing.obstacle.order");
            RuleFor(c => c.ObstacleReason).MaximumLength(TextLimits.Text);
        }
    }
}
