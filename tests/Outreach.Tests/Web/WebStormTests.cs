using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Outreach.Tests.Support;

namespace Outreach.Tests.Web;

/// <summary>
/// A bounded, seeded storm of hostile requests against every route the real host maps (read from its
/// <see cref="EndpointDataSource"/>, so routes added later are stormed too): malformed and oversized bodies, wrong content
/// types, JSON nested 10,000 deep, impossible dates, huge numbers, unicode junk and percent-encoded lone surrogates. Every
/// answer must be 2xx or 4xx, never 5xx, and every 4xx problem details with a code and no stack trace (ADR 27, ADR 29).
/// </summary>
public sealed class WebStormTests
{
    private const int Seed = 20261130;
    private const int RoundsPerRoute = 24;
    private const int UnknownRoutes = 40;

    private static readonly string[] Junk =
    [
        "2026-02-30", "2024-13-01", "0000-00-00", "9999-12-31", "1900-01-01", "-1", "0", "99999999999999999999999999",
        "1e308", "NaN", "true", "null", "%00", "%ED%A0%80", "%F0%9F%92%A9", "%FF%FE", "Ph%C6%B0%E1%BB%9Dng%201", "%E2%80%AE",
        "..%2F..%2Fetc%2Fpasswd", "%27%3B%20drop%20table%20x%3B--", "%7B%7D", Uri.EscapeDataString(new string('x', 5000)),
        "00000000-0000-0000-0000-000000000000", "12%2F2024%2FTCD", "%20", "a%0Ab", "%C3%28",
    ];

    // A NUL in the path is refused by the server itself before the host sees it (Kestrel: 400; the test server: on the
    // client side), so paths get every junk value but that one; queries get all of them.
    private static readonly string[] PathJunk = [.. Junk.Where(j => !j.Contains("%00", StringComparison.Ordinal))];

    private static readonly string[] QueryNames = ["on", "from", "to", "asOf", "version", "culture", "limit", "id", "page"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private string _schema = "";
    private string _keys = "";
    private WebApplicationFactory<Program> _factory = null!;
    private HttpClient _http = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _schema = TestDatabase.NewSchemaName();
        _keys = Path.Combine(Path.GetTempPath(), "outreach-storm-keys-" + _schema);
        var database = await TestDatabase.DatabaseAsync();
        // Signed in with every role, so that hostile bodies reach the binding of every command, not only the sign-in check.
        _factory = WebHost.Start(database, _schema, _keys).Factory;
        // No cookie jar: a storm request to /culture must not change the language of the requests after it.
        _http = _factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        _http.DefaultRequestHeaders.Authorization = new("Bearer", WebHost.Token("storm-1", [.. Outreach.Access.OutreachRoles.All]));
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _http?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        await TestDatabase.DropSchemaAsync(_schema);
        if (Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }
    }

