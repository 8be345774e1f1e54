using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Outreach.Deadlines;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Rotation;
using Outreach.Tests.Support;
using Outreach.Units;
using Outreach.Visits;

namespace Outreach.Tests.Web.Dashboard;

/// <summary>
/// The sample the dashboard's tests read, loaded once per run into a schema of its own: the sample programme and cases
/// from 2019 up to an hour ago (the pages show today), and a rota for this week, as the demo records it.
/// </summary>
internal static class DashboardSample
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _schema;

    /// <summary>The key folder of the sample's citizens, shared with the host so that it can open their details.</summary>
    public static string Keys(string schema) => Path.Combine(Path.GetTempPath(), "outreach-dash-keys-" + schema);

    /// <summary>A store on the sample, with its key folder.</summary>
    public static async Task<DocumentStore> OpenAsync()
    {
        var schema = await SchemaAsync();
        return await TestDatabase.CreateStoreAsync(schema, new OutreachOptions { KeyFolder = Keys(schema) });
    }

    public static async Task<string> SchemaAsync()
    {
        await Gate.WaitAsync();
        try
        {
            return _schema ??= await LoadAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task DropAsync()
    {
        if (_schema is { } schema)
        {
            await TestDatabase.DropSchemaAsync(schema);
            if (Directory.Exists(Keys(schema)))
            {
                Directory.Delete(Keys(schema), recursive: true);
            }

            _schema = null;
        }
    }

    private static async Task<string> LoadAsync()
    {
        var schema = TestDatabase.NewSchemaName();
        using var store = await TestDatabase.CreateStoreAsync(schema, new OutreachOptions { KeyFolder = Keys(schema) });
        var until = DateTimeOffset.UtcNow.AddHours(-1);
        var streams = SampleProgramme.Generate(until, LocalityCatalogue.CaoLanh).Concat(SampleHistory.Generate(150, until).Select(c => (IReadOnlyList<IOutreachCommand>)[.. c])).ToList();
        // Units first (visits name them), then four writers, as the demo loads it.
        var units = streams.TakeWhile(s => s[0] is RegisterUnit).ToList();
        foreach (var command in units.SelectMany(s => s))
        {
            await using var session = store.LightweightSession();
            await session.HandleAsync(command, TimeProvider.System);
        }

        var queue = new System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<IOutreachCommand>>(streams.Skip(units.Count));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (queue.TryDequeue(out var commands))
            {
                foreach (var command in commands)
                {
                    await using var session = store.LightweightSession();
                    await session.HandleAsync(command, TimeProvider.System);
                }
            }
        }));

        await using (var session = store.LightweightSession())
        {
            var roster = (await session.Query<Unit>().ToListAsync()).OrderBy(u => u.Code, StringComparer.Ordinal).SelectMany(u => u.Visitors()).ToArray();
            var plan = RotationPlanner.Plan(new RotationRequest(ProgrammeQueries.MondayOf(VietnamTime.Today(TimeProvider.System)), 2, roster,
                week => [.. LocalityCatalogue.CaoLanh.InForce(week).Select(l => l.Code)]));
            await session.HandleAsync(new RecordRota(Guid.CreateVersion7(), [.. plan.Assignments.Select(a => a.Week)], [.. plan.Assignments.Select(a => a.Visitor)],
                [.. plan.Assignments.Select(a => a.Locality)], "Ban Dân vận Thành ủy", DateTimeOffset.UtcNow), TimeProvider.System);
        }

        return schema;
    }
}

/// <summary>Drops the dashboard's sample schema after the dashboard's fixtures.</summary>
[SetUpFixture]
public sealed class DashboardSampleCleanup
{
    [OneTimeTearDown]
    public Task Drop() => DashboardSample.DropAsync();
}

