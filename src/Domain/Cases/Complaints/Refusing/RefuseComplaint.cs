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
            RuleFor(c => c.Reason).NotEmpty().WithMessage("reason is required: the refusal notice must state it.").MaximumLength(TextLimits.Text);
            RuleFor(c => c.NotifiedParties).NotNull().Must(p => p is { Count: > 0 })
                .WithMessage("notifiedParties is required: list who received the refusal notice.");
            RuleForEach(c => c.NotifiedParties).IsInEnum();
        }
    }

    /// <summary>Refuses a complaint awaiting acceptance.</summary>
    public static object[] Decide(RefuseComplaint command, Case state)
    {
        state.EnsureStatus("refuse the complaint", CaseStatus.AwaitingAcceptance, CaseStatus.AwaitingSecondAcceptance);
        CaseRules.EnsureNotices(command.NotifiedParties, NoticeParty.Complainant, "the refusal notice");
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