    [Test]
    public async Task A_storm_of_hostile_requests_on_every_mapped_route_gets_problem_details_and_never_a_server_error()
    {
        var routes = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.That(routes.Select(r => r.RoutePattern.RawText), Is.SupersetOf(new[] { "/api/cases/{idOrNumber}", "/api/views", "/health/ready", "/health/live" }),
            "the storm reads the routes from the host itself");

        var random = new Random(Seed);
        var problems = new List<string>();
        var sent = 0;
        foreach (var route in routes)
        {
            for (var round = 0; round < RoundsPerRoute; round++)
            {
                using var request = Hostile(route, random, round);
                await SendAndCheckAsync(request, problems);
                sent++;
            }
        }

        for (var i = 0; i < UnknownRoutes; i++)
        {
            var path = "/" + string.Join('/', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, PathJunk)));
            using var request = new HttpRequestMessage(new HttpMethod(Pick(random, Methods)), path);
            request.Content = i % 2 == 0 ? Body(random, i) : null;
            await SendAndCheckAsync(request, problems);
            sent++;
        }

        TestContext.Progress.WriteLine($"storm: {sent} requests on {routes.Count} routes");
        Assert.That(sent, Is.GreaterThan(300));
        Assert.That(problems, Is.Empty, string.Join(Environment.NewLine, problems.Take(25)));
    }

    [TestCase("/api/views", "application/json", 300 * 1024, HttpStatusCode.RequestEntityTooLarge, "request.too-large")]
    [TestCase("/api/views", "text/plain", 300 * 1024, HttpStatusCode.RequestEntityTooLarge, "request.too-large")]
    [TestCase("/api/views", "application/json", -1, HttpStatusCode.BadRequest, "request.too-deep")]
    [TestCase("/api/views", "application/json", -2, HttpStatusCode.BadRequest, "request.malformed-json")]
    [TestCase("/api/no-such-route", null, 0, HttpStatusCode.NotFound, "request.not-found")]
    public async Task Each_kind_of_refusal_has_its_stable_code_and_status(string path, string? contentType, int size, HttpStatusCode status, string code)
    {
        var text = size switch
        {
            -1 => new string('[', 10_000),
            -2 => "{\"command\": \"AcceptComplaint\",",
            _ => "\"" + new string('a', size) + "\"",
        };
        HttpRequestMessage Request() => new(HttpMethod.Post, path) { Content = contentType is null ? null : new StringContent(text, Encoding.UTF8, contentType) };

        using var request = Request();
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await _http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(status));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo(code));
        Assert.That(problem["type"]!.GetValue<string>(), Is.EqualTo("urn:outreach:problem:" + code));
        Assert.That(problem["title"]!.GetValue<string>(), Is.Not.Empty);

        using var vietnamese = Request();
        var vi = JsonNode.Parse(await (await _http.SendAsync(vietnamese)).Content.ReadAsStringAsync())!.AsObject();
        Assert.That(vi["code"]!.GetValue<string>(), Is.EqualTo(code), "the code does not depend on the language");
        Assert.That(vi["title"]!.GetValue<string>(), Is.Not.EqualTo(problem["title"]!.GetValue<string>()), "the title is in Vietnamese by default");
    }

    [Test]
    public async Task A_method_a_route_does_not_take_is_a_405_problem_and_the_readers_language_is_kept()
    {
        var response = await _http.PostAsync("/api/views", null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("request.method"));
        Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Địa chỉ này không nhận phương thức POST."));
    }

    private static HttpRequestMessage Hostile(RouteEndpoint route, Random random, int round)
    {
        var declared = route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var method = declared is { Count: > 0 } && random.Next(3) > 0 ? Pick(random, [.. declared]) : Pick(random, Methods);
        var path = "/" + string.Join('/', route.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => Pick(random, PathJunk),
        }))));
        var names = route.Metadata.GetOrderedMetadata<IParameterBindingMetadata>().Select(p => p.Name).Concat(QueryNames).Distinct().ToList();
        var query = string.Join('&', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Pick(random, [.. names]) + "=" + Pick(random, Junk)));
        var request = new HttpRequestMessage(new HttpMethod(method), query.Length == 0 ? path : path + "?" + query);
        if (method != "GET" || round % 4 == 0)
        {
            request.Content = Body(random, round);
        }

        request.Headers.TryAddWithoutValidation("Accept", Pick(random, ["application/json", "text/html", "application/xml", "*/*", "image/png"]));
        if (random.Next(2) == 0)
        {
            request.Headers.AcceptLanguage.ParseAdd(Pick(random, ["en", "vi", "fr-FR", "zz", "en-GB;q=0.5, vi"]));
        }

        return request;
    }

    /// <summary>One hostile body; every kind comes round in turn, its details drawn from the seed.</summary>
    private static HttpContent Body(Random random, int round)
    {
        var json = MediaTypeHeaderValue.Parse("application/json");
        return (round % 10) switch
        {
            0 => new StringContent("{\"command\":\"AcceptComplaint\",", Encoding.UTF8, "application/json"),
            1 => new StringContent(new string('[', 10_000) + new string(']', random.Next(0, 10_000)), Encoding.UTF8, "application/json"),
            2 => new ByteArrayContent(Encoding.UTF8.GetBytes("{\"x\":\"" + new string('a', 300 * 1024) + "\"}")) { Headers = { ContentType = json } },
            // A chunked body (no Content-Length) over the limit.
            3 => new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("[" + string.Join(',', Enumerable.Repeat("1234567890", 30_000)) + "]"))) { Headers = { ContentType = json } },
            4 => new StringContent("<xml>" + Pick(random, Junk) + "</xml>", Encoding.UTF8, "application/xml"),
            5 => new StringContent("{\"name\":\"\\uD800\",\"on\":\"2026-02-30\",\"version\":1e400}", Encoding.UTF8, "application/json"),
            6 => new ByteArrayContent([0xC3, 0x28, 0xFF, 0xFE, 0x00, 0x7B]) { Headers = { ContentType = json } },
            7 => new FormUrlEncodedContent([new("on", Pick(random, Junk)), new("version", "99999999999999999999")]),
            8 => new StringContent("{\"command\":\"ReceivePetition\",\"caseId\":\"not-a-guid\",\"occurredAt\":\"2026-02-30T00:00:00\",\"actor\":\"\u202Eevil\"}", Encoding.UTF8, "application/json"),
            _ => Typed(new string('x', random.Next(1, 2000)), Pick(random, ["text/plain", "application/octet-stream", "multipart/form-data; boundary=zz", "application/json; charset=latin1", "application/json+junk", "no/such; type"])),
        };
    }

    /// <summary>A body with its Content-Type header as given, however wrong.</summary>
    private static StringContent Typed(string text, string contentType)
    {
        var content = new StringContent(text, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private async Task SendAndCheckAsync(HttpRequestMessage request, List<string> problems)
    {
        var what = $"{request.Method} {request.RequestUri} ({request.Content?.Headers.ContentType?.MediaType ?? "no body"})";
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request);
        }
        catch (HttpRequestException ex)
        {
            problems.Add($"{what}: the host failed the request ({ex.Message})");
            return;
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync();
            if (status >= 500)
            {
                problems.Add($"{what}: {status} {text[..Math.Min(text.Length, 300)]}");
            }
            else if (status >= 400 && (request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString).StartsWith("/open311/", StringComparison.Ordinal))
            {
                // GeoReport v2 has its own error list (ADR 28): each error with its code, a sentence and the library's code.
                var media = response.Content.Headers.ContentType?.MediaType;
                // A body refused before any endpoint (too large, too deep, not JSON) is problem details here as on /api.
                var codes = media == "application/problem+json" && JsonNode.Parse(text) is JsonObject problem ? [problem["code"]?.GetValue<string>()]
                    : media == "application/json" && JsonNode.Parse(text) is JsonArray list
                    ? list.Select(e => e?["outreach_code"]?.GetValue<string>()).ToList()
                    : media is "application/xml" or "text/xml" ? System.Xml.Linq.XDocument.Parse(text).Descendants("outreach_code").Select(e => (string?)e.Value).ToList() : [];
                if (codes.Count == 0 || codes.Any(string.IsNullOrEmpty))
                {
                    problems.Add($"{what}: {status} without GeoReport errors carrying a code ({media}): {text[..Math.Min(text.Length, 300)]}");
                }

                if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
                {
                    problems.Add($"{what}: {status} shows exception text: {text[..Math.Min(text.Length, 300)]}");
                }
            }
            else if (status >= 400 && response.Content.Headers.ContentType?.MediaType == "text/html"
                && !(request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : request.RequestUri.OriginalString).StartsWith("/api/", StringComparison.Ordinal))
            {
                // A dashboard page answers a person with a page (ADR 30): a 404 page says the library's sentence.
                if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
                {
                    problems.Add($"{what}: {status} page shows exception text: {text[..Math.Min(text.Length, 300)]}");
                }
            }
            else if (status >= 400)
            {
                if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    problems.Add($"{what}: {status} without problem details ({response.Content.Headers.ContentType})");
                }
                else if (JsonNode.Parse(text) is not JsonObject { } problem || problem["code"] is not JsonValue)
                {
                    problems.Add($"{what}: {status} problem without a code: {text}");
                }

                if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal))
                {
                    problems.Add($"{what}: {status} shows exception text: {text[..Math.Min(text.Length, 300)]}");
                }
            }
            else if (status is < 200 or >= 300)
            {
                problems.Add($"{what}: unexpected {status}");
            }
        }
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
