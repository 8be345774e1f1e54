using FluentValidation;

namespace Outreach.Cases;

/// <summary>Refuse to accept a complaint (không thụ lý), with the reason given in the written notice. Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Reason">The legal reason (e.g. filed after the 90-day window).</param>
/// <param name="NotifiedParties">Who received the notice; must include the complainant.</param>
/// <param name="Actor">Who refused.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RefuseComplaint(Guid CaseId, string Reason, IReadOnlyList<NoticeParty> NotifiedParties, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RefuseComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<RefuseComplaint>());
            RuleFor(c => c.Reason).NotEmpty().Says("complaint.refuse.reason.required").MaximumLength(TextLimits.Text);
            RuleFor(c => c.NotifiedParties).NotNull().Must(p => p is { Count: > 0 })
                .Says("complaint.refuse.notified-parties.required");
            RuleForEach(c => c.NotifiedParties).IsInEnum();
        }
    }

    /// <summary>Refuses a complaint awaiting acceptance.</summary>
    public static object[] Decide(RefuseComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.refuse", CaseStatus.AwaitingAcceptance, CaseStatus.AwaitingSecondAcceptance);
        CaseRules.EnsureNotices(command.NotifiedParties, NoticeParty.Complainant, "complaint.refuse");
        var round = state.Status == CaseStatus.AwaitingSecondAcceptance ? 2 : 1;
        return [new ComplaintRefused(command.CaseId, round, command.Reason, command.NotifiedParties.Distinct().ToArray(), command.Actor, command.OccurredAt)];
    }
}

/// <summary>The complaint was not accepted.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="Reason">Why.</param>
/// <param name="NotifiedParties">Who was told in writing.</param>
/// <param name="RefusedBy">Who.</param>
/// <param name="RefusedAt">When.</param>
public sealed record ComplaintRefused(Guid CaseId, int Round, string Reason, NoticeParty[] NotifiedParties, string RefusedBy, DateTimeOffset RefusedAt);
