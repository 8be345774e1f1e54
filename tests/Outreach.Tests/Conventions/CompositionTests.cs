using JasperFx.Events.Daemon;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Outreach.Cases;
using Outreach.Tests.Support;
using Outreach.Units;

namespace Outreach.Tests.Conventions;

/// <summary>
/// <c>services.AddOutreach(configuration)</c>, the one composition: settings bound and checked at start, the owner
/// prepares the schema, the application role appends, the signed-in actor is the actor, checkpoints leave on a timer.
/// </summary>
public sealed class CompositionTests
{
    private static IHost Host(IDictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOutreach(builder.Configuration, o => o.PersonKeys = new Outreach.PersonalData.InMemoryPersonKeyStore());
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    [Test]
    public void Bad_settings_stop_the_host_at_start_naming_every_setting()
    {
        using var host = Host(new Dictionary<string, string?>
        {
            ["Outreach:SchemaName"] = "Bad Name",
            ["Outreach:UnitHeadResponseDays"] = "0",
            ["Outreach:KeyFolder"] = "relative/keys",
            ["Outreach:LocalitiesFile"] = "/nowhere/localities.json",
            ["Outreach:CheckpointEvery"] = "00:00:10",
        });
        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var text = string.Join("\n", refused!.Failures);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("Outreach:SchemaName \"Bad Name\""));
            Assert.That(text, Does.Contain("Outreach:UnitHeadResponseDays is 0"));
            Assert.That(text, Does.Contain("Outreach:KeyFolder \"relative/keys\""));
            Assert.That(text, Does.Contain("/nowhere/localities.json").And.Contain("does not exist"));
            Assert.That(text, Does.Contain("Outreach:CheckpointEvery"));
            Assert.That(text, Does.Contain("No connection string"));
        }
    }

    [TestCase(null, DaemonMode.HotCold)]
    [TestCase("true", DaemonMode.HotCold)]
    [TestCase("false", DaemonMode.ExternallyManaged)]
    public void A_host_runs_the_daemon_unless_Outreach_Projections_RunDaemon_is_false(string? runDaemon, DaemonMode expected)
    {
        var settings = new Dictionary<string, string?> { ["Outreach:ConnectionString"] = "Host=127.0.0.1;Database=none" };
        if (runDaemon is not null)
        {
            settings["Outreach:Projections:RunDaemon"] = runDaemon;
        }

        using var host = Host(settings);
        Assert.That(host.Services.GetRequiredService<IOptions<OutreachOptions>>().Value.Projections.RunDaemon, Is.EqualTo(runDaemon != "false"));
        Assert.That(host.Services.GetRequiredService<StoreOptions>().Projections.AsyncMode, Is.EqualTo(expected),
            "HotCold: one node per shard; ExternallyManaged: Marten's coordinator has nothing to distribute and starts nothing");
    }

    [TestCase("Outreach:Projections:RunDaemon", "", "true or false", "(true)")]
    [TestCase("Outreach:Projections:RunDaemon", "maybe", "“maybe”", "(true)")]
    [TestCase("Outreach:PrepareSchemaOnStart", " ", "true or false", "(true)")]
    [TestCase("Outreach:UnitHeadResponseDays", "ten", "whole number", "(7)")]
    [TestCase("Outreach:CityResponseDays", "", "whole number", "(15)")]
    [TestCase("Outreach:CheckpointEvery", "hourly", "duration", "(none)")]
    public void A_setting_set_empty_or_unreadable_stops_the_host_naming_it_instead_of_being_read_as_false_or_zero(string key, string value, string said, string fallback)
    {
        using var host = Host(new Dictionary<string, string?> { ["Outreach:ConnectionString"] = "Host=127.0.0.1;Database=none", [key] = value });
        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        var text = string.Join("\n", refused!.Failures);
        Assert.That(text, Does.Contain(key).And.Contain(said).And.Contain(fallback));
    }

    [Test]
    public void An_empty_optional_duration_is_simply_unset_and_the_vietnamese_sentence_names_the_setting()
    {
        using (var host = Host(new Dictionary<string, string?> { ["Outreach:ConnectionString"] = "Host=127.0.0.1;Database=none", ["Outreach:CheckpointEvery"] = "" }))
        {
            Assert.That(host.Services.GetRequiredService<IOptions<OutreachOptions>>().Value.CheckpointEvery, Is.Null);
        }

        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Outreach:Projections:RunDaemon"] = "" }).Build().GetSection("Outreach");
        var vi = SettingValues.Problems(section, new OutreachOptions(), System.Globalization.CultureInfo.GetCultureInfo("vi"));
        Assert.That(vi.Single(), Does.Contain("Outreach:Projections:RunDaemon").And.Contain("để trống").And.Contain("true hoặc false"));
    }

    [Test]
    public void A_store_configured_without_AddOutreach_is_refused_instead_of_running_on_defaults()
    {
        using var store = DocumentStore.For(o => o.Connection("Host=127.0.0.1;Database=none"));
        Assert.That(() => OutreachRegistration.OptionsOf(store), Throws.InvalidOperationException.With.Message.Contains("AddOutreach"));
    }

    [Test]
    public async Task The_owner_prepares_the_application_role_appends_and_the_signed_in_actor_acts()
    {
        var schema = TestDatabase.NewSchemaName();
        var folder = Directory.CreateTempSubdirectory("outreach-composition-").FullName;
        try
        {
            using var host = Host(new Dictionary<string, string?>
            {
                ["Outreach:ConnectionString"] = await TestDatabase.ApplicationConnectionStringAsync(),
                ["Outreach:OwnerConnectionString"] = await TestDatabase.OwnerConnectionStringAsync(),
                ["Outreach:SchemaName"] = schema,
                ["Outreach:KeyFolder"] = Path.Combine(folder, "keys"),
                ["Outreach:UnitHeadResponseDays"] = "5",
                ["Outreach:CheckpointEvery"] = "01:00:00",
                ["Outreach:CheckpointFolder"] = Path.Combine(folder, "checkpoints"),
            }, services => services.AddSingleton<IActorSource>(new SignedIn("Trần Thị Bình")));
            var caseId = Guid.NewGuid();
            var outreach = host.Services.GetRequiredService<OutreachService>();
            Assert.That(host.Services.GetRequiredService<IOptions<OutreachOptions>>().Value.UnitHeadResponseDays, Is.EqualTo(5), "bound from configuration");

            await host.StartAsync();
            await outreach.HandleAsync(new ReceivePetition(caseId, null, ReceptionChannel.Letter, null, null, null, null, true,
                "cao-lanh", "Phản ánh đèn đường hỏng", null, "Người trong thân lệnh", DateTimeOffset.UtcNow.AddMinutes(-5)));

            await using (var query = host.Services.GetRequiredService<IDocumentStore>().QuerySession())
            {
                var timeline = await CaseTimeline.LoadAsync(query, caseId);
                Assert.That(timeline.Single().Actor, Is.EqualTo("Trần Thị Bình"), "the signed-in person, not the body's actor");
            }

            await using (var app = new NpgsqlConnection(await TestDatabase.ApplicationConnectionStringAsync()))
            {
                await app.OpenAsync();
                await using var delete = new NpgsqlCommand($"delete from {schema}.mt_events", app);
                Assert.That(() => delete.ExecuteNonQueryAsync(), Throws.InstanceOf<PostgresException>().With.Property("SqlState").EqualTo("42501"));
            }

            // The checkpoint service takes one at start: the file appears off the database.
            var checkpoints = Path.Combine(folder, "checkpoints");
            for (var i = 0; i < 100 && !(Directory.Exists(checkpoints) && Directory.EnumerateFiles(checkpoints).Any()); i++)
            {
                await Task.Delay(200);
            }

            var file = Directory.EnumerateFiles(checkpoints).Single();
            Assert.That(Outreach.Audit.Checkpoint.Load(file).KeyFingerprint, Is.Not.Empty);
            await host.StopAsync();
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public async Task Hosts_starting_at_once_prepare_one_schema_without_tripping_over_each_other()
    {
        var schema = TestDatabase.NewSchemaName();
        var application = await TestDatabase.ApplicationConnectionStringAsync();
        var owner = await TestDatabase.OwnerConnectionStringAsync();
        try
        {
            // Without serialising, concurrent GRANTs on the same tables fail with XX000 "tuple concurrently updated".
            var starts = Enumerable.Range(0, 4).Select(_ => Task.Run(() => new OutreachSchema(new OutreachOptions
            {
                SchemaName = schema, ConnectionString = application, OwnerConnectionString = owner,
                PersonKeys = new Outreach.PersonalData.InMemoryPersonKeyStore(),
            }).PrepareAsync())).ToArray();
            var outcomes = await Task.WhenAll(starts);
            Assert.That(outcomes, Has.All.EqualTo(OutreachSchema.Outcome.PreparedByOwner));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(schema);
        }
    }

    [Test]
    public void A_grouped_cadre_visits_with_the_group_and_the_others_alone()
    {
        var id = Guid.NewGuid();
        var at = new DateTimeOffset(2025, 1, 6, 9, 0, 0, TimeSpan.FromHours(7));
        var unit = Unit.None(id)
            .Evolve(new UnitRegistered(id, "ubnd", "UBND phường", "A", at))
            .Evolve(new CadreAssigned(id, "cb1", "Nguyễn Văn A", null, "A", at))
            .Evolve(new CadreAssigned(id, "cb2", "Trần Thị B", null, "A", at))
            .Evolve(new CadreAssigned(id, "cb3", "Lê Văn C", null, "A", at))
            .Evolve(new VisitingGroupFormed(id, "to1", ["cb1", "cb2"], "A", at));
        Assert.That(unit.Visitors(), Is.EqualTo(new[] { "to1", "cb3" }));
    }

    [Test]
    public void A_host_left_out_time_and_new_id_are_filled_by_the_library_and_given_ones_kept()
    {
        var now = new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);
        var receive = OutreachCommands.Find("ReceivePetition")!;
        var filled = CommandJson.FillDefaults(receive, new System.Text.Json.Nodes.JsonObject(), new FixedClock(now));
        var id = Guid.Parse((string)filled["caseId"]!);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(DateTimeOffset.Parse((string)filled["occurredAt"]!, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(now));
            Assert.That(((string)filled["occurredAt"]!).EndsWith("+07:00", StringComparison.Ordinal), "business time in Vietnam time");
            Assert.That(id.Version, Is.EqualTo(7), "a time-ordered id");
        }

        var classify = OutreachCommands.Find("ClassifyPetition")!;
        var given = CommandJson.FillDefaults(classify, new System.Text.Json.Nodes.JsonObject { ["occurredAt"] = "2024-03-05T09:00:00+07:00" }, new FixedClock(now));
        Assert.That(((string)given["occurredAt"]!, given.ContainsKey("caseId")), Is.EqualTo(("2024-03-05T09:00:00+07:00", false)), "a step on an existing case gets no new id");
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private sealed class SignedIn(string actor) : IActorSource
    {
        public string? CurrentActor { get; } = actor;
    }
}
