using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.RateLimiting;
using System.Xml;
using Marten;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Outreach.Deadlines;
using Outreach.Open311;

namespace Outreach.Web;

/// <summary>
/// GeoReport v2 (Open311) over the petitions, for other municipal systems: <c>/open311/discovery</c> and
/// <c>/open311/v2/…</c>, each in <c>.json</c> or <c>.xml</c>. The library maps cases to service requests and checks the
/// input (<c>Outreach.Open311</c>); this file only translates HTTP, writes the two formats and limits the request rate.
/// </summary>
internal static class Open311Endpoints
{
    /// <summary>The rate-limiting policy of the Open311 endpoints (and of nothing else).</summary>
    public const string RatePolicy = "open311";

    /// <summary>Where the caller's api_key, once resolved to the name of the system holding it, waits for the rate limiter.</summary>
    internal const string ClientItem = "open311.client";

    /// <summary>When the published interface last changed (discovery's <c>changeset</c>).</summary>
    private static readonly DateTimeOffset Changeset = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Binds <c>Open311</c> (keys, answerable body, limits) and registers the Open311 rate-limiting policy.</summary>
    public static IServiceCollection AddOpen311(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<Open311Options>(configuration.GetSection("Open311"));
        services.AddOptions<Open311RateLimits>().BindChecked(configuration.GetSection("Open311:RateLimit"))
            .Validate(l => l.PermitLimit > 0 && l.KeyPermitLimit > 0 && l.WindowSeconds > 0, OutreachText.Get("options.open311-rate"))
            .ValidateOnStart();
        services.AddRateLimiter(o => o.AddPolicy<string, Open311RatePolicy>(RatePolicy));
        return services;
    }

    /// <summary>Maps the GeoReport v2 endpoints behind their own rate limit; <c>/api</c> is not limited.</summary>
    public static WebApplication MapOpen311(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/open311", StringComparison.OrdinalIgnoreCase), branch => branch.Use(ResolveClientAsync).Use(ResolveJurisdictionAsync));
        app.UseRateLimiter();

        var open311 = app.MapGroup("/open311").RequireRateLimiting(RatePolicy).AddEndpointFilter(RefusalsAsync).WithTags("Open311").ExcludeFromDescription();
        open311.MapGet("/discovery.{format}", Discovery);
        var v2 = open311.MapGroup("/v2");
        v2.MapGet("/services.{format}", Services);
        v2.MapGet("/services/{code}.{format}", Definition);
        v2.MapGet("/requests.{format}", SearchAsync);
        v2.MapPost("/requests.{format}", PostAsync).DisableAntiforgery();
        // A registry number holds slashes (12/2024/TCD): the rest of the path is the id, then the format.
        v2.MapGet("/requests/{**idAndFormat}", RequestAsync);
        v2.MapGet("/tokens/{token}.{format}", TokenAsync);
        return app;
    }

    private static IResult Discovery(string format, HttpContext context, IOptions<Open311Options> options)
    {
        var culture = CultureInfo.CurrentUICulture;
        var url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/open311/v2";
        var endpoint = new Obj([
            new("specification", "http://wiki.open311.org/GeoReport_v2"),
            new("url", url),
            new("changeset", Time(Changeset)),
            new("type", "production"),
            new("formats", new Arr("format", ["text/xml", "application/json"])),
        ]);
        return Answer(format, "discovery", new Obj([
            new("changeset", Time(Changeset)),
            new("contact", options.Value.ContactIn(culture)),
            new("key_service", OutreachText.Get("open311.discovery.key-service", culture)),
            new("endpoints", new Arr("endpoint", [endpoint])),
        ]));
    }

    private static IResult Services(string format)
    {
        var culture = CultureInfo.CurrentUICulture;
        return Answer(format, "services", new Arr("service", [.. Open311Services.All.Select(s => new Obj([
            new("service_code", s.Code),
            new("service_name", s.NameIn(culture)),
            new("description", s.DescriptionIn(culture)),
            new("metadata", false),
            new("type", "realtime"),
            new("keywords", s.Code),
            new("group", Open311Service.GroupIn(culture)),
        ]))]));
    }

    // No service asks for attributes beyond GeoReport's own fields: the definition says so with an empty list.
    private static IResult Definition(string code, string format)
        => Answer(format, "service_definition", new Obj([new("service_code", Open311Services.Find(code).Code), new("attributes", new Arr("attribute", []))]));

