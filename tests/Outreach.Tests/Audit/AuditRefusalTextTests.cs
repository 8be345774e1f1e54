using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Outreach.Audit;
using Outreach.Deadlines;
using Outreach.PersonalData;

namespace Outreach.Tests.Audit;

/// <summary>
/// The refusals of the audit, personal data, storage and settings speak both languages from the resources, under a
/// stable code, and name no console verb (the library does not know how its host is called).
/// </summary>
public sealed partial class AuditRefusalTextTests
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private string _dir = null!;

    [SetUp]
    public void CreateFolder() => _dir = Directory.CreateTempSubdirectory("outreach-refusals-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_badly_written_fingerprint_is_refused_with_what_one_looks_like()
    {
        var refused = Assert.Throws<KeyFingerprintException>(() => TrustedKeys.Check("3f2a-09c1", "--trusted-key"));
        AssertBilingual(refused!, "trusted-key.not-a-fingerprint");
        Assert.That(refused!.Message, Does.Contain("--trusted-key").And.Contain("\"3f2a-09c1\" is not a key fingerprint").And.Contain("as the checkpoint prints it"));
        Assert.That(refused.Text, Is.EqualTo("3f2a-09c1"));
        Assert.That(Failures.Describe(refused)!.Kind, Is.EqualTo(FailureKind.BadInput));
    }

    [Test]
    public void A_trusted_keys_file_names_the_line_that_is_not_a_fingerprint()
    {
        var file = Path.Combine(_dir, TrustedKeys.FileName);
        File.WriteAllLines(file, ["# kept by the inspectorate", "0000:0000:0000:0000:0000:0000:0000:0000", "not-a-key # typo"]);

        var refused = Assert.Throws<KeyFingerprintException>(() => TrustedKeys.Load(file));
        AssertBilingual(refused!, "trusted-key.not-a-fingerprint");
        Assert.That(refused!.Message, Does.Contain($"{file}, line 3: \"not-a-key\" is not a key fingerprint"));
        Assert.That(refused.MessageIn(Vietnamese), Does.Contain($"{file}, dòng 3"));
    }

    [Test]
    public void A_missing_trusted_keys_file_is_named()
    {
        var refused = Assert.Throws<CheckpointFileException>(() => TrustedKeys.Load(Path.Combine(_dir, "absent")));
        AssertBilingual(refused!, "trusted-key.file.unreadable");
        Assert.That(refused!.InnerException, Is.InstanceOf<IOException>());
    }

    [Test]
    public void Checkpoint_files_that_cannot_be_used_are_named_with_the_reason()
    {
        var garbage = Path.Combine(_dir, "garbage.json");
        File.WriteAllText(garbage, "not a checkpoint");
        var empty = Path.Combine(_dir, "empty.json");
        File.WriteAllText(empty, "{}");

        var unreadable = Assert.Throws<CheckpointFileException>(() => Checkpoint.Load(Path.Combine(_dir, "absent.json")));
        var notOne = Assert.Throws<CheckpointFileException>(() => Checkpoint.Load(garbage));
        var incomplete = Assert.Throws<CheckpointFileException>(() => Checkpoint.Load(empty));

        AssertBilingual(unreadable!, "checkpoint.file.unreadable");
        AssertBilingual(notOne!, "checkpoint.file.not-a-checkpoint");
        AssertBilingual(incomplete!, "checkpoint.file.incomplete");
        Assert.That(unreadable!.Message, Does.StartWith("Cannot read the checkpoint file"));
        Assert.That(notOne!.Message, Does.Contain($"'{garbage}' is not a checkpoint written by Outreach"));
        Assert.That(incomplete!.Message, Does.EndWith("fields are missing."));
        Assert.That(Failures.Describe(notOne)!.Kind, Is.EqualTo(FailureKind.BadInput));
    }

    [Test]
    public void A_signing_key_that_is_not_pem_is_refused_without_replacing_it()
    {
        var key = Path.Combine(_dir, "checkpoint-signing.pem");
        File.WriteAllText(key, "not a key");

        var refused = Assert.Throws<CheckpointFileException>(() => FileCheckpointSigner.OpenOrCreate(key));
        AssertBilingual(refused!, "checkpoint.key.not-pem");
        Assert.That(File.ReadAllText(key), Is.EqualTo("not a key"), "the damaged key is left for restoring, never replaced");
    }

    [Test]
    public void An_unlinked_event_reported_by_the_database_is_put_into_the_readers_language()
    {
        var stream = Guid.NewGuid();
        var database = new PostgresException(
            $"{HistoryTamperedException.SqlCode}: event 3 of stream {stream} has no chain link: it was written outside Outreach. Nothing was recorded.",
            "ERROR", "ERROR", HistoryTamperedException.SqlState);

        var tampered = HistoryTamperedException.FromDatabase(new InvalidOperationException("wrapped", database));

        AssertBilingual(tampered!, "history.tampered");
        Assert.That(tampered!.Message, Does.Contain($"event 3 of stream {stream} has no chain link").And.Contain("Verify the history"));
        Assert.That(tampered.MessageIn(Vietnamese), Does.Contain($"sự kiện 3 của luồng {stream}"));
        Assert.That(Failures.Describe(tampered)!, Has.Property(nameof(Failure.Kind)).EqualTo(FailureKind.Tampered).And.Property(nameof(Failure.Code)).EqualTo("history.tampered"));
    }

    [Test]
    public void A_database_sentence_the_library_does_not_know_is_still_a_tampered_history()
    {
        var database = new PostgresException("some other words", "ERROR", "ERROR", HistoryTamperedException.SqlState);

        var tampered = HistoryTamperedException.FromDatabase(database);

        AssertBilingual(tampered!, "history.tampered");
        Assert.That(tampered!.Message, Does.Contain("some other words"));
        Assert.That(HistoryTamperedException.FromDatabase(new PostgresException("no", "ERROR", "ERROR", "42501")), Is.Null);
    }

    [TestCase("history.tampered.no-link", "has no chain link")]
    [TestCase("history.tampered.other-format", "has a link of format 1, not 2")]
    [TestCase("history.tampered.other-time", "not this transaction's time")]
    [TestCase("history.tampered.hash-mismatch", "whose hash does not match the event")]
    public void The_write_paths_own_check_says_what_it_found(string textKey, string found)
    {
        var at = new DateTimeOffset(2024, 3, 8, 9, 0, 0, TimeSpan.Zero);
        object?[] details = textKey switch
        {
            "history.tampered.other-format" => [(short)1, HashChain.CurrentFormat],
            "history.tampered.other-time" => [at.AddDays(-30), at],
            _ => [],
        };

        var tampered = HistoryTamperedException.WrittenBadly(textKey, 4, Guid.NewGuid(), "s.outreach_chain_extend", details);

        AssertBilingual(tampered, "history.tampered");
        Assert.That(tampered.Message, Does.Contain(found).And.Contain("Nothing was recorded").And.Contain("s.outreach_chain_extend"));
    }

    [Test]
    public void Adopting_after_a_checkpoint_and_a_store_on_another_schema_are_coded()
    {
        AssertBilingual(new DomainRuleException("chain.adopt.already-checkpointed"), "chain.adopt.already-checkpointed");

        var mismatch = new ChainSchemaException("outreach", "public");
        AssertBilingual(mismatch, "chain.schema-mismatch");
        Assert.That(mismatch, Is.InstanceOf<InvalidOperationException>(), "a wrong configuration stays a programming error");
        Assert.That(Failures.Describe(mismatch), Is.Null);
    }

    [TestCase("")]
    [TestCase("Đỗ Thị\tHạnh")]
    public void A_clearance_holder_that_is_not_a_name_is_refused(string holder)
    {
        var refused = Assert.Throws<ClearanceHolderException>(() => DenouncerClearance.Issue(holder, Path.Combine(_dir, "clearances")));
        AssertBilingual(refused!, "clearance.holder.invalid");
        Assert.That(Failures.Describe(refused!)!.Kind, Is.EqualTo(FailureKind.BadInput));
    }

    [Test]
    public async Task A_damaged_key_file_is_refused_and_shown_as_unreadable()
    {
        var keys = new FilePersonKeyStore(Path.Combine(_dir, "keys"));
        var notBase64 = Guid.NewGuid();
        var tooShort = Guid.NewGuid();
        keys.GetOrCreate(notBase64);
        keys.GetOrCreate(tooShort);
        File.WriteAllText(Path.Combine(keys.Folder, $"{notBase64:D}.key"), "not base64!");
        File.WriteAllText(Path.Combine(keys.Folder, $"{tooShort:D}.key"), Convert.ToBase64String(new byte[16]));

        var damaged = Assert.Throws<PersonKeyDamagedException>(() => keys.Find(notBase64));
        var short16 = Assert.Throws<PersonKeyDamagedException>(() => keys.GetOrCreate(tooShort));

        AssertBilingual(damaged!, "person-key.damaged");
        AssertBilingual(short16!, "person-key.damaged");
        Assert.That(short16!.Message, Does.Contain("16 bytes, not 32"));
        Assert.That(damaged!.PersonId, Is.EqualTo(notBase64));
        var sealedIdentity = SealedIdentity.Seal(notBase64, new PersonalDetails("Nguyễn Văn An", null, null, null), new byte[32]);
        Assert.That((await Identities.RevealAsync(sealedIdentity, keys)).Problem, Is.EqualTo(IdentityProblem.Unreadable), "views still degrade to the pseudonym");
    }

    [TestCase(StorageFailureKind.Unreachable)]
    [TestCase(StorageFailureKind.Authentication)]
    [TestCase(StorageFailureKind.Privilege)]
    [TestCase(StorageFailureKind.MissingDatabase)]
    [TestCase(StorageFailureKind.BadData)]
    [TestCase(StorageFailureKind.Duplicate)]
    [TestCase(StorageFailureKind.Conflict)]
    [TestCase(StorageFailureKind.Other)]
    public void Storage_failures_speak_both_languages_and_name_no_host_setting(StorageFailureKind kind)
    {
        var failure = new StorageFailure(kind, "XX000", "the server's words");

        var vi = failure.Message(Vietnamese);
        var en = failure.Message(English);

        Assert.That(vi, Is.Not.EqualTo(en));
        Assert.That(failure.Message(CultureInfo.GetCultureInfo("vi")), Is.EqualTo(vi));
        Assert.That(failure.Message(CultureInfo.GetCultureInfo("fr-FR")), Is.EqualTo(en), "other languages get English");
        Assert.That(failure.Message(), Is.EqualTo(en), "tests run in English");
        foreach (var sentence in new[] { vi, en })
        {
            Assert.That(sentence, Does.Contain("XX000: the server's words").And.Not.Contain("{").And.Not.Contain("OUTREACH_"));
            Assert.That(ConsoleVerb().IsMatch(sentence), Is.False, sentence);
        }
    }

    [TestCase("{", "settings.calendar.invalid-json")]
    [TestCase("{ \"days\": [] }", "settings.calendar.no-days")]
    public void A_calendar_file_that_cannot_be_used_is_refused_with_a_settings_code(string json, string code)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));

        var refused = Assert.Throws<SettingsFormatException>(() => WorkingCalendar.FromJson(stream));

        AssertBilingual(refused!, code);
        Assert.That(Failures.Describe(refused!)!.Kind, Is.EqualTo(FailureKind.BadInput));
    }

    [Test]
    public void Every_text_of_these_sets_has_both_languages_and_names_no_console_verb()
    {
        var ours = OutreachText.Codes().Where(c => c.StartsWith("checkpoint.", StringComparison.Ordinal) || c.StartsWith("trusted-key.", StringComparison.Ordinal)
            || c.StartsWith("chain.", StringComparison.Ordinal) || c.StartsWith("history.", StringComparison.Ordinal) || c.StartsWith("clearance.holder", StringComparison.Ordinal)
            || c.StartsWith("person-key.", StringComparison.Ordinal) || c.StartsWith("storage.", StringComparison.Ordinal) || c.StartsWith("settings.", StringComparison.Ordinal)).ToList();
        var vietnamese = OutreachText.CodesIn(CultureInfo.GetCultureInfo("vi"));

        Assert.That(ours, Has.Count.GreaterThanOrEqualTo(28));
        foreach (var code in ours)
        {
            Assert.That(vietnamese, Does.Contain(code), code);
            foreach (var text in new[] { OutreachText.Get(code, English), OutreachText.Get(code, Vietnamese) })
            {
                Assert.That(ConsoleVerb().IsMatch(text), Is.False, text);
                Assert.That(text, Does.Not.Contain("OUTREACH_"), text);
            }
        }
    }

    private static void AssertBilingual(IOutreachFailure failure, string code)
    {
        var vi = failure.MessageIn(Vietnamese);
        var en = failure.MessageIn(English);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.Code, Is.EqualTo(code));
            Assert.That(vi, Is.Not.EqualTo(en));
            Assert.That(en, Is.EqualTo(((Exception)failure).Message), "the message is the English sentence when raised in English");
            foreach (var sentence in new[] { vi, en })
            {
                Assert.That(sentence, Does.Not.Contain("{"), sentence);
                Assert.That(ConsoleVerb().IsMatch(sentence), Is.False, sentence);
            }
        }
    }

    [GeneratedRegex("outreach [a-z]")]
    private static partial Regex ConsoleVerb();
}
