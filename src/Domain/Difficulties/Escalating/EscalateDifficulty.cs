using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>
/// Refer a difficulty upward: from the cadre to the head of their unit (báo cáo người đứng đầu), or from the head to the
/// city level. Each hand-over has who, when, why and a response deadline.
/// </summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Level">Unit head or city.</param>
/// <param name="EscalatedTo">The unit head's cadre code, or the city body.</param>
/// <param name="Reason">Why it is beyond the escalating person's authority.</param>
/// <param name="ResponseDue">When a response is due; default: 7 days for a unit head, 15 for the city (<see cref="EscalationPolicy"/>).</param>
/// <param name="Actor">Who escalates.</param>
/// <param name="OccurredAt">When.</param>
public sealed record EscalateDifficulty(Guid DifficultyId, EscalationLevel Level, string EscalatedTo, string Reason, DateOnly? ResponseDue, string Actor, DateTimeOffset OccurredAt)
    : IDifficultyCommand, ICompletedBySettings, ICheckedBeyondStream<Difficulty>
{
    /// <summary>Without a response date, the deployment's period for the level applies.</summary>
    ValueTask<IOutreachCommand> ICompletedBySettings.CompleteAsync(OutreachOptions options, CancellationToken cancellation)
        => ValueTask.FromResult<IOutreachCommand>(ResponseDue is null
            ? this with { ResponseDue = Deadlines.VietnamTime.DateOf(OccurredAt).AddDays(Level == EscalationLevel.City ? options.CityResponseDays : options.UnitHeadResponseDays) }
            : this);

    /// <summary>An escalation to a unit head must name the head of the raising cadre's unit on that day.</summary>
    async Task ICheckedBeyondStream<Difficulty>.CheckAsync(Difficulty state, Marten.IQuerySession session, OutreachOptions options, CancellationToken cancellation)
    {
        if (Level != EscalationLevel.UnitHead)
        {
            return;
        }

        // Folded from the unit's events, not loaded from its read model (ADR 19).
        var (unit, _, _) = await Units.UnitCommands.Kind.FoldAsync(session, state.UnitId, cancellation).ConfigureAwait(false);
        _ = unit.Exists ? unit : throw new DomainRuleException("difficulty.escalate.unit-unknown", state.UnitId);
        var on = Deadlines.VietnamTime.DateOf(OccurredAt);
        var head = unit.HeadOn(on);
        if (head != EscalatedTo)
        {
            throw head is null
                ? new DomainRuleException("difficulty.escalate.no-head", EscalatedTo, unit.Name, on)
                : new DomainRuleException("difficulty.escalate.not-head", EscalatedTo, unit.Name, on, head);
        }
    }

    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<EscalateDifficulty>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new DifficultyCommandRules<EscalateDifficulty>());
            RuleFor(c => c.Level).IsInEnum();
            RuleFor(c => c.EscalatedTo).NotEmpty().Says("difficulty.escalate.escalated-to.required").MaximumLength(200);
            RuleFor(c => c.Reason).NotEmpty().Says("difficulty.escalate.reason.required").MaximumLength(4000);
        }
    }

    /// <summary>Escalates to the unit head from the cadre, or to the city from the head; never to oneself.</summary>
    public static object[] Decide(EscalateDifficulty command, Difficulty state)
    {
        if (command.EscalatedTo == command.Actor)
        {
            throw new DomainRuleException("difficulty.escalate.to-self", command.Actor);
        }

        if (command.Level == EscalationLevel.UnitHead)
        {
            state.EnsureStatus("difficulty.escalate-head", DifficultyStatus.Open, DifficultyStatus.AwaitingInformation);
        }
        else
        {
            state.EnsureStatus("difficulty.escalate-city", DifficultyStatus.Escalated, DifficultyStatus.InHand);
            if (state.Level == EscalationLevel.City)
            {
                throw new DomainRuleException("difficulty.escalate.at-city");
            }

            state.EnsureResponder(command.Actor, "difficulty.escalate-city");
        }

        var due = command.ResponseDue ?? Deadlines.VietnamTime.DateOf(command.OccurredAt).AddDays(EscalationPolicy.DefaultResponseDays(command.Level));
        DifficultyRules.EnsureDueAfter(due, command.OccurredAt, "responseDue", "difficulty.escalate");
        return [new DifficultyEscalated(command.DifficultyId, command.Level, command.EscalatedTo, command.Reason, due, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The default response periods per escalation level (calendar days); an escalation may set its own date.</summary>
public static class EscalationPolicy
{
    /// <summary>Days a unit head has to respond by default.</summary>
    public const int UnitHeadDays = 7;

    /// <summary>Days the city level has to respond by default.</summary>
    public const int CityDays = 15;

    /// <summary>The default response period of <paramref name="level"/>.</summary>
    public static int DefaultResponseDays(EscalationLevel level) => level == EscalationLevel.City ? CityDays : UnitHeadDays;
}

/// <summary>The difficulty was referred upward.</summary>
/// <param name="DifficultyId">The difficulty.</param>
/// <param name="Level">To which level.</param>
/// <param name="EscalatedTo">To whom.</param>
/// <param name="Reason">Why.</param>
/// <param name="ResponseDue">Response deadline.</param>
/// <param name="EscalatedBy">Who escalated.</param>
/// <param name="EscalatedAt">When.</param>
public sealed record DifficultyEscalated(Guid DifficultyId, EscalationLevel Level, string EscalatedTo, string Reason, DateOnly ResponseDue, string EscalatedBy, DateTimeOffset EscalatedAt);
