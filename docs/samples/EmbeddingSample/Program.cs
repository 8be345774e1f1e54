using EmbeddingSample;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach;
using Outreach.Cases;
using Outreach.PersonalData;

// Settings come from appsettings.json (schema, periods) and the environment (connections and key folder, which are
// secrets or machine paths): Outreach__ConnectionString, Outreach__OwnerConnectionString, Outreach__KeyFolder.
var builder = Host.CreateApplicationBuilder(args);
// One call: options (checked at start), store, schema preparation as the owner, clock. The app's own projections go in
// the Marten callback, so that the owner prepares their tables too.
builder.Services.AddOutreach(builder.Configuration,
    configureMarten: marten => marten.Projections.Add(new ComplaintRowProjection(), ProjectionLifecycle.Inline));
using var host = builder.Build();
await host.StartAsync();                                                        // checks the settings; the owner prepares the schema

var options = host.Services.GetRequiredService<IOptions<OutreachOptions>>().Value;
var store = host.Services.GetRequiredService<IDocumentStore>();
var outreach = host.Services.GetRequiredService<OutreachService>();
var clock = host.Services.GetRequiredService<TimeProvider>();
Console.WriteLine($"settings: schema {options.SchemaName}, unit head response {options.UnitHeadResponseDays} days");

// Strict binding: the same JSON rules as the console's `apply` and the web host.
foreach (var (label, line) in new[]
{
    ("misspelt field", """{"command":"ClassifyPetition","caseId":"0196f1c8-0000-7000-8000-000000000001","kind":"Complaint","actr":"x","occurredAt":"2024-03-05T09:00:00+07:00"}"""),
    ("time without offset", """{"command":"ClassifyPetition","caseId":"0196f1c8-0000-7000-8000-000000000001","kind":"Complaint","actor":"x","occurredAt":"2024-03-05T09:00:00"}"""),
})
{
    try
    {
        CommandJson.ParseLine(line);
        Console.WriteLine($"{label}: ACCEPTED (wrong)");
    }
    catch (CommandInputException refused)
    {
        Console.WriteLine($"{label}: refused {refused.Code}");
    }
}

// A denunciation names its denouncer; the library seals the identity and protects it.
var caseId = Guid.CreateVersion7();
var now = clock.GetUtcNow();
await outreach.HandleAsync(new ReceivePetition(caseId, null, ReceptionChannel.Online, "Đặng Thị Mai", null, null, null, false,
    "cao-lanh", "Tố cáo cán bộ nhận tiền", "Cán bộ địa chính phường", "Cổng dịch vụ công", now));
await outreach.HandleAsync(new ClassifyPetition(caseId, CaseKind.Denunciation, null, "Cổng dịch vụ công", now));

var hidden = await CaseReading.ShowAsync(store, new CaseRequest(caseId.ToString()));
Console.WriteLine($"without clearance: {hidden.Citizen.Name} (protected: {hidden.Citizen.IsProtected})");

var code = DenouncerClearance.Issue("Thanh tra viên Lê Văn Bình", DenouncerClearance.DefaultFile(options.KeyFolder));
var shown = await CaseReading.ShowAsync(store, new CaseRequest(caseId.ToString())
{
    Clearance = new ClearanceRequest("Thanh tra viên Lê Văn Bình", code, "Xác minh nội dung tố cáo"),
});
await using (var query = store.QuerySession())
{
    var last = (await CaseTimeline.LoadAsync(query, caseId))[^1];
    Console.WriteLine($"with clearance: {shown.Citizen.Name}; the case's history now ends with {last.EventType} by {last.Actor}");
}

// The app's own projection, and a count that is a query over its rows (rebuild-safe).
await using (var query = store.QuerySession())
{
    var rows = await query.Query<ComplaintRow>().Where(r => r.Respondent == "Cán bộ địa chính phường").CountAsync();
    Console.WriteLine($"rows for the respondent: {rows}");
}

// The application role appends; it cannot rewrite history.
await using (var connection = new NpgsqlConnection(options.ConnectionString))
{
    await connection.OpenAsync();
    await using var delete = new NpgsqlCommand($"delete from {options.SchemaName}.mt_events", connection);
    try
    {
        await delete.ExecuteNonQueryAsync();
        Console.WriteLine("append-only: NOT ENFORCED (the application role deleted events)");
    }
    catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
    {
        Console.WriteLine($"append-only: the application role may not delete events ({ex.SqlState})");
    }
}

await host.StopAsync();
