using System.CommandLine;
using JasperFx.Events.Projections;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach projections list|rebuild</c>: the read models, on the library's <see cref="OutreachProjections"/>.</summary>
internal static class ProjectionVerbs
{
    private static readonly Option<string[]> Names = new("--projection", "-p")
    {
        Description = Cli.Say("Chỉ dựng lại bản chiếu này (lặp lại được; mặc định tất cả). Xem tên bằng 'outreach projections list'.",
            "Rebuild only this projection (repeatable; default all). See the names with 'outreach projections list'."),
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Build()
    {
        var list = new Command("list", Cli.Say("Liệt kê các bản chiếu (mô hình đọc) và thời điểm chúng chạy.", "List the projections (read models) and when they run."));
        list.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var (options, _) = await Cli.SettingsAsync(parse, ct);
            await using var store = Cli.OpenPrepared(options);
            var projections = OutreachProjections.List(store);
            var behind = (await OutreachProjections.FreshnessAsync(store, ct)).Views.ToDictionary(v => v.Name, v => v.Behind);
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(projections.Select(p => new { p.Name, Lifecycle = p.Lifecycle.ToString(), p.Version, p.Shards, Behind = behind.TryGetValue(p.Name, out var b) ? b : 0 }));
                return Cli.Ok;
            }

            var t = Cli.Text(parse);
            var table = new Table().Border(TableBorder.Rounded)
                .Title(t.Pick($"{projections.Count} bản chiếu trong lược đồ \"{options.SchemaName}\"", $"{projections.Count} projections in the schema \"{options.SchemaName}\""))
                .AddColumns(t.Pick("Tên", "Name"), t.Pick("Chạy", "Runs"), t.Pick("Phiên bản", "Version"), t.Pick("Phân đoạn", "Shards"), t.Pick("Còn chậm", "Behind"));
            foreach (var p in projections)
            {
                var lag = behind.TryGetValue(p.Name, out var b) ? t.Pick($"{b.ToString("N0", t.Culture)} sự kiện", $"{b.ToString("N0", t.Culture)} events") : "—";
                table.AddRow(Markup.Escape(p.Name), Lifecycle(t, p.Lifecycle), p.Version.ToString(t.Culture), Markup.Escape(string.Join(", ", p.Shards)), lag);
            }

            Cli.Out.Write(table);
            return Cli.Ok;
        }));

        var rebuild = new Command("rebuild", Cli.Say(
            "Xóa tài liệu của các bản chiếu rồi dựng lại từ toàn bộ sự kiện (sự kiện không bị đụng tới).",
            "Empty the projections' documents and rebuild them from every event (the events are not touched).")) { Names };
        rebuild.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            // Emptying the projections' tables (TRUNCATE) is the schema owner's, like every change that is not an append.
            await using var store = await Cli.OpenStoreAsync(parse, ct, asOwner: true);
            var t = Cli.Text(parse);
            var progress = new Progress(t);
            var done = await OutreachProjections.RebuildAsync(store, parse.GetValue(Names), progress, cancellation: ct);
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(new { ok = true, rebuilt = done.Select(d => new { d.Name, seconds = Math.Round(d.Elapsed.TotalSeconds, 3) }) });
                return Cli.Ok;
            }

            var total = TimeSpan.FromTicks(done.Sum(d => d.Elapsed.Ticks));
            Cli.Line(t.Pick($"Đã dựng lại {done.Count} bản chiếu trong {total.TotalSeconds.ToString("0.0", t.Culture)} giây.",
                $"Rebuilt {done.Count} projection{(done.Count == 1 ? "" : "s")} in {total.TotalSeconds.ToString("0.0", t.Culture)} s."));
            return Cli.Ok;
        }));

        return new Command("projections", Cli.Say("Các bản chiếu (mô hình đọc): liệt kê, dựng lại từ sự kiện.", "The projections (read models): list them, rebuild them from the events.")) { list, rebuild };
    }

    private static string Lifecycle(CaseText t, ProjectionLifecycle lifecycle) => lifecycle switch
    {
        ProjectionLifecycle.Inline => t.Pick("cùng giao dịch với sự kiện", "inline, with the events"),
        ProjectionLifecycle.Async => t.Pick("không đồng bộ (tiến trình nền)", "asynchronously (daemon)"),
        _ => t.Pick("khi đọc", "live, when read"),
    };

    /// <summary>One line on standard error per projection as it is rebuilt (synchronous, so the lines keep their order).</summary>
    private sealed class Progress(CaseText t) : IProgress<ProjectionRebuilt>
    {
        public void Report(ProjectionRebuilt value) => Cli.Info(t.Pick(
            $"Đã dựng lại {value.Name} trong {value.Elapsed.TotalSeconds.ToString("0.0", t.Culture)} giây.",
            $"Rebuilt {value.Name} in {value.Elapsed.TotalSeconds.ToString("0.0", t.Culture)} s."));
    }
}
