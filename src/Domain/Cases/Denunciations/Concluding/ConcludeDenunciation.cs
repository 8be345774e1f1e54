using FluentValidation;

namespace Outreach.Cases;

/// <summary>Conclude the settlement of a denunciation (kết luận nội dung tố cáo). Closes the case.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Finding">Whether the denunciation was founded.</param>
/// <param name="Summary">The conclusion.</param>
/// <param name="Actor">Who signed it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record ConcludeDenunciation(Guid CaseId, Finding Finding, string Summary, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<ConcludeDenunciation>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<ConcludeDenunciation>());
            RuleFor(c => c.Finding).IsInEnum();
            RuleFor(c => c.Summary).NotEmpty().Says("denunciation.conclude.summary.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>
    /// Concludes an accepted denunciation once the verification report is on file: the conclusion states the
    /// verification's result (Law 25/2018/QH14 Art. 35 cl. 1 and cl. 2(a)).
    /// </summary>
    public static object[] Decide(ConcludeDenunciation command, CaseState state)
    {
        state.EnsureStatus("denunciation.conclude", CaseStatus.DenunciationUnderSettlement);
        if (state.DenunciationVerificationReport is null)
        {
            throw new DomainRuleException("denunciation.conclude.no-verification");
        }
        return [new DenunciationConcluded(command.CaseId, command.Finding, command.Summary, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The denunciation was concluded.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Finding">Founded or not.</param>
/// <param name="Summary">The conclusion.</param>
/// <param name="ConcludedBy">Who signed it.</param>
/// <param name="ConcludedAt">When.</param>
public sealed record DenunciationConcluded(Guid CaseId, Finding Finding, string Summary, string ConcludedBy, DateTimeOffset ConcludedAt);
