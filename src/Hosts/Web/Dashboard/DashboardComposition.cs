using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Outreach.Web.Components;

namespace Outreach.Web.Dashboard;

/// <summary>
/// The dashboard (issue 11): server-rendered Razor components without interactivity, the language switch, the case audit
/// endpoints and the security headers. Two calls in <c>Program.cs</c>: <see cref="AddOutreachDashboard"/> and
/// <see cref="MapOutreachDashboard"/>.
/// </summary>
internal static class DashboardComposition
{
    /// <summary>
    /// The content security policy of every answer: scripts, styles and images from the host only, no inline script or
    /// style, no framing, forms posted only to the host.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /// <summary>Registers static server rendering of the pages, antiforgery and authorization.</summary>
    public static IServiceCollection AddOutreachDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAuthorization();
        return services;
    }

    /// <summary>Adds the security headers and maps the pages, their stylesheet, the language switch and the case audit endpoints.</summary>
    public static WebApplication MapOutreachDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // An answer that needs its own policy (the self-contained audit report) sets it first.
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.UseAntiforgery();
        // Plain static files: MapStaticAssets adds, in Development, a GET-only catch-all that turns every unknown POST into 405.
        app.UseStaticFiles();
        app.MapGet("/culture", SwitchCulture).ExcludeFromDescription();
        app.MapOutreachAudit();
        app.MapRazorComponents<App>().Add(endpoint =>
        {
            // The pages are read with GET; no page takes a form of its own (the sign-in form posts to POST /signin).
            endpoint.Metadata.Add(new HttpMethodMetadata(["GET"]));
            // POST /signin is the sign-in handler's (ADR 27); the page only shows the form, so it yields to that endpoint.
            if (endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/signin" } page)
            {
                page.Order = 1;
            }
        });
        return app;
    }

    /// <summary>
    /// <c>GET /culture?c=en&amp;returnUrl=/cases</c>: remembers the reader's language in the <c>.AspNetCore.Culture</c>
    /// cookie and goes back to the page, which must be on this host (anything else goes to the overview).
    /// </summary>
    private static RedirectHttpResult SwitchCulture(string? c, string? returnUrl, HttpContext context)
    {
        var culture = c is "en" ? "en" : "vi";
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture))),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps });
        return TypedResults.Redirect(IsLocal(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>A path on this host: starts with one slash, not <c>//</c> or <c>/\</c> (another host), no control characters.</summary>
    public static bool IsLocal(string? url)
        => url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
