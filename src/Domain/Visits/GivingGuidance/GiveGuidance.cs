using FluentValidation;

namespace Outreach.Visits;

/// <summary>Record a professional guidance session (hỗ trợ chuyên môn, nghiệp vụ) given on the visit.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Topic">The topic from the programme's catalogue.</param>
/// <param name="Attendees">How many local officials attended.</param>
/// <param name="FollowUpActions">Actions agreed, if any.</param>
/// <param name="FollowUpDue">When the follow-up actions are due, if any.</param>
/// <param name="Actor">Who gave it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record GiveGuidance(
    Guid VisitId, GuidanceTopic Topic, int Attendees, IReadOnlyList<string>? FollowUpActions, DateOnly? FollowUpDue, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<GiveGuidance>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<GiveGuidance>());
            RuleFor(c => c.Topic).IsInEnum();
            RuleFor(c => c.Attendees).InclusiveBetween(1, 1000).Says("visit.guidance.attendees.range");
            RuleForEach(c => c.FollowUpActions).NotEmpty().MaximumLength(1000);
            RuleFor(c => c.FollowUpDue).NotNull().When(c => c.FollowUpActions is { Count: > 0 })
                .Says("visit.guidance.follow-up-due.required");
        }
    }

    /// <summary>Records guidance on an arranged visit; follow-ups are due after the session.</summary>
    public static object[] Decide(GiveGuidance command, VisitState state)
    {
        state.EnsureCanRecordActivity("visit.guidance", command.OccurredAt);
        if (command.FollowUpDue is { } due && due < Deadlines.VietnamTime.DateOf(command.OccurredAt))
        {
            throw new DomainRuleException("visit.guidance.follow-up-before-session", due, command.OccurredAt);
        }

        return [new GuidanceGiven(command.VisitId, command.Topic, command.Attendees, [.. command.FollowUpActions ?? []], command.FollowUpDue, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A guidance session was given.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Topic">The topic.</param>
/// <param name="Attendees">How many attended.</param>
/// <param name="FollowUpActions">Agreed actions.</param>
/// <param name="FollowUpDue">When they are due.</param>
/// <param name="GivenBy">Who gave it.</param>
/// <param name="GivenAt">When.</param>
public sealed record GuidanceGiven(Guid VisitId, GuidanceTopic Topic, int Attendees, string[] FollowUpActions, DateOnly? FollowUpDue, string GivenBy, DateTimeOffset GivenAt);
