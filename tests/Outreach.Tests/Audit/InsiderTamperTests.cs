using Marten;
using Npgsql;
using Outreach.Audit;
using Outreach.Cases;
using Outreach.PersonalData;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>
/// The classes of insider tampering that passed every verifier before ADR 20, each caught now: the write path that
/// checks its own links, back-dated links before and after a checkpoint, checkpoints signed by an untrusted key,
/// adoption after deleting checkpoints, Marten's tombstones, and lost or damaged personal keys.
/// </summary>
public sealed class InsiderTamperTests
{
    private static readonly Guid A = Guid.Parse("aaaaaaaa-1111-4000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-1111-4000-8000-000000000002");

    private string _schema = "";
    private string _keyFolder = "";
    private InMemoryPersonKeyStore _keys = null!;
    private DocumentStore _store = null!;
    private DocumentStore _owner = null!;

    [SetUp]
    public async Task RecordTwoCases()
    {
        _schema = TestDatabase.NewSchemaName();
        _keys = new InMemoryPersonKeyStore();
        _store = await TestDatabase.CreateStoreAsync(_schema, new OutreachOptions { PersonKeys = _keys });
        _owner = await OwnerStore.OpenAsync(_schema);
        _keyFolder = Directory.CreateTempSubdirectory("outreach-insider-").FullName;
        foreach (var (id, day) in new[] { (A, 4), (B, 5) })
        {
            await HandleAsync(new ReceivePetition(id, null, ReceptionChannel.FieldVisit, "Võ Thị Hoa", "079123456789", null, null, false,
                "my-tra", "Tranh chấp ranh giới đất", "UBND phường Mỹ Trà", Story.Clerk, Story.At(2024, 3, day)));
            await HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, Story.Clerk, Story.At(2024, 3, day, 11)));
        }
    }

    [TearDown]
    public async Task DropSchema()
    {
        _store.Dispose();
        _owner.Dispose();
        Directory.Delete(_keyFolder, true);
        await TestDatabase.DropSchemaAsync(_schema);
    }

    [Test]
    public async Task New_links_hash_the_whole_row()
    {
        await using var conn = await OwnerAsync();
        await using var formats = new NpgsqlCommand($"select distinct format from {_schema}.{HashChain.ChainTable}", conn);
        Assert.That(await formats.ExecuteScalarAsync(), Is.EqualTo((short)2));
    }

    [TestCase("RETURN;", "has no chain link", TestName = "A chain function replaced by a no-op stops the write path")]
    [TestCase("INSERT_BACKDATED", "not this transaction's time", TestName = "A chain function that back-dates its links stops the write path")]
    public async Task A_replaced_chain_function_is_refused_by_the_write_path(string body, string reason)
    {
        var sql = body == "RETURN;"
            ? $"CREATE OR REPLACE FUNCTION {_schema}.{HashChain.ExtendFunction}(p_stream uuid, p_count integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN RETURN; END $$"
            : $"""
               CREATE OR REPLACE FUNCTION {_schema}.{HashChain.ExtendFunction}(p_stream uuid, p_count integer) RETURNS void LANGUAGE plpgsql SECURITY DEFINER AS $$
               DECLARE e record; BEGIN
                 FOR e IN SELECT * FROM {_schema}.mt_events WHERE stream_id = p_stream ORDER BY version DESC LIMIT p_count LOOP
                   INSERT INTO {_schema}.{HashChain.ChainTable} (seq_id, stream_id, version, recorded_at, hash, format) VALUES (e.seq_id, e.stream_id, e.version, now() - interval '30 days', 'x', 2);
                 END LOOP; END $$
               """;
        await ExecAsync(sql);

        var refused = Assert.ThrowsAsync<HistoryTamperedException>(() => HandleAsync(new AcceptComplaint(A, false, false, [NoticeParty.Complainant], null, null, null, null, Story.Chair, Story.At(2024, 3, 8))));
        Assert.That(refused!.Message, Does.Contain(reason).And.Contain("Nothing was recorded"));
        Assert.That(await EventCountAsync(), Is.EqualTo(4), "the append was rolled back");
        Assert.That(await EventCountAsync(HashChain.TombstoneStream), Is.Zero, "Marten's tombstones for the failed append are kept out");
    }

    [Test]
    public async Task A_back_dated_event_inserted_by_the_owner_is_caught_without_and_with_a_checkpoint()
    {
        var checkpoint = await TakeCheckpointAsync(out var trusted);
        // The owner forges a third event of case A, and its link, as of last year: a perfect hash, a back-dated time.
        await ForgeLinkedEventAsync(A, 3, DateTimeOffset.UtcNow.AddYears(-1));

        var withoutCheckpoint = await ChainVerifier.VerifyAsync(_store);
        Assert.That(withoutCheckpoint.Problems.Select(p => (p.Kind, p.StreamId, p.Version)),
            Is.EqualTo(new[] { (ChainProblemKind.RecordedBackwards, A, (long?)3) }));
        var sql = await AuditSql.RunAsync(await TestDatabase.OwnerConnectionStringAsync(), _schema);
        Assert.That(sql.Problems, Is.EquivalentTo(new[] { $"time-backwards|{A:D}|3" }), sql.Output);
        var caseOnly = await ChainVerifier.VerifyStreamAsync(_store, A);
        Assert.That(caseOnly.Problems.Select(p => (p.Kind, p.StreamId, p.Version)), Is.EqualTo(new[] { (ChainProblemKind.RecordedBackwards, A, (long?)3) }),
            "the case's own report compares its links with the links written just before them");

        var withCheckpoint = await ChainVerifier.VerifyAsync(_store, Checkpoint.Load(checkpoint), trusted);
        Assert.That(withCheckpoint.Problems.Select(p => p.Kind), Does.Contain(ChainProblemKind.NotInCheckpoint));
    }

    [Test]
    public async Task A_whole_case_inserted_after_a_checkpoint_with_earlier_dates_is_caught_by_the_checkpoint()
    {
        var checkpoint = await TakeCheckpointAsync(out var trusted);
        var forged = Guid.NewGuid();
        // Inserted with times just before the checkpoint and a correct link: a chain that is consistent, so only the
        // order of recorded times and the checkpoint can tell it was not there.
        var at = Checkpoint.Load(checkpoint).CreatedAt.AddHours(-2);
        await ExecAsync($$"""
            insert into {{_schema}}.mt_streams (id, type, version, timestamp, created, tenant_id, is_archived)
            values ('{{forged}}', 'case', 1, '{{at:O}}', '{{at:O}}', '*DEFAULT*', false);
            insert into {{_schema}}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, is_archived)
            select nextval('{{_schema}}.mt_events_sequence'), gen_random_uuid(), '{{forged}}', 1, jsonb_set(data, '{CaseId}', '"{{forged}}"'), type, '{{at:O}}', tenant_id, mt_dotnet_type, user_name, false
              from {{_schema}}.mt_events where stream_id = '{{A}}' and version = 1;
            """);
        await LinkByHandAsync(forged, 1, at);

        var chainsOnly = await ChainVerifier.VerifyAsync(_store);
        Assert.That(chainsOnly.Problems.Select(p => p.Kind), Has.None.EqualTo(ChainProblemKind.Altered).And.None.EqualTo(ChainProblemKind.MissingLink));
        var result = await ChainVerifier.VerifyAsync(_store, Checkpoint.Load(checkpoint), trusted);
        var missing = result.Problems.Single(p => p.Kind == ChainProblemKind.NotInCheckpoint);
        Assert.That((missing.StreamId, missing.Code), Is.EqualTo((forged, "checkpoint-missing")));
        Assert.That(missing.Explanation, Does.Contain("inserted afterwards"));
    }

    [Test]
    public async Task A_checkpoint_counts_only_when_signed_by_a_declared_trusted_key()
    {
        var path = await TakeCheckpointAsync(out var trusted);
        var checkpoint = Checkpoint.Load(path);

        var undeclared = await ChainVerifier.VerifyAsync(_store, checkpoint);
        var otherKey = await ChainVerifier.VerifyAsync(_store, checkpoint, ["0000:0000:0000:0000:0000:0000:0000:0000"]);
        var declared = await ChainVerifier.VerifyAsync(_store, checkpoint, trusted);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(undeclared.Problems.Select(p => p.Code), Is.EqualTo(new[] { "checkpoint-untrusted" }));
            Assert.That(undeclared.Problems[0].Explanation, Does.Contain("no trusted key was declared"));
            Assert.That(otherKey.Problems.Select(p => p.Code), Is.EqualTo(new[] { "checkpoint-untrusted" }));
            Assert.That(declared.Passed, Is.True, string.Join("\n", declared.Problems));
            Assert.That(declared.Checkpoint!.KeyTrusted, Is.True);
        }
    }

    [Test]
    public async Task Adoption_is_the_owners_refused_for_chained_streams_and_caught_after_deleted_checkpoints()
    {
        await using (var app = new NpgsqlConnection(await TestDatabase.ApplicationConnectionStringAsync()))
        {
            await app.OpenAsync();
            await using var call = new NpgsqlCommand($"select {_schema}.{HashChain.AdoptFunction}('{A}')", app);
            var denied = Assert.ThrowsAsync<PostgresException>(() => call.ExecuteNonQueryAsync());
            Assert.That(denied!.SqlState, Is.EqualTo("42501"));
        }

        var chained = Assert.ThrowsAsync<PostgresException>(() => ExecAsync($"select {_schema}.{HashChain.AdoptFunction}('{A}')"));
        Assert.That((chained!.SqlState, chained.MessageText), Is.EqualTo(("OR002", chained.MessageText)));
        Assert.That(chained.MessageText, Does.Contain("already has chain links"));

        // The owner edits case B, drops its links and every checkpoint row, then adopts it afresh.
        var checkpoint = await TakeCheckpointAsync(out var trusted);
        await ExecAsync($$"""
            update {{_schema}}.mt_events set data = data || '{"Content": "Nội dung khác"}' where stream_id = '{{B}}' and version = 1;
            delete from {{_schema}}.{{HashChain.ChainTable}} where stream_id = '{{B}}';
            delete from {{_schema}}.{{HashChain.CheckpointTable}};
            """);
        Assert.That(await ChainAdoption.AdoptUnchainedAsync(_owner), Is.EqualTo((1, 2L)));

        var chainsOnly = await ChainVerifier.VerifyAsync(_store);
        Assert.That(chainsOnly.Passed, Is.True, "re-chained by adoption, the stream is self-consistent");
        Assert.That(chainsOnly.Adopted.Events, Is.EqualTo(2), "but the adoption is on record");
        var result = await ChainVerifier.VerifyAsync(_store, Checkpoint.Load(checkpoint), trusted);
        Assert.That(result.Problems.Select(p => p.Kind), Does.Contain(ChainProblemKind.AdoptedAfterCheckpoint).And.Contain(ChainProblemKind.CheckpointDiffers));
    }

    [Test]
    public async Task A_lost_or_damaged_personal_key_is_reported_not_passed_off_as_not_erased()
    {
        Assert.That(await PersonKeyAudit.CheckAsync(_store, _keys), Is.Empty);
        await using var query = _store.QuerySession();
        var state = Case.Fold(A, (await query.Events.FetchStreamAsync(A)).Select(e => e.Data));
        var person = state.Citizen!.PersonId;

        var lost = new InMemoryPersonKeyStore();
        var problems = await PersonKeyAudit.CheckAsync(_store, lost);
        Assert.That(problems.Select(p => (p.Code, p.CaseId)), Is.EquivalentTo(new[] { ("key-missing", A), ("key-missing", B) }));
        Assert.That((await global::Outreach.Cases.CaseView.CitizenOfAsync(state, lost)).Problem, Is.EqualTo(IdentityProblem.KeyMissing));

        var damaged = new InMemoryPersonKeyStore();
        damaged.GetOrCreate(person);
        var unreadable = await PersonKeyAudit.CheckAsync(_store, damaged);
        Assert.That(unreadable.Single(p => p.CaseId == A).Code, Is.EqualTo("key-unreadable"));
        Assert.That((await global::Outreach.Cases.CaseView.CitizenOfAsync(state, damaged)).Problem, Is.EqualTo(IdentityProblem.Unreadable));

        _keys.Erase(person);
        var erasedOutside = await PersonKeyAudit.CheckAsync(_store, _keys);
        Assert.That(erasedOutside.Select(p => p.Code), Does.Contain("key-erased-unrecorded"));
    }

    [Test]
    public async Task Read_models_rewritten_or_deleted_by_the_application_role_are_reported()
    {
        Assert.That(await ViewAudit.CheckAsync(_store), Is.Empty, "projections and events agree after ordinary work");
        await using (var app = new NpgsqlConnection(await TestDatabase.ApplicationConnectionStringAsync()))
        {
            await app.OpenAsync();
            await using var rewrite = new NpgsqlCommand(
                $$"""
                 update {{_schema}}.mt_doc_case set data = jsonb_set(data, '{Status}', '"UnderSettlement"') where id = '{{A}}';
                 delete from {{_schema}}.mt_doc_case where id = '{{B}}';
                 """, app);
            await rewrite.ExecuteNonQueryAsync();
        }

        var problems = await ViewAudit.CheckAsync(_store);
        Assert.That(problems.Select(p => (p.Code, p.View, p.Id)), Is.EquivalentTo(new[] { ("view-differs", "case", A), ("view-missing", "case", B) }));
        Assert.That((await ChainVerifier.VerifyAsync(_store)).Passed, Is.True, "the history itself is untouched");
    }

    private async Task HandleAsync(IOutreachCommand command)
    {
        await using var session = _store.LightweightSession();
        await session.HandleAsync(command);
    }

    /// <summary>Inserts version <paramref name="version"/> of a stream as a copy of its last event, with a correct link dated <paramref name="at"/>.</summary>
    private async Task ForgeLinkedEventAsync(Guid stream, long version, DateTimeOffset at)
    {
        await ExecAsync($"""
            insert into {_schema}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, is_archived)
            select nextval('{_schema}.mt_events_sequence'), gen_random_uuid(), stream_id, {version}, data, type, now(), tenant_id, mt_dotnet_type, user_name, false
              from {_schema}.mt_events where stream_id = '{stream}' and version = {version - 1};
            update {_schema}.mt_streams set version = {version} where id = '{stream}';
            """);
        await LinkByHandAsync(stream, version, at);
    }

    /// <summary>What an owner can do: compute a correct format 2 link by hand and insert it with any time.</summary>
    private async Task LinkByHandAsync(Guid stream, long version, DateTimeOffset at)
    {
        await using var conn = await OwnerAsync();
        string previous = "", row;
        long seq;
        await using (var read = new NpgsqlCommand(
            $"""
             select e.seq_id, {HashChain.SqlRow("e")}, (select c.hash from {_schema}.{HashChain.ChainTable} c join {_schema}.mt_events p on p.seq_id = c.seq_id where p.stream_id = e.stream_id and p.version = e.version - 1)
               from {_schema}.mt_events e where e.stream_id = '{stream}' and e.version = {version}
             """, conn))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            await reader.ReadAsync();
            seq = reader.GetInt64(0);
            row = reader.GetString(1);
            previous = reader.IsDBNull(2) ? "" : reader.GetString(2);
        }

        var recordedAt = new DateTimeOffset(at.UtcDateTime.Ticks / 10 * 10, TimeSpan.Zero);
        await using var insert = new NpgsqlCommand(
            $"insert into {_schema}.{HashChain.ChainTable} (seq_id, stream_id, version, recorded_at, hash, format) values ($1, $2, $3, $4, $5, 2)", conn);
        insert.Parameters.Add(new NpgsqlParameter { Value = seq });
        insert.Parameters.Add(new NpgsqlParameter { Value = stream });
        insert.Parameters.Add(new NpgsqlParameter { Value = version });
        insert.Parameters.Add(new NpgsqlParameter { Value = recordedAt });
        insert.Parameters.Add(new NpgsqlParameter { Value = HashChain.LinkOfRow(row, previous, recordedAt) });
        await insert.ExecuteNonQueryAsync();
    }

    private Task<string> TakeCheckpointAsync(out IReadOnlyCollection<string> trusted)
    {
        var signer = FileCheckpointSigner.OpenOrCreate(Path.Combine(_keyFolder, "signing.pem"));
        trusted = [Checkpoint.FingerprintOf(signer.PublicKey)];
        return TakeAsync(signer);
    }

    private async Task<string> TakeAsync(FileCheckpointSigner signer)
    {
        using (signer)
        {
            var result = await Checkpoints.CreateAsync(_store, signer);
            Assert.That(result.Checkpoint, Is.Not.Null, string.Join("\n", result.Verification.Problems));
            var path = Path.Combine(_keyFolder, Guid.NewGuid().ToString("N") + ".json");
            result.Checkpoint!.Save(path);
            return path;
        }
    }

    private async Task<long> EventCountAsync(Guid? stream = null)
    {
        await using var conn = await OwnerAsync();
        await using var count = new NpgsqlCommand(
            $"select count(*) from {_schema}.mt_events" + (stream is { } s ? $" where stream_id = '{s}'" : $" where stream_id <> '{HashChain.TombstoneStream}'"), conn);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<NpgsqlConnection> OwnerAsync()
    {
        var conn = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync());
        await conn.OpenAsync();
        return conn;
    }

    private static async Task ExecAsync(string sql)
    {
        await using var conn = await OwnerAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
