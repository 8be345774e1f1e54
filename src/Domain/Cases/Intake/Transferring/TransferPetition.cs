using FluentValidation;

namespace Outreach.Cases;

/// <summary>Transfer a petition the body is not competent to settle to the competent body. Closes the case here.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ToBody">The competent body it goes to.</param>
/// <param name="Reason">Why this body is not competent.</param>
/// <param name="Actor">Who transferred it.</param>
/// <param name="OccurredAt">When.</param>
public sealed record TransferPetition(Guid CaseId, string ToBody, string Reason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<TransferPetition>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<TransferPetition>());
            RuleFor(c => c.ToBody).NotEmpty().Says("petition.transfer.to-body.required").MaximumLength(TextLimits.Name);
            RuleFor(c => c.Reason).NotEmpty().Says("petition.transfer.reason.required").MaximumLength(TextLimits.Text);
        }
    }

    /// <summary>Transfers a case that has not been accepted.</summary>
    public static object[] Decide(TransferPetition command, CaseState state)
    {
        state.EnsureStatus("petition.transfer", CaseRules.BeforeAcceptance);
        return [new PetitionTransferred(command.CaseId, command.ToBody, command.Reason, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The petition was transferred to the competent body.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="ToBody">The receiving body.</param>
/// <param name="Reason">Why.</param>
/// <param name="TransferredBy">Who.</param>
/// <param name="TransferredAt">When.</param>
public sealed record PetitionTransferred(Guid CaseId, string ToBody, string Reason, string TransferredBy, DateTimeOffset TransferredAt);
