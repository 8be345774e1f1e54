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
        return TypedResults.Ok(AuditAnswer.From(report, t));
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
        idOrNumber = ReadEndpoints.Slashed(idOrNumber);
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
