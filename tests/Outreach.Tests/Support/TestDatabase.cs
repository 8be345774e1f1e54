using Marten;
using Npgsql;
using Outreach.Hosting;

namespace Outreach.Tests.Support;

/// <summary>
/// The PostgreSQL every integration test uses: OUTREACH_CONNECTION when set (CI sets it), otherwise the private local
/// cluster of the embedded default. Each store gets a schema of its own, dropped afterwards.
/// </summary>
internal static class TestDatabase
{
    private static readonly Lazy<Task<string>> Connection = new(() => OutreachConnection.ResolveAsync(null, TestContext.Progress.WriteLine));

    public static Task<string> ConnectionStringAsync() => Connection.Value;

    public static async Task<DocumentStore> CreateStoreAsync(string schema, OutreachOptions? options = null, Action<StoreOptions>? configure = null)
    {
        var connection = await ConnectionStringAsync();
        // Citizens' keys stay in memory: tests never write into the machine's key folder.
        options ??= new OutreachOptions { PersonKeys = new Outreach.PersonalData.InMemoryPersonKeyStore() };
        var store = DocumentStore.For(opts =>
        {
            opts.Connection(connection);
            opts.DatabaseSchemaName = schema;
            opts.AddOutreach(options);
            configure?.Invoke(opts);
        });
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        return store;
    }

    public static string NewSchemaName() => "t_" + Guid.NewGuid().ToString("N")[..16];

    public static async Task DropSchemaAsync(string schema)
    {
        await using var conn = new NpgsqlConnection(await ConnectionStringAsync());
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
