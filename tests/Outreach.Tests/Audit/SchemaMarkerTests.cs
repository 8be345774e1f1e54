using Npgsql;
using Outreach.Audit;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>
/// The schema marker (issue 13): a schema this build prepared for the same application role is not compared and applied
/// again by every process; another role, a forced apply (the console's <c>schema db-apply</c>) or an unmarked schema is.
/// </summary>
public sealed class SchemaMarkerTests
{
    private string _schema = "";

    [SetUp]
    public void NewSchema() => _schema = TestDatabase.NewSchemaName();

    [TearDown]
    public Task Drop() => TestDatabase.DropSchemaAsync(_schema);

    private static async Task<(string Owner, string AppRole)> RolesAsync()
    {
        var database = await TestDatabase.DatabaseAsync();
        return (await TestDatabase.OwnerConnectionStringAsync(), Outreach.Hosting.OutreachConnection.UserOf(database.Application));
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync());
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{schema}", _schema, StringComparison.Ordinal), conn);
        var value = await command.ExecuteScalarAsync();
        return value is DBNull ? null : value;
    }

    private Task<object?> IndexAsync() => ScalarAsync("select to_regclass('{schema}.mt_doc_case_idx_status')::text");

    [Test]
    public async Task A_prepared_schema_is_left_alone_until_forced_and_the_marker_names_this_build_and_role()
    {
        var (owner, app) = await RolesAsync();
        await AppendOnlyRoles.PrepareSchemaAsync(owner, app, _schema, new OutreachOptions());
        Assert.That(await ScalarAsync($"select fingerprint from {{schema}}.{SchemaMarker.Table}"), Is.EqualTo(SchemaMarker.Of(_schema, app)));
        Assert.That(await IndexAsync(), Is.Not.Null, "the case view's status index exists");

        // Someone drops an index by hand: the next process's preparation trusts the marker and does not compare...
        await ScalarAsync("drop index {schema}.mt_doc_case_idx_status");
        await AppendOnlyRoles.PrepareSchemaAsync(owner, app, _schema, new OutreachOptions());
        Assert.That(await IndexAsync(), Is.Null, "the marker matched: nothing was compared or applied");

        // ... and a forced apply (schema db-apply) repairs it.
        await AppendOnlyRoles.PrepareSchemaAsync(owner, app, _schema, new OutreachOptions(), null, force: true);
        Assert.That(await IndexAsync(), Is.Not.Null, "db-apply compares and applies everything");
    }

    [Test]
    public async Task Another_application_role_or_a_schema_without_a_marker_is_prepared_again()
    {
        var (owner, app) = await RolesAsync();
        await AppendOnlyRoles.PrepareSchemaAsync(owner, app, _schema, new OutreachOptions());
        await ScalarAsync("drop index {schema}.mt_doc_case_idx_status");
        await ScalarAsync($"update {{schema}}.{SchemaMarker.Table} set fingerprint = 'an older build'");
        await AppendOnlyRoles.PrepareSchemaAsync(owner, app, _schema, new OutreachOptions());
        Assert.That(await IndexAsync(), Is.Not.Null, "a marker of another build does not match");

        Assert.That(SchemaMarker.Of(_schema, app), Is.Not.EqualTo(SchemaMarker.Of(_schema, app + "_other")).And.Not.EqualTo(SchemaMarker.Of(_schema + "x", app)));
        await ScalarAsync($"drop table {{schema}}.{SchemaMarker.Table}");
        await ScalarAsync("drop index {schema}.mt_doc_case_idx_status");
        await AppendOnlyRoles.PrepareSchemaAsync(owner, app, _schema, new OutreachOptions());
        Assert.That(await IndexAsync(), Is.Not.Null, "a schema prepared before markers existed is compared and applied");
    }

    [Test]
    public async Task The_application_role_reads_the_marker_but_cannot_write_it()
    {
        var (owner, app) = await RolesAsync();
        await AppendOnlyRoles.PrepareSchemaAsync(owner, app, _schema, new OutreachOptions());
        await using var conn = new NpgsqlConnection(await TestDatabase.ApplicationConnectionStringAsync());
        await conn.OpenAsync();
        await using var read = new NpgsqlCommand($"select fingerprint from {_schema}.{SchemaMarker.Table}", conn);
        Assert.That(await read.ExecuteScalarAsync(), Is.EqualTo(SchemaMarker.Of(_schema, app)));
        foreach (var sql in new[] { "update {0} set fingerprint = 'forged'", "delete from {0}", "insert into {0} (fingerprint) values ('forged')", "truncate {0}" })
        {
            await using var write = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, $"{_schema}.{SchemaMarker.Table}"), conn);
            var refused = Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync(), sql);
            Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege), sql);
        }
    }

    [Test]
    public async Task A_matching_marker_spares_the_owner_connection_and_any_other_answer_asks_the_owner()
    {
        var (owner, _) = await RolesAsync();
        var application = await TestDatabase.ApplicationConnectionStringAsync();
        var unreachableOwner = new NpgsqlConnectionStringBuilder(owner) { Password = "not-the-owner-password", Pooling = false }.ConnectionString;
        OutreachSchema SchemaWith(string ownerConnection) => new(new OutreachOptions { ConnectionString = application, OwnerConnectionString = ownerConnection, SchemaName = _schema });

        // Never prepared: the application role finds no marker, so the owner is asked, and a wrong password shows it was.
        Assert.ThrowsAsync<PostgresException>(() => SchemaWith(unreachableOwner).PrepareAsync());
        Assert.That(await SchemaWith(owner).PrepareAsync(), Is.EqualTo(OutreachSchema.Outcome.PreparedByOwner));

        // Prepared by this build: the next start reads the marker as the application role and never connects as the owner.
        Assert.That(await SchemaWith(unreachableOwner).PrepareAsync(), Is.EqualTo(OutreachSchema.Outcome.PreparedByOwner));

        // A marker of another build, or a forced apply, goes to the owner again.
        await ScalarAsync($"update {{schema}}.{SchemaMarker.Table} set fingerprint = 'an older build'");
        Assert.ThrowsAsync<PostgresException>(() => SchemaWith(unreachableOwner).PrepareAsync());
        Assert.That(await SchemaWith(owner).PrepareAsync(), Is.EqualTo(OutreachSchema.Outcome.PreparedByOwner));
        Assert.ThrowsAsync<PostgresException>(() => SchemaWith(unreachableOwner).PrepareAsync(force: true));
    }
}