/// <summary>
/// The web host on the dashboard's sample, trusting the test run's tokens (<see cref="WebHost"/>). A client is signed in
/// as a person does it: the sign-in page's form, posted with a token, gives the sign-in cookie.
/// </summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private readonly bool _kestrel;

    private DashboardHost(WebApplicationFactory<Program> factory, bool kestrel, HostLog log)
    {
        Factory = factory;
        _kestrel = kestrel;
        Log = log;
    }

    public WebApplicationFactory<Program> Factory { get; }

    /// <summary>The host's warnings and errors, and when it began to stop (with the stack that asked it to): what a failed test prints.</summary>
    public HostLog Log { get; }

    /// <summary>Whether the host still runs (it has not begun to stop).</summary>
    public bool Running => !Log.Stopping;

    /// <summary>Starts the host on the sample; with <paramref name="kestrel"/>, on a real port for a browser.</summary>
    /// <param name="kestrel">On a real port.</param>
    /// <param name="log">Where the host's warnings go (a new log by default).</param>
    public static async Task<DashboardHost> StartAsync(bool kestrel = false, HostLog? log = null)
    {
        var schema = await DashboardSample.SchemaAsync();
        var database = await TestDatabase.DatabaseAsync();
        var keys = DashboardSample.Keys(schema);
        log ??= new HostLog();
        var factory = WebHost.Start(database, schema, keys, b => b.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddProvider(log))).Factory;
        if (kestrel)
        {
            factory.UseKestrel(0);
            factory.StartServer();
        }

        factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().ApplicationStopping.Register(log.MarkStopping);
        var host = new DashboardHost(factory, kestrel, log);
        using var http = host.Client();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while ((await http.GetFromJsonAsync<JsonObject>("/api/views"))!["isCurrent"]!.GetValue<bool>() is false)
        {
            Assert.That(DateTime.UtcNow, Is.LessThan(deadline), "the web host's daemon catches the views up");
            await Task.Delay(250);
        }

        return host;
    }

    /// <summary>Where a browser reaches the host (Kestrel only).</summary>
    public Uri Address => new(Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

    /// <summary>A client signed in as <paramref name="code"/> (null: anonymous) that does not follow redirects.</summary>
    public HttpClient Client(string? code = "phong-tu-phap.1", string role = "committee", string? culture = null)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = _kestrel ? Address : new Uri("http://localhost") });
        var cookies = new List<string>();
        if (code is not null)
        {
            cookies.Add(SignInCookie(code, role));
        }

        if (culture is not null)
        {
            cookies.Add($".AspNetCore.Culture={Uri.EscapeDataString("c=" + culture + "|uic=" + culture)}");
        }

        if (cookies.Count > 0)
        {
            client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        }

        return client;
    }

    /// <summary>The sign-in cookie of <paramref name="code"/> with <paramref name="role"/>, got through the sign-in page (cached).</summary>
    public string SignInCookie(string code, string role)
    {
        lock (_cookies)
        {
            if (_cookies.TryGetValue((code, role), out var known))
            {
                return known;
            }
        }

        var cookie = SignInAsync(code, role).GetAwaiter().GetResult();
        lock (_cookies)
        {
            _cookies[(code, role)] = cookie;
        }

        return cookie;
    }

    private readonly Dictionary<(string, string), string> _cookies = [];

    private async Task<string> SignInAsync(string code, string role)
    {
        // On a real port the factory's client options are not applied: a plain client that neither follows redirects nor keeps cookies.
        using var http = _kestrel
            ? new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = Address }
            : Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var page = await http.GetAsync("/signin");
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.That(antiforgery, Is.Not.Empty, "the sign-in form carries its antiforgery token");
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent([new("token", WebHost.Token(code, role)), new("returnUrl", "/"), new("__RequestVerificationToken", antiforgery)]),
        };
        post.Headers.Add("Cookie", string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var answer = await http.SendAsync(post);
        Assert.That(answer.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.Redirect), (await answer.Content.ReadAsStringAsync())[..Math.Min(2000, (int)(answer.Content.Headers.ContentLength ?? 2000))]);
        Assert.That(answer.Headers.Location?.OriginalString, Is.EqualTo("/"));
        return answer.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("outreach.signin=", StringComparison.Ordinal));
    }

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// A web host's warnings and errors kept in memory, and the moment it began to stop with the stack that asked it to, so
/// that a test failing on a busy machine says what the host went through.
/// </summary>
internal sealed class HostLog : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    /// <summary>Whether the host began to stop.</summary>
    public bool Stopping { get; private set; }

    /// <summary>Records that the host began to stop, and who asked.</summary>
    public void MarkStopping()
    {
        Stopping = true;
        _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} the host is stopping, asked from:{Environment.NewLine}{Environment.StackTrace}");
    }

    /// <summary>Everything recorded, one entry per line.</summary>
    public override string ToString() => string.Join(Environment.NewLine, _lines);

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Category(HostLog log, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {name}: {formatter(state, exception)}{(exception is null ? "" : Environment.NewLine + exception)}");
            }
        }
    }
}
