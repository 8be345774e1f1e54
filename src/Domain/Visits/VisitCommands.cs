using FluentValidation;

namespace Outreach.Visits;

/// <summary>A command about a field visit.</summary>
public interface IVisitCommand : IOutreachCommand
{
    /// <summary>The visit (stream id).</summary>
    Guid VisitId { get; }
}

/// <summary>The catalogue of field-visit commands.</summary>
public static class VisitCommands
{
    internal static readonly StreamKind<VisitState> Kind = new()
    {
        Noun = "visit",
        None = VisitState.None,
        Exists = v => v.Exists,
        Evolve = (v, e) => v.Evolve(e),
        LastOccurredAt = v => v.LastOccurredAt,
        NotFound = id => new StreamNotFoundException(id, "visit"),
    };

    /// <summary>Every visit command, in lifecycle order.</summary>
    public static readonly IReadOnlyList<CommandDescriptor> All =
    [
        Describe<PlanVisit>("plan", "Plan a visit to a locality (from the rota or ad hoc).", PlanVisit.Decide, () => new PlanVisit.Validator(), opens: true),
        Describe<ArrangeVisit>("arrange", "Record the time and place agreed with the locality.", ArrangeVisit.Decide, () => new ArrangeVisit.Validator()),
        Describe<AttendMeeting>("meeting", "Record a meeting attended (party committee, government, party cell, farmers' club, cooperative).", AttendMeeting.Decide, () => new AttendMeeting.Validator()),
        Describe<GiveGuidance>("guidance", "Record a professional guidance session with attendees and follow-ups.", GiveGuidance.Decide, () => new GiveGuidance.Validator()),
        Describe<JoinCommunityWork>("community-work", "Record community work joined.", JoinCommunityWork.Decide, () => new JoinCommunityWork.Validator()),
        Describe<DeliverOutreach>("outreach", "Record outreach delivered, with its theme.", DeliverOutreach.Decide, () => new DeliverOutreach.Validator()),
        Describe<HearResident>("hear", "Record a resident heard, linked to the petition opened for the grievance.", HearResident.Decide, () => new HearResident.Validator()),
        Describe<FileVisitReport>("report", "File the visit report.", FileVisitReport.Decide, () => new FileVisitReport.Validator()),
        Describe<CancelVisit>("cancel", "Cancel a planned visit, with the reason.", CancelVisit.Decide, () => new CancelVisit.Validator()),
        Describe<RecordMissedVisit>("missed", "Record that a planned visit did not take place.", RecordMissedVisit.Decide, () => new RecordMissedVisit.Validator()),
    ];

    /// <summary>Decides a visit command against a state (pure; for tests and tools).</summary>
    public static IReadOnlyList<object> Decide(IVisitCommand command, VisitState state)
        => ((StreamCommandDescriptor<VisitState>)All.First(d => d.CommandType == command.GetType())).Decide(command, state);

    private static StreamCommandDescriptor<VisitState> Describe<T>(string verb, string summary, Func<T, VisitState, object[]> decide, Func<IValidator<T>> validator, bool opens = false)
        where T : IVisitCommand
        => new(Kind, typeof(T), "visit", verb, summary, opens, validator, c => ((T)c).VisitId, (c, s) => decide((T)c, s));
}

/// <summary>Shape rules shared by visit commands.</summary>
public sealed class VisitCommandRules<T> : AbstractValidator<T> where T : IVisitCommand
{
    /// <summary>Builds the rules.</summary>
    public VisitCommandRules()
    {
        RuleFor(c => c.VisitId).NotEmpty().Says("visit.visit-id.required");
        Include(new CommandRules<T>());
    }
}

/// <summary>Rules shared by visit deciders.</summary>
internal static class VisitRules
{
    /// <summary>
    /// Refuses the step <paramref name="action"/> (a code such as <c>visit.arrange</c>, whose phrase is the term
    /// <c>step.visit.arrange</c>) unless the visit is in one of the <paramref name="allowed"/> states; the refusal's code is
    /// <c>{action}.status</c>.
    /// </summary>
    public static void EnsureStatus(this VisitState state, string action, params VisitStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
        {
            throw DomainRuleException.Shared(action + ".status", "visit.status-refused", new Term("step." + action), state.Status, Terms.Or(allowed.Cast<Enum>()));
        }
    }

    /// <summary>Activities are recorded once the visit is arranged, and not before the planned day.</summary>
    public static void EnsureCanRecordActivity(this VisitState state, string action, DateTimeOffset at)
    {
        state.EnsureStatus(action, VisitStatus.Arranged, VisitStatus.CarriedOut);
        if (Deadlines.VietnamTime.DateOf(at) < state.PlannedFor)
        {
            throw DomainRuleException.Shared(action + ".before-planned-day", "visit.before-planned-day", new Term("step." + action), at, state.PlannedFor);
        }
    }
}
