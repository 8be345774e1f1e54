using JasperFx;
using Marten;
using Npgsql;
using Outreach.Audit;
using Outreach.Cases;
using Outreach.Hosting;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>
/// The application's database role (ADR 17): it records cases, keeps read models, verifies and checkpoints, and is
/// refused every way of rewriting history, including Marten's own archiving and cleaning.
/// </summary>
public sealed class AppendOnlyRoleTests
{
    private static readonly Guid Case = Guid.Parse("dddddddd-0000-4000-8000-000000000004");
    private string _schema = "";
    private DocumentStore _owner = null!;
    private DocumentStore _app = null!;

    /// <summary>The same two roles a newcomer's hosts use: the schema owner prepares, the application role works.</summary>
    [OneTimeSetUp]
    public async Task CreateSchemaAndRoles()
    {
        _schema = TestDatabase.NewSchemaName();
        _app = await TestDatabase.CreateStoreAsync(_schema);
        var ownerConnection = await TestDatabase.OwnerConnectionStringAsync();
        Assert.That(
            OutreachConnection.UserOf(ownerConnection),
            Is.Not.EqualTo(OutreachConnection.UserOf(await TestDatabase.ApplicationConnectionStringAsync())),
            "the tests must run in the two-role set-up users get");
        _owner = DocumentStore.For(opts =>
        {
            opts.Connection(ownerConnection);
            opts.DatabaseSchemaName = _schema;
            opts.AutoCreateSchemaObjects = AutoCreate.None;
            opts.AddOutreach();
        });

        await using var session = _app.LightweightSession();
        await session.HandleAsync(new ReceivePetition(Case, null, ReceptionChannel.FieldVisit, "Võ Thị Hoa", null, null, null, false,
            "my-tra", "Đường ngập nước", "UBND phường Mỹ Trà", Story.Clerk, Story.At(2024, 3, 4)));
        await session.HandleAsync(new ClassifyPetition(Case, CaseKind.Complaint, null, Story.Clerk, Story.At(2024, 3, 4, 11)));
    }

    [OneTimeTearDown]
    public async Task DropSchema()
    {
        _app.Dispose();
        _owner.Dispose();
        await TestDatabase.DropSchemaAsync(_schema);
    }

    [Test]
    public async Task The_application_role_records_reads_verifies_and_checkpoints()
    {
        await using (var query = _app.QuerySession())
        {
            var details = await CaseQueries.LoadAsync(query, Case);
            Assert.That(details!.Status, Is.EqualTo(CaseStatus.AwaitingAcceptance));
        }

        var keys = Directory.CreateTempSubdirectory("outreach-keys-").FullName;
        try
        {
            using var signer = FileCheckpointSigner.OpenOrCreate(Path.Combine(keys, "k.pem"));
            var result = await Checkpoints.CreateAsync(_app, signer);
            Assert.That(result.Checkpoint, Is.Not.Null, string.Join("\n", result.Verification.Problems));
        }
        finally
        {
            Directory.Delete(keys, true);
        }

        await using var conn = _app.Storage.Database.CreateConnection();
        await conn.OpenAsync();
        Assert.That(await AppendOnlyRoles.RewriteRightsAsync(conn, _schema), Is.Empty);
    }

    [Test]
    public async Task The_owner_role_is_reported_as_able_to_rewrite_history()
    {
        await using var conn = _owner.Storage.Database.CreateConnection();
        await conn.OpenAsync();
        Assert.That(await AppendOnlyRoles.RewriteRightsAsync(conn, _schema), Is.Not.Empty);
    }

    [TestCase("update {s}.mt_events set user_name = 'mallory'")]
    [TestCase("delete from {s}.mt_events")]
    [TestCase("truncate {s}.mt_events")]
    [TestCase("delete from {s}.mt_streams")]
    [TestCase("truncate {s}.mt_streams cascade")]
    [TestCase("update {s}.mt_streams set is_archived = true")]
    [TestCase("update {s}.outreach_event_chain set hash = ''")]
    [TestCase("delete from {s}.outreach_event_chain")]
    [TestCase("insert into {s}.outreach_event_chain values (999999, 'dddddddd-0000-4000-8000-000000000004', 9, now(), 'forged')")]
    [TestCase("delete from {s}.outreach_checkpoints")]
    [TestCase("select setval('{s}.mt_events_sequence', 1)")]
    [TestCase("select {s}.mt_archive_stream('dddddddd-0000-4000-8000-000000000004')")]
    [TestCase("alter table {s}.mt_events disable trigger all")]
    [TestCase("drop table {s}.outreach_event_chain")]
    public async Task The_application_role_is_refused(string sql)
    {
        await using var conn = _app.Storage.Database.CreateConnection();
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql.Replace("{s}", _schema, StringComparison.Ordinal), conn);
        var refused = Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.That(refused!.SqlState, Is.EqualTo(PostgresErrorCodes.InsufficientPrivilege).Or.EqualTo("42501"), refused.MessageText);
        Assert.That((await ChainVerifier.VerifyAsync(_owner)).Passed, Is.True);
    }

    [Test]
    public async Task Martens_archiving_and_cleaning_are_refused_to_the_application_role()
    {
        await using (var session = _app.LightweightSession())
        {
            session.Events.ArchiveStream(Case);
            Assert.That(async () => await session.SaveChangesAsync(), Throws.Exception);
        }

        Assert.That(async () => await _app.Advanced.Clean.DeleteAllEventDataAsync(), Throws.Exception);
        await using var query = _owner.QuerySession();
        var events = await query.Events.FetchStreamAsync(Case);
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(events.Any(e => e.IsArchived), Is.False);
    }
}
