using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Assign in writing who verifies the denunciation's content (Law 25/2018/QH14 Art. 31 cl. 1–2: the inspectorate at the
/// same level, or another body or person; the written assignment names them and what to verify). Not needed when the
/// person settling the denunciation verifies it themselves.
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Verifier">The verifier (a person, a verification team's head, or a body) by name or staff code.</param>
/// <param name="Content">What to verify, as the written assignment says.</param>
/// <param name="Actor">Who assigned them (the person settling the denunciation).</param>
/// <param name="OccurredAt">When.</param>
public sealed record AssignDenunciationVerifier(Guid CaseId, string Verifier, string Content, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AssignDenunciationVerifier>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<AssignDenunciationVerifier>());
            RuleFor(c => c.Verifier).NotEmpty().Says("denunciation.assign-verifier.verifier.required").MaximumLength(TextLimits.Name);
            RuleFor(c => c.Content).NotEmpty().Says("denunciation.assign-verifier.content.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Assigns a verifier to a denunciation under settlement; the same verifier again is refused.</summary>
    public static object[] Decide(AssignDenunciationVerifier command, CaseState state)
    {
        state.EnsureStatus("denunciation.assign-verifier", CaseStatus.DenunciationUnderSettlement);
        if (string.Equals(state.DenunciationVerifier, command.Verifier, StringComparison.Ordinal))
        {
            throw new DomainRuleException("denunciation.assign-verifier.same", command.Verifier);
        }

        return [new DenunciationVerifierAssigned(command.CaseId, command.Verifier, command.Content, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A verifier of the denunciation's content was assigned in writing.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Verifier">Who verifies.</param>
/// <param name="Content">What to verify.</param>
/// <param name="AssignedBy">Who assigned them.</param>
/// <param name="AssignedAt">When.</param>
public sealed record DenunciationVerifierAssigned(Guid CaseId, string Verifier, string Content, string AssignedBy, DateTimeOffset AssignedAt);