    private static async Task<IResult> SearchAsync(
        string format, HttpContext context, IQuerySession session, IOptions<Open311Options> options, IOptions<OutreachOptions> outreach, TimeProvider clock, CancellationToken ct)
    {
        var q = context.Request.Query;
        var query = ServiceRequestQuery.Parse(q["service_request_id"], q["service_code"], q["start_date"], q["end_date"], q["status"], clock.GetUtcNow(), options.Value);
        var rows = await ServiceRequests.SearchAsync(session, query, options.Value, outreach.Value.Localities, CultureInfo.CurrentUICulture, ct).ConfigureAwait(false);
        return Answer(format, "service_requests", Requests(rows));
    }

    private static async Task<IResult> RequestAsync(
        string idAndFormat, IQuerySession session, IOptions<Open311Options> options, IOptions<OutreachOptions> outreach, CancellationToken ct)
    {
        var dot = idAndFormat.LastIndexOf('.');
        var (id, format) = dot > 0 ? (Uri.UnescapeDataString(idAndFormat[..dot]), idAndFormat[(dot + 1)..]) : (idAndFormat, "");
        FormatOf(format);
        var row = await ServiceRequests.FindAsync(session, id, options.Value, outreach.Value.Localities, CultureInfo.CurrentUICulture, ct).ConfigureAwait(false);
        return Answer(format, "service_requests", Requests([row]));
    }

    private static async Task<IResult> TokenAsync(
        string token, string format, IQuerySession session, IOptions<Open311Options> options, IOptions<OutreachOptions> outreach, CancellationToken ct)
    {
        FormatOf(format);
        var row = await ServiceRequests.ByTokenAsync(session, token, options.Value, outreach.Value.Localities, CultureInfo.CurrentUICulture, ct).ConfigureAwait(false);
        return Answer(format, "service_requests", new Arr("request", [new Obj([new("service_request_id", row.ServiceRequestId), new("token", token)])]));
    }

    private static async Task<IResult> PostAsync(
        string format, HttpContext context, OutreachService outreach, IOptions<Open311Options> options, IOptions<OutreachOptions> settings, TimeProvider clock, CancellationToken ct)
    {
        FormatOf(format);
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(ct).ConfigureAwait(false) : FormCollection.Empty;
        string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : context.Request.Query[name].ToString();
        var client = options.Value.ClientOf(Field("api_key"));
        var submission = new ServiceRequestSubmission(Field("service_code"), Field("description"), Field("address_id"), Field("first_name"), Field("last_name"), Field("phone"));
        var example = settings.Value.Localities.InForce(VietnamTime.Today(clock), communeLevelOnly: true) is [var first, ..] ? first.Code : "";
        var command = submission.ToCommand(Guid.NewGuid(), client, clock.GetUtcNow(), example);
        await outreach.HandleAsync(command, cancellation: ct).ConfigureAwait(false);
        var id = command.CaseId.ToString();
        return Answer(format, "service_requests", new Arr("request", [new Obj([
            new("service_request_id", id),
            new("token", id),
            new("service_notice", OutreachText.Get("open311.service-notice", CultureInfo.CurrentUICulture)),
            new("account_id", null),
        ])]), StatusCodes.Status201Created);
    }

    private static Arr Requests(IEnumerable<ServiceRequest> rows) => new("request", [.. rows.Select(r => new Obj([
        new("service_request_id", r.ServiceRequestId),
        new("status", r.Status),
        new("status_notes", r.StatusNotes),
        new("service_name", r.Service.NameIn(CultureInfo.CurrentUICulture)),
        new("service_code", r.Service.Code),
        new("agency_responsible", r.AgencyResponsible),
        new("service_notice", null),
        new("requested_datetime", Time(r.RequestedAt)),
        new("updated_datetime", Time(r.UpdatedAt)),
        new("expected_datetime", r.ExpectedAt is { } e ? Time(e) : null),
        new("address", r.Address),
        new("address_id", r.AddressId),
    ]))]);

    /// <summary>GeoReport's date and time: UTC, to the second, with <c>Z</c>.</summary>
    internal static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The format the path ends with; anything but json or xml is refused (<c>open311.format</c>).</summary>
    private static bool FormatOf(string format) => format switch
    {
        "xml" => true,
        "json" => false,
        _ => throw new CommandInputException("open311.format", format),
    };

    private static Open311Result Answer(string format, string root, object body, int status = StatusCodes.Status200OK) => new(status, root, body, FormatOf(format));

