using Microsoft.Playwright;

namespace Outreach.Tests.Web.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's Chromium, headless, driven by Playwright; ADR 30): the host listens on a real
/// port, the browser clicks from the overview to a case, switches language, and every page must load without a console
/// error or a failed request and fit a 375 px phone. With <c>OUTREACH_SCREENSHOTS=docs/screenshots</c> (a folder, relative
/// to the repository) the test also writes the screenshots docs/web.md shows.
/// </summary>
[NonParallelizable]
public sealed class BrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private DashboardHost _host = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        Assert.That(File.Exists(Chromium), Is.True, "Debian's Chromium is installed (apt-get install chromium; .ci/run does it)");
        _host = await StartHostAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>
    /// A host that runs: on a machine busy with the rest of the suite a start can fail or the host can stop between tests
    /// (CI saw both); what it went through is printed, and it is started again once. A second failure fails the test.
    /// </summary>
    [SetUp]
    public async Task EnsureRunning()
    {
        if (_host is { Running: false })
        {
            await TestContext.Progress.WriteLineAsync("The browser tests' web host stopped; it is started again. What it logged:" + Environment.NewLine + _host.Log);
            try
            {
                await _host.DisposeAsync();
            }
            catch (ObjectDisposedException)
            {
                // Already gone with its services.
            }

            _host = await StartHostAsync();
        }
    }

    [TearDown]
    public async Task PrintHostLogOnFailure()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed && _host is not null)
        {
            await TestContext.Out.WriteLineAsync($"The web host {(_host.Running ? "runs" : "stopped")}; what it logged:{Environment.NewLine}{_host.Log}");
        }
    }

    private static async Task<DashboardHost> StartHostAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            DashboardHost? host = null;
            var log = new HostLog();
            try
            {
                host = await DashboardHost.StartAsync(kestrel: true, log);
                // Warm the pages up (first render, first queries) before a browser times them.
                using (var http = host.Client())
                {
                    Assert.That((await http.GetAsync("/")).IsSuccessStatusCode, Is.True);
                }

                return host;
            }
            catch (Exception failure) when (attempt == 1 && failure is not AssertionException)
            {
                await TestContext.Progress.WriteLineAsync($"The browser tests' web host did not start ({failure.GetType().Name}: {failure.Message}); once more. What it logged:{Environment.NewLine}{log}");
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }
        }
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    /// <summary>A page signed in through the sign-in form, that records every console error and failed request.</summary>
    private async Task<(IPage Page, List<string> Problems)> OpenAsync(int width, int height)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = _host.Address.ToString(), Locale = "en-US",
        });
        // Generous: the whole suite runs beside this test and keeps the machine busy.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        var page = await context.NewPageAsync();

        // Signed in as a person does it: the sign-in page, a token pasted, the button.
        await page.GotoAsync("/signin");
        await page.FillAsync("#token", WebHost.Token("phong-tu-phap.1", "committee"));
        await page.ClickAsync("form.signin button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add($"console {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status}: {response.Url}");
            }
        };
        return (page, problems);
    }

    /// <summary>
    /// Elements whose box lies (partly) outside the viewport's width, unless a scrolling ancestor inside the viewport clips
    /// them (a wide table scrolls in its own container); and whether the page itself scrolls sideways.
    /// </summary>
    private static async Task<string[]> OutsideAsync(IPage page)
        => await page.EvaluateAsync<string[]>("""
            () => {
              const width = document.documentElement.clientWidth;
              const out = [];
              if (document.documentElement.scrollWidth > width) out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
              const clipped = el => {
                for (let a = el.parentElement; a; a = a.parentElement) {
                  const s = getComputedStyle(a);
                  if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX) && a !== document.body && a !== document.documentElement) {
                    const r = a.getBoundingClientRect();
                    return r.left >= -1 && r.right <= width + 1;
                  }
                }
                return false;
              };
              for (const el of document.body.querySelectorAll('*')) {
                const r = el.getBoundingClientRect();
                if (r.width === 0 && r.height === 0) continue;
                if ((r.left < -1 || r.right > width + 1) && !clipped(el)) {
                  out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : ''} [${Math.round(r.left)}, ${Math.round(r.right)}] "${(el.textContent || '').trim().slice(0, 40)}"`);
                }
              }
              return out;
            }
            """);

    /// <summary>Clicks the language switch and waits for the page it comes back to (the same address: /culture redirects there).</summary>
    private static async Task SwitchLanguageAsync(IPage page, string back)
    {
        var returned = page.WaitForResponseAsync(r => r.Url == back && r.Request.IsNavigationRequest);
        await page.Locator("a.lang").ClickAsync();
        await returned;
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("OUTREACH_SCREENSHOTS") is not { Length: > 0 } folder)
        {
            return;
        }

        var path = Path.IsPathRooted(folder) ? folder : Path.Combine(Support.Repository.Root(), folder);
        Directory.CreateDirectory(path);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(path, name + ".png"), FullPage = true });
    }

    [Test]
    public async Task On_a_phone_the_overview_leads_to_a_case_in_one_click_the_language_switches_and_nothing_overflows_or_fails()
    {
        var (page, problems) = await OpenAsync(375, 740);
        await page.GotoAsync("/");
        Assert.That(await page.Locator("html").GetAttributeAsync("lang"), Is.EqualTo("vi"), "Vietnamese although the browser asks for English");
        Assert.That(await OutsideAsync(page), Is.Empty, "overview at 375 px");
        Assert.That(await page.Locator("figure.chart svg rect.bar").CountAsync(), Is.EqualTo(12));
        await ShootAsync(page, "overview-phone");

        // Overview → an overdue case under its unit head: the case page with its timeline.
        await page.Locator("section[aria-labelledby=heads] .card a[href^='/cases/']").First.ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        Assert.That(await page.Locator("ol.timeline > li").CountAsync(), Is.GreaterThan(0));
        Assert.That(await page.Locator(".integrity.ok").TextContentAsync(), Does.StartWith("Nguyên vẹn"));
        Assert.That(await OutsideAsync(page), Is.Empty, "case page at 375 px");
        await ShootAsync(page, "case-phone");

        // Switch to English and back: the same case, in the other language.
        var caseUrl = page.Url;
        await SwitchLanguageAsync(page, caseUrl);
        Assert.That(await page.Locator("html").GetAttributeAsync("lang"), Is.EqualTo("en"));
        Assert.That(await page.Locator("h2#timeline").TextContentAsync(), Is.EqualTo("Timeline"));
        Assert.That(await OutsideAsync(page), Is.Empty, "English case page at 375 px");
        await SwitchLanguageAsync(page, caseUrl);
        Assert.That(await page.Locator("h2#timeline").TextContentAsync(), Is.EqualTo("Diễn biến hồ sơ"));

        // The list of cases, the sign-in page and the audit report fit too.
        foreach (var path in new[] { "/cases", "/signin" })
        {
            await page.GotoAsync(path);
            Assert.That(await OutsideAsync(page), Is.Empty, path + " at 375 px");
        }

        await page.GotoAsync(caseUrl);
        await page.Locator("p.links a").First.ClickAsync();
        await page.WaitForURLAsync("**/audit.html");
        Assert.That(await page.Locator("h1").TextContentAsync(), Does.StartWith("Báo cáo kiểm tra hồ sơ"));
        Assert.That(problems, Is.Empty, "no console error, no failed request");
    }

    [Test]
    public async Task On_a_desktop_the_overview_and_a_case_load_cleanly_and_the_cases_list_leads_to_a_case()
    {
        var (page, problems) = await OpenAsync(1280, 900);
        await page.GotoAsync("/");
        await ShootAsync(page, "overview-desktop");
        await page.Locator("nav a[href='/cases']").ClickAsync();
        await page.WaitForURLAsync("**/cases");
        await page.Locator("table.cases-list tbody a").First.ClickAsync();
        await page.WaitForURLAsync("**/cases/*");
        Assert.That(await page.Locator("section[aria-labelledby=deadlines] tbody tr").CountAsync(), Is.GreaterThan(0));
        await ShootAsync(page, "case-desktop");
        Assert.That(await OutsideAsync(page), Is.Empty);
        Assert.That(problems, Is.Empty, "no console error, no failed request");
    }
}
