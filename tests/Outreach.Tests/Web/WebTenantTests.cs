using System.Net;
using System.Net.Http.Json;
using Outreach.Cases;
using Outreach.Hosting;
using Outreach.Tests.Support;

namespace Outreach.Tests.Web;

/// <summary>
/// A web host started with <c>Outreach:Tenant=CODE</c> serves that tenant (ADR 37): it writes to and reads from the
/// tenant's database and schema, not the deployment's own; an undeclared tenant stops the host with the tenant's sentence.
/// </summary>
[Category("PostgreSQL")]
public sealed class WebTenantTests
{
    private static readonly DateTimeOffset At = new(2024, 3, 4, 9, 0, 0, TimeSpan.FromHours(7));

    [Test]
    public async Task A_host_for_one_tenant_records_and_reads_in_that_tenants_schema_only()
    {
        var database = await TestDatabase.DatabaseAsync();
        var (own, tenant) = (TestDatabase.NewSchemaName(), TestDatabase.NewSchemaName());
        var keys = Directory.CreateTempSubdirectory("outreach-web-tenant-").FullName;
        try
        {
            using (await TestDatabase.CreateStoreAsync(own))
            using (await TestDatabase.CreateStoreAsync(tenant))
            {
                // Both schemas prepared by their owner, as db-apply does; the host works as the application role.
            }

            var recorded = Guid.CreateVersion7();
            await using (var host = WebHost.Start(database, own, keys, b => b
                .UseSetting("Outreach:Tenant", "hue")
                .UseSetting("Outreach:Tenants:hue:ConnectionString", database.Application)
                .UseSetting("Outreach:Tenants:hue:OwnerConnectionString", database.Admin)
                .UseSetting("Outreach:Tenants:hue:SchemaName", tenant)
                .UseSetting("Outreach:Tenants:hue:PrepareSchemaOnStart", "false")))
            {
                using var cadre = host.Client("cb-2", "cadre");
                var answer = await cadre.PostAsJsonAsync("/api/petition/receive", new
                {
                    caseId = recorded, channel = "FieldVisit", citizenName = "Võ Thị Hoa", localityCode = "phuong-1", content = "Đường ngập nước sau mưa", occurredAt = At,
                });
                Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), await answer.Content.ReadAsStringAsync());
                using var committee = host.Client("phong-tu-phap.1", "committee");
                Assert.That((await committee.GetAsync($"/api/cases/{recorded}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

                // A token naming this tenant is served; one naming another tenant is refused before any database is read.
                using var same = host.ClientOf("hue", "phong-tu-phap.1", "committee");
                Assert.That((await same.GetAsync($"/api/cases/{recorded}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
                using var other = host.ClientOf("quangtri", "phong-tu-phap.1", "committee");
                var refused = await other.GetAsync($"/api/cases/{recorded}");
                Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
                Assert.That(await refused.Content.ReadAsStringAsync(), Does.Contain("\"code\":\"access.other-tenant\""));
            }

            // The case is in the tenant's schema, and the deployment's own schema never saw it.
            using (var store = await TestDatabase.CreateStoreAsync(tenant))
            await using (var query = store.QuerySession())
            {
                Assert.That(await CaseQueries.FindAsync(query, recorded.ToString()), Is.Not.Null, "recorded in the tenant's schema");
            }

            using (var store = await TestDatabase.CreateStoreAsync(own))
            await using (var query = store.QuerySession())
            {
                Assert.That(await CaseQueries.FindAsync(query, recorded.ToString()), Is.Null, "not in the deployment's own schema");
                Assert.That(await query.Events.FetchStreamStateAsync(recorded), Is.Null);
            }
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(own);
            await TestDatabase.DropSchemaAsync(tenant);
            Directory.Delete(keys, recursive: true);
        }
    }

    [Test]
    public async Task A_host_for_an_undeclared_tenant_does_not_start_and_names_the_declared_ones()
    {
        // The web host as an operator starts it, from its build output: one sentence, no stack trace, exit 2.
        var web = Path.Combine(Repository.Root(), "src", "Hosts", "Web", "bin",
            new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0", "outreach-web.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [web]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["Outreach__Tenant"] = "quangtri";
        start.Environment["Outreach__Tenants__hue__DataFolder"] = "/srv/outreach/hue";
        start.Environment["Web__Culture"] = "en";
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.EqualTo(2), await error);
        Assert.That(await error, Does.Contain("No tenant \"quangtri\": the tenants configured are hue.").And.Not.Contain("   at "));
    }

    [Test]
    public void A_tenant_refusal_is_a_startup_failure_of_one_sentence()
        => Assert.That(StartupFailure.Describe(new InvalidOperationException("wrapped", TenantSettingsException.Of("tenant.unknown", "quangtri", "hue"))),
            Has.Exactly(1).Contains("quangtri"));
}
