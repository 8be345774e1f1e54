using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Outreach.Web.Dashboard;

namespace Outreach.Web;

/// <summary>One legal period in the JSON audit report.</summary>
/// <param name="Step">The period.</param>
/// <param name="Citation">Law and article.</param>
/// <param name="RuleSet">The rule set.</param>
/// <param name="Days">Its length.</param>
/// <param name="Basis">Calendar or working days.</param>
/// <param name="StartsAfter">Its trigger date.</param>
/// <param name="Due">Its last day (null while paused).</param>
/// <param name="Outcome">Met, missed, ended, open, overdue, or a citizen's window.</param>
/// <param name="DaysLate">Days after the last day, when late or overdue.</param>
/// <param name="Responsible">Who answers for a missed or overdue step (the competent person when the record names one).</param>
/// <param name="Competent">The person competent for the period (who accepted the round, signed the decision…), if recorded.</param>
/// <param name="LastActor">Who last acted before a missed or overdue period ended or the report's date.</param>
/// <param name="ClosedOn">When the period closed.</param>
/// <param name="ClosedBy">Who closed it.</param>
/// <param name="ClosedByVersion">The step that closed it.</param>
/// <param name="Text">The outcome in the reader's language.</param>
internal sealed record AuditDeadlineAnswer(
    DeadlineStep Step, string Citation, string RuleSet, int Days, DayBasis Basis, DateOnly StartsAfter, DateOnly? Due, DeadlineOutcome Outcome,
    int? DaysLate, string? Responsible, string? Competent, string? LastActor, DateOnly? ClosedOn, string? ClosedBy, long? ClosedByVersion, string Text);

/// <summary>One recorded step in the JSON audit report (its sentence, never the raw event: a denouncer is never named).</summary>
/// <param name="Version">Its position in the stream.</param>
/// <param name="Section">Which of the auditor's questions it answers.</param>
/// <param name="EventType">Its type.</param>
/// <param name="Actor">Who took it, as recorded.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="RecordedAt">When it was written.</param>
/// <param name="RecordedByDatabaseClock">Whether <paramref name="RecordedAt"/> is the chain link's database clock.</param>
/// <param name="IsBackFilled">Recorded more than a day after it happened.</param>
/// <param name="Recipients">Who a notice or decision went to.</param>
/// <param name="Text">What it records, in the reader's language.</param>
internal sealed record AuditStepAnswer(
    long Version, AuditSection Section, string EventType, string Actor, DateTimeOffset OccurredAt, DateTimeOffset RecordedAt, bool RecordedByDatabaseClock,
    bool IsBackFilled, IReadOnlyList<NoticeParty> Recipients, string Text);

/// <summary>The case's hash-chain check.</summary>
/// <param name="Passed">Nothing was altered.</param>
/// <param name="Events">Events recomputed.</param>
/// <param name="Text">The library's sentence: intact, or what was altered first.</param>
internal sealed record AuditIntegrityAnswer(bool Passed, long Events, string Text);

/// <summary>The auditor's report of a case as JSON (the console's <c>audit case --json</c>).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Number">Its file number.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Status">Its status.</param>
/// <param name="LocalityCode">Where it was raised.</param>
/// <param name="AsOf">The day deadlines are judged on.</param>
/// <param name="Version">The last event included.</param>
/// <param name="Deadlines">Every legal period.</param>
/// <param name="Steps">Every step.</param>
/// <param name="Integrity">The hash-chain check.</param>
internal sealed record AuditAnswer(
    Guid CaseId, string? Number, CaseKind Kind, CaseStatus Status, string LocalityCode, DateOnly AsOf, long Version,
    IReadOnlyList<AuditDeadlineAnswer> Deadlines, IReadOnlyList<AuditStepAnswer> Steps, AuditIntegrityAnswer? Integrity);

