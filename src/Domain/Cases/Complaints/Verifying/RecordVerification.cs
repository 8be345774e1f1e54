using FluentValidation;

namespace Outreach.Cases;

/// <summary>Record the verification report: its reference and what it found.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ReportReference">The report's number or file reference.</param>
/// <param name="Findings">Summary of the findings.</param>
/// <param name="Actor">Who filed the report (normally the verifier).</param>
/// <param name="OccurredAt">When.</param>
public sealed record RecordVerification(Guid CaseId, string ReportReference, string Findings, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RecordVerification>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<RecordVerification>());
            RuleFor(c => c.ReportReference).NotEmpty().Says("complaint.verify.report-reference.required").MaximumLength(TextLimits.Reference);
            RuleFor(c => c.Findings).NotEmpty().Says("complaint.verify.findings.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Records the report once a verifier is assigned in this round.</summary>
    public static object[] Decide(RecordVerification command, CaseState state)
    {
        state.EnsureStatus("complaint.verify", CaseStatus.UnderSettlement, CaseStatus.UnderSecondSettlement);
        if (state.Verifier is null)
        {
            throw new DomainRuleException("complaint.verify.no-verifier");
        }

        if (state.VerificationReport == command.ReportReference)
        {
            throw new DomainRuleException("complaint.verify.report-on-file", command.ReportReference);
        }

        return [new ComplaintVerified(command.CaseId, state.Round, command.ReportReference, command.Findings, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The verification report was filed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="ReportReference">The report's reference.</param>
/// <param name="Findings">What it found.</param>
/// <param name="VerifiedBy">Who filed it.</param>
/// <param name="VerifiedAt">When.</param>
public sealed record ComplaintVerified(Guid CaseId, int Round, string ReportReference, string Findings, string VerifiedBy, DateTimeOffset VerifiedAt);
