using System.Text.Json;
using Npgsql;
using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary><c>outreach audit case|verify|checkpoint</c> run as a person would run them.</summary>
public sealed class AuditConsoleTests : ConsoleStoryFixture
{
    private const string CaseId = "6f1c2d9e-4b7a-4c55-9a1e-2b8f0d3c4e51";

    /// <summary>The sample story's first three steps, with the acceptance taken on 20 March instead of 8 March.</summary>
    protected override IEnumerable<string> Steps()
        => SampleStory(3).Select(l => l.Contains("\"AcceptComplaint\"", StringComparison.Ordinal) ? l.Replace("2024-03-08", "2024-03-20", StringComparison.Ordinal) : l);

    [Test]
    [Order(1)]
    public async Task The_report_says_which_step_was_missed_by_how_many_days_and_who_was_responsible()
    {
        var text = await Outreach.RunAsync("audit", "case", "12/2024/TCD", "--culture", "en", "--as-of", "2024-03-25");
        Assert.That(text.ExitCode, Is.Zero, text.ToString());
        Assert.That(text.Out, Does.Contain("Missed: complaint acceptance").And.Contain("competent: Trần Thị Bình").And.Contain("intact"));

        var json = await Outreach.RunAsync("audit", "case", CaseId, "--json", "--as-of", "2024-03-25");
        using var doc = JsonDocument.Parse(json.Out);
        var acceptance = doc.RootElement.GetProperty("deadlines").EnumerateArray().Single(d => d.GetProperty("step").GetString() == "ComplaintAcceptance");
        var due = DateOnly.Parse(acceptance.GetProperty("due").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(acceptance.GetProperty("outcome").GetString(), Is.EqualTo("Missed"));
        Assert.That(acceptance.GetProperty("daysLate").GetInt32(), Is.EqualTo(new DateOnly(2024, 3, 20).DayNumber - due.DayNumber));
        Assert.That(acceptance.GetProperty("responsible").GetString(), Is.EqualTo("Trần Thị Bình"));
        Assert.That(acceptance.GetProperty("competent").GetString(), Is.EqualTo("Trần Thị Bình"), "who accepted late is the competent person");
        Assert.That(text.Out, Does.Contain($"MISSED by {acceptance.GetProperty("daysLate").GetInt32()} days"));
        var steps = doc.RootElement.GetProperty("steps").EnumerateArray().ToList();
        Assert.That(steps.Select(s => s.GetProperty("recordedByDatabaseClock").GetBoolean()), Has.All.True);
        Assert.That(steps.Select(s => s.GetProperty("isBackFilled").GetBoolean()), Has.All.True, "a 2024 story recorded today is back-filled");
    }

    [Test]
    [Order(1)]
    public async Task The_report_as_of_an_earlier_date_shows_the_case_as_it_stood_then()
    {
        var json = await Outreach.RunAsync("audit", "case", CaseId, "--json", "--as-of", "2024-03-16", "--culture", "en");
        using var doc = JsonDocument.Parse(json.Out);
        Assert.That(doc.RootElement.GetProperty("version").GetInt64(), Is.EqualTo(2));
        var acceptance = doc.RootElement.GetProperty("deadlines").EnumerateArray().Single();
        Assert.That(acceptance.GetProperty("outcome").GetString(), Is.EqualTo("Overdue"), "on 16 March the acceptance was already late and not yet done");
    }

    [Test]
    [Order(1)]
    public async Task The_report_as_recorded_before_anything_was_recorded_is_refused_clearly()
    {
        var result = await Outreach.RunAsync("audit", "case", CaseId, "--as-recorded", "2020-01-01", "--culture", "en");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Error, Does.Contain("had no recorded step by then"));
    }

