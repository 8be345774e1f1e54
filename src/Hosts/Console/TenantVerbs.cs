using System.CommandLine;
using Outreach.Audit;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary>
/// <c>outreach tenants list|verify</c>: the tenants of a multi-province deployment (ADR 37). Every other verb works for
/// one tenant with <c>--tenant CODE</c>; <c>verify</c> serves them all from one process, each on its own database.
/// </summary>
internal static class TenantVerbs
{
    public static Command Build()
    {
        var list = new Command("list", Cli.Say("Liệt kê các đơn vị sử dụng đã khai báo: mã, tên, cơ sở dữ liệu, lược đồ, thư mục khoá.", "List the tenants configured: code, name, database, schema, key folder."));
        list.SetAction((parse, ct) => Cli.Guard(parse, () =>
        {
            var t = Cli.Text(parse);
            var tenants = Configured(t);
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(tenants.Select(x => new { x.Id, x.Name, Database = x.Where, Schema = x.Options.SchemaName, x.Options.KeyFolder, x.Options.CheckpointFolder }));
                return Task.FromResult(Cli.Ok);
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumns(t.Pick("Mã", "Code"), t.Pick("Tên", "Name"), t.Pick("Cơ sở dữ liệu", "Database"), t.Pick("Lược đồ", "Schema"), t.Pick("Thư mục khoá", "Key folder"));
            foreach (var tenant in tenants)
            {
                table.AddRow(new Text(tenant.Id), new Text(tenant.Name), new Text(tenant.Where), new Text(tenant.Options.SchemaName), new Text(tenant.Options.KeyFolder));
            }

            Cli.Out.Write(table);
            return Task.FromResult(Cli.Ok);
        }));

        var verify = new Command("verify", Cli.Say(
            "Kiểm tra chuỗi băm của mọi đơn vị sử dụng trong một lần chạy, mỗi đơn vị trên cơ sở dữ liệu riêng của nó; mã thoát 4 khi lịch sử của bất kỳ đơn vị nào bị sửa đổi.",
            "Verify the hash chains of every tenant in one run, each on its own database; exit 4 when any tenant's history was altered."));
        verify.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var t = Cli.Text(parse);
            var results = new List<(OutreachTenant Tenant, string Server, ChainVerification Result)>();
            foreach (var tenant in Configured(t))
            {
                var (store, server) = await OpenAsync(tenant, ct);
                using (store)
                {
                    results.Add((tenant, server, await ChainVerifier.VerifyAsync(store, cancellation: ct)));
                }
            }

            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(new
                {
                    Passed = results.All(r => r.Result.Passed),
                    Tenants = results.Select(r => new
                    {
                        r.Tenant.Id, r.Server, r.Result.Passed, r.Result.Events, r.Result.Streams, r.Result.CheckedAt,
                        FirstBroken = r.Result.FirstBroken is { } f ? new { f.Code, f.StreamId, f.Version, f.SeqId, Explanation = f.ExplanationIn(t.Culture) } : null,
                        Problems = r.Result.Problems.Count,
                    }),
                });
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded)
                    .AddColumns(t.Pick("Đơn vị", "Tenant"), t.Pick("Cơ sở dữ liệu", "Database"), t.Pick("Sự kiện", "Events"), t.Pick("Luồng", "Streams"), t.Pick("Kết quả", "Result"));
                table.Columns[2].RightAligned();
                table.Columns[3].RightAligned();
                foreach (var (tenant, server, result) in results)
                {
                    var outcome = result.FirstBroken is { } broken
                        ? t.Pick($"BỊ SỬA ĐỔI: {result.Problems.Count:N0} chỗ, đầu tiên ở sự kiện #{broken.SeqId}: {broken.ExplanationIn(t.Culture)}", $"ALTERED: {result.Problems.Count:N0} finding{(result.Problems.Count == 1 ? "" : "s")}, first at event #{broken.SeqId}: {broken.ExplanationIn(t.Culture)}")
                        : t.Pick("nguyên vẹn", "intact");
                    table.AddRow(new Text(tenant.Id), new Text(server), new Text(result.Events.ToString("N0", t.Culture)), new Text(result.Streams.ToString("N0", t.Culture)),
                        new Text(outcome, result.Passed ? Style.Plain : new Style(Color.Red)));
                }

                Cli.Out.Write(table);
            }

            return results.All(r => r.Result.Passed) ? Cli.Ok : Cli.Tampered;
        }));

        return new Command("tenants", Cli.Say(
            "Các đơn vị sử dụng (tỉnh) khi một hệ thống phục vụ nhiều đơn vị, mỗi đơn vị một cơ sở dữ liệu riêng; các lệnh khác làm việc cho một đơn vị với --tenant.",
            "The tenants (provinces) when one deployment serves several, each with a database of its own; other verbs work for one tenant with --tenant."))
        {
            list, verify,
        };
    }

    /// <summary>The configured tenants; none is a mistake worth a sentence saying how to declare one.</summary>
    private static IReadOnlyList<OutreachTenant> Configured(CaseText t)
    {
        var tenants = OutreachTenants.Read(Cli.Configuration);
        return tenants.Count > 0
            ? tenants
            : throw new ArgumentException(t.Pick(
                "Chưa khai báo đơn vị sử dụng nào: đặt Outreach:Tenants:<mã>:ConnectionString (máy chủ riêng) hoặc Outreach:Tenants:<mã>:DataFolder (cụm PostgreSQL riêng trên máy), ví dụ biến môi trường Outreach__Tenants__dongthap__DataFolder=/srv/outreach/dongthap; xem docs/tenancy.md.",
                "No tenant is configured: set Outreach:Tenants:<code>:ConnectionString (a server of its own) or Outreach:Tenants:<code>:DataFolder (a private cluster on this machine), for example the environment variable Outreach__Tenants__dongthap__DataFolder=/srv/outreach/dongthap; see docs/tenancy.md."));
    }

    /// <summary>The tenant's store, its schema prepared by its owner as every verb does, working as its application role.</summary>
    private static async Task<(Marten.DocumentStore Store, string Server)> OpenAsync(OutreachTenant tenant, CancellationToken ct)
    {
        var database = await OutreachTenants.ResolveDatabaseAsync(tenant, Cli.Info, ct);
        var server = new Npgsql.NpgsqlConnectionStringBuilder(database.Application) is var b ? $"{b.Host}:{b.Port}/{b.Database}" : "";
        await Cli.PrepareAsync(tenant.Options, database, ct);
        return (Cli.OpenPrepared(tenant.Options), server);
    }
}
