using FluentValidation;

namespace Outreach.Rotation;

/// <summary>Give one week's visit to another visitor (who has none that week).</summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Week">The week's Monday.</param>
/// <param name="Visitor">The visitor who had it.</param>
/// <param name="NewVisitor">The visitor who takes it.</param>
/// <param name="Reason">Why.</param>
/// <param name="Actor">Who changed it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ReassignRotaVisit(Guid RotaId, DateOnly Week, string Visitor, string NewVisitor, string Reason, string Actor, DateTimeOffset OccurredAt) : IRotaCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ReassignRotaVisit>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new RotaCommandRules<ReassignRotaVisit>());
            RuleFor(c => c.Visitor).NotEmpty();
            RuleFor(c => c.NewVisitor).NotEmpty().NotEqual(c => c.Visitor).Says("rota.reassign.new-visitor.same");
            RuleFor(c => c.Reason).NotEmpty().Says("rota.reassign.reason.required").MaximumLength(1000);
        }
    }

    /// <summary>Reassigns when the new visitor is free that week and nobody ends up somewhere twice in a row.</summary>
    public static object[] Decide(ReassignRotaVisit command, Rota state)
    {
        state.Require(command.Week, command.Visitor, "rota.reassign");
        if (state.Find(command.Week, command.NewVisitor) is { } busy)
        {
            throw new DomainRuleException("rota.reassign.busy", command.NewVisitor, busy.Locality, command.Week);
        }

        var reassigned = new RotaVisitReassigned(command.RotaId, command.Week, command.Visitor, command.NewVisitor, command.Reason, command.Actor, command.OccurredAt);
        var after = state.Evolve(reassigned);
        RotaRules.EnsureNoRepeat(after.Assignments, command.Visitor, "rota.reassign");
        RotaRules.EnsureNoRepeat(after.Assignments, command.NewVisitor, "rota.reassign");
        return [reassigned];
    }
}

/// <summary>A rota visit passed to another visitor.</summary>
/// <param name="RotaId">The rota.</param>
/// <param name="Week">The week.</param>
/// <param name="Visitor">Who had it.</param>
/// <param name="NewVisitor">Who takes it.</param>
/// <param name="Reason">Why.</param>
/// <param name="ReassignedBy">Who.</param>
/// <param name="ReassignedAt">When.</param>
public sealed record RotaVisitReassigned(Guid RotaId, DateOnly Week, string Visitor, string NewVisitor, string Reason, string ReassignedBy, DateTimeOffset ReassignedAt);