/// <summary>The auditor's report of a case over HTTP: <c>/api/cases/{idOrNumber}/audit</c> (JSON) and <c>/cases/{idOrNumber}/audit.html</c>.</summary>
internal static partial class AuditEndpoints
{
    /// <summary>Maps both.</summary>
    public static WebApplication MapOutreachAudit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Signed in, and within the reader's scope (ReadScope), as every other read of a case.
        app.MapGroup("/api/cases").RequireOutreachPerson().WithTags("Cases").ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status403Forbidden)
            .MapGet("/{idOrNumber}/audit", ReportAsync).WithName("GetCaseAudit")
            .WithSummary("The auditor's report of a case: every legal period met or missed, every step with both times, the hash-chain check.");
        app.MapGroup("/cases").RequireOutreachPerson().MapGet("/{idOrNumber}/audit.html", HtmlAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<AuditAnswer>> ReportAsync(string idOrNumber, HttpContext context, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var report = await LoadAsync(context, store, idOrNumber, clock, ct).ConfigureAwait(false);
        var t = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" ? CaseText.English : CaseText.Vietnamese;
        return TypedResults.Ok(new AuditAnswer(
            report.CaseId, report.Number, report.Kind, report.Status, report.LocalityCode, report.AsOf, report.Version,
            [.. report.Deadlines.Select(d => new AuditDeadlineAnswer(d.Deadline.Step, d.Deadline.Citation, d.Deadline.RuleSet, d.Deadline.Days, d.Deadline.Basis,
                d.Deadline.StartsAfter, d.Deadline.Due, d.Outcome, d.DaysLate, d.Responsible, d.Competent, d.LastActor, d.ClosedOn, d.ClosedBy, d.ClosedByVersion, t.Outcome(d, report.AsOf)))],
            [.. report.Entries.Select(e => new AuditStepAnswer(e.Version, e.Section, e.EventType, e.Actor, e.OccurredAt, e.RecordedAt, e.RecordedByDatabaseClock,
                e.IsBackFilled, e.Recipients, t.Describe(e.Data)))],
            report.Integrity is { } i ? new AuditIntegrityAnswer(i.Passed, i.Events, IntegrityText(i, t.Culture)) : null));
    }

    /// <summary>The library's words for a hash-chain check.</summary>
    public static string IntegrityText(Audit.ChainVerification integrity, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(integrity);
        return integrity.Passed
            ? OutreachText.Format("chain.intact", culture, integrity.Events)
            : OutreachText.Format("chain.altered", culture, integrity.FirstBroken!.ExplanationIn(culture));
    }

    /// <summary>
    /// The self-contained report (<see cref="AuditHtml"/>), in the page's language. Its one inline stylesheet is allowed
    /// by its hash, nothing else: no script may run in it.
    /// </summary>
    private static async Task<ContentHttpResult> HtmlAsync(
        string idOrNumber, HttpContext context, IDocumentStore store, IOptions<OutreachOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var report = await LoadAsync(context, store, idOrNumber, clock, ct).ConfigureAwait(false);
        var t = DashboardText.For(context).Case;
        var html = AuditHtml.Render(report, t, clock.GetUtcNow(), options.Value.Localities.NameOn(report.LocalityCode, VietnamTime.DateOf(report.Entries[0].OccurredAt)));
        var styles = StyleBlock().Matches(html).Select(m => "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(m.Groups[1].Value))) + "'");
        context.Response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src {string.Join(' ', styles)}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static async Task<CaseAuditReport> LoadAsync(HttpContext context, IDocumentStore store, string idOrNumber, TimeProvider clock, CancellationToken ct)
    {
        Case current;
        await using (var query = store.QuerySession())
        {
            current = await CaseQueries.FindAsync(query, idOrNumber, ct).ConfigureAwait(false)
                ?? throw (Guid.TryParse(idOrNumber, out var id) ? new CaseNotFoundException(id) : new CaseNotFoundException(idOrNumber));
            (await ReadEndpoints.ScopeAsync(context, query, clock, ct).ConfigureAwait(false)).EnsureSeesCase(current);
        }

        return await CaseAudit.LoadAsync(store, current.Id, today: VietnamTime.Today(clock), cancellation: ct).ConfigureAwait(false)
            ?? throw new CaseNotFoundException(current.Id);
    }

    [GeneratedRegex("<style>(.*?)</style>", RegexOptions.Singleline)]
    private static partial Regex StyleBlock();
}
