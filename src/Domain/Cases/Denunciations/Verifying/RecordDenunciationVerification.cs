using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Record the written report on the verification of the denunciation's content, with the measures it recommends
/// (Law 25/2018/QH14 Art. 31 cl. 6). The conclusion rests on it (Art. 35 cl. 1 and cl. 2(a)).
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="ReportReference">The report's number or file reference.</param>
/// <param name="Findings">What the verification found.</param>
/// <param name="Recommendation">The measures it recommends.</param>
/// <param name="Actor">Who filed the report (the verifier, or the person settling who verified it themselves).</param>
/// <param name="OccurredAt">When.</param>
public sealed record RecordDenunciationVerification(Guid CaseId, string ReportReference, string Findings, string Recommendation, string Actor, DateTimeOffset OccurredAt)
    : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RecordDenunciationVerification>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<RecordDenunciationVerification>());
            RuleFor(c => c.ReportReference).NotEmpty().Says("denunciation.verify.report-reference.required").MaximumLength(TextLimits.Reference);
            RuleFor(c => c.Findings).NotEmpty().Says("denunciation.verify.findings.required").MaximumLength(TextLimits.Text);
            RuleFor(c => c.Recommendation).NotEmpty().Says("denunciation.verify.recommendation.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Records a verification report on a denunciation under settlement; the same report twice is refused.</summary>
    public static object[] Decide(RecordDenunciationVerification command, CaseState state)
    {
        state.EnsureStatus("denunciation.verify", CaseStatus.DenunciationUnderSettlement);
        if (string.Equals(state.DenunciationVerificationReport, command.ReportReference, StringComparison.Ordinal))
        {
            throw new DomainRuleException("denunciation.verify.report-on-file", command.ReportReference);
        }

        return [new DenunciationVerified(command.CaseId, command.ReportReference, command.Findings, command.Recommendation, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The report on the verification of the denunciation's content was filed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ReportReference">The report's reference.</param>
/// <param name="Findings">What it found.</param>
/// <param name="Recommendation">The measures it recommends.</param>
/// <param name="VerifiedBy">Who filed it.</param>
/// <param name="VerifiedAt">When.</param>
public sealed record DenunciationVerified(Guid CaseId, string ReportReference, string Findings, string Recommendation, string VerifiedBy, DateTimeOffset VerifiedAt);
