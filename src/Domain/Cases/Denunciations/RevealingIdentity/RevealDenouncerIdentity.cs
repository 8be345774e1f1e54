using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Record that a clearance holder read a denouncer's identity, and why (Law 25/2018 Art. 47 protects it; ADR 18). The
/// console records it on every <c>case show --clearance</c> before showing the identity, so the case's history says
/// who saw it and when. The event holds no identity.
/// </summary>
/// <param name="CaseId">The denunciation.</param>
/// <param name="Purpose">Why the identity is needed (e.g. "xác minh nội dung tố cáo").</param>
/// <param name="Actor">The clearance holder who reads it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record RevealDenouncerIdentity(Guid CaseId, string Purpose, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<RevealDenouncerIdentity>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<RevealDenouncerIdentity>());
            RuleFor(c => c.Purpose).NotEmpty().Says("denunciation.reveal-identity.purpose.required")
                .MaximumLength(TextLimits.Reference * 4);
        }
    }

    /// <summary>Records the access; refused when there is no protected identity to read.</summary>
    public static object[] Decide(RevealDenouncerIdentity command, CaseState state)
    {
        if (state.Kind != CaseKind.Denunciation)
        {
            throw new DomainRuleException("denunciation.reveal-identity.not-denunciation", command.CaseId, new Term("case-kind." + state.Kind.ToString().ToLowerInvariant()));
        }

        if (state.IsAnonymous || state.Citizen is null)
        {
            throw new DomainRuleException("denunciation.reveal-identity.anonymous", command.CaseId);
        }

        return [new DenouncerIdentityRevealed(command.CaseId, command.Purpose, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A clearance holder read the denouncer's identity, for the purpose given. Holds no identity.</summary>
/// <param name="CaseId">The denunciation.</param>
/// <param name="Purpose">Why.</param>
/// <param name="RevealedBy">The clearance holder.</param>
/// <param name="RevealedAt">When.</param>
public sealed record DenouncerIdentityRevealed(Guid CaseId, string Purpose, string RevealedBy, DateTimeOffset RevealedAt);
