using System.Globalization;
using Microsoft.Extensions.Configuration;
using Outreach.Hosting;

namespace Outreach.Tests.Hosting;

/// <summary>
/// How a deployment's tenants are read (ADR 37): each inherits the deployment's settings but never its database, gets
/// folders of its own, and a setting that cannot be used is refused with a code and a sentence in both languages.
/// </summary>
public sealed class TenantSettingsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values)
        => new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Test]
    public void A_tenant_inherits_the_deployments_settings_but_not_its_database_and_gets_folders_of_its_own()
    {
        var tenants = OutreachTenants.Read(Settings(
            ("Outreach:ConnectionString", "Host=shared;Username=app;Password=x"),
            ("Outreach:SchemaName", "outreach_province"),
            ("Outreach:KeyFolder", "/srv/keys"),
            ("Outreach:CheckpointFolder", "/srv/checkpoints"),
            ("Outreach:UnitHeadResponseDays", "9"),
            ("Outreach:Tenants:dongthap:DataFolder", "/srv/clusters/dongthap"),
            ("Outreach:Tenants:dongthap:Name", "Đồng Tháp"),
            ("Outreach:Tenants:angiang:ConnectionString", "Host=db2;Port=5433;Database=angiang;Username=app;Password=secret"),
            ("Outreach:Tenants:angiang:SchemaName", "outreach"),
            ("Outreach:Tenants:angiang:UnitHeadResponseDays", "5")));

        Assert.That(tenants.Select(t => t.Id), Is.EqualTo(new[] { "angiang", "dongthap" }));
        var (angiang, dongthap) = (tenants[0], tenants[1]);
        Assert.That(dongthap.Options.ConnectionString, Is.Null, "the deployment's server is not the tenant's");
        Assert.That(dongthap.DataFolder, Is.EqualTo("/srv/clusters/dongthap"));
        Assert.That((dongthap.Name, angiang.Name), Is.EqualTo(("Đồng Tháp", "angiang")));
        Assert.That((dongthap.Options.SchemaName, angiang.Options.SchemaName), Is.EqualTo(("outreach_province", "outreach")));
        Assert.That((dongthap.Options.UnitHeadResponseDays, angiang.Options.UnitHeadResponseDays), Is.EqualTo((9, 5)));
        Assert.That(dongthap.Options.KeyFolder, Is.EqualTo(Path.Combine("/srv/keys", "tenants", "dongthap")));
        Assert.That(angiang.Options.CheckpointFolder, Is.EqualTo(Path.Combine("/srv/checkpoints", "angiang")));
        Assert.That(angiang.Options.ConnectionString, Does.Contain("Host=db2"));
        Assert.That(angiang.Where, Does.Contain("db2").And.Not.Contain("secret"), "printed without its password");
    }

    [Test]
    public void A_tenant_that_names_no_database_gets_a_private_cluster_beside_the_default_one()
    {
        var tenant = OutreachTenants.Read(Settings(("Outreach:Tenants:hue:Name", "Huế"))).Single();
        Assert.That(tenant.DataFolder, Is.EqualTo(OutreachTenants.DefaultDataFolder("hue")));
        Assert.That(tenant.DataFolder, Does.EndWith(Path.Combine("tenants", "hue")));
    }

    [TestCase("tenant.id-invalid", "Outreach:Tenants:Dong Thap:DataFolder", "/srv/a")]
    [TestCase("tenant.id-invalid", "Outreach:Tenants:1hue:DataFolder", "/srv/a")]
    [TestCase("tenant.folder-relative", "Outreach:Tenants:hue:DataFolder", "clusters/hue")]
    [TestCase("tenant.connection-invalid", "Outreach:Tenants:hue:ConnectionString", "Host=db;Bogus Key=1")]
    [TestCase("tenant.replica-invalid", "Outreach:Tenants:hue:ReplicaConnectionString", "Host=standby;Bogus Key=1")]
    [TestCase("tenant.owner-without-server", "Outreach:Tenants:hue:OwnerConnectionString", "Host=db;Username=owner")]
    [TestCase("tenant.settings-invalid", "Outreach:Tenants:hue:UnitHeadResponseDays", "soon")]
    public void A_setting_that_cannot_be_used_is_refused_with_its_code_in_both_languages(string code, string key, string value)
    {
        var refused = Assert.Throws<TenantSettingsException>(() => OutreachTenants.Read(Settings((key, value))));
        Assert.That(refused!.Code, Is.EqualTo(code));
        Assert.That(refused.MessageIn(CultureInfo.GetCultureInfo("vi")), Does.Contain("đơn vị sử dụng").IgnoreCase.Or.Contain("phải là").Or.Contain("Không đọc được"));
        Assert.That(refused.MessageIn(CultureInfo.GetCultureInfo("en")), Does.Contain(string.Join(':', key.Split(':')[..3])), "names the tenant's section as it was given");
    }

    [Test]
    public void A_server_and_a_private_cluster_for_one_tenant_are_refused()
    {
        var refused = Assert.Throws<TenantSettingsException>(() => OutreachTenants.Read(Settings(
            ("Outreach:Tenants:hue:ConnectionString", "Host=db;Username=app"), ("Outreach:Tenants:hue:DataFolder", "/srv/hue"))));
        Assert.That(refused!.Code, Is.EqualTo("tenant.server-and-folder"));
    }

    [TestCase("Host=DB.example;Port=5432;Database=outreach;Username=app", "Host=db.example;Database=outreach;Username=other")]
    [TestCase("Host=db;Username=outreach", "Host=db;Database=outreach;Username=outreach")]
    public void Two_tenants_on_one_database_are_refused(string first, string second)
    {
        var refused = Assert.Throws<TenantSettingsException>(() => OutreachTenants.Read(Settings(
            ("Outreach:Tenants:hue:ConnectionString", first), ("Outreach:Tenants:quangtri:ConnectionString", second))));
        Assert.That(refused!.Code, Is.EqualTo("tenant.shared-database"));
        Assert.That(refused.MessageIn(CultureInfo.GetCultureInfo("vi")), Does.Contain("hue").And.Contain("quangtri").And.Contain("cơ sở dữ liệu riêng"));
    }

    [Test]
    public void Two_tenants_on_one_private_cluster_are_refused_and_on_two_databases_of_one_server_are_not()
    {
        var refused = Assert.Throws<TenantSettingsException>(() => OutreachTenants.Read(Settings(
            ("Outreach:Tenants:hue:DataFolder", "/srv/one"), ("Outreach:Tenants:quangtri:DataFolder", "/srv/one/"))));
        Assert.That(refused!.Code, Is.EqualTo("tenant.shared-database"));
        Assert.That(OutreachTenants.Read(Settings(
            ("Outreach:Tenants:hue:ConnectionString", "Host=db;Database=hue;Username=app"),
            ("Outreach:Tenants:quangtri:ConnectionString", "Host=db;Database=quangtri;Username=app"))), Has.Count.EqualTo(2));
    }

    [Test]
    public void A_tenants_standby_on_another_tenants_database_is_refused_and_the_deployments_standby_is_never_inherited()
    {
        var refused = Assert.Throws<TenantSettingsException>(() => OutreachTenants.Read(Settings(
            ("Outreach:Tenants:hue:ConnectionString", "Host=db;Database=hue;Username=app"),
            ("Outreach:Tenants:quangtri:ConnectionString", "Host=db2;Database=quangtri;Username=app"),
            ("Outreach:Tenants:quangtri:ReplicaConnectionString", "Host=db;Database=hue;Username=app"))));
        Assert.That(refused!.Code, Is.EqualTo("tenant.shared-database"));

        var tenants = OutreachTenants.Read(Settings(
            ("Outreach:ReplicaConnectionString", "Host=standby;Database=outreach;Username=app"),
            ("Outreach:Tenants:hue:ConnectionString", "Host=db;Database=hue;Username=app"),
            ("Outreach:Tenants:quangtri:ConnectionString", "Host=db2;Database=quangtri;Username=app"),
            ("Outreach:Tenants:quangtri:ReplicaConnectionString", "Host=db2-standby;Database=quangtri;Username=app")));
        Assert.That(tenants.Select(t => t.Options.ReplicaConnectionString), Is.EqualTo(new[] { null, "Host=db2-standby;Database=quangtri;Username=app" }));
    }

    [Test]
    public void An_unknown_tenant_names_the_configured_ones_and_with_none_says_how_to_declare_one()
    {
        var unknown = Assert.Throws<TenantSettingsException>(() => OutreachTenants.Find(Settings(
            ("Outreach:Tenants:hue:DataFolder", "/srv/hue"), ("Outreach:Tenants:angiang:DataFolder", "/srv/ag")), "dongthap"));
        Assert.That((unknown!.Code, unknown.MessageIn(CultureInfo.GetCultureInfo("en"))), Is.EqualTo(("tenant.unknown", "No tenant \"dongthap\": the tenants configured are angiang, hue.")));
        var none = Assert.Throws<TenantSettingsException>(() => OutreachTenants.Find(Settings(), "dongthap"));
        Assert.That(none!.Code, Is.EqualTo("tenant.none"));
        Assert.That(none.MessageIn(CultureInfo.GetCultureInfo("vi")), Does.Contain("Outreach__Tenants__dongthap__DataFolder").And.Contain("chưa khai báo"));
    }
}
