using FluentValidation;

namespace Outreach.Visits;

/// <summary>Cancel a planned or arranged visit before it takes place.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who cancelled it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CancelVisit(Guid VisitId, string Reason, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<CancelVisit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<CancelVisit>());
            RuleFor(c => c.Reason).NotEmpty().Says("visit.cancel.reason.required").MaximumLength(1000);
        }
    }

    /// <summary>Cancels a visit that has not taken place.</summary>
    public static object[] Decide(CancelVisit command, VisitState state)
    {
        state.EnsureStatus("visit.cancel", VisitStatus.Planned, VisitStatus.Arranged);
        return [new VisitCancelled(command.VisitId, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The visit was cancelled.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Reason">Why.</param>
/// <param name="CancelledBy">Who.</param>
/// <param name="CancelledAt">When.</param>
public sealed record VisitCancelled(Guid VisitId, string Reason, string CancelledBy, DateTimeOffset CancelledAt);

/// <summary>Record that a planned visit did not take place (recorded on or after the planned day).</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RecordMissedVisit(Guid VisitId, string Reason, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RecordMissedVisit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<RecordMissedVisit>());
            RuleFor(c => c.Reason).NotEmpty().Says("visit.missed.reason.required").MaximumLength(1000);
        }
    }

    /// <summary>Records a missed visit once its day has come.</summary>
    public static object[] Decide(RecordMissedVisit command, VisitState state)
    {
        state.EnsureStatus("visit.missed", VisitStatus.Planned, VisitStatus.Arranged);
        if (Deadlines.VietnamTime.DateOf(command.OccurredAt) < state.PlannedFor)
        {
            throw new DomainRuleException("visit.missed.before-planned-day", state.PlannedFor);
        }

        return [new VisitMissed(command.VisitId, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The visit did not take place.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Reason">Why.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="MissedAt">When it was recorded as missed.</param>
public sealed record VisitMissed(Guid VisitId, string Reason, string RecordedBy, DateTimeOffset MissedAt);
