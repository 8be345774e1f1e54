using Outreach.Cases;

namespace Outreach.Open311;

/// <summary>
/// A service request posted by another municipal system (GeoReport v2 <c>POST requests</c>), as its form fields came.
/// It becomes a <see cref="ReceivePetition"/> received <see cref="ReceptionChannel.Online"/> by the system that holds the
/// api_key: the citizen's name and phone are sealed with their own key like any other petition's (ADR 18); fields
/// Outreach has no place for (e-mail, device and account ids, coordinates, media) are not recorded.
/// </summary>
/// <param name="ServiceCode">The service the citizen chose (<c>petition</c>, <c>suggestion</c>, <c>complaint</c>, <c>denunciation</c>); the competent body classifies the petition all the same.</param>
/// <param name="Description">What the citizen asks or reports (the petition's content).</param>
/// <param name="AddressId">The code of the commune, ward, hamlet or quarter concerned, from the locality catalogue.</param>
/// <param name="FirstName">The citizen's given name, if given.</param>
/// <param name="LastName">The citizen's family name, if given (written first, as in Vietnamese).</param>
/// <param name="Phone">The citizen's phone, if given.</param>
public sealed record ServiceRequestSubmission(string? ServiceCode, string? Description, string? AddressId, string? FirstName, string? LastName, string? Phone)
{
    /// <summary>
    /// The petition to record. Refused as bad input (<see cref="CommandInputException"/>) when service_code
    /// (<c>open311.service-code.required</c>), description (<c>open311.description.required</c>) or address_id
    /// (<c>open311.address-id.required</c>) is missing; an unknown service is <c>open311.service-code.unknown</c>.
    /// The write path then checks the petition as it checks every other (lengths, phone format, the locality in force).
    /// </summary>
    /// <param name="caseId">The new case's id (ids come from the edge).</param>
    /// <param name="client">The name of the system whose api_key was given: the actor who received it.</param>
    /// <param name="now">When it was received.</param>
    /// <param name="example">A locality code to show in the refusal when address_id is missing.</param>
    public ReceivePetition ToCommand(Guid caseId, string client, DateTimeOffset now, string example)
    {
        if (string.IsNullOrWhiteSpace(ServiceCode))
        {
            throw new CommandInputException("open311.service-code.required", Open311Services.Codes);
        }

        if (Open311Services.All.All(s => s.Code != ServiceCode))
        {
            throw new CommandInputException("open311.service-code.unknown", ServiceCode, Open311Services.Codes);
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            throw new CommandInputException("open311.description.required");
        }

        if (string.IsNullOrWhiteSpace(AddressId))
        {
            throw new CommandInputException("open311.address-id.required", example);
        }

        var name = string.Join(' ', new[] { LastName, FirstName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        var anonymous = name.Length == 0;
        return new ReceivePetition(
            caseId, null, ReceptionChannel.Online, anonymous ? null : name, null, anonymous || string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(), null,
            anonymous, AddressId.Trim(), Description.Trim(), null, client, now);
    }
}
