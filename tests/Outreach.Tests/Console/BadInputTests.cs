using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using Outreach.Cases;
using Outreach.Hosting;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>
/// Input from outside gets a clear error naming the field, and changes nothing: enum values by exact name only, command
/// names exact, no control characters, lone surrogates or bidirectional overrides, dates in a sane range; database
/// failures by SQLSTATE class with their own exit codes; and a fuzz run of thousands of mutated lines that ends with
/// only documented exit codes, no stack trace, and exactly the accepted lines' events recorded.
/// </summary>
public sealed class BadInputTests
{
    private const string Classify = """{"command":"ClassifyPetition","caseId":"11111111-1111-4111-8111-111111111114","kind":KIND,"actor":"An","occurredAt":"2024-03-05T09:00:00+07:00"}""";
    private const string Receive = """{"command":"ReceivePetition","caseId":"11111111-1111-4111-8111-111111111111","channel":"Letter","citizenName":"NAME","localityCode":"my-tra","content":"x","actor":"An","occurredAt":"2024-03-04T09:00:00+07:00"}""";

    private string _schema = "";
    private string _dir = "";
    private OutreachProcess _outreach = null!;

    [OneTimeSetUp]
    public async Task CreateSchema()
    {
        _schema = TestDatabase.NewSchemaName();
        _dir = Directory.CreateTempSubdirectory("outreach-bad-input-").FullName;
        _outreach = new OutreachProcess(await TestDatabase.DatabaseAsync(), _schema);
        _outreach.Extra["OUTREACH_KEYS"] = Path.Combine(_dir, "keys");
    }

    [OneTimeTearDown]
    public async Task DropSchema()
    {
        await TestDatabase.DropSchemaAsync(_schema);
        Directory.Delete(_dir, recursive: true);
    }

    [TestCase("\"Complaint,Suggestion\"", "give one value, not a list")]
    [TestCase("\"Complaint, Denunciation\"", "give one value, not a list")]
    [TestCase("\"complaint\"", "did you mean \"Complaint\"")]
    [TestCase("\" Complaint\"", "did you mean \"Complaint\"")]
    [TestCase("\"Complaint \"", "did you mean \"Complaint\"")]
    [TestCase("2", "not a number")]
    [TestCase("\"2\"", "is not one of")]
    [TestCase("\"\"", "is not one of")]
    public void An_enum_value_is_taken_by_its_exact_name_only(string kind, string reason)
    {
        var refused = Assert.Throws<CommandInputException>(() => CommandJson.ParseLine(Classify.Replace("KIND", kind, StringComparison.Ordinal)));
        Assert.That(refused!.Message, Does.Contain("kind").And.Contain(reason));
    }

    [Test]
    public void The_exact_enum_name_is_accepted()
        => Assert.That(((ClassifyPetition)CommandJson.ParseLine(Classify.Replace("KIND", "\"Complaint\"", StringComparison.Ordinal))).Kind, Is.EqualTo(CaseKind.Complaint));

    [TestCase("classifyPetition")]
    [TestCase("CLASSIFYPETITION")]
    [TestCase(" ClassifyPetition")]
    public void A_command_name_is_exact(string name)
        => Assert.Throws<CommandInputException>(() => CommandJson.ParseLine(
            Classify.Replace("KIND", "\"Complaint\"", StringComparison.Ordinal).Replace("ClassifyPetition", name, StringComparison.Ordinal)));