    [Test]
    [Order(1)]
    public async Task The_html_export_is_one_self_contained_document_with_the_verification_result()
    {
        var path = Path.Combine(Dir, "report.html");
        var result = await Outreach.RunAsync("audit", "case", CaseId, "--html", path, "--as-of", "2024-03-25");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var html = await File.ReadAllTextAsync(path);
        Assert.That(html, Does.StartWith("<!DOCTYPE html>").And.Contain("lang=\"vi\"").And.Contain("TRỄ 6 ngày").And.Contain("nguyên vẹn"));
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("src=").And.Not.Contain("href="));
        Assert.That(html, Does.Contain("Phường 1 (phuong-1)"), "the locality is named as it was when the case was received");
    }

    [Test]
    [Order(1)]
    public async Task Periodic_checkpoints_each_get_a_file_of_their_own_and_bad_intervals_are_refused()
    {
        var folder = Path.Combine(Dir, "periodic") + Path.DirectorySeparatorChar;
        var run = await Outreach.RunAsync("audit", "checkpoint", "--out", folder, "--every", "1s", "--count", "2", "--json");
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var files = Directory.GetFiles(folder, "outreach-checkpoint-*.json");
        Assert.That(files, Has.Length.EqualTo(2));
        var printed = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.That(printed.Select(p => p.GetProperty("file").GetString()), Is.EquivalentTo(files));
        Assert.That(printed.Select(p => p.GetProperty("eventCount").GetInt64()), Is.EqualTo(new[] { 3L, 3L }));

        var bad = await Outreach.RunAsync("audit", "checkpoint", "--out", folder, "--every", "soon", "--culture", "en");
        Assert.That((bad.ExitCode, bad.Error.Contains("is not an interval", StringComparison.Ordinal)), Is.EqualTo((2, true)), bad.ToString());
        var noFolder = await Outreach.RunAsync("audit", "checkpoint", "--out", Path.Combine(Dir, "one.json"), "--every", "1h", "--culture", "en");
        Assert.That((noFolder.ExitCode, noFolder.Error.Contains("needs --out to name a folder", StringComparison.Ordinal)), Is.EqualTo((2, true)), noFolder.ToString());
    }

    [Test]
    [Order(2)] // It alters the recorded history; the report tests run first.
    public async Task Verify_passes_then_fails_with_exit_4_naming_the_altered_event_and_a_checkpoint_round_trips()
    {
        var checkpointFile = Path.Combine(Dir, "cp.json");
        var checkpoint = await Outreach.RunAsync("audit", "checkpoint", "--out", checkpointFile, "--culture", "en");
        Assert.That(checkpoint.ExitCode, Is.Zero, checkpoint.ToString());
        Assert.That(File.Exists(Path.Combine(Dir, "keys", "checkpoint-signing.pem")), Is.True, "the signing key is created on first use");
        var again = await Outreach.RunAsync("audit", "checkpoint", "--out", checkpointFile);
        Assert.That(again.ExitCode, Is.EqualTo(2), "checkpoints are never overwritten");

        var untrusted = await Outreach.RunAsync("audit", "verify", "--checkpoint", checkpointFile, "--culture", "en");
        Assert.That(untrusted.ExitCode, Is.EqualTo(4), "a checkpoint counts only with a declared trusted key: " + untrusted);
        Assert.That(untrusted.Out, Does.Contain("checkpoint-untrusted"));
        var fingerprint = global::Outreach.Audit.Checkpoint.Load(checkpointFile).KeyFingerprint;
        Assert.That(untrusted.Error, Does.Contain($"--trusted-key {fingerprint}"));

        var verified = await Outreach.RunAsync("audit", "verify", "--checkpoint", checkpointFile, "--trusted-key", fingerprint, "--culture", "en");
        Assert.That(verified.ExitCode, Is.Zero, verified.ToString());
        Assert.That(verified.Out, Does.Contain("INTACT"));
        Assert.That(verified.Error, Does.Contain("signed with this installation's key"));

        await File.WriteAllTextAsync(Path.Combine(Dir, "keys", global::Outreach.Audit.TrustedKeys.FileName), $"# kept by the inspectorate\n{fingerprint}\n");
        var fromFile = await Outreach.RunAsync("audit", "verify", "--checkpoint", checkpointFile, "--culture", "en");
        Assert.That(fromFile.ExitCode, Is.Zero, "the default trusted-keys file in the key folder counts: " + fromFile);
        var badKey = await Outreach.RunAsync("audit", "verify", "--checkpoint", checkpointFile, "--trusted-key", "not-a-key", "--culture", "en");
        Assert.That(badKey.ExitCode, Is.EqualTo(2), badKey.ToString());
        Assert.That(badKey.Error, Does.Contain("is not a key fingerprint"));

        await using (var conn = new NpgsqlConnection(await TestDatabase.OwnerConnectionStringAsync()))
        {
            await conn.OpenAsync();
            await using var tamper = new NpgsqlCommand($"update {Schema}.mt_events set user_name = 'mallory' where version = 3", conn);
            Assert.That(await tamper.ExecuteNonQueryAsync(), Is.EqualTo(1));
        }

        var broken = await Outreach.RunAsync("audit", "verify", "--culture", "en");
        Assert.That(broken.ExitCode, Is.EqualTo(4), broken.ToString());
        Assert.That(broken.Out, Does.Contain($"First broken event: Event 3 of stream {CaseId}"));
        var report = await Outreach.RunAsync("audit", "case", CaseId, "--culture", "en");
        Assert.That(report.Out, Does.Contain("ALTERED"));

        var bad = await Outreach.RunAsync("audit", "verify", "--checkpoint", Path.Combine(Dir, "missing.json"), "--culture", "en");
        Assert.That((bad.ExitCode, bad.Error), Is.EqualTo((2, bad.Error)));
        Assert.That(bad.Error, Does.Contain("Cannot read the checkpoint file"));
    }
}
