using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Outreach.Audit;
using Outreach.Hosting;
using Outreach.Tests.Support;
using Outreach.Tests.Web;

namespace Outreach.Tests.Hosting;

/// <summary>
/// Two tenants on two PostgreSQL clusters of their own, served by one console tool as an operator runs it (issue 13,
/// point 3; ADR 37): each sees its own history only, even under the same case id; the verifier and the signed checkpoints
/// work per tenant, and one tenant's checkpoint does not vouch for the other's history.
/// </summary>
[Category("PostgreSQL")]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TenancyTests
{
    private const string Alpha = "alpha";
    private const string Beta = "beta_2";
    private const string SecondRoundCase = "7a0c6f52-1d3e-4f0b-8a61-5c2e9b7d4a30";

    private string _home = "";
    private OutreachProcess _tool = null!;

    private string Folder(string tenant) => Path.Combine(_home, "clusters", tenant);

    [OneTimeSetUp]
    public async Task TwoTenants()
    {
        _home = Directory.CreateTempSubdirectory("outreach-tenants-").FullName;
        // The clusters run as the postgres OS user when the tests run as root: it must reach the folders.
        File.SetUnixFileMode(_home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute | UnixFileMode.GroupExecute);
        _tool = new OutreachProcess(null, "outreach");
        _tool.Extra["OUTREACH_KEYS"] = Path.Combine(_home, "keys");
        _tool.Extra[$"Outreach__Tenants__{Alpha}__DataFolder"] = Folder(Alpha);
        _tool.Extra[$"Outreach__Tenants__{Alpha}__Name"] = "Đồng Tháp";
        _tool.Extra[$"Outreach__Tenants__{Beta}__DataFolder"] = Folder(Beta);

        // Alpha records the second-round complaint; beta the denunciation procedure, then a petition under alpha's case id.
        Assert.That(await _tool.RunAsync("apply", Sample("second-round.jsonl"), "--tenant", Alpha, "--culture", "en"), Has.Property("ExitCode").EqualTo(0));
        Assert.That(await _tool.RunAsync("apply", Sample("denunciation-procedure.jsonl"), "--tenant", Beta, "--culture", "en"), Has.Property("ExitCode").EqualTo(0));
        var sameId = $$"""{"command":"ReceivePetition","caseId":"{{SecondRoundCase}}","number":"1/2025/BETA","channel":"CitizenReception","citizenName":"Trần Văn Bình","localityCode":"phuong-1","content":"Kiến nghị của đơn vị beta","respondent":"UBND phường 1","actor":"Lê Thị Cúc","occurredAt":"2025-06-02T09:00:00+07:00"}""";
        var file = Path.Combine(_home, "beta-same-id.jsonl");
        await File.WriteAllTextAsync(file, sameId + "\n");
        var applied = await _tool.RunAsync("apply", file, "--tenant", Beta, "--culture", "en");
        Assert.That(applied.ExitCode, Is.EqualTo(0), applied.ToString());
    }

    [OneTimeTearDown]
    public async Task StopClusters()
    {
        foreach (var tenant in new[] { Alpha, Beta })
        {
            await LocalPostgres.StopIfRunningAsync(new LocalPostgresSettings { DataDirectory = Folder(tenant) });
        }

        Directory.Delete(_home, recursive: true);
    }

    private static string Sample(string name) => Path.Combine(Repository.Root(), "docs", "samples", name);

    private async Task<JsonNode> JsonAsync(params string[] args)
    {
        var run = await _tool.RunAsync([.. args, "--json", "--culture", "en"]);
        return JsonNode.Parse(run.Out) ?? throw new AssertionException("no JSON: " + run);
    }

    [Test]
    [Order(1)]
    public async Task Each_tenant_sees_its_own_history_only_even_under_the_same_case_id()
    {
        var inAlpha = await JsonAsync("case", "show", SecondRoundCase, "--tenant", Alpha);
        var inBeta = await JsonAsync("case", "show", SecondRoundCase, "--tenant", Beta);
        Assert.That((string?)inAlpha["number"], Is.EqualTo("61/2025/TCD"), inAlpha.ToJsonString());
        Assert.That((string?)inBeta["number"], Is.EqualTo("1/2025/BETA"), inBeta.ToJsonString());
        Assert.That((int?)inBeta["version"], Is.EqualTo(1), "beta's case under that id has beta's one event, none of alpha's");

        // The tallies count each tenant's own cases; a case only beta recorded does not exist for alpha.
        var alphaTally = (await JsonAsync("cases", "by-locality", "--tenant", Alpha)).AsArray();
        var betaTally = (await JsonAsync("cases", "by-locality", "--tenant", Beta)).AsArray();
        Assert.That(alphaTally.Sum(r => (int)r!["count"]!), Is.EqualTo(1));
        Assert.That(alphaTally.Select(r => (string?)r!["status"]), Is.EqualTo(new[] { "SecondDecisionIssued" }));
        Assert.That(betaTally.Sum(r => (int)r!["count"]!), Is.EqualTo(3));
        Assert.That(betaTally.Select(r => (string?)r!["status"]), Does.Not.Contain("SecondDecisionIssued"));
        var betaOnly = System.Text.RegularExpressions.Regex.Matches(await File.ReadAllTextAsync(Sample("denunciation-procedure.jsonl")), "\"caseId\":\"([0-9a-f-]{36})\"")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.That(betaOnly, Has.Count.EqualTo(2).And.Not.Contain(SecondRoundCase));
        foreach (var id in betaOnly)
        {
            Assert.That((string?)(await JsonAsync("case", "show", id, "--tenant", Beta))["id"], Is.EqualTo(id));
            var missing = await _tool.RunAsync("case", "show", id, "--tenant", Alpha, "--json");
            Assert.That((missing.ExitCode, (string?)JsonNode.Parse(missing.Out)!["code"]), Is.EqualTo((1, "case.not-found")), missing.ToString());
        }
    }

    [Test]
    [Order(2)]
    public async Task A_tenants_roles_cannot_log_in_to_the_other_tenants_database()
    {
        var alpha = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = Folder(Alpha) });
        var beta = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = Folder(Beta) });
        Assert.That(alpha.Port, Is.Not.EqualTo(beta.Port), "two servers");
        foreach (var connection in new[] { alpha.ApplicationConnectionString, alpha.OwnerConnectionString })
        {
            // Alpha's credentials pointed at beta's server: the same role names, other passwords.
            var aimed = new NpgsqlConnectionStringBuilder(connection) { Port = beta.Port, Pooling = false }.ConnectionString;
            await using var attempt = new NpgsqlConnection(aimed);
            var refused = Assert.ThrowsAsync<PostgresException>(() => attempt.OpenAsync());
            Assert.That(refused!.SqlState, Is.EqualTo("28P01"), "password authentication failed");
        }
    }

    [Test]
    [Order(3)]
    public async Task The_verifier_and_the_checkpoints_work_per_tenant_and_one_tenants_checkpoint_does_not_vouch_for_the_other()
    {
        var files = new Dictionary<string, string>();
        foreach (var tenant in new[] { Alpha, Beta })
        {
            files[tenant] = Path.Combine(_home, $"checkpoint-{tenant}-{Guid.NewGuid():N}.json");
            var taken = await _tool.RunAsync("audit", "checkpoint", "--out", files[tenant], "--tenant", tenant, "--culture", "en");
            Assert.That(taken.ExitCode, Is.EqualTo(0), taken.ToString());
        }

        var alphaKey = Checkpoint.Load(files[Alpha]).KeyFingerprint;
        var betaKey = Checkpoint.Load(files[Beta]).KeyFingerprint;
        Assert.That(alphaKey, Is.Not.EqualTo(betaKey), "each tenant signs with a key of its own (its own key folder)");
        Assert.That(File.Exists(Path.Combine(_home, "keys", "tenants", Alpha, KeyFolder.CheckpointKeyFile)), Is.True);

        // Each checkpoint holds for its own tenant; alpha's, trusted, says nothing good of beta's history.
        Assert.That((await _tool.RunAsync("audit", "verify", "--checkpoint", files[Alpha], "--trusted-key", alphaKey, "--tenant", Alpha)).ExitCode, Is.EqualTo(0));
        Assert.That((await _tool.RunAsync("audit", "verify", "--checkpoint", files[Beta], "--trusted-key", betaKey, "--tenant", Beta)).ExitCode, Is.EqualTo(0));
        var crossed = await JsonAsync("audit", "verify", "--checkpoint", files[Alpha], "--trusted-key", alphaKey, "--tenant", Beta);
        Assert.That((bool?)crossed["passed"], Is.False, crossed.ToJsonString());

        // Alpha's history altered by its cluster's superuser: alpha fails, beta stays intact, in one run over both.
        var alpha = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = Folder(Alpha) });
        var firstEvent = $"stream_id = '{SecondRoundCase}' and version = 1";
        string original;
        await using (var superuser = new NpgsqlConnection(alpha.ConnectionString))
        {
            await superuser.OpenAsync();
            await using var read = new NpgsqlCommand($"select data::text from outreach.mt_events where {firstEvent}", superuser);
            original = (string)(await read.ExecuteScalarAsync())!;
            await using var forge = new NpgsqlCommand($$"""update outreach.mt_events set data = data || '{"Content": "Nội dung khác"}' where {{firstEvent}}""", superuser);
            Assert.That(await forge.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        try
        {
            var both = await _tool.RunAsync("tenants", "verify", "--json", "--culture", "en");
            Assert.That(both.ExitCode, Is.EqualTo(4), both.ToString());
            var byTenant = JsonNode.Parse(both.Out)!["tenants"]!.AsArray().ToDictionary(t => (string)t!["id"]!, t => t!);
            Assert.That(((bool?)byTenant[Alpha]["passed"], (string?)byTenant[Alpha]["firstBroken"]?["code"]), Is.EqualTo(((bool?)false, "altered")));
            Assert.That((bool?)byTenant[Beta]["passed"], Is.True);
            Assert.That((await _tool.RunAsync("audit", "verify", "--tenant", Beta)).ExitCode, Is.EqualTo(0));
            Assert.That((await _tool.RunAsync("audit", "verify", "--tenant", Alpha)).ExitCode, Is.EqualTo(4));
        }
        finally
        {
            // Put back as it was, whatever the order of this fixture's tests.
            await using var superuser = new NpgsqlConnection(alpha.ConnectionString);
            await superuser.OpenAsync();
            await using var restore = new NpgsqlCommand($"update outreach.mt_events set data = @original::jsonb where {firstEvent}", superuser);
            restore.Parameters.AddWithValue("original", original);
            await restore.ExecuteNonQueryAsync();
        }

        Assert.That((await _tool.RunAsync("tenants", "verify")).ExitCode, Is.EqualTo(0), "restored, both are intact again");
    }

    /// <summary>
    /// One web host serves both tenants (ADR 37, point 6): each request works in the tenant its signed-in person's token
    /// names, an Open311 request in the one its jurisdiction_id names; a sign-in naming no tenant, or one the host does not
    /// serve, is refused; what one tenant records through the host is not seen by the other. Last in the fixture, because
    /// it records a case (the tallies of the first test count the samples only).
    /// </summary>
    [Test]
    [Order(4)]
    public async Task One_web_host_serves_both_tenants_each_request_in_the_tenant_its_sign_in_names()
    {
        await using var host = WebHost.StartWith(b => b
            .UseSetting("Outreach:KeyFolder", Path.Combine(_home, "keys"))
            .UseSetting($"Outreach:Tenants:{Alpha}:DataFolder", Folder(Alpha))
            .UseSetting($"Outreach:Tenants:{Alpha}:Name", "Đồng Tháp")
            .UseSetting($"Outreach:Tenants:{Beta}:DataFolder", Folder(Beta)));
        using var alpha = host.ClientOf(Alpha, "thanh-tra.1", "auditor");
        using var beta = host.ClientOf(Beta, "thanh-tra.1", "auditor");

        // The same case id is each tenant's own case, and each tenant's audit report checks its own chain.
        var inAlpha = await alpha.GetFromJsonAsync<JsonNode>($"/api/cases/{SecondRoundCase}");
        var inBeta = await beta.GetFromJsonAsync<JsonNode>($"/api/cases/{SecondRoundCase}");
        Assert.That(((string?)inAlpha!["number"], (string?)inBeta!["number"]), Is.EqualTo(("61/2025/TCD", "1/2025/BETA")));

        // By registry number too (its slashes escaped in the path), in the reader's tenant only.
        var byNumber = await alpha.GetFromJsonAsync<JsonNode>($"/api/cases/{Uri.EscapeDataString("61/2025/TCD")}");
        Assert.That((string?)byNumber!["id"], Is.EqualTo(SecondRoundCase));
        Assert.That((await alpha.GetAsync($"/api/cases/{Uri.EscapeDataString("61/2025/TCD")}/audit")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await beta.GetAsync($"/api/cases/{Uri.EscapeDataString("61/2025/TCD")}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        foreach (var client in new[] { alpha, beta })
        {
            var audit = await client.GetFromJsonAsync<JsonNode>($"/api/cases/{SecondRoundCase}/audit");
            Assert.That((bool?)audit!["integrity"]?["passed"], Is.True, audit.ToJsonString());
        }

        var alphaEvents = (int)(await alpha.GetFromJsonAsync<JsonNode>($"/api/cases/{SecondRoundCase}/audit"))!["integrity"]!["events"]!;
        var betaEvents = (int)(await beta.GetFromJsonAsync<JsonNode>($"/api/cases/{SecondRoundCase}/audit"))!["integrity"]!["events"]!;
        Assert.That((alphaEvents > 1, betaEvents), Is.EqualTo((true, 1)), "alpha's case has its many steps, beta's the one petition");

        // A case beta alone recorded is not found by alpha's people.
        var betaOnly = System.Text.RegularExpressions.Regex.Match(await File.ReadAllTextAsync(Sample("denunciation-procedure.jsonl")), "\"caseId\":\"([0-9a-f-]{36})\"").Groups[1].Value;
        Assert.That((await beta.GetAsync($"/api/cases/{betaOnly}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await alpha.GetAsync($"/api/cases/{betaOnly}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // What alpha's cadre records goes to alpha's database, under alpha's actor, and beta never sees it.
        var recorded = Guid.CreateVersion7();
        using (var cadre = host.ClientOf(Alpha, "cb-2", "cadre"))
        {
            var answer = await cadre.PostAsJsonAsync("/api/petition/receive", new
            {
                caseId = recorded, channel = "FieldVisit", citizenName = "Võ Thị Hoa", localityCode = "phuong-1", content = "Đường ngập nước sau mưa",
                occurredAt = new DateTimeOffset(2025, 6, 3, 9, 0, 0, TimeSpan.FromHours(7)),
            });
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
        }

        Assert.That((await alpha.GetAsync($"/api/cases/{recorded}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await beta.GetAsync($"/api/cases/{recorded}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        var shown = await _tool.RunAsync("case", "show", recorded.ToString(), "--tenant", Alpha, "--json");
        Assert.That(shown.ExitCode, Is.EqualTo(0), "the console finds it in alpha's database: " + shown);
        Assert.That((await _tool.RunAsync("case", "show", recorded.ToString(), "--tenant", Beta, "--json")).ExitCode, Is.EqualTo(1));

        // A sign-in without a tenant, or naming one this host does not serve, reaches no database.
        using (var nameless = host.Client("thanh-tra.1", "auditor"))
        using (var stranger = host.ClientOf("gamma", "thanh-tra.1", "auditor"))
        {
            foreach (var (client, code) in new[] { (nameless, "access.no-tenant"), (stranger, "access.other-tenant") })
            {
                var refused = await client.GetAsync($"/api/cases/{SecondRoundCase}");
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That((string?)(await refused.Content.ReadFromJsonAsync<JsonNode>())!["code"], Is.EqualTo(code));
            }
        }

        // On the dashboard, the sign-in page says why, in the reader's language; the cookie is not issued for a token without a tenant.
        using (var stranger = host.ClientOf("gamma", "thanh-tra.1", "auditor"))
        {
            // The sign-in page keeps its stylesheet and says how a development token names its tenant.
            Assert.That((await stranger.GetAsync("/dashboard.css")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            var page = WebUtility.HtmlDecode(await stranger.GetStringAsync("/cases"));
            Assert.That(page, Does.Contain("--claim tenant=<").And.Contain($"{Alpha}, {Beta}"));
            Assert.That(page, Does.Contain("Thông tin đăng nhập thuộc đơn vị sử dụng gamma, không do dịch vụ này phục vụ."));
        }

        using (var browser = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }))
        {
            async Task<HttpResponseMessage> SignInAsync(string token)
            {
                var html = await browser.GetStringAsync("/signin");
                var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
                return await browser.PostAsync("/signin", new FormUrlEncodedContent([new("token", token), new("returnUrl", "/"), new("__RequestVerificationToken", antiforgery)]));
            }

            var nameless = await SignInAsync(WebHost.Token("thanh-tra.1", "auditor"));
            Assert.That(nameless.Headers.Location?.OriginalString, Does.StartWith("/signin?error=access.no-tenant"));
            Assert.That(nameless.Headers.Contains("Set-Cookie"), Is.False, "no sign-in cookie");

            // The cookie keeps the tenant of the token it was exchanged for.
            var signedIn = await SignInAsync(WebHost.TokenOf(Alpha, "thanh-tra.1", "auditor"));
            Assert.That(signedIn.Headers.Location?.OriginalString, Is.EqualTo("/"));
            Assert.That(WebUtility.HtmlDecode(await browser.GetStringAsync("/")), Does.Contain("<span class=\"tenant\">Đồng Tháp</span>"));
            Assert.That((await browser.GetAsync($"/cases/{SecondRoundCase}/audit.html")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        // Open311 names its tenant with jurisdiction_id: required on a host of several, and only a tenant it serves.
        using var citizen = host.Anonymous();
        var missing = await citizen.GetAsync("/open311/v2/requests.json");
        Assert.That(missing.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("open311.jurisdiction-required").And.Contain($"{Alpha}, {Beta}"));
        var unknown = await citizen.GetAsync("/open311/v2/requests.json?jurisdiction_id=gamma");
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(await unknown.Content.ReadAsStringAsync(), Does.Contain("open311.jurisdiction-unknown"));
        Assert.That((await citizen.GetAsync($"/open311/v2/requests.json?jurisdiction_id={Beta}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var crossed = await alpha.GetAsync($"/open311/v2/requests.json?jurisdiction_id={Beta}");
        Assert.That(crossed.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "a signed-in person acts in their own tenant only");
        Assert.That(await crossed.Content.ReadAsStringAsync(), Does.Contain("open311.jurisdiction-not-yours"));

        // The dashboard's case page by registry number, its slashes escaped.
        Assert.That(WebUtility.HtmlDecode(await alpha.GetStringAsync($"/cases/{Uri.EscapeDataString("61/2025/TCD")}")), Does.Contain("61/2025/TCD"));
        Assert.That((await beta.GetAsync($"/cases/{Uri.EscapeDataString("61/2025/TCD")}")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));

        // The dashboard names the person's tenant; readiness covers both databases.
        Assert.That(WebUtility.HtmlDecode(await alpha.GetStringAsync("/")), Does.Contain("<span class=\"tenant\">Đồng Tháp</span>"));
        Assert.That(WebUtility.HtmlDecode(await beta.GetStringAsync("/")), Does.Contain($"<span class=\"tenant\">{Beta}</span>"));
        var ready = await citizen.GetAsync("/health/ready");
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), await ready.Content.ReadAsStringAsync());
        Assert.That(await ready.Content.ReadAsStringAsync(), Does.Contain($"{Alpha}: ").And.Contain($"{Beta}: "), "each tenant's database answered");

        // The lag gauge keeps each tenant's views apart.
        var lag = new List<(string? Tenant, string? View)>();
        using (var listener = new System.Diagnostics.Metrics.MeterListener())
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == OutreachTelemetry.ProjectionLagInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
            {
                string? tenant = null, view = null;
                foreach (var tag in tags)
                {
                    (tenant, view) = tag.Key == OutreachTelemetry.TenantTag ? ((string?)tag.Value, view) : tag.Key == OutreachTelemetry.ProjectionTag ? (tenant, (string?)tag.Value) : (tenant, view);
                }

                lag.Add((tenant, view));
            });
            listener.Start();
            listener.RecordObservableInstruments();
        }

        Assert.That(lag.Where(l => l.Tenant == Alpha).Select(l => l.View), Is.Not.Empty.And.EquivalentTo(lag.Where(l => l.Tenant == Beta).Select(l => l.View)));

        // A tenant's services stopping on their own (a daemon that failed) stop the host, as a host of one store stops.
        var root = host.Factory.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>();
        Assert.That(root.ApplicationStopping.IsCancellationRequested, Is.False);
        host.Factory.Services.GetRequiredService<OutreachTenantHosts>().ServicesOf(Beta)
            .GetRequiredService<Microsoft.Extensions.Hosting.IHostApplicationLifetime>().StopApplication();
        Assert.That(root.ApplicationStopping.WaitHandle.WaitOne(TimeSpan.FromSeconds(30)), Is.True, "the host stops with its tenant");
    }
}
