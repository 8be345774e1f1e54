using System.CommandLine;
using Outreach.Hosting;

namespace Outreach.Console;

/// <summary><c>outreach cluster start|stop</c>: the private PostgreSQL cluster of the embedded default.</summary>
internal static class ClusterVerbs
{
    /// <summary>The default cluster, or with <c>--tenant</c> the tenant's own (refused for a tenant on a server of its own).</summary>
    private static LocalPostgresSettings Settings()
        => Cli.CurrentTenant switch
        {
            null => new LocalPostgresSettings(),
            { DataFolder: { } folder } => new LocalPostgresSettings { DataDirectory = folder },
            var tenant => throw TenantSettingsException.Of("tenant.not-local", tenant.Id, tenant.Where),
        };

    public static Command Build()
    {
        var start = new Command("start", Cli.Say("Tạo hoặc khởi động cụm PostgreSQL riêng và in ra vị trí của nó (các lệnh khác tự làm việc này khi cần).", "Create or start the private PostgreSQL cluster and print where it is (other verbs do this on demand)."));
        start.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var cluster = await LocalPostgres.EnsureStartedAsync(Settings(), Cli.Info, ct);
            var t = Cli.Text(parse);
            Cli.Info(t.Pick(
                $"Mật khẩu của các vai trò (outreach, outreach_owner, outreach_app) nằm trong {cluster.SecretsFolder}, chỉ người dùng này đọc được.",
                $"The roles' passwords (outreach, outreach_owner, outreach_app) are in {cluster.SecretsFolder}, readable by this OS user only."));
            return Cli.Ok;
        }));

        var stop = new Command("stop", Cli.Say("Dừng cụm PostgreSQL riêng nếu đang chạy (dữ liệu vẫn giữ; lệnh kế tiếp sẽ khởi động lại).", "Stop the private PostgreSQL cluster if it runs (its data stays; the next verb starts it again)."));
        stop.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var (folder, stopped) = await LocalPostgres.StopIfRunningAsync(Settings(), ct);
            var t = Cli.Text(parse);
            Cli.Info(stopped
                ? t.Pick($"Đã dừng cụm PostgreSQL riêng tại {folder}.", $"Stopped the private PostgreSQL cluster at {folder}.")
                : t.Pick($"Không có cụm PostgreSQL riêng nào đang chạy tại {folder}.", $"No private PostgreSQL cluster runs at {folder}."));
            return Cli.Ok;
        }));

        return new Command("cluster", Cli.Say("Cụm PostgreSQL riêng, dùng khi chưa cấu hình kết nối.", "The private PostgreSQL cluster used when no connection is configured.")) { start, stop };
    }
}
