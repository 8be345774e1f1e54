using FluentValidation;
using Outreach.Deadlines;

namespace Outreach.Cases;

/// <summary>Record that the supervising body demanded a report on a late denunciation settlement (due within 5 working days).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="SupervisingBody">The body demanding the report.</param>
/// <param name="Actor">Who issued the demand.</param>
/// <param name="OccurredAt">When.</param>
public sealed record DemandLateSettlementReport(Guid CaseId, string SupervisingBody, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<DemandLateSettlementReport>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<DemandLateSettlementReport>());
            RuleFor(c => c.SupervisingBody).NotEmpty().Says("denunciation.demand-report.supervising-body.required").MaximumLength(TextLimits.Name);
        }
    }

    /// <summary>Records the demand on an accepted denunciation with no report pending.</summary>
    public static object[] Decide(DemandLateSettlementReport command, CaseState state)
    {
        state.EnsureStatus("denunciation.demand-report", CaseStatus.DenunciationUnderSettlement);
        if (state.ReportDemandedOn is { } pending && !state.ReportSubmitted)
        {
            throw new DomainRuleException("denunciation.demand-report.pending", pending);
        }

        CaseRules.EnsureLapsed(state, DeadlineStep.DenunciationSettlement, command.OccurredAt, "denunciation.demand-report");
        return [new LateSettlementReportDemanded(command.CaseId, command.SupervisingBody, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The supervising body demanded a report on the late settlement.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="SupervisingBody">Which body.</param>
/// <param name="DemandedBy">Who.</param>
/// <param name="DemandedAt">When.</param>
public sealed record LateSettlementReportDemanded(Guid CaseId, string SupervisingBody, string DemandedBy, DateTimeOffset DemandedAt);
