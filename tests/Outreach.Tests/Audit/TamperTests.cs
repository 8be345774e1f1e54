using Marten;
using Npgsql;
using Outreach.Audit;
using Outreach.Cases;
using Outreach.Tests.Support;

namespace Outreach.Tests.Audit;

/// <summary>
/// Everything an insider with SQL access could do to the recorded history, and how each is caught: by recomputing the
/// chains (our verifier and the auditor's SQL script, which must agree) or, for a history replaced and re-hashed, by a
/// signed checkpoint kept outside the database.
/// </summary>
public sealed class TamperTests
{
    private static readonly Guid A = Guid.Parse("aaaaaaaa-0000-4000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("bbbbbbbb-0000-4000-8000-000000000002");
    private static readonly Guid C = Guid.Parse("cccccccc-0000-4000-8000-000000000003");

    private string _schema = "";
    private string _keyFolder = "";
    private DocumentStore _store = null!;
    private DocumentStore _owner = null!;
    private List<string> _trusted = [];

    [SetUp]
    public async Task RecordThreeCases()
    {
        _schema = TestDatabase.NewSchemaName();
        _store = await TestDatabase.CreateStoreAsync(_schema);
        _owner = await OwnerStore.OpenAsync(_schema);
        _keyFolder = Directory.CreateTempSubdirectory("outreach-keys-").FullName;
        var day = 4;
        foreach (var id in new[] { A, B, C })
        {
            var at = Story.At(2024, 3, day++);
            await using var session = _store.LightweightSession();
            await session.HandleAsync(new ReceivePetition(id, null, ReceptionChannel.FieldVisit, "Võ Thị Hoa", "079123456789", null, null, false,
                "my-tra", "Tranh chấp ranh giới đất \"thửa 12\" \\ ghi chú", "UBND phường Mỹ Trà", Story.Clerk, at));
            await session.HandleAsync(new ClassifyPetition(id, CaseKind.Complaint, null, Story.Clerk, at.AddHours(1)));
            await session.HandleAsync(new AcceptComplaint(id, false, false, [NoticeParty.Complainant], null, null, null, null, "Trần Thị Bình 😀", at.AddDays(2)));
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
    public async Task An_untouched_history_passes_in_our_verifier_and_in_the_auditors_SQL_script()
    {
        var result = await ChainVerifier.VerifyAsync(_store);
        Assert.That(result.Passed, Is.True, string.Join("\n", result.Problems));
        Assert.That(result.Events, Is.EqualTo(9));
        Assert.That(result.Streams, Is.EqualTo(3));
        var sql = await AuditSql.RunAsync(await TestDatabase.OwnerConnectionStringAsync(), _schema);
        Assert.That(sql.Problems, Is.Empty, sql.Output);
        Assert.That(sql.Result, Does.StartWith("RESULT: PASS - 9 events in 3 streams"));
    }

    [TestCase("data = data || '{\"summary\": \"Đã sửa\"}'", TestName = "Changing a payload is caught")]
    [TestCase("data = jsonb_set(data, '{ClassifiedBy}', '\"Kẻ Giả Mạo\"', false)", TestName = "Changing the actor inside the payload is caught")]
    [TestCase("data = jsonb_set(data, '{ClassifiedAt}', '\"2024-03-01T09:00:00+07:00\"', false)", TestName = "Changing the business time is caught")]
    [TestCase("timestamp = timestamp - interval '1 microsecond'", TestName = "Changing the recorded time is caught")]
    [TestCase("user_name = 'mallory'", TestName = "Changing the recorded user is caught")]
    [TestCase("type = 'petition_answered_v1'", TestName = "Changing the event type is caught")]
    [TestCase("is_archived = true", TestName = "Hiding an event by archiving it is caught")]
    [TestCase("bdata = '\\x00'::bytea", TestName = "Adding binary data is caught")]
    [TestCase("mt_dotnet_type = 'Outreach.Cases.ComplaintRefused, Outreach.Domain'", TestName = "Changing the .NET type Marten reads back is caught")]
    [TestCase("correlation_id = 'forged'", TestName = "Changing the correlation id is caught")]
    [TestCase("causation_id = 'forged'", TestName = "Changing the causation id is caught")]
    [TestCase("headers = '{\"approved\": true}'", TestName = "Adding headers is caught")]
    [TestCase("tenant_id = 'other'", TestName = "Moving an event to another tenant is caught")]
    [TestCase("id = gen_random_uuid()", TestName = "Changing the event id is caught")]
    public async Task Changing_one_field_of_one_event(string assignment)
    {
        await ExecAsync($"update {{s}}.mt_events set {assignment} where stream_id = '{B}' and version = 2");
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That(result.FirstBroken, Is.Not.Null);
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId, result.FirstBroken.Version), Is.EqualTo((ChainProblemKind.Altered, B, 2L)));
        Assert.That(result.Problems, Has.Count.EqualTo(1), "only the altered event is named; its neighbours keep their links");
    }

    [Test]
    public async Task Deleting_an_event_is_caught_by_its_orphaned_link_and_the_gap()
    {
        await ExecAsync($"delete from {{s}}.mt_events where stream_id = '{A}' and version = 2");
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId, result.FirstBroken.Version), Is.EqualTo((ChainProblemKind.OrphanLink, A, 2L)));
        Assert.That(result.Problems.Select(p => (p.Kind, p.Version)), Does.Contain((ChainProblemKind.Gap, (long?)3)));
    }

    [Test]
    public async Task Deleting_an_event_and_its_link_is_caught_by_the_gap()
    {
        await ExecAsync($"delete from {{s}}.{HashChain.ChainTable} where stream_id = '{A}' and version = 2; delete from {{s}}.mt_events where stream_id = '{A}' and version = 2");
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId, result.FirstBroken.Version), Is.EqualTo((ChainProblemKind.Gap, A, 3L)));
        Assert.That(result.FirstBroken.Explanation, Does.Contain("no event 2"));
    }

    [Test]
    public async Task A_forged_event_appended_by_hand_is_caught_and_blocks_further_appends_to_that_case()
    {
        await ExecAsync($$"""
            insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, is_archived)
            select nextval('{s}.mt_events_sequence'), gen_random_uuid(), stream_id, 4, data, type, now(), tenant_id, mt_dotnet_type, 'mallory', false
              from {s}.mt_events where stream_id = '{{C}}' and version = 3;
            update {s}.mt_streams set version = 4 where id = '{{C}}';
            """);
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId, result.FirstBroken.Version), Is.EqualTo((ChainProblemKind.MissingLink, C, 4L)));

        await using var session = _store.LightweightSession();
        var refused = Assert.ThrowsAsync<HistoryTamperedException>(() => session.HandleAsync(new AssignVerifier(C, "Phạm Văn Dũng", Story.Chair, Story.At(2024, 3, 20))));
        Assert.That(refused!.Message, Does.Contain("has no chain link").And.Contain("Verify the history"));
        await using var query = _store.QuerySession();
        Assert.That((await query.Events.FetchStreamStateAsync(C))!.Version, Is.EqualTo(4), "the refused append recorded nothing");
    }

    [Test]
    public async Task A_forged_event_slipped_into_the_middle_is_caught()
    {
        await ExecAsync($$"""
            update {s}.mt_events set version = version + 10 where stream_id = '{{A}}' and version >= 2;
            update {s}.mt_events set version = version - 9 where stream_id = '{{A}}' and version >= 12;
            insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, is_archived)
            select nextval('{s}.mt_events_sequence'), gen_random_uuid(), stream_id, 2, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, false
              from {s}.mt_events where stream_id = '{{A}}' and version = 3;
            update {s}.mt_streams set version = 4 where id = '{{A}}';
            """);
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That(result.Problems.Select(p => (p.Kind, p.StreamId, p.Version)), Does.Contain((ChainProblemKind.MissingLink, A, (long?)2)));
        Assert.That(result.Problems.Select(p => (p.Kind, p.StreamId, p.Version)), Does.Contain((ChainProblemKind.Altered, A, (long?)3)));
    }

    [Test]
    public async Task Reordering_two_events_is_caught()
    {
        await ExecAsync($$"""
            update {s}.mt_events set version = -1 where stream_id = '{{B}}' and version = 2;
            update {s}.mt_events set version = 2 where stream_id = '{{B}}' and version = 3;
            update {s}.mt_events set version = 3 where stream_id = '{{B}}' and version = -1;
            """);
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That(result.Problems.Select(p => (p.Kind, p.StreamId, p.Version)),
            Is.EquivalentTo(new (ChainProblemKind, Guid, long?)[] { (ChainProblemKind.Altered, B, 2), (ChainProblemKind.Altered, B, 3) }));
    }

    [Test]
    public async Task Reordering_by_swapping_sequence_numbers_is_caught()
    {
        await ExecAsync($$"""
            create temporary table ids on commit drop as
              select (select seq_id from {s}.mt_events where stream_id = '{{B}}' and version = 2) as x,
                     (select seq_id from {s}.mt_events where stream_id = '{{B}}' and version = 3) as y;
            update {s}.mt_events set seq_id = -seq_id where stream_id = '{{B}}' and version = 2;
            update {s}.mt_events set seq_id = (select x from ids) where stream_id = '{{B}}' and version = 3;
            update {s}.mt_events set seq_id = (select y from ids) where stream_id = '{{B}}' and version = 2;
            """);
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That(result.Problems.Select(p => (p.Kind, p.StreamId, p.Version)),
            Is.EquivalentTo(new (ChainProblemKind, Guid, long?)[] { (ChainProblemKind.Altered, B, 2), (ChainProblemKind.Altered, B, 3) }));
    }

    [Test]
    public async Task Moving_an_event_to_another_stream_is_caught()
    {
        await ExecAsync($$"""
            update {s}.mt_events set stream_id = '{{B}}', version = 4 where stream_id = '{{A}}' and version = 3;
            update {s}.mt_streams set version = 4 where id = '{{B}}';
            update {s}.mt_streams set version = 2 where id = '{{A}}';
            """);
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId, result.FirstBroken.Version), Is.EqualTo((ChainProblemKind.Altered, B, 4L)));
        Assert.That(result.FirstBroken.Explanation, Does.Contain($"written for event 3 of stream {A}"));
    }

    [Test]
    public async Task Detaching_an_event_from_every_stream_is_caught_without_breaking_the_check()
    {
        await ExecAsync($"update {{s}}.mt_events set stream_id = null where stream_id = '{B}' and version = 3");
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That(result.Problems.Select(p => (p.Kind, p.StreamId)),
            Is.EquivalentTo(new[] { (ChainProblemKind.Gap, Guid.Empty), (ChainProblemKind.StreamVersion, B) }));
    }

    [Test]
    public async Task Archiving_a_stream_to_hide_it_is_caught()
    {
        await ExecAsync($"update {{s}}.mt_streams set is_archived = true where id = '{C}'");
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId), Is.EqualTo((ChainProblemKind.Archived, C)));
    }

    [Test]
    public async Task Rebuilding_a_stream_with_fresh_hashes_passes_the_chains_but_not_the_checkpoint()
    {
        var checkpoint = await TakeCheckpointAsync();
        await ExecAsync($$"""
            create temporary table saved on commit drop as select * from {s}.mt_events where stream_id = '{{A}}';
            delete from {s}.{{HashChain.ChainTable}} where stream_id = '{{A}}';
            delete from {s}.mt_events where stream_id = '{{A}}';
            update saved set data = data || '{"summary": "Nội dung đã bị viết lại"}', seq_id = nextval('{s}.mt_events_sequence') where version = 1;
            insert into {s}.mt_events select * from saved order by version;
            select {s}.{{HashChain.ExtendFunction}}('{{A}}', 3);
            """);

        var chainsOnly = await VerifyAndCompareWithSqlAsync();
        Assert.That(chainsOnly.Passed, Is.True, "a re-hashed history is self-consistent: this is why checkpoints leave the database");

        var result = await ChainVerifier.VerifyAsync(_store, Checkpoint.Load(checkpoint), _trusted);
        Assert.That(result.Passed, Is.False);
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId, result.FirstBroken.Version), Is.EqualTo((ChainProblemKind.CheckpointDiffers, A, 3L)));
        Assert.That(result.Checkpoint!.SignatureValid, Is.True);
    }

    [Test]
    public async Task Cutting_the_last_event_with_its_link_passes_the_chains_but_not_the_checkpoint()
    {
        var checkpoint = await TakeCheckpointAsync();
        await ExecAsync($$"""
            delete from {s}.{{HashChain.ChainTable}} where stream_id = '{{C}}' and version = 3;
            delete from {s}.mt_events where stream_id = '{{C}}' and version = 3;
            update {s}.mt_streams set version = 2 where id = '{{C}}';
            """);
        Assert.That((await VerifyAndCompareWithSqlAsync()).Passed, Is.True);
        var result = await ChainVerifier.VerifyAsync(_store, Checkpoint.Load(checkpoint), _trusted);
        Assert.That((result.FirstBroken!.Kind, result.FirstBroken.StreamId), Is.EqualTo((ChainProblemKind.CheckpointDiffers, C)));
        Assert.That(result.FirstBroken.Explanation, Does.Contain("now ends at 2"));
    }

    [Test]
    public async Task Events_appended_after_a_checkpoint_still_pass_against_it()
    {
        var checkpoint = await TakeCheckpointAsync();
        await using (var session = _store.LightweightSession())
        {
            await session.HandleAsync(new AssignVerifier(A, "Phạm Văn Dũng", Story.Chair, Story.At(2024, 3, 20)));
        }

        var result = await ChainVerifier.VerifyAsync(_store, Checkpoint.Load(checkpoint), _trusted);
        Assert.That(result.Passed, Is.True, string.Join("\n", result.Problems));
        Assert.That(result.Events, Is.EqualTo(10));
        Assert.That(result.Checkpoint!.EventsCovered, Is.EqualTo(9));
    }

    [TestCase("\"eventCount\": 9", "\"eventCount\": 8", TestName = "An edited checkpoint count breaks its signature")]
    [TestCase("\"version\": 3", "\"version\": 2", TestName = "An edited checkpoint head breaks its Merkle root")]
    public async Task An_edited_checkpoint_file_is_not_trusted(string from, string to)
    {
        var path = await TakeCheckpointAsync();
        var text = await File.ReadAllTextAsync(path);
        Assert.That(text, Does.Contain(from));
        await File.WriteAllTextAsync(path, ReplaceFirst(text, from, to));
        var result = await ChainVerifier.VerifyAsync(_store, Checkpoint.Load(path), _trusted);
        Assert.That(result.Problems.Select(p => p.Kind), Does.Contain(ChainProblemKind.CheckpointInvalid));
        Assert.That(result.Checkpoint!.SignatureValid, Is.False);
    }

    [Test]
    public async Task No_checkpoint_is_signed_over_a_broken_history()
    {
        await ExecAsync($"update {{s}}.mt_events set user_name = 'mallory' where stream_id = '{A}' and version = 1");
        using var signer = FileCheckpointSigner.OpenOrCreate(Path.Combine(_keyFolder, "signing.pem"));
        var result = await Checkpoints.CreateAsync(_store, signer);
        Assert.That(result.Checkpoint, Is.Null);
        Assert.That(result.Verification.FirstBroken!.StreamId, Is.EqualTo(A));
        await using var conn = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync());
        await conn.OpenAsync();
        await using var count = new NpgsqlCommand($"select count(*) from {_schema}.{HashChain.CheckpointTable}", conn);
        Assert.That(await count.ExecuteScalarAsync(), Is.EqualTo(0L));
    }

    [Test]
    public async Task History_recorded_before_chains_existed_is_adopted_once_but_a_forged_tail_is_not()
    {
        // Case A as a database from before chains existed would hold it: events without links.
        await ExecAsync($"delete from {{s}}.{HashChain.ChainTable} where stream_id = '{A}'");
        await ExecAsync($$"""
            insert into {s}.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, user_name, is_archived)
            select nextval('{s}.mt_events_sequence'), gen_random_uuid(), stream_id, 4, data, type, now(), tenant_id, mt_dotnet_type, 'mallory', false
              from {s}.mt_events where stream_id = '{{C}}' and version = 3;
            update {s}.mt_streams set version = 4 where id = '{{C}}';
            """);
        Assert.That((await ChainVerifier.VerifyAsync(_store)).Problems.Select(p => (p.Kind, p.StreamId)).Distinct(),
            Is.EquivalentTo(new[] { (ChainProblemKind.MissingLink, A), (ChainProblemKind.MissingLink, C) }));

        var adopted = await ChainAdoption.AdoptUnchainedAsync(_owner);
        Assert.That(adopted, Is.EqualTo((1, 3L)));
        var result = await VerifyAndCompareWithSqlAsync();
        Assert.That(result.Problems.Select(p => (p.Kind, p.StreamId, p.Version)), Is.EqualTo(new[] { (ChainProblemKind.MissingLink, C, (long?)4) }));
        Assert.That(await ChainAdoption.AdoptUnchainedAsync(_owner), Is.EqualTo((0, 0L)), "adoption is idempotent");

        // Once a checkpoint vouches for the history, unlinked streams are tampering: adoption would launder them.
        await ExecAsync($"delete from {{s}}.mt_events where stream_id = '{C}' and version = 4; update {{s}}.mt_streams set version = 3 where id = '{C}'");
        await TakeCheckpointAsync();
        await ExecAsync($"delete from {{s}}.{HashChain.ChainTable} where stream_id = '{B}'");
        var refused = Assert.ThrowsAsync<DomainRuleException>(() => ChainAdoption.AdoptUnchainedAsync(_owner));
        Assert.That(refused!.Message, Does.Contain("cannot be adopted"));
    }

    private async Task<string> TakeCheckpointAsync()
    {
        using var signer = FileCheckpointSigner.OpenOrCreate(Path.Combine(_keyFolder, "signing.pem"));
        var result = await Checkpoints.CreateAsync(_store, signer);
        Assert.That(result.Checkpoint, Is.Not.Null, string.Join("\n", result.Verification.Problems));
        var path = Path.Combine(_keyFolder, "checkpoint.json");
        result.Checkpoint!.Save(path);
        _trusted = [Checkpoint.FingerprintOf(signer.PublicKey)];
        return path;
    }

    private async Task<ChainVerification> VerifyAndCompareWithSqlAsync()
    {
        var result = await ChainVerifier.VerifyAsync(_store);
        var sql = await AuditSql.RunAsync(await TestDatabase.OwnerConnectionStringAsync(), _schema);
        var ours = result.Problems.Select(p => $"{p.Code}|{p.StreamId:D}|{p.Version}").ToHashSet();
        Assert.That(sql.Problems, Is.EquivalentTo(ours), $"the SQL script and the verifier disagree:\n{sql.Output}");
        Assert.That(sql.Result, Does.StartWith(result.Passed ? "RESULT: PASS" : "RESULT: FAIL"));
        return result;
    }

    private async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync());
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand(sql.Replace("{s}", _schema, StringComparison.Ordinal), conn, tx))
        {
            await command.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }
}
