using FluentValidation;

namespace Outreach.Visits;

/// <summary>Record community work the visitors joined (e.g. an environment clean-up on a new-rural road).</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Activity">What was done.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record JoinCommunityWork(Guid VisitId, string Activity, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<JoinCommunityWork>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<JoinCommunityWork>());
            RuleFor(c => c.Activity).NotEmpty().Says("visit.community-work.activity.required").MaximumLength(1000);
        }
    }

    /// <summary>Records the work on an arranged visit.</summary>
    public static object[] Decide(JoinCommunityWork command, VisitState state)
    {
        state.EnsureCanRecordActivity("visit.community-work", command.OccurredAt);
        return [new CommunityWorkJoined(command.VisitId, command.Activity, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The visitors joined community work.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Activity">What was done.</param>
/// <param name="JoinedBy">Who recorded it.</param>
/// <param name="JoinedAt">When.</param>
public sealed record CommunityWorkJoined(Guid VisitId, string Activity, string JoinedBy, DateTimeOffset JoinedAt);
