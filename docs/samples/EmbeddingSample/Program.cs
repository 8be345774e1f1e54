using EmbeddingSample;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Outreach;
using Outreach.Cases;

var connection = Environment.GetEnvironmentVariable("OUTREACH_CONNECTION")
    ?? throw new InvalidOperationException("Set OUTREACH_CONNECTION to a PostgreSQL connection string.");

// One registration call; the returned expression lets the app add its own projections.
var builder = Host.CreateApplicationBuilder(args);
builder.Services
    .AddOutreach(connection, outreach => outreach.SchemaName = "embedding_sample")
    .ApplyAllDatabaseChangesOnStartup();
builder.Services.ConfigureMarten(options => options.Projections.Add<ComplaintsByRespondentProjection>(ProjectionLifecycle.Inline));
using var host = builder.Build();
await host.StartAsync();

// Record a petition through Outreach's single write path: validation, decision, append, all in one call.
var store = host.Services.GetRequiredService<IDocumentStore>();
var clock = host.Services.GetRequiredService<TimeProvider>();
var caseId = Guid.CreateVersion7();
var now = clock.GetUtcNow();
await using (var session = store.LightweightSession())
{
    await session.HandleAsync(new ReceivePetition(caseId, null, ReceptionChannel.Online, "Đặng Thị Mai", null, null, null, false,
        "cao-lanh", "Khiếu nại quyết định xử phạt", "Đội Quản lý trật tự đô thị", "Cổng dịch vụ công", now), clock);
    await session.HandleAsync(new ClassifyPetition(caseId, CaseKind.Complaint, null, "Cổng dịch vụ công", now), clock);
}

// Read Outreach's own view and the app's projection.
await using var query = store.QuerySession();
var details = await CaseQueries.LoadAsync(query, caseId);
var tally = await query.LoadAsync<ComplaintsByRespondent>("Đội Quản lý trật tự đô thị");
Console.WriteLine($"Case {caseId}: {details!.Status}, acceptance due {details.Deadlines[0].Due:yyyy-MM-dd} ({details.Deadlines[0].Citation})");
Console.WriteLine($"Complaints against {tally!.Id}: {tally.Count}");
await host.StopAsync();
