using FluentValidation;

namespace Outreach.Rotation;

/// <summary>Cancel one visitor's visit in one week of the rota.</summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Week">The week's Monday.</param>
/// <param name="Visitor">The visitor.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who changed it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record CancelRotaVisit(Guid RotaId, DateOnly Week, string Visitor, string Reason, string Actor, DateTimeOffset OccurredAt) : IRotaCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<CancelRotaVisit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new RotaCommandRules<CancelRotaVisit>());
            RuleFor(c => c.Visitor).NotEmpty();
            RuleFor(c => c.Reason).NotEmpty().Says("rota.cancel.reason.required").MaximumLength(1000);
        }
    }

    /// <summary>Cancels an existing visit, unless the visitor would then go somewhere twice in a row.</summary>
    public static object[] Decide(CancelRotaVisit command, Rota state)
    {
        state.Require(command.Week, command.Visitor, "rota.cancel");
        var cancelled = new RotaVisitCancelled(command.RotaId, command.Week, command.Visitor, command.Reason, command.Actor, command.OccurredAt);
        RotaRules.EnsureNoRepeat(state.Evolve(cancelled).Assignments, command.Visitor, "rota.cancel");
        return [cancelled];
    }
}

/// <summary>A rota visit was cancelled.</summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Week">The week.</param>
/// <param name="Visitor">The visitor.</param>
/// <param name="Reason">Why.</param>
/// <param name="CancelledBy">Who.</param>
/// <param name="CancelledAt">When.</param>
public sealed record RotaVisitCancelled(Guid RotaId, DateOnly Week, string Visitor, string Reason, string CancelledBy, DateTimeOffset CancelledAt);