    /// <summary>Every refusal of the library as GeoReport's error list, in the request's format and language.</summary>
    private static async ValueTask<object?> RefusalsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (Failures.Describe(exception, CultureInfo.CurrentUICulture) is { } failure)
        {
            // GeoReport knows 400, 403 and 404: a rule that refuses a posted petition (a locality no longer in force) is a 400.
            var status = failure.HttpStatus == StatusCodes.Status422UnprocessableEntity ? StatusCodes.Status400BadRequest : failure.HttpStatus;
            var errors = failure.Fields.Count > 0
                ? failure.Fields.Select(f => (f.Code, f.Message))
                : [(failure.Code, failure.Message)];
            return Errors(context.HttpContext, status, errors);
        }
    }

    /// <summary>GeoReport's errors: one <c>error</c> per problem, with the HTTP status as <c>code</c> and the library's stable code as <c>outreach_code</c>.</summary>
    internal static Open311Result Errors(HttpContext context, int status, IEnumerable<(string Code, string Message)> errors)
        => new(status, "errors", new Arr("error", [.. errors.Select(e => new Obj([new("code", status), new("description", e.Message), new("outreach_code", e.Code)]))]),
            context.Request.Path.Value?.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Resolves the caller's api_key (query or form) to the system holding it, for the per-key rate limit; never refuses.</summary>
    private static async Task ResolveClientAsync(HttpContext context, RequestDelegate next)
    {
        // A form that cannot be read has no key: the caller counts against its address; the endpoint refuses the form.
        var key = await ParameterAsync(context, "api_key").ConfigureAwait(false);

        if (context.RequestServices.GetRequiredService<IOptions<Open311Options>>().Value.FindClient(key) is { } client)
        {
            context.Items[ClientItem] = client;
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// A GeoReport parameter from the query or, when the query lacks it, from the posted form; null when neither has it or
    /// the form cannot be read (the endpoint refuses such a form itself).
    /// </summary>
    private static async Task<string?> ParameterAsync(HttpContext context, string name)
    {
        string? value = context.Request.Query[name];
        if (string.IsNullOrEmpty(value) && HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
        {
            try
            {
                value = (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))[name];
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
            {
                value = null;
            }
        }

        return value;
    }

    /// <summary>
    /// Binds the request to the tenant its <c>jurisdiction_id</c> (query or form) names, on a host of every tenant (ADR 37):
    /// a jurisdiction the host does not serve is refused (404), and so is a request about cases that names none (400). A
    /// host of one tenant refuses another tenant's code; a single-city host ignores the parameter, as GeoReport allows.
    /// </summary>
    private static async Task ResolveJurisdictionAsync(HttpContext context, RequestDelegate next)
    {
        var tenancy = context.RequestServices.GetRequiredService<WebTenancy>();
        if (!tenancy.HasTenants)
        {
            // A single-city host ignores the parameter, as GeoReport allows; its form is not read for it.
            await next(context).ConfigureAwait(false);
            return;
        }

        var id = await ParameterAsync(context, "jurisdiction_id").ConfigureAwait(false);
        id = string.IsNullOrWhiteSpace(id) ? null : id.Trim();
        var culture = CultureInfo.CurrentUICulture;
        if (id is not null && !tenancy.Serves(id))
        {
            await Errors(context, StatusCodes.Status404NotFound,
                [("open311.jurisdiction-unknown", OutreachText.Format("open311.jurisdiction-unknown", culture, id, tenancy.Codes))]).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        // A signed-in caller acts as themselves (their staff code is the actor): only in their own tenant.
        if (tenancy.All is not null && id is not null && context.User.Identity?.IsAuthenticated == true
            && Outreach.Access.OutreachPerson.TenantOf(context.User) is { } claimed && !string.Equals(claimed, id, StringComparison.Ordinal))
        {
            await Errors(context, StatusCodes.Status403Forbidden,
                [("open311.jurisdiction-not-yours", OutreachText.Format("open311.jurisdiction-not-yours", culture, claimed, id))]).ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (tenancy.All is not null)
        {
            // requests.json, requests/{id}.xml, tokens/{token}.json: every path that reads or records a case.
            var path = context.Request.Path.Value ?? "";
            var aboutCases = path.StartsWith("/open311/v2/requests", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/open311/v2/tokens", StringComparison.OrdinalIgnoreCase);
            if (id is null && aboutCases)
            {
                await Errors(context, StatusCodes.Status400BadRequest,
                    [("open311.jurisdiction-required", OutreachText.Format("open311.jurisdiction-required", culture, tenancy.Codes))]).ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            if (id is not null)
            {
                context.Items[WebTenancy.ItemKey] = id;
            }
        }

        await next(context).ConfigureAwait(false);
    }
}

/// <summary>The Open311 rate limits (<c>Open311:RateLimit</c>): fixed windows per client IP, and per api_key for callers that give one.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Bound from configuration by the options system.")]
internal sealed class Open311RateLimits
{
    /// <summary>Requests one IP address may make in a window without an api_key (default 60).</summary>
    public int PermitLimit { get; set; } = 60;

    /// <summary>Requests one api_key may make in a window (default 600).</summary>
    public int KeyPermitLimit { get; set; } = 600;

    /// <summary>The window's length in seconds (default 60).</summary>
    public int WindowSeconds { get; set; } = 60;
}

/// <summary>
/// The Open311 rate-limiting policy: a caller with an issued api_key counts against its key, any other caller against its
/// IP address; over the limit, GeoReport's error list with 429 and <c>Retry-After</c>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1812", Justification = "Created by the rate limiter from AddPolicy<string, Open311RatePolicy>.")]
internal sealed class Open311RatePolicy(IOptions<Open311RateLimits> limits) : IRateLimiterPolicy<string>
{
    /// <inheritdoc />
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => RejectAsync;

    /// <inheritdoc />
    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        var l = limits.Value;
        var window = TimeSpan.FromSeconds(Math.Max(1, l.WindowSeconds));
        return httpContext.Items[Open311Endpoints.ClientItem] is string client
            ? RateLimitPartition.GetFixedWindowLimiter("key:" + client, _ => Window(l.KeyPermitLimit, window))
            : RateLimitPartition.GetFixedWindowLimiter("ip:" + httpContext.Connection.RemoteIpAddress, _ => Window(l.PermitLimit, window));
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window)
        => new() { PermitLimit = Math.Max(1, permits), Window = window, QueueLimit = 0, AutoReplenishment = true };

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellation)
    {
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? (int)Math.Ceiling(retry.TotalSeconds) : 60;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = OutreachText.Format("open311.rate-limited", CultureInfo.CurrentUICulture, seconds);
        await Open311Endpoints.Errors(context.HttpContext, StatusCodes.Status429TooManyRequests, [("open311.rate-limited", message)])
            .ExecuteAsync(context.HttpContext).ConfigureAwait(false);
    }
}

/// <summary>A field of an Open311 answer: a string, number, boolean, null, <see cref="Obj"/> or <see cref="Arr"/>.</summary>
internal sealed record Field(string Name, object? Value);

/// <summary>An object: a JSON object, or the fields as child elements in XML.</summary>
internal sealed record Obj(IReadOnlyList<Field> Fields);

/// <summary>A list: a JSON array, or one <paramref name="Item"/> element per entry in XML.</summary>
internal sealed record Arr(string Item, IReadOnlyList<object?> Items);

/// <summary>An Open311 answer written as GeoReport v2 shows it: JSON, or XML under <paramref name="root"/> (UTF-8, with the declaration).</summary>
internal sealed class Open311Result(int status, string root, object body, bool xml) : IResult
{
    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        using var buffer = new MemoryStream();
        if (xml)
        {
            var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = false };
            using (var writer = XmlWriter.Create(buffer, settings))
            {
                writer.WriteStartDocument();
                writer.WriteStartElement(root);
                WriteXml(writer, body);
                writer.WriteEndElement();
                writer.WriteEndDocument();
            }

            httpContext.Response.ContentType = "text/xml; charset=utf-8";
        }
        else
        {
            // Vietnamese as it is (UTF-8), not as \u escapes: the body is JSON, never HTML.
            using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                WriteJson(writer, body);
            }

            httpContext.Response.ContentType = "application/json; charset=utf-8";
        }

        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentLength = buffer.Length;
        await httpContext.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), httpContext.RequestAborted).ConfigureAwait(false);
    }

    private static void WriteXml(XmlWriter writer, object? value)
    {
        switch (value)
        {
            case Obj o:
                foreach (var field in o.Fields)
                {
                    writer.WriteStartElement(field.Name);
                    WriteXml(writer, field.Value);
                    writer.WriteEndElement();
                }

                break;
            case Arr a:
                foreach (var item in a.Items)
                {
                    writer.WriteStartElement(a.Item);
                    WriteXml(writer, item);
                    writer.WriteEndElement();
                }

                break;
            case bool b:
                writer.WriteString(b ? "true" : "false");
                break;
            case null:
                break;
            default:
                writer.WriteString(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case Obj o:
                writer.WriteStartObject();
                foreach (var field in o.Fields)
                {
                    writer.WritePropertyName(field.Name);
                    WriteJson(writer, field.Value);
                }

                writer.WriteEndObject();
                break;
            case Arr a:
                writer.WriteStartArray();
                foreach (var item in a.Items)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case int i:
                writer.WriteNumberValue(i);
                break;
            case null:
                writer.WriteNullValue();
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
