using System.Collections.Frozen;
using Marten;
using Outreach.Cases;
using Outreach.Units;

namespace Outreach.Access;

/// <summary>
/// The roles a signed-in person may hold, as identity providers put them in the token's <c>role</c> claims. Who may
/// record which step is <see cref="CommandAccess"/>; whose work a person sees is <see cref="ReadScope"/>.
/// </summary>
public static class OutreachRoles
{
    /// <summary>A cadre who goes down to the localities: records their own visits, difficulties and the petitions they hear.</summary>
    public const string Cadre = "cadre";

    /// <summary>The head of a unit: settles complaints and denunciations, answers the escalations addressed to them, keeps the rota.</summary>
    public const string UnitHead = "unit-head";

    /// <summary>The city committee (Ban Thường vụ): watches the whole programme, answers escalations to the city, adopts the rota.</summary>
    public const string Committee = "committee";

    /// <summary>An inspector or auditor: reads everything, records nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>The administrator: keeps the units and their members, and erases a citizen's data on a lawful request.</summary>
    public const string Administrator = "administrator";

    /// <summary>The roles' names in the reader's language, joined by "or" (or <paramref name="conjunction"/>).</summary>
    public static Terms Named(IEnumerable<string> roles, string conjunction = "word.or") => new([.. roles.Select(r => new Term("role." + r))], conjunction);

    /// <summary>Every role, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Cadre, UnitHead, Committee, Auditor, Administrator];
}

/// <summary>The signed-in person as the library sees them: their staff code (the actor of what they record) and roles.</summary>
/// <param name="StaffCode">The staff code; recorded as the actor of every step this person takes.</param>
/// <param name="Roles">The roles the identity provider gave them (unknown roles are ignored).</param>
public sealed record OutreachPerson(string StaffCode, IReadOnlySet<string> Roles)
{
    /// <summary>True when the person holds <paramref name="role"/>.</summary>
    public bool Holds(string role) => Roles.Contains(role);

    /// <summary>True when the person reads the whole programme (committee, auditor, administrator), not only their unit's work.</summary>
    public bool ReadsEverything => Holds(OutreachRoles.Committee) || Holds(OutreachRoles.Auditor) || Holds(OutreachRoles.Administrator);

    /// <summary>The claims a staff code is read from, first found wins: <c>staff_code</c>, then the name claims, then the subject.</summary>
    public static IReadOnlyList<string> StaffCodeClaims { get; } =
        ["staff_code", System.Security.Claims.ClaimTypes.Name, "unique_name", "name", "sub", System.Security.Claims.ClaimTypes.NameIdentifier];

    /// <summary>The claims roles are read from: <c>role</c>, <c>roles</c> and the framework's role claim type.</summary>
    public static IReadOnlyList<string> RoleClaims { get; } = [System.Security.Claims.ClaimTypes.Role, "role", "roles"];

    /// <summary>
    /// The claim naming the tenant (a province) a person belongs to, where one deployment serves several (ADR 37): the
    /// identity provider binds a person to their province, not a URL they can edit.
    /// </summary>
    public const string TenantClaim = "tenant";

