using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Outreach.Access;

namespace Outreach.Web;

/// <summary>
/// Who is calling (ADR 31): a JWT bearer token from any OpenID Connect provider (<c>Authentication:Schemes:Bearer</c> in
/// the configuration: an authority, or issuer, audiences and signing keys as <c>dotnet user-jwts</c> writes them), or the
/// dashboard's sign-in cookie, issued in exchange for such a token. What a person may do is the library's
/// <see cref="CommandAccess"/> and <see cref="ReadScope"/>; the host only establishes who they are.
/// </summary>
internal static class WebIdentity
{
    /// <summary>The scheme that picks the bearer token when an <c>Authorization</c> header is sent, else the cookie.</summary>
    public const string Scheme = "outreach";

    /// <summary>How long a dashboard sign-in lasts at most (never beyond the token it was exchanged for).</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    /// <summary>Registers the schemes, the signed-in actor, and problem-details answers for 401 and 403 on the API.</summary>
    public static IServiceCollection AddOutreachIdentity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IActorSource>(sp => new SignedInActor(sp.GetRequiredService<IHttpContextAccessor>()));
        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(new ProblemAuthorizationResults());
        services.AddAntiforgery();
        // The cookie's keys live in the deployment's key folder, so that every instance sharing it reads every other's sign-in.
        // A host of every tenant keeps them in the deployment's own key folder, beside the tenants' folders.
        services.AddDataProtection().SetApplicationName("outreach-web");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((keys, sp) => keys.XmlRepository =
                new FileSystemXmlRepository(
                    new DirectoryInfo(Path.Combine(SignInKeyFolder(sp), "web-sign-in")), NullLoggerFactory.Instance));
        services.AddAuthorization();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, null, o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? JwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            // Authority, audiences, issuers and keys are bound by the framework from Authentication:Schemes:Bearer.
            .AddJwtBearer()
            .AddCookie(o =>
            {
                o.Cookie.Name = "outreach.signin";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/signin";
                o.AccessDeniedPath = "/signin";
                o.ExpireTimeSpan = CookieLifetime;
                // A page asked for without a sign-in goes to the sign-in page, which comes back to it (a path on this host).
                o.Events.OnRedirectToLogin = context =>
                {
                    context.Response.Redirect("/signin?returnUrl=" + Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString));
                    return Task.CompletedTask;
                };
                o.SlidingExpiration = false;
            });
        return services;
    }

    private static string SignInKeyFolder(IServiceProvider services)
        => services.GetRequiredService<WebTenancy>().All is null
            ? services.GetRequiredService<IOptions<OutreachOptions>>().Value.KeyFolder
            : services.GetRequiredService<IConfiguration>()[OutreachRegistration.SectionName + ":" + nameof(OutreachOptions.KeyFolder)] ?? new OutreachOptions().KeyFolder;

    /// <summary>Maps <c>POST /signin</c> (a token for a cookie) and <c>POST /signout</c>.</summary>
    public static WebApplication MapOutreachSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/signin", SignInAsync).ExcludeFromDescription();
        app.MapPost("/signout", (Func<HttpContext, Task<IResult>>)SignOutAsync).ExcludeFromDescription();
        return app;
    }

    /// <summary>Refuses, on every endpoint of the group, a signed-in caller without a staff code or an Outreach role (403).</summary>
    public static RouteGroupBuilder RequireOutreachPerson(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.RequireAuthorization().AddEndpointFilter(async (context, next) =>
        {
            _ = PersonOf(context.HttpContext);
            return await next(context).ConfigureAwait(false);
        });
        return group;
    }

    /// <summary>The signed-in person of the request.</summary>
    /// <exception cref="AccessDeniedException">Signed in without a staff code or an Outreach role.</exception>
    public static OutreachPerson PersonOf(HttpContext context) => OutreachPerson.FromClaims(context.User);

    /// <summary>Validates the token exactly as an API call's bearer token is validated, then issues the dashboard's cookie.</summary>
    private static async Task<IResult> SignInAsync(HttpContext context, [FromForm] string? token, [FromForm] string? returnUrl)
    {
        var back = Dashboard.DashboardComposition.IsLocal(returnUrl) ? returnUrl! : "/";
        if (string.IsNullOrWhiteSpace(token))
        {
            return TypedResults.LocalRedirect("/signin?error=access.token-missing&returnUrl=" + Uri.EscapeDataString(back));
        }

        context.Request.Headers.Authorization = "Bearer " + token.Trim();
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme).ConfigureAwait(false);
        if (!result.Succeeded || result.Principal is null)
        {
            return TypedResults.LocalRedirect("/signin?error=access.token-invalid&returnUrl=" + Uri.EscapeDataString(back));
        }

        OutreachPerson person;
        try
        {
            person = OutreachPerson.FromClaims(result.Principal);
        }
        catch (AccessDeniedException refused)
        {
            return TypedResults.LocalRedirect(SignInAgain(refused.Code, OutreachPerson.StaffCodeOf(result.Principal), back));
        }

        string? tenant;
        try
        {
            tenant = context.RequestServices.GetRequiredService<WebTenancy>().TenantOf(result.Principal);
        }
        catch (AccessDeniedException refused)
        {
            return TypedResults.LocalRedirect(SignInAgain(refused.Code, OutreachPerson.TenantOf(result.Principal), back));
        }

        var claims = new List<Claim> { new(ClaimTypes.Name, person.StaffCode) };
        if (tenant is not null)
        {
            claims.Add(new Claim(OutreachPerson.TenantClaim, tenant));
        }

        claims.AddRange(person.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var expires = DateTimeOffset.UtcNow + CookieLifetime;
        if (result.Properties?.ExpiresUtc is { } tokenExpires && tokenExpires < expires)
        {
            expires = tokenExpires;
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role)),
            new AuthenticationProperties { ExpiresUtc = expires, IsPersistent = false }).ConfigureAwait(false);
        return TypedResults.LocalRedirect(back);
    }

    /// <summary>The sign-in page, sent back with the refusal's code and the staff code it names, so that it can say why.</summary>
    public static string SignInAgain(string code, string? staffCode, string returnUrl)
        => "/signin?error=" + Uri.EscapeDataString(code) + (staffCode is { Length: > 0 } who ? "&who=" + Uri.EscapeDataString(who) : "")
           + "&returnUrl=" + Uri.EscapeDataString(returnUrl);

    private static async Task<IResult> SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return TypedResults.LocalRedirect("/signin");
    }

    /// <summary>The actor of every recorded step: the signed-in person's staff code, never a field the client sends.</summary>
    private sealed class SignedInActor(IHttpContextAccessor accessor) : IActorSource
    {
        public string? CurrentActor => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? OutreachPerson.FromClaims(user).StaffCode : null;
    }

    /// <summary>On the API, a missing or refused sign-in is answered with problem details, not a redirect to the sign-in page.</summary>
    private sealed class ProblemAuthorizationResults : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && (authorizeResult.Challenged || authorizeResult.Forbidden))
            {
                if (authorizeResult.Challenged)
                {
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                }

                var (status, code) = authorizeResult.Challenged ? (StatusCodes.Status401Unauthorized, "access.sign-in-required") : (StatusCodes.Status403Forbidden, "access.forbidden");
                await WebComposition.WriteProblemAsync(context, status, code, OutreachText.Get(code, System.Globalization.CultureInfo.CurrentUICulture)).ConfigureAwait(false);
                return;
            }

            await _default.HandleAsync(next, context, policy, authorizeResult).ConfigureAwait(false);
        }
    }
}
