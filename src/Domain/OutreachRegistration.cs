using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Outreach.Cases;
using Weasel.Core;

namespace Outreach;

/// <summary>The registration calls that plug Outreach into an application: one for a host's services, one for a plain Marten store.</summary>
public static class OutreachRegistration
{
    /// <summary>The configuration section Outreach binds <see cref="OutreachOptions"/> from.</summary>
    public const string SectionName = "Outreach";

    /// <summary>
    /// The Outreach settings a store was configured with by <see cref="AddOutreach(StoreOptions, OutreachOptions?, TimeProvider?)"/>;
    /// throws when the store was configured without it, so that no command is ever decided with settings nobody chose.
    /// </summary>
    public static OutreachOptions OptionsOf(IDocumentStore store) => SettingsOf(store).Options;

    internal static OutreachStoreSettings SettingsOf(IDocumentStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return (store.Options as StoreOptions)?.Listeners.OfType<OutreachStoreSettings>().FirstOrDefault()
            ?? throw new InvalidOperationException(OutreachText.Get("options.not-registered"));
    }

    /// <summary>
    /// Adds Outreach to a plain Marten <see cref="StoreOptions"/>: event types with their stable names, the projections
    /// (inline), indexes, System.Text.Json with enums stored as strings, the metadata auditors need (user name,
    /// correlation, causation), the hash chain, and the deployment's settings, which travel with the store. Call it once,
    /// before building the store. <see cref="AddOutreach(IServiceCollection, IConfiguration, Action{OutreachOptions}?, Action{StoreOptions}?)"/>
    /// calls it for you.
    /// </summary>
    /// <param name="options">Marten's options.</param>
    /// <param name="outreach">The deployment's settings; the shipped defaults when null.</param>
    /// <param name="clock">The clock that dates "today" and refuses business times in the future; <see cref="TimeProvider.System"/> when null.</param>
    public static StoreOptions AddOutreach(this StoreOptions options, OutreachOptions? outreach = null, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        outreach ??= new OutreachOptions();
        if (options.Listeners.OfType<OutreachStoreSettings>().Any())
        {
            throw new InvalidOperationException("AddOutreach was called twice on the same StoreOptions.");
        }

        options.Listeners.Add(new OutreachStoreSettings(outreach, clock ?? TimeProvider.System));
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);

        // The asynchronous views are run by whoever hosts the store: AddAsyncDaemon (the DI registration does) or
        // OutreachProjections.CatchUpAsync (the console, before it reads them).
        if (options.Projections.AsyncMode == JasperFx.Events.Daemon.DaemonMode.Disabled)
        {
            options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.ExternallyManaged;
        }

