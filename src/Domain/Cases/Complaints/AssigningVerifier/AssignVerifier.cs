using FluentValidation;

namespace Outreach.Cases;

/// <summary>Assign the person who will verify (xác minh) the complaint's content.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Verifier">The verifier's name or staff id.</param>
/// <param name="Actor">Who assigned them.</param>
/// <param name="OccurredAt">When.</param>
public sealed record AssignVerifier(Guid CaseId, string Verifier, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<AssignVerifier>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<AssignVerifier>());
            RuleFor(c => c.Verifier).NotEmpty().Says("complaint.assign-verifier.verifier.required").MaximumLength(TextLimits.Name);
        }
    }

    /// <summary>Assigns a verifier to an accepted complaint; the same verifier again is refused.</summary>
    public static object[] Decide(AssignVerifier command, CaseState state)
    {
        if (state.Verifier == command.Verifier && state.IsUnderSettlement)
        {
            throw new DomainRuleException("complaint.assign-verifier.same", command.Verifier);
        }

        state.EnsureStatus("complaint.assign-verifier", CaseStatus.UnderSettlement, CaseStatus.UnderSecondSettlement);
        return [new VerifierAssigned(command.CaseId, state.Round, command.Verifier, command.Actor, command.OccurredAt)];
    }
}

/// <summary>A verifier was assigned.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which round.</param>
/// <param name="Verifier">The verifier.</param>
/// <param name="AssignedBy">Who assigned them.</param>
/// <param name="AssignedAt">When.</param>
public sealed record VerifierAssigned(Guid CaseId, int Round, string Verifier, string AssignedBy, DateTimeOffset AssignedAt);
