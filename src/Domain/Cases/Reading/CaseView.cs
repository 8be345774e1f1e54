using System.Security.Cryptography;
using System.Text;
using Outreach.Deadlines;
using Outreach.PersonalData;

namespace Outreach.Cases;

/// <summary>The citizen as a view may show them. A denouncer's identity is replaced by a stable pseudonym.</summary>
/// <param name="Name">Name, or the pseudonym.</param>
/// <param name="IdNumber">National ID number (hidden when protected).</param>
/// <param name="Phone">Phone (hidden when protected).</param>
/// <param name="Address">Address (hidden when protected).</param>
/// <param name="IsAnonymous">The submitter stayed anonymous.</param>
/// <param name="IsProtected">The identity is withheld because the case is a denunciation (and the reader holds no clearance).</param>
/// <param name="IsErased">The citizen's personal data was erased on request: only the pseudonym remains.</param>
public sealed record CitizenView(string? Name, string? IdNumber, string? Phone, string? Address, bool IsAnonymous, bool IsProtected, bool IsErased = false)
{
    /// <summary>Why the details cannot be shown although nobody erased them: a missing or damaged key.</summary>
    public IdentityProblem Problem { get; init; }
}

/// <summary>A deadline as of a given day.</summary>
/// <param name="Step">Which legal period.</param>
/// <param name="StartsAfter">Trigger date.</param>
/// <param name="Due">Last day, null while paused.</param>
/// <param name="Days">Length of the period.</param>
/// <param name="Basis">Calendar or working days.</param>
/// <param name="IsObligation">The authority must act by then.</param>
/// <param name="IsPaused">A suspension stops the clock.</param>
/// <param name="DaysLeft">Days from the view's date to the due date (negative: overdue).</param>
/// <param name="IsOverdue">The authority missed it.</param>
/// <param name="RuleSet">Which rule set.</param>
/// <param name="Citation">Law and article.</param>
/// <param name="Unverified">What is unverified about the rule.</param>
public sealed record DeadlineView(
    DeadlineStep Step, DateOnly StartsAfter, DateOnly? Due, int Days, DayBasis Basis, bool IsObligation, bool IsPaused, int? DaysLeft, bool IsOverdue,
    string RuleSet, string Citation, string? Unverified);

/// <summary>The case-details view shared by the hosts: state, parties and deadlines as of a day.</summary>
/// <param name="Id">Case id.</param>
/// <param name="Number">Paper registry number.</param>
/// <param name="Kind">Kind in law.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="IsClosed">Reached a final status.</param>
/// <param name="Version">Stream version.</param>
/// <param name="Channel">How it arrived.</param>
/// <param name="ReceivedBy">Who received it.</param>
/// <param name="ReceivedAt">When.</param>
/// <param name="Citizen">Who brought it (protected for denunciations).</param>
/// <param name="LocalityCode">Locality.</param>
/// <param name="Content">What was asked.</param>
/// <param name="Respondent">Whose decision or conduct is at issue.</param>
/// <param name="Round">Complaint round.</param>
/// <param name="IsComplex">Complex case.</param>
/// <param name="IsRemoteArea">Remote area.</param>
/// <param name="FirstDecisionNumber">First decision.</param>
/// <param name="SecondDecisionNumber">Second decision.</param>
/// <param name="ClosedOn">When it ended.</param>
/// <param name="AsOf">The day days-left are counted from.</param>
/// <param name="Deadlines">Open deadlines.</param>
public sealed record CaseView(
    Guid Id, string? Number, CaseKind Kind, CaseStatus Status, bool IsClosed, long Version, ReceptionChannel Channel, string ReceivedBy,
    DateTimeOffset ReceivedAt, CitizenView Citizen, string LocalityCode, string Content, string? Respondent, int Round, bool IsComplex,
    bool IsRemoteArea, string? FirstDecisionNumber, string? SecondDecisionNumber, DateOnly? ClosedOn, DateOnly AsOf, IReadOnlyList<DeadlineView> Deadlines)
{
    /// <summary>The field visits on which this petition was heard (the other side of <c>HearResident</c>).</summary>
    public IReadOnlyList<Guid> HeardOnVisits { get; init; } = [];

    /// <summary>
    /// Builds the view of <paramref name="state"/> as of <paramref name="today"/>. Pass the case's current kind when
    /// <paramref name="state"/> is a past state (time travel), so that a petition that later became a denunciation keeps
    /// its submitter protected in every past view.
    /// </summary>
    /// <param name="state">The case (current or past).</param>
    /// <param name="today">The day days-left are counted from.</param>
    /// <param name="keys">The per-person keys that open citizens' details (ADR 18).</param>
    /// <param name="currentKind">The case's kind today, for past states.</param>
    /// <param name="clearance">A clearance to read denouncers' identities; without it they stay pseudonymous.</param>
    /// <param name="cancellation">Cancels reading the keys.</param>
    public static async ValueTask<CaseView> FromAsync(
        Case state, DateOnly today, IPersonKeyStore keys, CaseKind? currentKind = null, DenouncerClearance? clearance = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var citizen = await CitizenOfAsync(state, keys, currentKind, clearance, cancellation).ConfigureAwait(false);
        return new(
            state.Id, state.Number, state.Kind, state.Status, state.IsClosed, state.Version, state.Channel, state.ReceivedBy, state.ReceivedAt,
            citizen, state.LocalityCode, state.Content, state.Respondent, state.Round, state.IsComplex, state.IsRemoteArea,
            state.FirstDecisionNumber, state.SecondDecisionNumber, state.ClosedOn, today,
            [.. state.Deadlines.Select(d => Deadline(d, today))]);
    }

    /// <summary>The deadline as of <paramref name="today"/>.</summary>
    public static DeadlineView Deadline(CaseDeadline d, DateOnly today) => new(
        d.Step, d.StartsAfter, d.Due, d.Days, d.Basis, d.IsObligation, d.IsPaused, d.DaysLeft(today), d.IsOverdue(today), d.RuleSet, d.Citation, d.Unverified);

    /// <summary>
    /// The citizen as shown. A denunciation's submitter gets a pseudonym derived from the case id unless the reader holds a
    /// <see cref="DenouncerClearance"/>; an erased citizen shows only their person pseudonym, to everyone.
    /// </summary>
    public static async ValueTask<CitizenView> CitizenOfAsync(
        Case state, IPersonKeyStore keys, CaseKind? currentKind = null, DenouncerClearance? clearance = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        if ((state.Kind == CaseKind.Denunciation || currentKind == CaseKind.Denunciation) && !state.IsAnonymous && clearance is null)
        {
            return new CitizenView(Pseudonym(state.Id), null, null, null, false, true, state.CitizenErasedOn is not null);
        }

        // Opened only when the policy above allows the reader to see it.
        var revealed = await Identities.RevealAsync(state.Citizen, keys, cancellation).ConfigureAwait(false);
        if (revealed.IsErased || state.CitizenErasedOn is not null)
        {
            return new CitizenView(revealed.Pseudonym, null, null, null, state.IsAnonymous, false, true);
        }

        var d = revealed.Details;
        return new CitizenView(d?.Name ?? revealed.Pseudonym, d?.IdNumber, d?.Phone, d?.Address, state.IsAnonymous, false) { Problem = revealed.Problem };
    }

    /// <summary>A stable pseudonym for a protected denouncer.</summary>
    public static string Pseudonym(Guid caseId)
        => "TC-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("denouncer:" + caseId.ToString("N"))))[..8];
}
