using FluentValidation;

namespace Outreach.Cases;

/// <summary>Record that the settling body sent the demanded late-settlement report.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ReportReference">The report's reference.</param>
/// <param name="Actor">Who sent it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record SubmitLateSettlementReport(Guid CaseId, string ReportReference, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<SubmitLateSettlementReport>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<SubmitLateSettlementReport>());
            RuleFor(c => c.ReportReference).NotEmpty().Says("denunciation.submit-report.report-reference.required").MaximumLength(TextLimits.Reference);
        }
    }

    /// <summary>Records the report when one was demanded.</summary>
    public static object[] Decide(SubmitLateSettlementReport command, CaseState state)
    {
        if (state.ReportDemandedOn is null)
        {
            throw new DomainRuleException("denunciation.submit-report.not-demanded");
        }

        if (state.ReportSubmitted)
        {
            throw new DomainRuleException("denunciation.submit-report.already-sent");
        }

        return [new LateSettlementReportSubmitted(command.CaseId, command.ReportReference, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The late-settlement report was sent.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ReportReference">Its reference.</param>
/// <param name="SubmittedBy">Who.</param>
/// <param name="SubmittedAt">When.</param>
public sealed record LateSettlementReportSubmitted(Guid CaseId, string ReportReference, string SubmittedBy, DateTimeOffset SubmittedAt);
