using Marten;
using Outreach.Deadlines;
using Outreach.PersonalData;

namespace Outreach.Cases;

/// <summary>Who asks to see a denouncer's identity, with what code and why (recorded in the case before anything is shown).</summary>
/// <param name="Holder">The clearance holder (the person reading).</param>
/// <param name="Code">The code issued with the clearance.</param>
/// <param name="Purpose">Why the identity is needed; kept in the case's history.</param>
public sealed record ClearanceRequest(string Holder, string Code, string Purpose);

/// <summary>What a host asks to see of a case.</summary>
/// <param name="IdOrNumber">The case id or its paper registry number.</param>
public sealed record CaseRequest(string IdOrNumber)
{
    /// <summary>Show the case as it stood at this business time (time travel).</summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>Show the case as it stood at this stream version.</summary>
    public long? Version { get; init; }

    /// <summary>The day days-left are counted from; default the <see cref="AsOf"/> day, else today on the store's clock.</summary>
    public DateOnly? Today { get; init; }

    /// <summary>A clearance to read a denouncer's identity; without one the denouncer stays a pseudonym.</summary>
    public ClearanceRequest? Clearance { get; init; }
}

/// <summary>
/// The case-details view every host shows, with the library's policies applied: time travel keeps a later denouncer
/// protected, a denouncer's identity is shown only under a valid clearance, and the reading is recorded in the case
/// (<see cref="RevealDenouncerIdentity"/>) before anything is shown.
/// </summary>
public static class CaseReading
{
    /// <summary>Builds the view of the case <paramref name="request"/> names.</summary>
    /// <exception cref="CaseNotFoundException">No case has that id or number.</exception>
    /// <exception cref="DomainRuleException">The version or time lies outside the case's history.</exception>
    /// <exception cref="ClearanceRefusedException">The clearance is unknown or its code is wrong; nothing was recorded or shown.</exception>
    public static async Task<CaseView> ShowAsync(IDocumentStore store, CaseRequest request, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(request);
        var settings = OutreachRegistration.SettingsOf(store);
        await using var query = store.QuerySession();
        var current = await CaseQueries.FindAsync(query, request.IdOrNumber, cancellation).ConfigureAwait(false)
            ?? throw (Guid.TryParse(request.IdOrNumber, out var id) ? new CaseNotFoundException(id) : new CaseNotFoundException(request.IdOrNumber));
        if (request.Version is { } v && (v < 1 || v > current.Version))
        {
            throw new CommandInputException("case.show.version-range", current.Version, current.Id);
        }

        var state = request.AsOf is null && request.Version is null
            ? current
            : await CaseQueries.AsOfAsync(query, current.Id, settings.Options, request.AsOf, request.Version, cancellation).ConfigureAwait(false)
              ?? throw new DomainRuleException("case.show.not-yet", current.Id, current.ReceivedAt);
        var today = request.Today ?? (request.AsOf is { } a ? VietnamTime.DateOf(a) : VietnamTime.Today(settings.Clock));
        var visits = await Visits.ProgrammeQueries.VisitsHearingAsync(query, current.Id, cancellation).ConfigureAwait(false);
        var clearance = await RevealAsync(store, settings, current, request.Clearance, cancellation).ConfigureAwait(false);
        var view = await CaseView.FromAsync(state, today, settings.Options.PersonKeys, current.Kind, clearance, cancellation).ConfigureAwait(false);
        return view with { HeardOnVisits = [.. visits] };
    }

    /// <summary>Checks the clearance and, for a denunciation that names its denouncer, records who reads the identity and why.</summary>
    private static async Task<DenouncerClearance?> RevealAsync(
        IDocumentStore store, OutreachStoreSettings settings, Case current, ClearanceRequest? request, CancellationToken cancellation)
    {
        if (request is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(request.Purpose))
        {
            throw new CommandInputException("case.show.purpose-required");
        }

        var clearance = DenouncerClearance.Verify(request.Holder, request.Code, DenouncerClearance.DefaultFile(settings.Options.KeyFolder));
        if (current.Kind == CaseKind.Denunciation && !current.IsAnonymous && current.Citizen is not null)
        {
            await using var session = store.LightweightSession();
            await session.HandleAsync(new RevealDenouncerIdentity(current.Id, request.Purpose, request.Holder, settings.Clock.GetUtcNow()), cancellation: cancellation)
                .ConfigureAwait(false);
        }

        return clearance;
    }
}