    [TestCase("A\\u0000B", "U+0000")]
    [TestCase("A\\u001b[31mB", "U+001B")]
    [TestCase("A\\u202eB", "U+202E")]
    [TestCase("A\\u2066B", "U+2066")]
    [TestCase("A\\u0085B", "U+0085")]
    [TestCase("A\\uffffB", "U+FFFF")]
    public void A_text_with_a_forbidden_character_is_refused_naming_the_field(string name, string character)
    {
        var command = CommandJson.ParseLine(Receive.Replace("NAME", name, StringComparison.Ordinal));
        var refused = Assert.Catch<FluentValidation.ValidationException>(() => OutreachCommands.For(command.GetType()).Validate(command));
        Assert.That(refused!.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "citizenName" }));
        Assert.That(refused.Message, Does.Contain("citizenName contains").And.Contain(character));
    }

    [Test]
    public void Validation_keys_are_the_json_field_names()
    {
        var command = new AcceptComplaint(Guid.NewGuid(), false, false, [], null, null, null, null, "", default);
        var refused = Assert.Catch<FluentValidation.ValidationException>(() => OutreachCommands.For(command.GetType()).Validate(command));
        Assert.That(refused!.Errors.Select(e => e.PropertyName), Is.SupersetOf(new[] { "actor", "occurredAt" }));
        Assert.That(refused.Errors.Select(e => e.PropertyName), Has.None.Matches<string>(name => char.IsUpper(name[0])));
    }

    [TestCase("A\\ud800B")]
    [TestCase("A\\udc00B")]
    [TestCase("\\ud83d")]
    public void A_lone_surrogate_is_refused_naming_the_field(string name)
    {
        var refused = Assert.Throws<CommandInputException>(() => CommandJson.ParseLine(Receive.Replace("NAME", name, StringComparison.Ordinal)));
        Assert.That(refused!.Message, Does.Contain("citizenName contains half of a character"));
    }

    [TestCase("Nguyễn Văn A\\nphòng 2\\tTầng 3")]
    [TestCase("Lê 😀 Thị")]
    [TestCase("\\u200f\\u200eabc")]
    public void Line_breaks_tabs_emoji_and_plain_direction_marks_are_text(string name)
    {
        var command = CommandJson.ParseLine(Receive.Replace("NAME", name, StringComparison.Ordinal));
        Assert.DoesNotThrow(() => OutreachCommands.For(command.GetType()).Validate(command));
    }

    [TestCase("9999-03-05T09:00:00+07:00")]
    [TestCase("2100-01-01T00:00:00+07:00")]
    [TestCase("1999-12-31T09:00:00+07:00")]
    public void A_date_outside_the_sane_range_is_refused(string at)
    {
        var command = CommandJson.ParseLine(Classify.Replace("KIND", "\"Complaint\"", StringComparison.Ordinal).Replace("2024-03-05T09:00:00+07:00", at, StringComparison.Ordinal));
        var refused = Assert.Catch<FluentValidation.ValidationException>(() => OutreachCommands.For(command.GetType()).Validate(command));
        Assert.That(refused!.Message, Does.Contain("occurredAt"));
    }

    [TestCase("42501", StorageFailureKind.Privilege, "storage.privilege")]
    [TestCase("28P01", StorageFailureKind.Authentication, "storage.authentication")]
    [TestCase("28000", StorageFailureKind.Authentication, "storage.authentication")]
    [TestCase("3D000", StorageFailureKind.MissingDatabase, "storage.missing")]
    [TestCase("42P01", StorageFailureKind.MissingDatabase, "storage.missing")]
    [TestCase("22P05", StorageFailureKind.BadData, "storage.bad-data")]
    [TestCase("22021", StorageFailureKind.BadData, "storage.bad-data")]
    [TestCase("23505", StorageFailureKind.Duplicate, "storage.duplicate")]
    [TestCase("40001", StorageFailureKind.Conflict, "storage.conflict")]
    [TestCase("40P01", StorageFailureKind.Conflict, "storage.conflict")]
    [TestCase("08006", StorageFailureKind.Unreachable, "storage.unreachable")]
    [TestCase("57P03", StorageFailureKind.Unreachable, "storage.unreachable")]
    [TestCase("XX000", StorageFailureKind.Other, "storage.error")]
    public void Each_sqlstate_class_has_its_kind_code_and_sentences(string sqlState, StorageFailureKind kind, string code)
    {
        var failure = new StorageFailure(StorageFailure.KindOf(sqlState), sqlState, "detail");
        var vi = failure.Message(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));
        var en = failure.Message(System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Kind, Is.EqualTo(kind));
            Assert.That(failure.Code, Is.EqualTo(code));
            Assert.That(vi, Does.Contain(sqlState).And.Not.EqualTo(en));
            Assert.That(en, Does.Contain(sqlState));
        }
    }

    [Test]
    public async Task A_file_of_bad_lines_refuses_each_by_field_and_records_only_the_good_ones()
    {
        var file = Path.Combine(_dir, "mixed.jsonl");
        await File.WriteAllLinesAsync(file,
        [
            Receive.Replace("NAME", "A\\u0000B", StringComparison.Ordinal),
            Receive.Replace("NAME", "A\\ud800B", StringComparison.Ordinal).Replace("111111111111\"", "111111111112\"", StringComparison.Ordinal),
            Receive.Replace("NAME", "A\\u202eB", StringComparison.Ordinal).Replace("111111111111\"", "111111111113\"", StringComparison.Ordinal),
            Receive.Replace("NAME", "Ok", StringComparison.Ordinal).Replace("111111111111\"", "111111111114\"", StringComparison.Ordinal),
            Classify.Replace("KIND", "\"Complaint,Suggestion\"", StringComparison.Ordinal),
            Classify.Replace("KIND", "\"Complaint\"", StringComparison.Ordinal),
        ]);

        var result = await _outreach.RunAsync("apply", file, "--culture", "en");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Out, Does.Contain("line 1: FAILED — ReceivePetition is not valid: citizenName contains a control character (U+0000)"));
            Assert.That(result.Out, Does.Contain("line 2: FAILED — ReceivePetition: citizenName contains half of a character"));
            Assert.That(result.Out, Does.Contain("line 3: FAILED — ReceivePetition is not valid: citizenName contains a bidirectional override mark (U+202E)"));
            Assert.That(result.Out, Does.Contain("line 4: recorded PetitionReceived"));
            Assert.That(result.Out, Does.Contain("line 5: FAILED").And.Contain("give one value, not a list"));
            Assert.That(result.Out, Does.Contain("line 6: recorded PetitionClassified"));
            Assert.That(await EventCountAsync(Guid.Parse("11111111-1111-4111-8111-111111111114")), Is.EqualTo(2));
            foreach (var refused in new[] { "111111111111", "111111111112", "111111111113" })
            {
                Assert.That(await EventCountAsync(Guid.Parse("11111111-1111-4111-8111-" + refused)), Is.Zero, "a refused line records nothing");
            }
        }

        var shown = await _outreach.RunAsync("case", "show", "11111111-1111-4111-8111-111111111114", "--json");
        Assert.That(JsonNode.Parse(shown.Out)!["kind"]!.GetValue<string>(), Is.EqualTo("Complaint"), "a list never becomes another kind");
    }

    [TestCase("audit", "case", "11111111-1111-4111-8111-111111111114", "--as-recorded", "9999-12-31", "--as-recorded 9999-12-31 is outside the dates Outreach records")]
    [TestCase("case", "show", "11111111-1111-4111-8111-111111111114", "--as-of", "9999-12-31T23:59:59Z", "--as-of 9999-12-31T23:59:59Z is outside the dates Outreach records")]
    [TestCase("case", "show", "11111111-1111-4111-8111-111111111114", "--as-of", "0001-01-01", "--as-of 0001-01-01 is outside the dates Outreach records")]
    public async Task A_date_option_far_outside_the_calendar_is_refused_plainly(string noun, string verb, string argument, string option, string value, string words)
    {
        var result = await _outreach.RunAsync(noun, verb, argument, option, value, "--culture", "en");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain(words).And.Not.Contain("   at "));
    }

    [TestCase("99999999d")]
    [TestCase("2147483647s")]
    [TestCase("10675199.02:48:05")]
    [TestCase("367d")]
    public async Task An_interval_beyond_a_year_is_refused_plainly(string every)
    {
        var result = await _outreach.RunAsync("audit", "checkpoint", "--out", _dir + "/", "--every", every, "--culture", "en");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("is not an interval").And.Contain("at most 366 days").And.Not.Contain("   at "));
    }

    [Test]
    public async Task Database_failures_have_their_own_message_and_exit_code()
    {
        var application = await TestDatabase.ApplicationConnectionStringAsync();
        var builder = new NpgsqlConnectionStringBuilder(application);
        var wrongPassword = new NpgsqlConnectionStringBuilder(application) { Password = "wrong" }.ConnectionString;
        var missingDatabase = new NpgsqlConnectionStringBuilder(application) { Database = "no_such_database_" + _schema }.ConnectionString;
        var closedPort = new NpgsqlConnectionStringBuilder(application) { Port = FreePort(), Timeout = 3 }.ConnectionString;

        foreach (var (connection, exit, words) in new[]
                 {
                     (wrongPassword, 5, "PostgreSQL refused the login (28P01"),
                     (missingDatabase, 7, "The database or schema does not exist (3D000"),
                     (closedPort, 3, "Cannot reach PostgreSQL"),
                 })
        {
            var outreach = new OutreachProcess(new OutreachDatabase(connection, null), _schema);
            var result = await outreach.RunAsync("cases", "overdue", "--culture", "en");
            Assert.That(result.ExitCode, Is.EqualTo(exit), result.ToString());
            Assert.That(result.Error, Does.Contain(words).And.Not.Contain("   at "), result.ToString());
            Assert.That(result.Error, Does.Not.Contain(builder.Password ?? "\u0001"), "no password is printed");
        }
    }

    [Test]
    public async Task The_application_role_alone_never_changes_the_schema()
    {
        var application = await TestDatabase.ApplicationConnectionStringAsync();
        if (OutreachConnection.UserOf(application) == OutreachConnection.UserOf(await TestDatabase.OwnerConnectionStringAsync()))
        {
            Assert.Ignore("One role does both here: there is no application role to test.");
        }

        var appOnly = new OutreachProcess(new OutreachDatabase(application, null), "unprepared_" + _schema);
        var apply = await appOnly.RunAsync("db-apply", "--culture", "en");
        Assert.That(apply.ExitCode, Is.EqualTo(6), apply.ToString());
        Assert.That(apply.Error, Does.Contain("db-apply changes the schema").And.Not.Contain("   at "));

        var read = await appOnly.RunAsync("cases", "overdue", "--culture", "en");
        Assert.That(read.ExitCode, Is.EqualTo(7), read.ToString());
        Assert.That(read.Error, Does.Contain("may not change the schema").And.Contain("does not exist"));

        // On the schema its owner prepared, the application role alone works.
        Assert.That((await _outreach.RunAsync("cases", "overdue")).ExitCode, Is.Zero, "the owner prepares the fixture's schema");
        var prepared = new OutreachProcess(new OutreachDatabase(application, null), _schema);
        var works = await prepared.RunAsync("cases", "overdue", "--culture", "en");
        Assert.That(works.ExitCode, Is.Zero, works.ToString());
    }

    [Test]
    public async Task A_damaged_or_lost_personal_key_is_shown_and_fails_the_audit_without_a_crash()
    {
        var outreach = new OutreachProcess(await TestDatabase.DatabaseAsync(), TestDatabase.NewSchemaName());
        var keys = Path.Combine(_dir, "keys-" + outreach.Schema);
        outreach.Extra["OUTREACH_KEYS"] = keys;
        try
        {
            var file = Path.Combine(_dir, outreach.Schema + ".jsonl");
            await File.WriteAllLinesAsync(file, [Receive.Replace("NAME", "Lê Văn Cường", StringComparison.Ordinal)]);
            Assert.That((await outreach.RunAsync("apply", file)).ExitCode, Is.Zero);
            Assert.That((await outreach.RunAsync("audit", "verify")).ExitCode, Is.Zero);
            var key = Directory.GetFiles(Path.Combine(keys, "persons"), "*.key").Single();

            await File.WriteAllTextAsync(key, "this is not a key");
            var shown = await outreach.RunAsync("case", "show", "11111111-1111-4111-8111-111111111111", "--culture", "en");
            var audited = await outreach.RunAsync("audit", "verify", "--culture", "en");
            Assert.That(shown.ExitCode, Is.Zero, shown.ToString());
            Assert.That(shown.Out, Does.Contain("UNREADABLE").And.Not.Contain("Lê Văn Cường"));
            Assert.That(audited.ExitCode, Is.EqualTo(4), audited.ToString());
            Assert.That(audited.Out, Does.Contain("key-unreadable"));

            File.Delete(key);
            shown = await outreach.RunAsync("case", "show", "11111111-1111-4111-8111-111111111111", "--culture", "en");
            audited = await outreach.RunAsync("audit", "verify", "--culture", "en");
            Assert.That(shown.Out, Does.Contain("KEY MISSING"), shown.ToString());
            Assert.That((audited.ExitCode, audited.Out.Contains("key-missing", StringComparison.Ordinal)), Is.EqualTo((4, true)), audited.ToString());
            Assert.That(shown.Error + audited.Error, Does.Not.Contain("   at "));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(outreach.Schema);
        }
    }

    [Test]
    public async Task Two_processes_receiving_the_same_new_petition_at_once_record_it_once_without_a_crash()
    {
        for (var round = 0; round < 3; round++)
        {
            var id = Guid.NewGuid();
            var file = Path.Combine(_dir, $"race-{id:N}.jsonl");
            await File.WriteAllLinesAsync(file, [Receive.Replace("11111111-1111-4111-8111-111111111111", id.ToString(), StringComparison.Ordinal).Replace("NAME", "Ok", StringComparison.Ordinal)]);
            var both = await Task.WhenAll(_outreach.RunAsync("apply", file, "--culture", "en"), _outreach.RunAsync("apply", file, "--culture", "en"));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(both.Select(r => r.ExitCode), Has.All.EqualTo(0).Or.EqualTo(1), string.Join("\n", both.Select(r => r.ToString())));
                Assert.That(both.Count(r => r.Out.Contains("line 1: recorded PetitionReceived", StringComparison.Ordinal)), Is.EqualTo(1), string.Join("\n", both.Select(r => r.ToString())));
                Assert.That(both.Select(r => r.Out + r.Error), Has.All.Not.Contain("   at "));
                Assert.That(await EventCountAsync(id), Is.EqualTo(1));
            }
        }
    }

    [Test]
    public async Task A_damaged_signing_key_is_a_clear_error()
    {
        var outreach = new OutreachProcess(await TestDatabase.DatabaseAsync(), _schema);
        var keys = Path.Combine(_dir, "damaged-signing-keys");
        Directory.CreateDirectory(keys);
        await File.WriteAllTextAsync(Path.Combine(keys, "checkpoint-signing.pem"), "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        outreach.Extra["OUTREACH_KEYS"] = keys;
        var result = await outreach.RunAsync("audit", "checkpoint", "--out", Path.Combine(_dir, "never.json"), "--culture", "en");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("checkpoint-signing.pem").And.Not.Contain("   at "));
        Assert.That(File.Exists(Path.Combine(_dir, "never.json")), Is.False);
    }

    [Test]
    public async Task Text_recorded_with_control_characters_is_printed_escaped()
    {
        var id = Guid.NewGuid();
        var file = Path.Combine(_dir, $"printed-{id:N}.jsonl");
        await File.WriteAllLinesAsync(file, [Receive.Replace("11111111-1111-4111-8111-111111111111", id.ToString(), StringComparison.Ordinal).Replace("NAME", "Ok", StringComparison.Ordinal)]);
        Assert.That((await _outreach.RunAsync("apply", file)).ExitCode, Is.Zero);
        // As if recorded before the rules existed (or written into the read model by hand).
        await using (var connection = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync()))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand(
                $"update {_schema}.mt_doc_case set data = jsonb_set(data, '{{Content}}', to_jsonb(E'Đèn \\u001b[2J\\u202eđường' || chr(7))) where id = '{id}'", connection);
            Assert.That(await update.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var shown = await _outreach.RunAsync("case", "show", id.ToString(), "--culture", "en");
        Assert.That(shown.ExitCode, Is.Zero, shown.ToString());
        Assert.That(shown.Out, Does.Contain("Đèn \\u001B[2J\\u202Eđường\\u0007"), shown.Out);
        Assert.That(shown.Out.IndexOfAny(['\u001b', '\u202e', '\u0007']), Is.EqualTo(-1), "no raw control character reaches the terminal");
    }

    [Test]
    public async Task A_read_model_deleted_by_the_application_role_is_reported_and_a_rebuild_restores_it()
    {
        var outreach = new OutreachProcess(await TestDatabase.DatabaseAsync(), TestDatabase.NewSchemaName());
        outreach.Extra["OUTREACH_KEYS"] = Path.Combine(_dir, "keys-" + outreach.Schema);
        try
        {
            Assert.That((await outreach.RunAsync("apply", Path.Combine(Repository.Root(), "docs", "samples", "complaint-story.jsonl"))).ExitCode, Is.Zero);
            await using (var app = new NpgsqlConnection(await TestDatabase.ApplicationConnectionStringAsync()))
            {
                await app.OpenAsync();
                await using var delete = new NpgsqlCommand($"delete from {outreach.Schema}.mt_doc_case", app);
                Assert.That(await delete.ExecuteNonQueryAsync(), Is.EqualTo(1));
            }

            var reported = await outreach.RunAsync("audit", "verify", "--culture", "en");
            Assert.That(reported.ExitCode, Is.EqualTo(4), reported.ToString());
            Assert.That(reported.Out, Does.Contain("view-missing").And.Contain("INTACT"), "the history is intact; the view is not");

            var rebuilt = await outreach.RunAsync("projections", "rebuild");
            Assert.That(rebuilt.ExitCode, Is.Zero, rebuilt.ToString());
            var verified = await outreach.RunAsync("audit", "verify", "--culture", "en");
            Assert.That(verified.ExitCode, Is.Zero, verified.ToString());
            Assert.That(verified.Out, Does.Contain("every case, unit, visit, difficulty and rota shows what its events say"));
        }
        finally
        {
            await TestDatabase.DropSchemaAsync(outreach.Schema);
        }
    }

    [Test]
    public async Task Writing_to_an_unwritable_path_is_a_clear_error()
    {
        var html = await _outreach.RunAsync("audit", "case", "11111111-1111-4111-8111-111111111114", "--html", "/proc/outreach/report.html", "--culture", "en");
        var checkpoint = await _outreach.RunAsync("audit", "checkpoint", "--out", "/proc/outreach-checkpoints", "--culture", "en");
        foreach (var result in new[] { html, checkpoint })
        {
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error, Does.Contain("error: ").And.Contain("/proc/outreach").And.Contain("Check the path").And.Not.Contain("   at "), result.ToString());
        }
    }

    /// <summary>
    /// 2,000 lines: sample stories on fresh case ids, about a third of them mutated (characters deleted or inserted,
    /// control characters, lone surrogates, bidi marks, enum lists, wrong case, truncation, huge or far dates, fields
    /// twice). Only documented exit codes, no stack trace, and the events recorded are exactly those the accepted lines report.
    /// </summary>
    [Test]
    public async Task Thousands_of_mutated_lines_change_exactly_what_the_accepted_lines_say()
    {
        var story = File.ReadAllLines(Path.Combine(Repository.Root(), "docs", "samples", "complaint-story.jsonl")).Where(l => l.StartsWith('{')).ToArray();
        var storyId = "6f1c2d9e-4b7a-4c55-9a1e-2b8f0d3c4e51";
        var random = new Random(20261129);
        var lines = new List<string>();
        var mutated = 0;
        while (lines.Count < 2000)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            var id = new Guid(bytes).ToString();
            foreach (var original in story)
            {
                var line = System.Text.RegularExpressions.Regex.Replace(original.Replace(storyId, id, StringComparison.Ordinal), "\"number\":\"[^\"]*\",", string.Empty);
                if (random.NextDouble() < 0.35)
                {
                    line = Mutate(line, random);
                    mutated++;
                }

                lines.Add(line);
            }
        }

        var file = Path.Combine(_dir, "fuzz.jsonl");
        await File.WriteAllLinesAsync(file, lines, new UTF8Encoding(false));
        var before = await EventCountAsync();

        var result = await _outreach.RunAsync("apply", file, "--json", "--culture", "en");

        var results = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        var accepted = results.Where(r => r["ok"]!.GetValue<bool>()).ToList();
        var reported = accepted.Sum(r => r["events"]!.AsArray().Count);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.Error);
            Assert.That(result.Out + result.Error, Does.Not.Contain("   at ").And.Not.Contain("Exception:"), "no stack trace");
            Assert.That(mutated, Is.GreaterThan(500));
            Assert.That(accepted, Has.Count.GreaterThan(300), "unmutated lines apply until a story breaks");
            Assert.That(results.Where(r => !r["ok"]!.GetValue<bool>()), Has.All.Matches<JsonObject>(r => r["error"]!.GetValue<string>().Length > 10));
            Assert.That(await EventCountAsync() - before, Is.EqualTo(reported));
        }
    }

    private static readonly string[] Insertions = ["\\u0000", "\\ud800", "\\u202e", "\\u001b", "\u0001", "\"", "{", ",", "x", "9", "é", "\\", "\u202e"];

    private static string Mutate(string line, Random random)
    {
        var at = random.Next(1, line.Length);
        return random.Next(10) switch
        {
            0 => line.Remove(at, 1),
            1 or 2 => line.Insert(at, Insertions[random.Next(Insertions.Length)]),
            3 => line.Replace("\"Complaint\"", random.Next(3) switch { 0 => "\"Complaint,Suggestion\"", 1 => "\"complaint\"", _ => "1" }, StringComparison.Ordinal)
                .Replace("\"CitizenReception\"", "\"citizenreception\"", StringComparison.Ordinal),
            4 => line.Replace("\"command\":\"", "\"command\":\"x", StringComparison.Ordinal),
            5 => line[..at],
            6 => System.Text.RegularExpressions.Regex.Replace(line, "\"occurredAt\":\"[0-9]{4}", random.Next(2) == 0 ? "\"occurredAt\":\"9999" : "\"occurredAt\":\"0001"),
            7 => line.Replace("\"actor\":\"", "\"actor\":\"" + new string('a', 5000), StringComparison.Ordinal),
            8 => line.Insert(1, "\"actor\":\"Mallory\","),
            _ => line.Insert(at, ((char)random.Next(0x20)).ToString()),
        };
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<long> EventCountAsync(Guid? stream = null)
    {
        await using var connection = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from {_schema}.mt_events" + (stream is { } s ? $" where stream_id = '{s}'" : ""), connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
