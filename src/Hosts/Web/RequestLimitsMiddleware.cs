using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Outreach.Web;

/// <summary>
/// Holds every request to <c>Web:Limits</c> before an endpoint sees it: a body over <c>MaxRequestBodyBytes</c> is a 413
/// (<c>request.too-large</c>), a JSON body nested deeper than <c>MaxJsonDepth</c> or not JSON at all a 400
/// (<c>request.too-deep</c>, <c>request.malformed-json</c>), through the host's one problem-details writer. A request the
/// framework itself refuses while binding (<see cref="BadHttpRequestException"/>) gets problem details too, never a 500.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by UseMiddleware.")]
internal sealed partial class RequestLimitsMiddleware(RequestDelegate next, IOptions<RequestLimits> limits, ILogger<RequestLimitsMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = limits.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new InputTooLargeException(limit);
        }

        // Kestrel enforces the limit as the body streams in (a chunked body has no length to check up front).
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        try
        {
            if (IsJson(context.Request) && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody is not false)
            {
                await CheckJsonBodyAsync(context, limit, limits.Value.MaxJsonDepth).ConfigureAwait(false);
            }

            if (context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } pattern } && pattern.StartsWith("/openapi/", StringComparison.Ordinal))
            {
                await AsProblemAsync(context, next).ConfigureAwait(false);
            }
            else
            {
                await next(context).ConfigureAwait(false);
            }
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            if (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                throw new InputTooLargeException(limit, ex);
            }

            Refused(logger, ex.StatusCode, ex.Message);
            context.Response.Clear();
            await TypedResults.Problem(StatusProblems.Describe(context, ex.StatusCode)).ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs an endpoint that answers its refusals in plain text (the OpenAPI document's "no document named …") with its
    /// answer held back, and turns a 4xx it wrote into problem details like every other refusal.
    /// </summary>
    private static async Task AsProblemAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        await using var held = new MemoryStream();
        context.Response.Body = held;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is >= 400 and < 500 && context.Response.ContentType?.StartsWith("application/problem+json", StringComparison.Ordinal) is not true)
        {
            var status = context.Response.StatusCode;
            context.Response.Clear();
            await TypedResults.Problem(StatusProblems.Describe(context, status)).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        held.Position = 0;
        await held.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
    }

    private static bool IsJson(HttpRequest request)
        => request.ContentType is { } type && (type.Contains("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads the body (at most <paramref name="limit"/> bytes), checks it is JSON no deeper than allowed, and hands the endpoint a copy.</summary>
    private static async Task CheckJsonBodyAsync(HttpContext context, long limit, int maxDepth)
    {
        var body = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > limit)
                {
                    throw new InputTooLargeException(limit);
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (body.Length > 0)
        {
            CheckJson(new ReadOnlySpan<byte>(body.GetBuffer(), 0, (int)body.Length), maxDepth);
        }

        body.Position = 0;
        context.Request.Body = body;
        context.Response.RegisterForDispose(body);
    }

    private static void CheckJson(ReadOnlySpan<byte> json, int maxDepth)
    {
        // The reader's own bound is one more than ours, so that our refusal (with its code) always comes first.
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = maxDepth + 1 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    throw new CommandInputException("request.too-deep", maxDepth);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new CommandInputException(ex, "request.malformed-json", reader.BytesConsumed);
        }
    }

    [LoggerMessage(EventId = 2911, Level = LogLevel.Debug, Message = "Request refused while binding (HTTP {Status}): {Reason}")]
    private static partial void Refused(ILogger logger, int status, string reason);
}

/// <summary>
/// Problem details for the refusals the framework answers by status alone (no route, wrong method, wrong content type, a
/// binding failure, sign-in's 401 and 403): a stable code, a sentence from the library's resources in the reader's
/// language, and <c>type</c> <c>urn:outreach:problem:&lt;code&gt;</c>, like the library's own refusals.
/// </summary>
internal static class StatusProblems
{
    /// <summary>The problem for <paramref name="status"/> on this request.</summary>
    public static ProblemDetails Describe(HttpContext context, int status)
    {
        var problem = new ProblemDetails { Status = status };
        Fill(problem, context, status);
        return problem;
    }

    /// <summary>The status-code pages' handler: every body-less 4xx/5xx becomes problem details, whatever the client accepts.</summary>
    public static Task WriteAsync(StatusCodeContext context)
        => TypedResults.Problem(Describe(context.HttpContext, context.HttpContext.Response.StatusCode)).ExecuteAsync(context.HttpContext);

    /// <summary>Completes problem details someone else wrote without a code (the library's refusals already have one).</summary>
    public static void Complete(ProblemDetailsContext context)
    {
        if (!context.ProblemDetails.Extensions.ContainsKey("code"))
        {
            Fill(context.ProblemDetails, context.HttpContext, context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode);
        }

        // Never a stack trace in an answer, whatever the environment.
        context.ProblemDetails.Extensions.Remove("exception");
        context.ProblemDetails.Detail = null;
    }

    /// <summary>
    /// The content types the endpoint reads. Routing answers a body it cannot read with an endpoint of its own that names
    /// none: then the API (<c>/api</c>) reads JSON, and the sign-in and Open311's POST read a form.
    /// </summary>
    private static string Accepted(HttpContext context)
        => context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts
            ? string.Join(", ", accepts.ContentTypes)
            : context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/x-www-form-urlencoded";

    private static void Fill(ProblemDetails problem, HttpContext context, int status)
    {
        var culture = CultureInfo.CurrentUICulture;
        var (code, title) = status switch
        {
            StatusCodes.Status400BadRequest => ("request.bad", OutreachText.Get("request.bad", culture)),
            StatusCodes.Status401Unauthorized => ("request.unauthenticated", OutreachText.Get("request.unauthenticated", culture)),
            StatusCodes.Status403Forbidden => ("request.forbidden", OutreachText.Get("request.forbidden", culture)),
            StatusCodes.Status404NotFound => ("request.not-found", OutreachText.Get("request.not-found", culture)),
            StatusCodes.Status405MethodNotAllowed => ("request.method", OutreachText.Format("request.method", culture, context.Request.Method)),
            StatusCodes.Status413PayloadTooLarge => ("request.too-large", OutreachText.Format("request.too-large", culture,
                context.RequestServices.GetRequiredService<IOptions<RequestLimits>>().Value.MaxRequestBodyBytes)),
            StatusCodes.Status415UnsupportedMediaType => ("request.media-type", OutreachText.Format("request.media-type", culture, Accepted(context))),
            _ => ("request.refused", OutreachText.Format("request.refused", culture, status)),
        };
        problem.Status = status;
        problem.Title = title;
        problem.Type = "urn:outreach:problem:" + code;
        problem.Extensions["code"] = code;
    }
}