        options.Events.UseMandatoryStreamTypeDeclaration = true;
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var type in OutreachEvents.All)
        {
            options.Events.MapEventType(type, OutreachEvents.StoredName(type));
        }

        // Earlier contracts still in streams, read as the current one (docs/events.md, "Earlier contracts").
        options.Events.Upcast<Rotation.RotaRecordedV1, Rotation.RotaRecorded>(Rotation.RotaRecordedV1.StoredName, old => old.Upcast());

        Audit.HashChain.Register(options);

        // The write path's view of a stream: its events, folded live on each command, never stored (ADR 26).
        options.Projections.Add(new StreamHistoryProjection(), ProjectionLifecycle.Live);
        options.Projections.Add(new CaseProjection(outreach), ProjectionLifecycle.Inline);
        options.Projections.Add(new Units.UnitProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Visits.VisitProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Difficulties.DifficultyProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Rotation.RotaProjection(), ProjectionLifecycle.Inline);

        // The dashboards' tallies: many streams feed one row, so they run in the daemon, one writer per view (ADR 25).
        AddTally<LocalityCases, LocalityCasesMark>(options, new LocalityCasesProjection(), "LocalityCases");
        AddTally<Visits.LocalityVisits, Visits.LocalityVisitsMark>(options, new Visits.LocalityVisitsProjection(), "LocalityVisits");
        AddTally<Visits.WeekVisits, Visits.WeekVisitsMark>(options, new Visits.WeekVisitsProjection(), "WeekVisits");
        AddTally<Visits.TopicGuidance, Visits.TopicGuidanceMark>(options, new Visits.TopicGuidanceProjection(), "TopicGuidance");
        AddTally<Difficulties.PersonWaiting, Difficulties.PersonWaitingMark>(options, new Difficulties.PersonWaitingProjection(), "PersonWaiting");

        // Per-stream views made from the inline documents once they are committed, beside the tallies (ADR 25).
        AddView<Visits.LocalityHistoryLine>(options, new Visits.LocalityHistoryLineProjection(), "LocalityHistoryLine");
        AddView<Rotation.RotaWeek>(options, new Rotation.RotaWeekProjection(), "RotaWeek");
        options.Schema.For<Visits.LocalityHistoryLine>().Index(l => l.LocalityCode);
        options.Schema.For<Rotation.RotaWeek>().Index(w => w.Week).Index(w => w.RotaId);
        options.Schema.For<Visits.WeekVisits>().Index(w => w.Week);
        // Idempotency keys of web requests (ADR 31): looked up by id only.
        options.Schema.For<RecordedRequest>();
        options.Schema.For<Visits.Visit>().Index(v => v.LocalityCode).Index(v => v.UnitId).Index(v => v.PlannedFor);
        options.Schema.For<Case>()
            .Index(c => c.Status)
            .Index(c => c.LocalityCode)
            .Index(c => c.NextObligationDue);
        return options;
    }

    private static void AddTally<TRow, TMark>(StoreOptions options, Marten.Events.Projections.IProjection projection, string name)
        where TRow : class
        where TMark : class
    {
        options.RegisterDocumentType<TRow>();
        options.RegisterDocumentType<TMark>();
        options.Projections.Add(projection, ProjectionLifecycle.Async, name, asyncOptions =>
        {
            asyncOptions.DeleteViewTypeOnTeardown<TRow>();
            asyncOptions.DeleteViewTypeOnTeardown<TMark>();
        });
    }

    private static void AddView<TView>(StoreOptions options, Marten.Events.Projections.IProjection projection, string name)
        where TView : class
    {
        options.RegisterDocumentType<TView>();
        options.Projections.Add(projection, ProjectionLifecycle.Async, name, asyncOptions => asyncOptions.DeleteViewTypeOnTeardown<TView>());
    }

    /// <summary>
    /// The Marten options of an Outreach store for <paramref name="outreach"/>: its connection (the application's, or with
    /// <paramref name="asOwner"/> the schema owner's), its schema, and — when an owner connection is configured — no
    /// schema changes by the application role (the owner prepares the schema, <see cref="OutreachSchema"/>).
    /// </summary>
    public static StoreOptions StoreOptionsFor(OutreachOptions outreach, TimeProvider? clock = null, Action<StoreOptions>? configureMarten = null, bool asOwner = false)
    {
        ArgumentNullException.ThrowIfNull(outreach);
        var connection = asOwner && !string.IsNullOrWhiteSpace(outreach.OwnerConnectionString) ? outreach.OwnerConnectionString : outreach.ConnectionString;
        var options = new StoreOptions();
        options.Connection(connection ?? throw new InvalidOperationException(OutreachText.Get("options.connection-missing")));
        options.DatabaseSchemaName = outreach.SchemaName;
        if (!string.IsNullOrWhiteSpace(outreach.OwnerConnectionString) && !asOwner)
        {
            options.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        }

        options.AddOutreach(outreach, clock);
        configureMarten?.Invoke(options);
        return options;
    }

    /// <summary>
    /// Registers Outreach for a host (console, web, worker) in one call: binds <see cref="OutreachOptions"/> from the
    /// <c>Outreach</c> section of <paramref name="configuration"/> and checks it when the host starts; registers Marten
    /// with Outreach's store, a <see cref="TimeProvider"/> (unless one is registered), the person-key store, the
    /// <see cref="OutreachSchema"/> service that prepares the schema as its owner (and does so at start unless
    /// <see cref="OutreachOptions.PrepareSchemaOnStart"/> is false), <see cref="OutreachService"/>, and the
    /// <see cref="Audit.CheckpointService"/> (idle unless <see cref="OutreachOptions.CheckpointEvery"/> is set), and Marten's
    /// async daemon in HotCold mode for the asynchronous views (none when <see cref="OutreachProjectionOptions.RunDaemon"/>,
    /// <c>Outreach:Projections:RunDaemon</c>, is false). Returns Marten's configuration expression so the caller can chain
    /// more (their own projections).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's configuration (its <c>Outreach</c> section and <c>ConnectionStrings</c>).</param>
    /// <param name="configure">Changes to the settings in code, applied after the configuration.</param>
    /// <param name="configureMarten">Further Marten configuration, applied after Outreach's.</param>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddOutreach(
        this IServiceCollection services, IConfiguration configuration, Action<OutreachOptions>? configure = null, Action<StoreOptions>? configureMarten = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OutreachOptions>()
            .BindChecked(configuration.GetSection(SectionName))
            .Configure(o =>
            {
                o.ConnectionString ??= configuration.GetConnectionString("Outreach");
                o.OwnerConnectionString ??= configuration.GetConnectionString("OutreachOwner");
                configure?.Invoke(o);
            })
            .PostConfigure(o => o.LoadFiles())
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutreachOptions>, OutreachOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OutreachOptions>>().Value.PersonKeys);
        services.TryAddSingleton(sp => new OutreachSchema(
            sp.GetRequiredService<IOptions<OutreachOptions>>().Value, configureMarten, sp.GetService<ILogger<OutreachSchema>>()));
        services.TryAddSingleton<OutreachService>();
        // The dashboards' reads: the standby's store when Outreach:ReplicaConnectionString names one, else the primary.
        services.TryAddSingleton(sp => new DashboardReads(
            sp.GetRequiredService<IDocumentStore>(), sp.GetRequiredService<IOptions<OutreachOptions>>().Value, sp.GetRequiredService<TimeProvider>(), configureMarten));
        services.AddHostedService<OutreachStartup>();
        services.AddHostedService<Audit.CheckpointService>();
        var marten = services.AddMarten(sp => WithCommandLog(StoreOptionsFor(
                sp.GetRequiredService<IOptions<OutreachOptions>>().Value, sp.GetRequiredService<TimeProvider>(), configureMarten), sp.GetService<ILoggerFactory>()))
            .UseLightweightSessions()
            // The dashboards' tallies (ADR 25) are kept by the daemon of every host that registers Outreach; HotCold elects
            // one node per view when several run.
            .AddAsyncDaemon(JasperFx.Events.Daemon.DaemonMode.HotCold);

        // Outreach:Projections:RunDaemon=false: no daemon in this host. Applied after AddAsyncDaemon's own setting, when the
        // store is built from the bound options (so it also sees configuration added late and the configure callback).
        // With the mode no longer HotCold, Marten's coordinator has nothing to distribute and its start does nothing;
        // OutreachProjections.CatchUpAsync still works, as on the console.
        services.ConfigureMarten((sp, options) =>
        {
            if (!sp.GetRequiredService<IOptions<OutreachOptions>>().Value.Projections.RunDaemon)
            {
                options.Projections.AsyncMode = JasperFx.Events.Daemon.DaemonMode.ExternallyManaged;
            }
        });
        return marten;
    }

    /// <summary>
    /// Registers Outreach with settings given in code (no configuration file): the same as
    /// <see cref="AddOutreach(IServiceCollection, IConfiguration, Action{OutreachOptions}?, Action{StoreOptions}?)"/> with
    /// <paramref name="connectionString"/> as the application's connection.
    /// </summary>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddOutreach(
        this IServiceCollection services, string connectionString, Action<OutreachOptions>? configure = null, Action<StoreOptions>? configureMarten = null)
        => services.AddOutreach(new ConfigurationBuilder().Build(), o =>
        {
            o.ConnectionString = connectionString;
            configure?.Invoke(o);
        }, configureMarten);

    /// <summary>Logs each command the write path handles to the host's logging (category <c>Outreach.Commands</c>, ADR 29).</summary>
    private static StoreOptions WithCommandLog(StoreOptions options, ILoggerFactory? loggers)
    {
        if (loggers is not null)
        {
            options.Listeners.OfType<OutreachStoreSettings>().Single().Logger = loggers.CreateLogger(CommandLog.Category);
        }

        return options;
    }

    /// <summary>Prepares the schema when the host starts (<see cref="OutreachOptions.PrepareSchemaOnStart"/>).</summary>
    private sealed class OutreachStartup(OutreachSchema schema, IOptions<OutreachOptions> options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
            => options.Value.PrepareSchemaOnStart ? schema.PrepareAsync(cancellationToken) : Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The settings that travel with an Outreach store (registered as an inert session listener, so they are part of its configuration).</summary>
internal sealed class OutreachStoreSettings(OutreachOptions options, TimeProvider clock) : DocumentSessionListenerBase
{
    public OutreachOptions Options { get; } = options;

    public TimeProvider Clock { get; } = clock;

    /// <summary>Where the write path logs each command; nowhere unless the host's logging is registered (DI).</summary>
    public ILogger Logger { get; set; } = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
}