    /// <summary>The tenant a principal's <see cref="TenantClaim"/> names, or null when it names none.</summary>
    public static string? TenantOf(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(TenantClaim)?.Value is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    /// <summary>The person a signed-in principal (a validated token or a sign-in cookie) stands for.</summary>
    /// <exception cref="AccessDeniedException">No staff code, or no Outreach role.</exception>
    public static OutreachPerson FromClaims(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return From(StaffCodeOf(user), user.Claims.Where(c => RoleClaims.Contains(c.Type)).Select(c => c.Value));
    }

    /// <summary>The staff code a principal carries (<see cref="StaffCodeClaims"/>), whether or not it holds an Outreach role.</summary>
    public static string? StaffCodeOf(System.Security.Claims.ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return StaffCodeClaims.Select(t => user.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();
    }

    /// <summary>
    /// The refusal a sign-in page explains when it is sent back with <paramref name="code"/> (a token missing or not accepted,
    /// no staff code, no Outreach role for <paramref name="staffCode"/>, no tenant, or a tenant — then in
    /// <paramref name="staffCode"/> — that the host does not serve); null for any other code, which the page ignores.
    /// </summary>
    public static AccessDeniedException? SignInRefusal(string? code, string? staffCode) => code switch
    {
        "access.token-missing" or "access.token-invalid" or "access.no-staff-code" or "access.no-tenant" => new AccessDeniedException(code),
        "access.no-role" => NoRole(string.IsNullOrWhiteSpace(staffCode) ? "—" : staffCode.Trim()),
        // The page is sent the tenant the sign-in named, in place of the staff code.
        "access.other-tenant" => new AccessDeniedException(code, string.IsNullOrWhiteSpace(staffCode) ? "—" : staffCode.Trim()),
        _ => null,
    };

    private static AccessDeniedException NoRole(string staffCode)
        => new("access.no-role", staffCode, string.Join(", ", OutreachRoles.All) + " (" + OutreachRoles.Named(OutreachRoles.All, "word.and") + ")");

    /// <summary>Builds a person from a staff code and the role names of a token; a blank code or no known role is refused.</summary>
    /// <exception cref="AccessDeniedException">No staff code, or none of the token's roles is an Outreach role.</exception>
    public static OutreachPerson From(string? staffCode, IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (string.IsNullOrWhiteSpace(staffCode))
        {
            throw new AccessDeniedException("access.no-staff-code");
        }

        var known = roles.Select(r => r.Trim().ToLowerInvariant()).Where(OutreachRoles.All.Contains).ToHashSet(StringComparer.Ordinal);
        return known.Count == 0
            ? throw NoRole(staffCode)
            : new OutreachPerson(staffCode.Trim(), known);
    }
}

/// <summary>The signed-in person may not do or see this; nothing was recorded or shown. HTTP 403.</summary>
public sealed class AccessDeniedException : OutreachException
{
    /// <summary>Creates the refusal <paramref name="code"/> with the values of its sentence.</summary>
    public AccessDeniedException(string code, params object?[] arguments) : base(code, arguments) { }
}

/// <summary>
/// Which roles may record which step: one row per command, read by every host (the web host's POST endpoints, an
/// embedding app's own). Auditors record nothing; a denouncer's identity is revealed only by reading a case under a
/// clearance, never by a bare command.
/// </summary>
public static class CommandAccess
{
    private static readonly string[] Field = [OutreachRoles.Cadre, OutreachRoles.UnitHead];
    private static readonly string[] Head = [OutreachRoles.UnitHead];
    private static readonly string[] Escalations = [OutreachRoles.UnitHead, OutreachRoles.Committee];
    private static readonly string[] Admin = [OutreachRoles.Administrator];

    private static readonly FrozenDictionary<string, string[]> Table = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // Intake: the cadre who hears a resident records and sorts the petition; the head transfers, reclassifies or sets it aside.
        ["ReceivePetition"] = Field, ["ClassifyPetition"] = Field, ["GuideCitizen"] = Field, ["AnswerPetition"] = Field,
        ["ReclassifyPetition"] = Head, ["DeclareNotProcessable"] = Head, ["TransferPetition"] = Head,

        // Complaints: the head of the competent unit settles; the verifier (a cadre) verifies and holds the dialogue;
        // what the complainant does (a second complaint, withdrawal, a lawsuit) is recorded by whoever receives it.
        ["AcceptComplaint"] = Head, ["RefuseComplaint"] = Head, ["AssignVerifier"] = Head, ["FlagComplaint"] = Head,
        ["SuspendComplaint"] = Head, ["ResumeComplaint"] = Head, ["IssueFirstDecision"] = Head, ["IssueSecondDecision"] = Head,
        ["DeliverDecision"] = Head, ["TerminateComplaint"] = Head,
        ["RecordVerification"] = Field, ["HoldDialogue"] = Field, ["FileSecondComplaint"] = Field, ["WithdrawComplaint"] = Field,
        ["RecordLawsuit"] = Field,

        // Denunciations: the head settles; the supervising body (the committee) demands a late report.
        ["WidenDenunciationCheck"] = Head, ["AcceptDenunciation"] = Head, ["RefuseDenunciation"] = Head,
        ["NotifyDenunciationParties"] = Head, ["ExtendDenunciationSettlement"] = Head, ["ConcludeDenunciation"] = Head,
        ["AssignDenunciationVerifier"] = Head, ["RecordDenunciationVerification"] = Field,
        ["SubmitLateSettlementReport"] = Head, ["DemandLateSettlementReport"] = [OutreachRoles.Committee],

        // Personal data and the organisation.
        ["EraseCitizenData"] = Admin,
        ["RegisterUnit"] = Admin, ["AssignCadre"] = Admin, ["ReleaseCadre"] = Admin, ["AppointUnitHead"] = Admin,
        ["FormVisitingGroup"] = [OutreachRoles.UnitHead, OutreachRoles.Administrator],

        // Visits and difficulties: the cadres in the field; escalations are answered by the person they wait on.
        ["PlanVisit"] = Field, ["ArrangeVisit"] = Field, ["AttendMeeting"] = Field, ["GiveGuidance"] = Field,
        ["JoinCommunityWork"] = Field, ["DeliverOutreach"] = Field, ["HearResident"] = Field, ["FileVisitReport"] = Field,
        ["CancelVisit"] = Field, ["RecordMissedVisit"] = Field,
        ["RaiseDifficulty"] = Field, ["ResolveOnSite"] = Field, ["EscalateDifficulty"] = Field, ["DeliverSolution"] = Field,
        ["AnswerEscalation"] = Escalations, ["AssignDifficulty"] = Escalations, ["RequestInformation"] = Escalations,

        // The rota is kept by the heads and adopted by the committee.
        ["RecordRota"] = Escalations, ["SwapRotaVisits"] = Escalations, ["CancelRotaVisit"] = Escalations, ["ReassignRotaVisit"] = Escalations,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The roles that may record <paramref name="descriptor"/>'s command; empty when no role may (it is not offered over HTTP).</summary>
    public static IReadOnlyList<string> RolesFor(CommandDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return Table.GetValueOrDefault(descriptor.Name) ?? [];
    }

    /// <summary>Refuses, before anything is read or recorded, a person whose roles do not allow the command.</summary>
    /// <exception cref="AccessDeniedException">None of the person's roles may record this step.</exception>
    public static void EnsureAllowed(OutreachPerson person, CommandDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(person);
        var roles = RolesFor(descriptor);
        if (!roles.Any(person.Holds))
        {
            throw roles.Count == 0
                ? new AccessDeniedException("access.command-not-offered", descriptor.Name)
                : new AccessDeniedException("access.command-role", descriptor.Name, OutreachRoles.Named(roles));
        }
    }
}

/// <summary>
/// Whose work a person sees. Committee, auditors and administrators see everything; a cadre or a unit head sees the
/// work of the units they belong to (as member or head on the day): its visits, the difficulties waiting on its people,
/// and the cases its people received or verify. Programme-wide tallies without names (coverage, guidance topics, cases per
/// locality) are open to every signed-in role.
/// </summary>
public sealed class ReadScope
{
    private readonly FrozenSet<Guid> _units;
    private readonly FrozenSet<string> _people;
    private readonly IReadOnlyList<UnitMember> _members;

    private ReadScope(bool everything, IEnumerable<Guid> units, IEnumerable<string> people, IEnumerable<UnitMember> members)
    {
        IsEverything = everything;
        _units = units.ToFrozenSet();
        _people = people.ToFrozenSet(StringComparer.Ordinal);
        _members = [.. members];
    }

    /// <summary>The whole programme.</summary>
    public static ReadScope Everything { get; } = new(true, [], [], []);

    /// <summary>True when nothing is hidden.</summary>
    public bool IsEverything { get; }

    /// <summary>The units whose work is seen (empty for <see cref="Everything"/>).</summary>
    public IReadOnlySet<Guid> Units => _units;

    /// <summary>The scope of <paramref name="person"/> on <paramref name="on"/>, read from the unit documents.</summary>
    public static async Task<ReadScope> OfAsync(IQuerySession session, OutreachPerson person, DateOnly on, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(person);
        if (person.ReadsEverything)
        {
            return Everything;
        }

        return Of(await session.Query<Unit>().ToListAsync(cancellation).ConfigureAwait(false), person, on);
    }

    /// <summary>The scope of <paramref name="person"/> on <paramref name="on"/> among <paramref name="units"/> (every unit document).</summary>
    public static ReadScope Of(IReadOnlyList<Unit> units, OutreachPerson person, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(person);
        if (person.ReadsEverything)
        {
            return Everything;
        }

        var own = units.Where(u => u.Members.Any(m => m.CadreCode == person.StaffCode) || u.HeadOn(on) == person.StaffCode).ToList();
        var people = own.SelectMany(u => u.Members.Select(m => m.CadreCode).Concat(u.Groups.Select(g => g.GroupCode)).Append(u.Code))
            .Append(person.StaffCode);
        return new ReadScope(false, own.Select(u => u.Id), people, own.SelectMany(u => u.Members));
    }

    /// <summary>The people, groups and units whose work is seen (empty for <see cref="Everything"/>).</summary>
    public IReadOnlySet<string> People => _people;

    /// <summary>
    /// True when the scope covers work done by or waiting on <paramref name="staffCode"/>: a person, a group or a unit
    /// code, or a member of the person's units as a paper record names them (<see cref="UnitMember.IsNamedBy"/>).
    /// </summary>
    public bool SeesPerson(string? staffCode)
        => IsEverything || (staffCode is not null && (_people.Contains(staffCode) || _members.Any(m => m.IsNamedBy(staffCode))));

    /// <summary>
    /// <see cref="SeesCase"/> as a query the database answers: received or verified by a code of the scope, by a member's
    /// full name, or by a full name with an office in brackets.
    /// </summary>
    public System.Linq.Expressions.Expression<Func<Case, bool>> CasePredicate()
    {
        if (IsEverything)
        {
            return c => true;
        }

        var codes = _people.Concat(_members.Select(m => m.FullName)).Distinct(StringComparer.Ordinal).ToArray();
        System.Linq.Expressions.Expression<Func<Case, bool>> byCode = c => c.ReceivedBy.IsOneOf(codes) || c.Legal.Verifier.IsOneOf(codes);
        var body = byCode.Body;
        foreach (var prefix in _members.Select(m => m.FullName + " (").Distinct(StringComparer.Ordinal))
        {
            System.Linq.Expressions.Expression<Func<Case, bool>> named = c => c.ReceivedBy.StartsWith(prefix) || (c.Legal.Verifier != null && c.Legal.Verifier.StartsWith(prefix));
            body = System.Linq.Expressions.Expression.OrElse(body, new SameParameter(named.Parameters[0], byCode.Parameters[0]).Visit(named.Body));
        }

        return System.Linq.Expressions.Expression.Lambda<Func<Case, bool>>(body, byCode.Parameters);
    }

    /// <summary>Rewrites one lambda's parameter into another's, so that their bodies can be joined.</summary>
    private sealed class SameParameter(System.Linq.Expressions.ParameterExpression from, System.Linq.Expressions.ParameterExpression to) : System.Linq.Expressions.ExpressionVisitor
    {
        protected override System.Linq.Expressions.Expression VisitParameter(System.Linq.Expressions.ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>True when the scope covers the unit.</summary>
    public bool SeesUnit(Guid unitId) => IsEverything || _units.Contains(unitId);

    /// <summary>True when the case was received or is verified by someone in scope.</summary>
    public bool SeesCase(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return IsEverything || SeesPerson(@case.ReceivedBy) || SeesPerson(@case.Legal.Verifier);
    }

    /// <summary>True when the visit is sent by a unit in scope or made by someone in scope.</summary>
    public bool SeesVisit(Visits.Visit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return IsEverything || SeesUnit(visit.UnitId) || visit.Visitors.Any(SeesPerson);
    }

    /// <summary>True when the difficulty was raised in a unit in scope, or is raised by, assigned to or waiting on someone in scope.</summary>
    public bool SeesDifficulty(Difficulties.Difficulty difficulty)
    {
        ArgumentNullException.ThrowIfNull(difficulty);
        return IsEverything || SeesUnit(difficulty.UnitId) || SeesPerson(difficulty.RaisedBy) || SeesPerson(difficulty.AssignedTo) || SeesPerson(difficulty.AwaitingResponseFrom);
    }

    /// <summary>Refuses a visit outside the scope.</summary>
    /// <exception cref="AccessDeniedException">Neither the visit's unit nor its visitors are in the person's units.</exception>
    public void EnsureSeesVisit(Visits.Visit visit)
    {
        if (!SeesVisit(visit))
        {
            throw new AccessDeniedException("access.visit-outside-scope", visit.Id);
        }
    }

    /// <summary>Refuses a difficulty outside the scope.</summary>
    /// <exception cref="AccessDeniedException">The difficulty belongs to none of the person's units or people.</exception>
    public void EnsureSeesDifficulty(Difficulties.Difficulty difficulty)
    {
        if (!SeesDifficulty(difficulty))
        {
            throw new AccessDeniedException("access.difficulty-outside-scope", difficulty.Id);
        }
    }

    /// <summary>Refuses a case outside the scope.</summary>
    /// <exception cref="AccessDeniedException">The case is neither received nor verified in the person's units.</exception>
    public void EnsureSeesCase(Case @case)
    {
        if (!SeesCase(@case))
        {
            throw new AccessDeniedException("access.case-outside-scope", @case.Number ?? @case.Id.ToString());
        }
    }
}
