using FluentValidation;

namespace Outreach.Visits;

/// <summary>Record outreach (tuyên truyền, vận động) delivered on the visit: Party and State policy, civilised lifestyle, new-rural criteria…</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Theme">The theme.</param>
/// <param name="Actor">Who delivered it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record DeliverOutreach(Guid VisitId, string Theme, string Actor, DateTimeOffset OccurredAt) : IVisitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<DeliverOutreach>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new VisitCommandRules<DeliverOutreach>());
            RuleFor(c => c.Theme).NotEmpty().Says("visit.outreach.theme.required").MaximumLength(500);
        }
    }

    /// <summary>Records outreach on an arranged visit.</summary>
    public static object[] Decide(DeliverOutreach command, VisitState state)
    {
        state.EnsureCanRecordActivity("visit.outreach", command.OccurredAt);
        return [new OutreachDelivered(command.VisitId, command.Theme, command.Actor, command.OccurredAt)];
    }
}

/// <summary>Outreach was delivered.</summary>
/// <param name="VisitId">The visit.</param>
/// <param name="Theme">The theme.</param>
/// <param name="DeliveredBy">Who.</param>
/// <param name="DeliveredAt">When.</param>
public sealed record OutreachDelivered(Guid VisitId, string Theme, string DeliveredBy, DateTimeOffset DeliveredAt);
