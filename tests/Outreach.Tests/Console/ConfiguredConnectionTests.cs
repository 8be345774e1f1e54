using Outreach.Tests.Support;

namespace Outreach.Tests.Console;

/// <summary>
/// The console takes its server from .NET's configuration form too (<c>Outreach__ConnectionString</c>,
/// <c>Outreach__OwnerConnectionString</c>), after <c>--connection</c> and <c>OUTREACH_CONNECTION</c>, and says which it used;
/// a setting that cannot be read stops it with the setting's name, before anything is opened.
/// </summary>
public sealed class ConfiguredConnectionTests
{
    private string _schema = "";

    [SetUp]
    public void Name() => _schema = TestDatabase.NewSchemaName();

    [TearDown]
    public async Task Drop() => await TestDatabase.DropSchemaAsync(_schema);

    private async Task<OutreachProcess> ConfiguredAsync(bool withOwner)
    {
        var database = await TestDatabase.DatabaseAsync();
        var outreach = new OutreachProcess(database, _schema);
        outreach.Extra["OUTREACH_CONNECTION"] = "";
        outreach.Extra["OUTREACH_ADMIN_CONNECTION"] = "";
        outreach.Extra["Outreach__ConnectionString"] = database.Application;
        if (withOwner && database.Admin is { } admin)
        {
            outreach.Extra["Outreach__OwnerConnectionString"] = admin;
        }

        return outreach;
    }

    [Test]
    public async Task The_configured_connection_is_used_and_named()
    {
        var outreach = await ConfiguredAsync(withOwner: true);
        var applied = await outreach.RunAsync("apply", Path.Combine(Repository.Root(), "docs", "samples", "complaint-story.jsonl"), "--culture", "en");
        Assert.That(applied.ExitCode, Is.Zero, applied.ToString());
        Assert.That(applied.Error, Does.Contain("Using the PostgreSQL server given by Outreach:ConnectionString").And.Not.Contain("private PostgreSQL cluster"), applied.ToString());
        if ((await TestDatabase.DatabaseAsync()).Admin is not null)
        {
            Assert.That(applied.Error, Does.Contain("Schema changes run as the role given by Outreach:OwnerConnectionString"), applied.ToString());
        }

        var assert = await outreach.RunAsync("db-assert");
        Assert.That(assert.ExitCode, Is.Zero, assert.ToString());
    }

    [Test]
    public async Task An_unreadable_setting_is_refused_with_its_name_in_vietnamese()
    {
        var outreach = await ConfiguredAsync(withOwner: false);
        outreach.Extra["Outreach__ConnectionString"] = "Hots=127.0.0.1;Database=outreach";
        var refused = await outreach.RunAsync("cases", "overdue", "--json");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("Outreach:ConnectionString không phải là chuỗi kết nối PostgreSQL hợp lệ").And.Contain("\"hots\""), refused.ToString());
        Assert.That(refused.Error, Does.Not.Contain("Couldn't").And.Not.Contain("Parameter"), refused.ToString());
    }

    [Test]
    public async Task An_unreadable_connection_option_is_refused_before_anything_is_opened()
    {
        var outreach = await ConfiguredAsync(withOwner: false);
        var refused = await outreach.RunAsync("cases", "overdue", "--connection", "Host=;;");
        Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
        Assert.That(refused.Error, Does.Contain("--connection không phải là chuỗi kết nối PostgreSQL hợp lệ (chuỗi không có Host)"), refused.ToString());
        Assert.That(refused.Error, Does.Not.Contain("can't be null"), refused.ToString());
    }
}
