using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Outreach.Cases;
using Weasel.Core;

namespace Outreach;

/// <summary>The registration calls that plug Outreach into Marten.</summary>
public static class OutreachRegistration
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, OutreachOptions> Registered = [];

    /// <summary>The Outreach options a store was configured with (defaults when it was configured without <c>AddOutreach</c>).</summary>
    public static OutreachOptions OptionsOf(object storeOptions) => Registered.TryGetValue(storeOptions, out var o) ? o : new OutreachOptions();

    /// <summary>
    /// Adds Outreach to a plain Marten <see cref="StoreOptions"/>: event types with their stable names, the case projection
    /// (inline), indexes, System.Text.Json with enums stored as strings, and the metadata auditors need (user name,
    /// correlation, causation). Call it once, before building the store.
    /// </summary>
    public static StoreOptions AddOutreach(this StoreOptions options, OutreachOptions? outreach = null)
    {
        outreach ??= new OutreachOptions();
        Registered.AddOrUpdate(options, outreach);
        options.UseSystemTextJsonForSerialization(EnumStorage.AsString);
        options.Events.UseMandatoryStreamTypeDeclaration = true;
        options.Events.MetadataConfig.EnableAll();
        options.Events.MetadataConfig.UserNameEnabled = true;
        foreach (var type in OutreachEvents.All)
        {
            options.Events.MapEventType(type, OutreachEvents.StoredName(type));
        }

        Audit.HashChain.Register(options);

        options.Projections.Add(new CaseProjection(outreach), ProjectionLifecycle.Inline);
        options.Projections.Add(new Units.UnitProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Visits.VisitProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Difficulties.DifficultyProjection(), ProjectionLifecycle.Inline);
        options.Projections.Add(new Rotation.RotaProjection(), ProjectionLifecycle.Inline);
        options.Schema.For<Visits.Visit>().Index(v => v.LocalityCode).Index(v => v.UnitId).Index(v => v.PlannedFor);
        options.Schema.For<Case>()
            .Index(c => c.Status)
            .Index(c => c.LocalityCode)
            .Index(c => c.NextObligationDue);
        return options;
    }

    /// <summary>
    /// Registers Marten with Outreach for a host builder (console, web, worker): one call. Returns Marten's configuration
    /// expression so the caller can chain more (for example <c>.AddAsyncDaemon(DaemonMode.HotCold)</c> or their own projections).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="connectionString">The PostgreSQL connection string.</param>
    /// <param name="configure">Changes to <see cref="OutreachOptions"/> (calendar, schema).</param>
    /// <param name="configureMarten">Further Marten configuration, applied after Outreach's.</param>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddOutreach(
        this IServiceCollection services, string connectionString, Action<OutreachOptions>? configure = null, Action<StoreOptions>? configureMarten = null)
    {
        var outreach = new OutreachOptions();
        configure?.Invoke(outreach);
        services.TryAddSingleton(outreach);
        services.TryAddSingleton(TimeProvider.System);
        return services.AddMarten(options =>
            {
                options.Connection(connectionString);
                options.DatabaseSchemaName = outreach.SchemaName;
                options.AddOutreach(outreach);
                configureMarten?.Invoke(options);
            })
            .UseLightweightSessions();
    }
}
