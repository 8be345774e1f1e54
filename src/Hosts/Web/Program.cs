using Outreach;
using Outreach.Hosting;
using Outreach.Web;
using Outreach.Web.Dashboard;

// The web host (issue 11): the library's commands and read models over HTTP for signed-in people (ADR 27, 31). With no
// connection configured it starts or reuses the private cluster, as the console does.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddOutreachSources();

    // The host's own sentences (which database it uses) in Vietnamese unless Web:Culture says otherwise; each request
    // answers in the language its Accept-Language asks for.
    System.Globalization.CultureInfo.DefaultThreadCurrentUICulture = System.Globalization.CultureInfo.GetCultureInfo(builder.Configuration["Web:Culture"] ?? "vi");
    // Outreach:Tenant=CODE: this host serves that tenant, on its own database and folders. Tenants declared and none named:
    // it serves every one of them, each request in its signed-in person's tenant (ADR 37).
    var tenant = OutreachTenants.Selected(builder.Configuration);
    var every = tenant is null ? OutreachTenants.Read(builder.Configuration) : [];
    if (every.Count > 0)
    {
        WebTenancy.AddEveryTenant(builder.Services, every);
    }
    else
    {
        OutreachDatabase? resolved = null;
        builder.Services.AddOutreach(builder.Configuration, o =>
        {
            tenant?.ApplyTo(o);
            if (o.ConnectionString is null)
            {
                // Resolved when the settings are first read, with the host's final configuration; said once. A tenant's
                // database comes from its own settings (its server or its private cluster).
                resolved ??= (tenant is null
                    ? OutreachConnection.ResolveDatabaseAsync(null, o, Console.Error.WriteLine)
                    : OutreachTenants.ResolveDatabaseAsync(tenant, Console.Error.WriteLine)).GetAwaiter().GetResult();
                (o.ConnectionString, o.OwnerConnectionString) = (resolved.Application, resolved.Admin);
            }
        });
        builder.Services.AddSingleton(WebTenancy.One(tenant));
    }

    WebTenancy.AddDashboardReads(builder.Services);
    builder.Services.AddOutreachWeb();
    builder.Services.AddOutreachIdentity();
    builder.Services.AddOpen311(builder.Configuration);
    builder.AddOutreachOperations();
    builder.Services.AddOutreachDashboard();

    var app = builder.Build();
    app.UseOutreachWeb();
    app.UseOutreachOperations();
    app.UseAuthentication();
    if (tenant is not null || every.Count > 0)
    {
        WebTenancy.UseTenantOfPerson(app);
    }

    app.UseAuthorization();
    app.MapOutreachSignIn();
    app.MapOutreachReads();
    app.MapOutreachCommands();
    app.MapOpen311();
    app.MapOutreachDashboard();
    await app.RunAsync();
    return 0;
}
catch (Exception failure) when (StartupFailure.Describe(failure) is { } problems)
{
    // Settings that cannot be used, or a cluster that cannot start: one sentence each, no stack trace.
    return StartupFailure.Report(problems);
}

/// <summary>The web host's entry point (public for the tests' <c>WebApplicationFactory</c>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Maintainability", "CA1515", Justification = "WebApplicationFactory<Program> in the tests needs the entry point.")]
public partial class Program;
