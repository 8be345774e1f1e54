using FluentValidation;

namespace Outreach.Cases;

/// <summary>
/// Record a petition as received: who brought it, through which channel, who received it, where, and what it says.
/// Opens a new case; the id is chosen by the caller.
/// </summary>
/// <param name="CaseId">The new case's id.</param>
/// <param name="Number">The registry number written on the paper file, if any (e.g. "125/TCD").</param>
/// <param name="Channel">How the petition arrived.</param>
/// <param name="CitizenName">The citizen's full name; empty only when <paramref name="IsAnonymous"/>.</param>
/// <param name="CitizenIdNumber">National ID number, if given.</param>
/// <param name="CitizenPhone">Phone number, if given.</param>
/// <param name="CitizenAddress">Postal address, if given.</param>
/// <param name="IsAnonymous">True when the submitter did not identify themselves.</param>
/// <param name="LocalityCode">The commune/ward (or hamlet) the matter concerns.</param>
/// <param name="Content">What the citizen asks or reports.</param>
/// <param name="Respondent">The person or body whose decision or conduct is at issue, if any.</param>
/// <param name="Actor">The cadre who received it.</param>
/// <param name="OccurredAt">When it was received.</param>
public sealed record ReceivePetition(
    Guid CaseId,
    string? Number,
    ReceptionChannel Channel,
    string? CitizenName,
    string? CitizenIdNumber,
    string? CitizenPhone,
    string? CitizenAddress,
    bool IsAnonymous,
    string LocalityCode,
    string Content,
    string? Respondent,
    string Actor,
    DateTimeOffset OccurredAt) : ICaseCommand, Localities.ILocalityReference, ICompletedBySettings
{
    /// <summary>Seals the citizen's details with their key before anything else sees the command.</summary>
    async ValueTask<IOutreachCommand> ICompletedBySettings.CompleteAsync(OutreachOptions options, CancellationToken cancellation)
        => await SealAsync(options.PersonKeys, cancellation).ConfigureAwait(false);

    DateOnly Localities.ILocalityReference.On => Deadlines.VietnamTime.DateOf(OccurredAt);

    /// <summary>
    /// The citizen's details sealed with their own key (ADR 18). The write path fills it in from the clear fields before
    /// deciding; it is never read from input.
    /// </summary>
    public PersonalData.SealedIdentity? SealedCitizen { get; init; }

    /// <summary>The clear details the command carries (empty for an anonymous submitter: nothing identifying is kept).</summary>
    public PersonalData.PersonalDetails Details => IsAnonymous
        ? new PersonalData.PersonalDetails(null, null, null, null)
        : new PersonalData.PersonalDetails(CitizenName, CitizenIdNumber, CitizenPhone, CitizenAddress);

    /// <summary>Seals the citizen's details with the key of the case's citizen (created on first use).</summary>
    internal async ValueTask<ReceivePetition> SealAsync(PersonalData.IPersonKeyStore keys, CancellationToken cancellation)
    {
        if (Details.IsEmpty)
        {
            return this with { SealedCitizen = null };
        }

        var person = PersonalData.SealedIdentity.CitizenOf(CaseId);
        return this with { SealedCitizen = PersonalData.SealedIdentity.Seal(person, Details, await keys.GetOrCreateAsync(person, cancellation).ConfigureAwait(false)) };
    }

    /// <summary>Shape rules for <see cref="ReceivePetition"/>.</summary>
    public sealed class Validator : AbstractValidator<ReceivePetition>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new CaseCommandRules<ReceivePetition>());
            RuleFor(c => c.Channel).IsInEnum();
            RuleFor(c => c.CitizenName).NotEmpty().When(c => !c.IsAnonymous)
                .Says("petition.receive.citizen-name.required");
            RuleFor(c => c.CitizenName).MaximumLength(TextLimits.Name);
            // \z, not $: in .NET "$" also matches before a trailing newline, which would let "079123456\n" through.
            RuleFor(c => c.CitizenIdNumber).Matches(@"^(?:[0-9]{9}|[0-9]{12})\z")
                .When(c => !string.IsNullOrEmpty(c.CitizenIdNumber))
                .Says("petition.receive.citizen-id-number.format");
            RuleFor(c => c.CitizenPhone).Matches(@"^\+?[0-9 .-]{8,15}\z")
                .When(c => !string.IsNullOrEmpty(c.CitizenPhone))
                .Says("petition.receive.citizen-phone.format");
            RuleFor(c => c.CitizenAddress).MaximumLength(TextLimits.Name * 2);
            RuleFor(c => c.Number).MaximumLength(TextLimits.Reference);
            RuleFor(c => c.LocalityCode).NotEmpty().Says("petition.receive.locality-code.required")
                .MaximumLength(TextLimits.Reference);
            RuleFor(c => c.Content).NotEmpty().Says("petition.receive.content.required")
                .MaximumLength(TextLimits.Text);
            RuleFor(c => c.Respondent).MaximumLength(TextLimits.Name);
        }
    }

    /// <summary>
    /// Opens the case; an id already in use is refused (an exact repeat is caught earlier as already recorded, ADR 26). The citizen's details go
    /// into the event only sealed (<see cref="SealedCitizen"/>); an anonymous submitter leaves nothing identifying.
    /// </summary>
    public static object[] Decide(ReceivePetition command, CaseState state)
    {
        if (!command.Details.IsEmpty && command.SealedCitizen is null)
        {
            throw new InvalidOperationException("ReceivePetition must be sealed before deciding: send it through session.HandleAsync, which seals the citizen's details.");
        }

        var received = new PetitionReceived(
            command.CaseId, command.Number, command.Channel, command.Details.IsEmpty ? null : command.SealedCitizen,
            command.IsAnonymous, command.LocalityCode, command.Content, command.Respondent, command.Actor, command.OccurredAt);
        if (state.Exists)
        {
            throw new DomainRuleException("petition.receive.exists", command.CaseId, state.ReceivedAt);
        }

        return [received];
    }
}

/// <summary>
/// A petition was received and a case opened for it. Contract version 2 (stored as <c>petition_received_v2</c>): the
/// citizen's details are sealed with their own key instead of stored in clear (ADR 18).
/// </summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">The paper registry number, if any.</param>
/// <param name="Channel">How it arrived.</param>
/// <param name="Citizen">The citizen's name, ID number, phone and address, sealed with their key (null when anonymous or not given).</param>
/// <param name="IsAnonymous">Whether the submitter stayed anonymous.</param>
/// <param name="LocalityCode">The locality concerned.</param>
/// <param name="Content">What was asked or reported.</param>
/// <param name="Respondent">Whose decision or conduct is at issue.</param>
/// <param name="ReceivedBy">The cadre who received it.</param>
/// <param name="ReceivedAt">When it was received (business time).</param>
public sealed record PetitionReceived(
    Guid CaseId,
    string? Number,
    ReceptionChannel Channel,
    PersonalData.SealedIdentity? Citizen,
    bool IsAnonymous,
    string LocalityCode,
    string Content,
    string? Respondent,
    string ReceivedBy,
    DateTimeOffset ReceivedAt);
