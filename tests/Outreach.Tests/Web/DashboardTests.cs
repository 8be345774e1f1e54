using System.Collections;
using System.Globalization;
using System.Net;
using System.Resources;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Marten;
using Outreach.Cases;
using Outreach.Dashboard;
using Outreach.Deadlines;
using Outreach.Difficulties;
using Outreach.Hosting;
using Outreach.Localities;
using Outreach.Rotation;
using Outreach.Units;
using Outreach.Visits;

namespace Outreach.Tests.Web.Dashboard;

/// <summary>
/// The dashboard's pages (issue 11) on the sample, against the library's own answers: what each page shows, the security
/// headers, both languages, sign-in, and the two clicks from the overview to a case's timeline.
/// </summary>
public sealed partial class DashboardTests
{
    private const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
    private static readonly HtmlParser Parser = new();

    private DashboardHost _host = null!;
    private DocumentStore _store = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _host = await DashboardHost.StartAsync();
        _store = await DashboardSample.OpenAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _store?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static DateOnly Today => VietnamTime.Today(TimeProvider.System);

    private async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string path, string? culture = null, string? code = "phong-tu-phap.1")
    {
        using var http = _host.Client(code, culture: culture);
        var response = await http.GetAsync(path);
        var page = await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        return (response, page);
    }

    [Test]
    public async Task The_overview_shows_coverage_rota_work_per_unit_head_the_chart_and_freshness_in_vietnamese_by_default()
    {
        var (response, page) = await GetAsync("/");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await using var query = _store.QuerySession();
        var coverage = await ProgrammeQueries.CoverageAsync(query, LocalityCatalogue.CaoLanh, Today);
        var rota = await RotaQueries.WeekAsync(query, ProgrammeQueries.MondayOf(Today));
        var overdue = await CaseQueries.OverdueAsync(query, Today);
        var waiting = await DifficultyQueries.WaitingAsync(query, Today);
        Assert.Multiple(() =>
        {
            Assert.That(page.DocumentElement.GetAttribute("lang"), Is.EqualTo("vi"));
            Assert.That(page.QuerySelector("h1")!.TextContent, Does.StartWith("Tổng quan"));
            Assert.That(page.QuerySelector(".freshness")!.TextContent, Does.StartWith("Các bảng tổng hợp đã cập nhật tới sự kiện thứ"));

            // Coverage: one row per ward or commune in force today, each band said in words as well as in colour.
            var rows = page.QuerySelectorAll<IHtmlTableRowElement>("section[aria-labelledby=coverage] > .table-wrap tbody tr").ToArray();
            Assert.That(rows.Select(r => r.Cells[0].TextContent), Is.EquivalentTo(coverage.Where(c => c.IsCommuneLevel).Select(c => c.Name)));
            foreach (var row in rows)
            {
                var band = CoverageRow.BandOf(coverage.Single(c => c.Name == row.Cells[0].TextContent).WeeksSince);
                Assert.That(row.ClassList, Does.Contain("band-" + band.ToString().ToLowerInvariant()));
                Assert.That(row.Cells[3].QuerySelector(".band")!.TextContent, Is.EqualTo(Term.Of(band).In(OutreachText.Vietnamese)), "the band in words");
            }

            Assert.That(page.QuerySelectorAll("details table.coverage tbody tr"), Has.Length.EqualTo(coverage.Count(c => !c.IsCommuneLevel)), "hamlets and quarters");

            // This week's rota, people by name and position with their code beside.
            var rotaRows = page.QuerySelectorAll<IHtmlTableRowElement>("section[aria-labelledby=rota] tbody tr").ToArray();
            Assert.That(rotaRows, Has.Length.EqualTo(rota.Count).And.Length.GreaterThan(0));
            Assert.That(rotaRows.Select(r => r.Cells[0].TextContent), Has.Some.Match(@"^[^(]+, Trưởng đơn vị \([a-z-]+\.1\)$"));

            // Work per unit head: every overdue step and every escalation is under some head.
            var links = page.QuerySelectorAll("section[aria-labelledby=heads] .card a[href^='/cases/']");
            Assert.That(links, Has.Length.EqualTo(overdue.Count).And.Length.GreaterThan(0), "every overdue step is listed under a unit head");
            Assert.That(page.QuerySelectorAll("section[aria-labelledby=heads] .card h3").Select(h => h.TextContent), Has.Some.Contains("Trưởng đơn vị"));
            Assert.That(page.QuerySelector("section[aria-labelledby=heads]")!.TextContent, Does.Contain("quá hạn " + CaseText.Vietnamese.Days(overdue[0].DaysOverdue)));
            Assert.That(waiting, Is.Not.Empty);
            Assert.That(page.QuerySelector("section[aria-labelledby=heads]")!.TextContent, Does.Contain("Khó khăn, vướng mắc đang chờ xử lý"));
        });
    }

    [Test]
    public async Task The_chart_is_an_svg_drawn_on_the_server_with_one_bar_per_week_and_a_title_and_description()
    {
        var (_, page) = await GetAsync("/");
        await using var query = _store.QuerySession();
        var monday = ProgrammeQueries.MondayOf(Today);
        var counts = await ProgrammeQueries.VisitsPerWeekAsync(query, monday.AddDays(-7 * 11), Today);
        var svg = page.QuerySelector("figure.chart svg")!;
        var bars = svg.QuerySelectorAll("rect.bar");
        Assert.Multiple(() =>
        {
            Assert.That(svg.GetAttribute("role"), Is.EqualTo("img"));
            Assert.That(svg.QuerySelector("title")!.TextContent, Is.Not.Empty);
            Assert.That(svg.QuerySelector("desc")!.TextContent, Does.Contain(counts.Sum(c => c.Visits).ToString("N0", OutreachText.Vietnamese)));
            Assert.That(bars, Has.Length.EqualTo(12));
            // Each bar says its week and count; the bars' heights follow the counts.
            for (var i = 0; i < 12; i++)
            {
                var week = monday.AddDays(-7 * (11 - i));
                var visits = counts.Where(c => c.Week == week).Sum(c => c.Visits);
                Assert.That(bars[i].QuerySelector("title")!.TextContent, Is.EqualTo($"Tuần từ {week:dd/MM/yyyy}: {visits} lượt"));
            }

            var heights = bars.Select(b => double.Parse(b.GetAttribute("height")!, CultureInfo.InvariantCulture)).ToArray();
            var most = Array.IndexOf(heights, heights.Max());
            Assert.That(counts.Where(c => c.Week == monday.AddDays(-7 * (11 - most))).Sum(c => c.Visits), Is.EqualTo(Enumerable.Range(0, 12).Max(i => counts.Where(c => c.Week == monday.AddDays(-7 * (11 - i))).Sum(c => c.Visits))));
            Assert.That(svg.QuerySelectorAll("text.axis").Select(t => t.TextContent), Does.Contain(monday.ToString("dd/MM", CultureInfo.InvariantCulture)), "axis labels");
        });
    }

    [TestCase("/")]
    [TestCase("/cases")]
    [TestCase("/signin")]
    [TestCase("CASE")]
    public async Task Every_page_carries_the_security_headers_and_no_script_or_inline_style(string path)
    {
        path = path == "CASE" ? $"/cases/{await OverdueCaseAsync()}" : path;
        var (response, page) = await GetAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo(Csp));
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("same-origin"));
            Assert.That(page.QuerySelectorAll("script"), Is.Empty, "no script, blazor.web.js included");
            Assert.That(page.QuerySelectorAll("[style], style"), Is.Empty, "no inline style: the CSP would block it");
            Assert.That(page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href"), Is.EqualTo("dashboard.css"));
        });
        using var http = _host.Client();
        var css = await http.GetAsync("/dashboard.css");
        Assert.That(css.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await css.Content.ReadAsStringAsync(), Does.Contain(".table-wrap"));
    }

    private async Task<Guid> OverdueCaseAsync()
    {
        await using var query = _store.QuerySession();
        return (await CaseQueries.OverdueAsync(query, Today))[0].Case.Id;
    }

    [Test]
    public async Task A_case_timeline_is_two_clicks_from_the_overview_either_way()
    {
        var (_, overview) = await GetAsync("/");
        // First way: overview → an overdue case under its unit head → the case page with its timeline.
        var direct = overview.QuerySelector("section[aria-labelledby=heads] .card a[href^='/cases/']")!.GetAttribute("href")!;
        // Second way: overview → the cases list → the first case.
        var list = overview.QuerySelector("a[href='/cases']")!.GetAttribute("href")!;
        var (_, cases) = await GetAsync(list);
        var viaList = cases.QuerySelector("table.cases-list tbody a[href^='/cases/']")!.GetAttribute("href")!;
        await using var query = _store.QuerySession();
        foreach (var href in new[] { direct, viaList })
        {
            var (response, page) = await GetAsync(href);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), href);
            var id = Guid.Parse(href["/cases/".Length..]);
            var timeline = await CaseTimeline.LoadAsync(query, id);
            var items = page.QuerySelectorAll("section[aria-labelledby=timeline] ol.timeline > li");
            Assert.That(items.Select(i => i.QuerySelector(".what")!.TextContent), Is.EqualTo(timeline.Select(e => CaseText.Vietnamese.Describe(e.Data))), href);
        }
    }

    [Test]
    public async Task The_case_page_shows_state_deadlines_people_by_name_and_integrity_and_links_both_audit_reports()
    {
        var id = await OverdueCaseAsync();
        var (_, page) = await GetAsync($"/cases/{id}");
        var report = (await CaseAudit.LoadAsync(_store, id, today: Today))!;
        var view = await CaseReading.ShowAsync(_store, new CaseRequest(id.ToString()) { Today = Today });
        Assert.Multiple(() =>
        {
            var facts = page.QuerySelector("dl.facts")!.TextContent;
            Assert.That(facts, Does.Contain(CaseText.Vietnamese.Status(view.Status)));
            Assert.That(facts, Does.Contain(CaseText.Vietnamese.Kind(view.Kind)));
            Assert.That(page.QuerySelector(".integrity.ok")!.TextContent, Does.StartWith("Nguyên vẹn: đã tính lại chuỗi băm của " + report.Integrity!.Events));
            if (view.Citizen.IsProtected)
            {
                Assert.That(facts, Does.Contain(CaseView.Pseudonym(id)), "a denouncer stays pseudonymous");
            }
            else if (!view.Citizen.IsAnonymous)
            {
                Assert.That(view.Citizen.Problem, Is.EqualTo(Outreach.PersonalData.IdentityProblem.None));
                Assert.That(facts, Does.Contain(view.Citizen.Name), "the citizen by name, as the library's view shows them");
                Assert.That(facts, Does.Not.Contain(view.Citizen.IdNumber!), "nothing more than the name");
            }

            var deadlines = page.QuerySelectorAll("section[aria-labelledby=deadlines] tbody tr");
            Assert.That(deadlines, Has.Length.EqualTo(report.Deadlines.Count));
            Assert.That(deadlines.Where(r => r.ClassList.Contains("overdue")).Count(), Is.EqualTo(report.Breaches.Count()).And.GreaterThan(0));
            Assert.That(page.QuerySelector("section[aria-labelledby=deadlines]")!.TextContent, Does.Contain("QUÁ HẠN"));
            // Who took each step: a unit's cadre by name and position with the code beside.
            Assert.That(page.QuerySelectorAll("ol.timeline .meta").Select(m => m.TextContent), Has.Some.Match(@"[^,]+, Trưởng đơn vị \([a-z-]+\.1\)|\([a-z-]+\.\d\)"));
            Assert.That(page.QuerySelector($"a[href='/cases/{id}/audit.html']"), Is.Not.Null);
            Assert.That(page.QuerySelector($"a[href='/api/cases/{id}/audit']"), Is.Not.Null);
        });

        using var http = _host.Client();
        var html = await http.GetAsync($"/cases/{id}/audit.html");
        Assert.That(html.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/html"));
        var csp = html.Headers.GetValues("Content-Security-Policy").Single();
        Assert.That(csp, Does.StartWith("default-src 'none'; style-src 'sha256-").And.Not.Contains("unsafe-inline").And.Not.Contains("script-src"));
        Assert.That(await html.Content.ReadAsStringAsync(), Does.Contain("Báo cáo kiểm tra hồ sơ"));

        var json = JsonNode.Parse(await http.GetStringAsync($"/api/cases/{id}/audit"))!;
        Assert.That(json["caseId"]!.GetValue<Guid>(), Is.EqualTo(id));
        Assert.That(json["steps"]!.AsArray(), Has.Count.EqualTo(report.Entries.Count));
        Assert.That(json["integrity"]!["passed"]!.GetValue<bool>(), Is.True);
        Assert.That(json["steps"]![0]!["text"]!.GetValue<string>(), Does.StartWith("Tiếp nhận đơn"));
        Assert.That(json["steps"]![0]!.AsObject().ContainsKey("data"), Is.False, "sentences, never raw events");
        var missing = await http.GetAsync("/api/cases/no-such-case/audit");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task A_cadre_sees_only_their_units_head_and_not_a_case_their_unit_did_not_handle()
    {
        var id = await OverdueCaseAsync();
        using var cadre = _host.Client("phong-qldt.3", "cadre");
        var refused = await cadre.GetAsync($"/cases/{id}");
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "outside the cadre's scope, as if absent");
        var page = await Parser.ParseDocumentAsync(await refused.Content.ReadAsStringAsync());
        Assert.That(page.Body!.TextContent, Does.Contain("không thuộc công việc của đơn vị bạn"));

        var overview = await Parser.ParseDocumentAsync(await cadre.GetStringAsync("/"));
        var heads = overview.QuerySelectorAll("#heads ~ .cards article.card h3, section[aria-labelledby=heads] article h3").Select(h => h.TextContent).Distinct().ToList();
        Assert.That(heads, Has.All.Contain("Phòng Quản lý đô thị"), "only the cadre's own unit");
        var all = await Parser.ParseDocumentAsync(await _host.Client().GetStringAsync("/"));
        Assert.That(all.QuerySelectorAll("section[aria-labelledby=heads] article h3").Length, Is.GreaterThan(heads.Count), "the committee sees every head");
    }

    [Test]
    public async Task A_cadres_cases_list_holds_exactly_the_open_cases_of_their_scope_counted_in_the_database()
    {
        await using var query = _store.QuerySession();
        var open = await query.Query<Case>().ToListAsync();
        // A cadre of a unit whose people received some of the open cases.
        var units = await query.Query<Unit>().ToListAsync();
        var receivers = open.Where(c => !CaseState.IsFinal(c.Status)).Select(c => c.ReceivedBy).ToHashSet();
        var cadre = units.SelectMany(u => u.Members).First(m => receivers.Any(m.IsNamedBy)).CadreCode;
        var scope = Outreach.Access.ReadScope.Of(units, new Outreach.Access.OutreachPerson(cadre, new HashSet<string> { "cadre" }), VietnamTime.Today(TimeProvider.System));
        var expected = open.Where(c => !CaseState.IsFinal(c.Status) && scope.SeesCase(c)).Select(c => c.Id).ToList();
        var library = await DashboardQueries.OpenCasesAsync(query, Today, 1, 200, scope);
        Assert.That(library.Rows.Select(r => r.Case.Id), Is.EquivalentTo(expected), "the database's filter is ReadScope.SeesCase");
        Assert.That(library.Total, Is.EqualTo(expected.Count));
        Assert.That(expected, Is.Not.Empty.And.Count.LessThan(open.Count(c => !CaseState.IsFinal(c.Status))), "the sample gives the cadre some cases, not all");

        using var http = _host.Client(cadre, "cadre");
        var page = await Parser.ParseDocumentAsync(await http.GetStringAsync("/cases"));
        Assert.That(page.QuerySelectorAll("table.cases-list tbody tr a").Select(a => a.GetAttribute("href")),
            Is.EqualTo(library.Rows.Take(25).Select(r => $"/cases/{r.Case.Id}")));
    }

    [Test]
    public async Task A_page_asked_for_with_a_token_without_an_outreach_role_goes_to_the_sign_in_page_which_says_why()
    {
        using var http = _host.Client(code: null);
        http.DefaultRequestHeaders.Authorization = new("Bearer", WebHost.Token("phong-qldt.3", "reader"));
        var answer = await http.GetAsync("/cases");
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await answer.Content.ReadAsStringAsync());
        Assert.That(answer.Headers.Location!.OriginalString, Is.EqualTo("/signin?error=access.no-role&who=phong-qldt.3&returnUrl=%2Fcases"));
        var (_, page) = await GetAsync(answer.Headers.Location.OriginalString, code: null);
        Assert.That(page.QuerySelector("p.refusal[role=alert]")!.TextContent, Does.StartWith("phong-qldt.3 đã đăng nhập nhưng chưa có vai trò nào trong Outreach"));

        // A token that is not accepted comes back to the same page, which says so; a code that is no sign-in refusal says nothing.
        var (_, invalid) = await GetAsync("/signin?error=access.token-invalid", code: null);
        Assert.That(invalid.QuerySelector("p.refusal")!.TextContent, Does.StartWith("Mã thông báo không được chấp nhận"));
        var (_, other) = await GetAsync("/signin?error=case.not-found", code: null);
        Assert.That(other.QuerySelector("p.refusal"), Is.Null);
    }

    [Test]
    public async Task A_sign_in_sent_as_json_is_told_to_send_a_form()
    {
        using var http = _host.Client(code: null);
        var answer = await http.PostAsync("/signin", new StringContent("{\"token\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType));
        var problem = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.That(problem["code"]!.GetValue<string>(), Is.EqualTo("request.media-type"));
        Assert.That(problem["title"]!.GetValue<string>(), Does.Contain("application/x-www-form-urlencoded").And.Not.Contain("application/json"));
    }

    [Test]
    public async Task An_unknown_case_is_a_404_page_with_the_librarys_sentence()
    {
        var (response, page) = await GetAsync("/cases/no-such-case");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var body = page.DocumentElement.OuterHtml;
        Assert.That(body, Does.Contain("Không có hồ sơ nào mang mã hoặc số vào sổ \"no-such-case\""));
    }

    [Test]
    public async Task The_cases_list_puts_overdue_cases_first_and_pages_simply()
    {
        var (_, first) = await GetAsync("/cases");
        await using var query = _store.QuerySession();
        var library = await DashboardQueries.OpenCasesAsync(query, Today, 1, 25);
        var rows = first.QuerySelectorAll("table.cases-list tbody tr");
        var overdue = rows.Select(r => r.ClassList.Contains("overdue")).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(rows.Select(r => r.QuerySelector("a")!.GetAttribute("href")), Is.EqualTo(library.Rows.Select(r => $"/cases/{r.Case.Id}")));
            Assert.That(overdue.SkipWhile(o => o).Any(o => o), Is.False, "no overdue case after one that is not");
            Assert.That(overdue.Count(o => o), Is.EqualTo(Math.Min(25, library.Overdue)).And.GreaterThan(0));
            Assert.That(library.Total, Is.GreaterThan(25), "the sample fills more than a page");
            Assert.That(first.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href"), Is.EqualTo("/cases?page=2"));
        });
        var (_, second) = await GetAsync("/cases?page=2");
        var page2 = await DashboardQueries.OpenCasesAsync(query, Today, 2, 25);
        Assert.That(second.QuerySelectorAll("table.cases-list tbody tr a").Select(a => a.GetAttribute("href")), Is.EqualTo(page2.Rows.Select(r => $"/cases/{r.Case.Id}")));
        Assert.That(second.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"), Is.EqualTo("/cases?page=1"));
    }

    [Test]
    public async Task The_language_switch_sets_the_culture_cookie_and_each_language_keeps_to_its_own_words()
    {
        var id = await OverdueCaseAsync();
        using (var http = _host.Client())
        {
            var switched = await http.GetAsync($"/culture?c=en&returnUrl={Uri.EscapeDataString($"/cases/{id}")}");
            Assert.That(switched.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
            Assert.That(switched.Headers.Location!.OriginalString, Is.EqualTo($"/cases/{id}"));
            Assert.That(switched.Headers.GetValues("Set-Cookie").Single(), Does.StartWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den"));
        }

        // A browser asking for English in Accept-Language still gets Vietnamese until the reader switches.
        using (var http = _host.Client())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
            var page = await Parser.ParseDocumentAsync(await (await http.SendAsync(request)).Content.ReadAsStringAsync());
            Assert.That(page.DocumentElement.GetAttribute("lang"), Is.EqualTo("vi"));
        }

        var (_, vi) = await GetAsync($"/cases/{id}");
        var (_, en) = await GetAsync($"/cases/{id}", culture: "en");
        var viSteps = Enum.GetValues<DeadlineStep>().Select(CaseText.Vietnamese.Step).ToHashSet();
        var enSteps = Enum.GetValues<DeadlineStep>().Select(CaseText.English.Step).ToHashSet();
        string StepOf(IHtmlTableRowElement row) => row.Cells[0].ChildNodes[0].TextContent.Trim();
        var recorded = await RecordedWordsAsync(id);
        Assert.Multiple(() =>
        {
            Assert.That(en.DocumentElement.GetAttribute("lang"), Is.EqualTo("en"));
            var enRows = en.QuerySelectorAll<IHtmlTableRowElement>("section[aria-labelledby=deadlines] tbody tr").Select(StepOf).ToArray();
            var viRows = vi.QuerySelectorAll<IHtmlTableRowElement>("section[aria-labelledby=deadlines] tbody tr").Select(StepOf).ToArray();
            Assert.That(enRows, Is.Not.Empty.And.All.Matches<string>(s => enSteps.Contains(s) && !viSteps.Contains(s)), "English step names only");
            Assert.That(viRows, Is.Not.Empty.And.All.Matches<string>(s => viSteps.Contains(s) && !enSteps.Contains(s)), "Vietnamese step names only");
            Assert.That(en.QuerySelector("h2#timeline")!.TextContent, Is.EqualTo("Timeline"));
            Assert.That(vi.QuerySelector("h2#timeline")!.TextContent, Is.EqualTo("Diễn biến hồ sơ"));
            // Not one of the dashboard's own sentences in the other language, on any page. What the case recorded
            // (content, findings, names) is shown as written, so it is taken out of the text first.
            foreach (var (language, page) in new[] { ("vi", vi), ("en", en) })
            {
                var text = recorded.Aggregate(page.Body!.TextContent, (t, r) => t.Replace(r, " ", StringComparison.Ordinal));
                foreach (var phrase in OwnPhrases(other: language == "vi" ? "en" : "vi"))
                {
                    Assert.That(text, Does.Not.Contain(phrase), $"the {language} page shows the other language's \"{phrase}\"");
                }
            }
        });
    }

    /// <summary>Every text the case's events recorded (longest first), as the page shows it: HTML-decoded by AngleSharp.</summary>
    private async Task<string[]> RecordedWordsAsync(Guid id)
    {
        await using var query = _store.QuerySession();
        var events = await query.Events.FetchStreamAsync(id);
        static IEnumerable<string> Strings(JsonNode? node) => node switch
        {
            JsonObject o => o.SelectMany(p => Strings(p.Value)),
            JsonArray a => a.SelectMany(Strings),
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };
        return events.SelectMany(e => Strings(System.Text.Json.JsonSerializer.SerializeToNode(e.Data, e.EventType)))
            .Where(s => s.Length >= 6).Distinct().OrderByDescending(s => s.Length).ToArray();
    }

    /// <summary>The dashboard's texts that exist only in <paramref name="other"/>: pieces between placeholders, six characters or more.</summary>
    private static IEnumerable<string> OwnPhrases(string other)
    {
        var texts = new ResourceManager("Outreach.Web.Resources.Dashboard", typeof(Program).Assembly);
        var en = texts.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var vi = texts.GetResourceSet(CultureInfo.GetCultureInfo("vi"), true, false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var (mine, theirs) = other == "en" ? (en, vi) : (vi, en);
        return mine.Where(p => p.Value != theirs[p.Key] && !p.Key.StartsWith("nav.switch", StringComparison.Ordinal))
            .SelectMany(p => Placeholder().Split(p.Value)).Select(s => s.Trim(' ', '.', ',', ':', ';', '(', ')', '—', '←', '→')).Where(s => s.Length >= 6).Distinct();
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [TestCase("//evil.example/x")]
    [TestCase("https://evil.example/")]
    [TestCase("/\\evil.example")]
    [TestCase("")]
    public async Task The_language_switch_goes_back_only_to_a_page_of_this_host(string returnUrl)
    {
        using var http = _host.Client();
        var response = await http.GetAsync($"/culture?c=vi&returnUrl={Uri.EscapeDataString(returnUrl)}");
        Assert.That(response.Headers.Location!.OriginalString, Is.EqualTo("/"));
        var local = await http.GetAsync($"/culture?c=vi&returnUrl={Uri.EscapeDataString("/cases?page=2")}");
        Assert.That(local.Headers.Location!.OriginalString, Is.EqualTo("/cases?page=2"));
    }

    [Test]
    public async Task Pages_need_sign_in_and_the_sign_in_page_posts_a_token_with_antiforgery_and_explains_development_tokens()
    {
        foreach (var path in new[] { "/", "/cases", $"/cases/{await OverdueCaseAsync()}" })
        {
            var (anonymous, _) = await GetAsync(path, code: null);
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), path + " needs sign-in");
            Assert.That(anonymous.Headers.Location!.OriginalString, Does.StartWith("/signin?returnUrl="));
        }

        var (response, page) = await GetAsync("/signin?returnUrl=%2Fcases", code: null);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the sign-in page itself is open");
        var form = page.QuerySelector("form.signin")!;
        Assert.Multiple(() =>
        {
            Assert.That((form.GetAttribute("method"), form.GetAttribute("action")), Is.EqualTo(("post", "/signin")));
            Assert.That(form.QuerySelector("textarea[name=token]"), Is.Not.Null);
            Assert.That(form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value"), Is.Not.Empty);
            Assert.That(form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value"), Is.EqualTo("/cases"));
            Assert.That(page.QuerySelector(".help code")!.TextContent, Does.StartWith("dotnet user-jwts create --project src/Hosts/Web --name <mã cán bộ> --role <cadre|unit-head|committee|auditor|administrator>"));
            Assert.That(page.QuerySelector(".who a[href^='/signin']"), Is.Not.Null, "anonymous: a sign-in link, no sign-out");
        });

        var (_, signedIn) = await GetAsync("/", code: "phong-tu-phap.1");
        Assert.That(signedIn.QuerySelector(".who .person")!.TextContent, Is.EqualTo("Lê Thị Hồng, Trưởng đơn vị (phong-tu-phap.1) — Ban chỉ đạo"));
        var signOut = signedIn.QuerySelector(".who form")!;
        Assert.That((signOut.GetAttribute("method"), signOut.GetAttribute("action")), Is.EqualTo(("post", "/signout")));
        Assert.That(signOut.QuerySelector("input[name=__RequestVerificationToken]"), Is.Not.Null);
    }

    [TestCase(null, CoverageBand.Never)]
    [TestCase(0, CoverageBand.Recent)]
    [TestCase(1, CoverageBand.Recent)]
    [TestCase(2, CoverageBand.Due)]
    [TestCase(3, CoverageBand.Due)]
    [TestCase(4, CoverageBand.Late)]
    [TestCase(52, CoverageBand.Late)]
    public void A_locality_is_banded_by_whole_weeks_since_its_last_visit(int? weeks, CoverageBand band)
        => Assert.That(CoverageRow.BandOf(weeks), Is.EqualTo(band));

    [Test]
    public void Escalations_and_cases_count_for_the_head_of_the_unit_whose_cadre_holds_them_and_anyone_else_stands_alone()
    {
        var unit = Unit.None(Guid.NewGuid()) with
        {
            Exists = true, Code = "phong-x", Name = "Phòng X",
            Members = [new UnitMember("phong-x.1", "Trần Văn Một", "Trưởng phòng"), new UnitMember("phong-x.2", "Lê Thị Hai", null)],
            Heads = [new HeadTerm("phong-x.1", new DateOnly(2020, 1, 1))],
        };
        var waiting = new[]
        {
            new DifficultiesWaiting("phong-x.2", 2, 1, new DateOnly(2024, 1, 1)),
            new DifficultiesWaiting("phong-x.1", 1, 0, null),
            new DifficultiesWaiting("UBND thành phố", 3, 3, new DateOnly(2023, 1, 1)),
        };
        var heads = DashboardQueries.HeadsOf([unit], StaffDirectory.Empty, waiting, []);
        Assert.That(heads.Select(h => (h.Who, h.UnitName, h.EscalationsOpen, h.EscalationsOverdue)),
            Is.EqualTo(new[] { ("UBND thành phố", null, 3, 3), ("phong-x.1", "Phòng X", 3, 1) }));
        Assert.That(DashboardQueries.PersonOf([unit], StaffDirectory.Empty, "Lê Thị Hai (Phòng X)"), Is.Null, "the directory is empty: nobody to show");
    }
}
