using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Erase the personal data of the citizen who brought a case, on a lawful request (ADR 18): the event records who erased
/// it, when, on whose request and on what legal basis; then the citizen's key is destroyed, so their name, ID number,
/// phone and address become unreadable everywhere while the history and its hash chain stay intact.
/// </summary>
/// <param name="CaseId">The case whose citizen asked to be forgotten.</param>
/// <param name="Request">The request (e.g. its registry number and date).</param>
/// <param name="LegalBasis">The legal basis (e.g. "Nghị định 13/2023/NĐ-CP, Điều 16").</param>
/// <param name="Actor">Who carries out the erasure.</param>
/// <param name="OccurredAt">When.</param>
public sealed record EraseCitizenData(Guid CaseId, string Request, string LegalBasis, string Actor, DateTimeOffset OccurredAt) : ICaseCommand, ICheckedBeyondStream<CaseState>, IFollowedUpAfterRecord<CaseState>
{
    /// <summary>The request and legal basis may not repeat what is being erased, read from the sealed details.</summary>
    async Task ICheckedBeyondStream<CaseState>.CheckAsync(CaseState state, Marten.IQuerySession session, OutreachOptions options, CancellationToken cancellation)
    {
        var details = (await PersonalData.Identities.RevealAsync(state.Citizen, options.PersonKeys, cancellation).ConfigureAwait(false)).Details;
        EnsureIdentityNotWritten(this, details);
    }

    /// <summary>After the erasure is recorded, or found already recorded when a crash came in between: destroys the key.</summary>
    async ValueTask IFollowedUpAfterRecord<CaseState>.FollowUpAsync(CaseState state, OutreachOptions options, CancellationToken cancellation)
    {
        if (state.Citizen is { } citizen)
        {
            await options.PersonKeys.EraseAsync(citizen.PersonId, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>Shape rules for <see cref="EraseCitizenData"/>.</summary>
    public sealed class Validator : AbstractValidator<EraseCitizenData>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<EraseCitizenData>());
            RuleFor(c => c.Request).NotEmpty().Says("citizen.erase.request.required")
                .MaximumLength(TextLimits.Reference * 4);
            RuleFor(c => c.LegalBasis).NotEmpty().Says("citizen.erase.legal-basis.required")
                .MaximumLength(TextLimits.Reference * 4);
        }
    }

    /// <summary>
    /// Refuses a request or legal basis that writes out the very identifiers being erased (name, ID number, phone,
    /// address): the erasure event is kept forever, so it must describe the request without them.
    /// </summary>
    internal static void EnsureIdentityNotWritten(EraseCitizenData command, PersonalData.PersonalDetails? details)
    {
        if (details is null)
        {
            return;
        }

        static string Fold(string text) => new(text.Normalize(System.Text.NormalizationForm.FormC).Where(c => !char.IsWhiteSpace(c) && c != '.' && c != '-').ToArray());
        var written = Fold(command.Request + " " + command.LegalBasis);
        var named = new (string? Value, string Field)[]
            {
                (details.Name, "citizen-field.name"), (details.IdNumber, "citizen-field.id-number"), (details.Phone, "citizen-field.phone"),
                (details.Address, "citizen-field.address"),
            }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value) && Fold(p.Value!).Length >= 3 && written.Contains(Fold(p.Value!), StringComparison.OrdinalIgnoreCase))
            .Select(p => new Term(p.Field))
            .ToList();
        if (named.Count > 0)
        {
            throw new DomainRuleException("citizen.erase.identity-written", new CommaList(named));
        }
    }

    /// <summary>Records the erasure; refused when no personal data was recorded or it was already erased.</summary>
    public static object[] Decide(EraseCitizenData command, CaseState state)
    {
        if (state.Citizen is null)
        {
            throw new DomainRuleException("citizen.erase.no-data", command.CaseId);
        }

        if (state.CitizenErasedOn is { } on)
        {
            throw new DomainRuleException("citizen.erase.already-erased", command.CaseId, on);
        }

        return [new CitizenDataErased(command.CaseId, state.Citizen.PersonId, command.Request, command.LegalBasis, command.Actor, command.OccurredAt)];
    }
}

/// <summary>The personal data of a case's citizen was erased on request; their key was destroyed.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="PersonId">The person whose key was destroyed.</param>
/// <param name="Request">The request.</param>
/// <param name="LegalBasis">The legal basis.</param>
/// <param name="ErasedBy">Who erased it.</param>
/// <param name="ErasedAt">When.</param>
public sealed record CitizenDataErased(Guid CaseId, Guid PersonId, string Request, string LegalBasis, string ErasedBy, DateTimeOffset ErasedAt);
