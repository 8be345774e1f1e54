using FluentValidation;

namespace Outreach.Cases;

/// <summary>Resume a suspended complaint's settlement and notify the parties; the clock runs again from this day.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="NotifiedParties">Who was notified of the resumption; must include the complainant.</param>
/// <param name="Actor">Who decided.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ResumeComplaint(Guid CaseId, IReadOnlyList<NoticeParty> NotifiedParties, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ResumeComplaint>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<ResumeComplaint>());
            RuleFor(c => c.NotifiedParties).NotNull().Must(p => p is { Count: > 0 })
                .Says("complaint.resume.notified-parties.required");
            RuleForEach(c => c.NotifiedParties).IsInEnum();
        }
    }

    /// <summary>Resumes a suspended complaint.</summary>
    public static object[] Decide(ResumeComplaint command, CaseState state)
    {
        state.EnsureStatus("complaint.resume", CaseStatus.Suspended);
        CaseRules.EnsureNotices(command.NotifiedParties, NoticeParty.Complainant, "complaint.resume");
        return [new ComplaintResumed(command.CaseId, state.Round, command.NotifiedParties.Distinct().ToArray(), command.Actor, command.OccurredAt)];
    }
}

/// <summary>Settlement resumed after a suspension.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="NotifiedParties">Who was notified.</param>
/// <param name="ResumedBy">Who.</param>
/// <param name="ResumedAt">When.</param>
public sealed record ComplaintResumed(Guid CaseId, int Round, NoticeParty[] NotifiedParties, string ResumedBy, DateTimeOffset ResumedAt);
