using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;

namespace Outreach.Web;

/// <summary>What the web host adds around the library: languages, problem details with the library's codes, OpenAPI.</summary>
internal static class WebComposition
{
    /// <summary>The languages a reader may ask for with <c>Accept-Language</c> (or <c>?culture=</c>); Vietnamese by default.</summary>
    public static readonly string[] Cultures = ["vi", "en"];

    /// <summary>Registers problem details and the OpenAPI document.</summary>
    public static IServiceCollection AddOutreachWeb(this IServiceCollection services)
    {
        services.AddProblemDetails();
        // Enumerations by name, as in the library's JSON lines and the console's --json: stable for other programs.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi();
        return services;
    }

    /// <summary>Adds the reader's language, the library's refusals as RFC 7807 problem details, and the OpenAPI document.</summary>
    public static WebApplication UseOutreachWeb(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("vi"),
            SupportedCultures = [.. Cultures.Select(CultureInfo.GetCultureInfo)],
            SupportedUICultures = [.. Cultures.Select(CultureInfo.GetCultureInfo)],
        });
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteFailureAsync });
        app.UseStatusCodePages();
        app.MapOpenApi();
        return app;
    }

    /// <summary>Writes the refusal as problem details: the library's code, its sentence in the reader's language, the fields.</summary>
    private static Task WriteFailureAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is Access.AccessDeniedException { Code: "access.no-staff-code" or "access.no-role" or "access.no-tenant" or "access.other-tenant" } refused
            && IsPage(context.Request.Path))
        {
            // A page asked for by someone signed in without a staff code, an Outreach role or a tenant this host serves: the
            // sign-in page says why, in the reader's language, and offers to sign in with another token.
            var who = refused.Code == "access.other-tenant" ? Access.OutreachPerson.TenantOf(context.User) : Access.OutreachPerson.StaffCodeOf(context.User);
            context.Response.Redirect(WebIdentity.SignInAgain(refused.Code, who, context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }

        var failure = exception is null ? null : Failures.Describe(exception, CultureInfo.CurrentUICulture);
        return failure is null
            ? WriteProblemAsync(context, StatusCodes.Status500InternalServerError, "system.internal", OutreachText.Get("system.internal", CultureInfo.CurrentUICulture))
            : WriteProblemAsync(context, failure.HttpStatus, failure.Code, failure.Message, failure.Fields);
    }

    /// <summary>True for the dashboard's pages: not the API, Open311, health or the sign-in handlers.</summary>
    private static bool IsPage(PathString path)
        => !path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/open311", StringComparison.OrdinalIgnoreCase)
           && !path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) && !path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
           && !path.StartsWithSegments("/signin", StringComparison.OrdinalIgnoreCase);

    /// <summary>Answers with an RFC 7807 problem: status, the stable <paramref name="code"/> (also in <c>type</c>), the sentence, the field errors.</summary>
    public static async Task WriteProblemAsync(HttpContext context, int status, string code, string title, IReadOnlyList<FieldFailure>? fields = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = title, Type = "urn:outreach:problem:" + code };
        problem.Extensions["code"] = code;
        if (fields is { Count: > 0 })
        {
            problem.Extensions["errors"] = fields.Select(f => new { field = f.Field, code = f.Code, message = f.Message }).ToArray();
        }

        await TypedResults.Problem(problem).ExecuteAsync(context).ConfigureAwait(false);
    }
}
