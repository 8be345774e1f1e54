using FluentValidation;

namespace Outreach.Visits;

/// <summary>Record a meeting the visitors attended on the visit.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Host">Who hosted it.</param>
/// <param name="Subject">What was discussed.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="OccurredAt">When it took place.</param>
public sealed record AttendMeeting(Guid VisitId, MeetingHost Host, string Subject, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AttendMeeting>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<AttendMeeting>());
            RuleFor(c => c.Host).IsInEnum();
            RuleFor(c => c.Subject).NotEmpty().Says("visit.meeting.subject.required").MaximumLength(1000);
        }
    }

    /// <summary>Records the meeting on an arranged visit.</summary>
    public static object[] Decide(AttendMeeting command, VisitState state)
    {
        state.EnsureCanRecordActivity("visit.meeting", command.OccurredAt);
        return [new MeetingAttended(command.VisitId, command.Host, command.Subject, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The visitors attended a meeting.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Host">Who hosted it.</param>
/// <param name="Subject">What was discussed.</param>
/// <param name="AttendedBy">Who recorded it.</param>
/// <param name="AttendedAt">When.</param>
public sealed record MeetingAttended(Guid VisitId, MeetingHost Host, string Subject, string AttendedBy, DateTimeOffset AttendedAt);
