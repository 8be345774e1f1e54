using Marten;
using Npgsql;
using Outreach.Hosting;

namespace Outreach.Tests.Support;

/// <summary>
/// The PostgreSQL every integration test uses, resolved by the same code as the hosts: the private local cluster of the
/// embedded default (what CI and a newcomer get), or OUTREACH_CONNECTION (+ OUTREACH_ADMIN_CONNECTION) when set. Each store
/// gets a schema of its own, prepared by its owner and used through the application role, as the hosts do; dropped afterwards.
/// </summary>
internal static class TestDatabase
{
    private static readonly Lazy<Task<OutreachDatabase>> Database = new(() => OutreachConnection.ResolveDatabaseAsync(null, TestContext.Progress.WriteLine));

    /// <summary>Both connections, as the hosts resolve them.</summary>
    public static Task<OutreachDatabase> DatabaseAsync() => Database.Value;

    /// <summary>The application role's connection: what the library works with.</summary>
    public static async Task<string> ApplicationConnectionStringAsync() => (await Database.Value).Application;

    /// <summary>The schema owner's connection: the insider of the threat model, used to tamper and to drop schemas.</summary>
    public static async Task<string> OwnerConnectionStringAsync()
    {
        var database = await Database.Value;
        return database.Admin ?? database.Application;
    }

    public static async Task<DocumentStore> CreateStoreAsync(string schema, OutreachOptions? options = null, Action<StoreOptions>? configure = null)
    {
        var database = await Database.Value;
        // Citizens' keys stay in memory: tests never write into the machine's key folder.
        options ??= new OutreachOptions { PersonKeys = new Outreach.PersonalData.InMemoryPersonKeyStore() };
        // The composition every host uses: the owner prepares, the application role works.
        options.SchemaName = schema;
        options.ConnectionString = database.Application;
        options.OwnerConnectionString = database.Admin;
        await new OutreachSchema(options, configure).PrepareAsync();
        var storeOptions = OutreachRegistration.StoreOptionsFor(options, configureMarten: configure);
        storeOptions.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        return new DocumentStore(storeOptions);
    }

    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task DropSchemaAsync(string schema)
    {
        await using var conn = new NpgsqlConnection(await OwnerConnectionStringAsync());
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", conn);
        await cmd.ExecuteNonQueryAsync();
    }
}

/// <summary>Base for fixtures that talk to a real PostgreSQL through a store of their own.</summary>
public abstract class StoreFixture
{
    private string _schema = "";

    protected DocumentStore Store { get; private set; } = null!;

    protected OutreachOptions Options { get; } = new() { PersonKeys = new Outreach.PersonalData.InMemoryPersonKeyStore() };

    [OneTimeSetUp]
    public async Task CreateStore()
    {
        _schema = TestDatabase.NewSchemaName();
        Store = await TestDatabase.CreateStoreAsync(_schema, Options);
    }

    [OneTimeTearDown]
    public async Task DropStore()
    {
        Store?.Dispose();
        await TestDatabase.DropSchemaAsync(_schema);
    }
}

/// <summary>A store on the schema owner's connection: the insider of the threat model, and the role that adopts chains.</summary>
internal static class OwnerStore
{
    public static async Task<DocumentStore> OpenAsync(string schema, OutreachOptions? options = null)
    {
        var database = await TestDatabase.DatabaseAsync();
        options ??= new OutreachOptions { PersonKeys = new Outreach.PersonalData.InMemoryPersonKeyStore() };
        options.SchemaName = schema;
        options.ConnectionString = database.Application;
        options.OwnerConnectionString = database.Admin ?? database.Application;
        var storeOptions = OutreachRegistration.StoreOptionsFor(options, asOwner: true);
        storeOptions.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        return new DocumentStore(storeOptions);
    }
}
