using FluentValidation;

namespace Outreach.Cases;

/// <summary>Record a dialogue (đối thoại) with the complainant and the parties, with attendees and the minutes' reference.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Attendees">Who attended (names and roles).</param>
/// <param name="MinutesReference">Where the minutes are filed.</param>
/// <param name="ComplainantAbsentWithoutValidReason">The complainant stayed away without a valid reason (from 1 Jul 2026 this does not stop settlement).</param>
/// <param name="Actor">Who held the dialogue.</param>
/// <param name="OccurredAt">When.</param>
public sealed record HoldDialogue(
    Guid CaseId, IReadOnlyList<string> Attendees, string MinutesReference, bool ComplainantAbsentWithoutValidReason, string Actor, DateTimeOffset OccurredAt) : ICaseCommand, ICheckedBeyondStream<CaseState>
{
    /// <summary>The minutes' attendees may not name the citizen, whose name is read from their sealed details.</summary>
    async Task ICheckedBeyondStream<CaseState>.CheckAsync(CaseState state, Marten.IQuerySession session, OutreachOptions options, CancellationToken cancellation)
    {
        var details = (await PersonalData.Identities.RevealAsync(state.Citizen, options.PersonKeys, cancellation).ConfigureAwait(false)).Details;
        EnsureCitizenNotNamed(this, details?.Name);
    }

    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<HoldDialogue>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<HoldDialogue>());
            RuleFor(c => c.Attendees).NotNull().Must(a => a is { Count: > 0 })
                .Says("complaint.dialogue.attendees.required");
            RuleForEach(c => c.Attendees).NotEmpty().MaximumLength(TextLimits.Name);
            RuleFor(c => c.MinutesReference).NotEmpty().Says("complaint.dialogue.minutes-reference.required").MaximumLength(TextLimits.Reference);
        }
    }

    /// <summary>
    /// Refuses attendees that name the case's citizen: their identity lives only in the sealed citizen fields, so that an
    /// erasure removes it everywhere (ADR 18). Write their role instead ("người khiếu nại").
    /// </summary>
    internal static void EnsureCitizenNotNamed(HoldDialogue command, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var normalised = name.Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (command.Attendees.Any(a => a.Normalize(System.Text.NormalizationForm.FormC).Contains(normalised, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainRuleException("complaint.dialogue.citizen-named");
        }
    }

    /// <summary>Records a dialogue after the verification report of this round.</summary>
    public static object[] Decide(HoldDialogue command, CaseState state)
    {
        state.EnsureStatus("complaint.dialogue", CaseStatus.UnderSettlement, CaseStatus.UnderSecondSettlement);
        if (state.VerificationReport is null)
        {
            throw new DomainRuleException("complaint.dialogue.not-verified");
        }

        if (state.LastDialogueMinutes == command.MinutesReference)
        {
            throw new DomainRuleException("complaint.dialogue.minutes-recorded", command.MinutesReference, state.DialoguesInRound);
        }

        return
        [
            new DialogueHeld(command.CaseId, state.Round, state.DialoguesInRound + 1, command.Attendees.ToArray(), command.MinutesReference,
                command.ComplainantAbsentWithoutValidReason, command.Actor, command.OccurredAt),
        ];
    }
}

/// <summary>A dialogue was held and its minutes filed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Round">Which complaint round.</param>
/// <param name="DialogueNumber">1 for the first dialogue of the round, 2 for the second.</param>
/// <param name="Attendees">Who attended.</param>
/// <param name="MinutesReference">The minutes.</param>
/// <param name="ComplainantAbsentWithoutValidReason">The complainant did not come without a valid reason.</param>
/// <param name="HeldBy">Who held it.</param>
/// <param name="HeldAt">When.</param>
public sealed record DialogueHeld(
    Guid CaseId, int Round, int DialogueNumber, string[] Attendees, string MinutesReference, bool ComplainantAbsentWithoutValidReason, string HeldBy, DateTimeOffset HeldAt);
