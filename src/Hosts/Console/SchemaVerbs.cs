using System.CommandLine;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary>
/// <c>outreach db-apply|db-assert|db-patch|db-dump</c>: the schema verbs, on the library's own schema service and Marten's
/// migration API (not Marten's command line, which speaks English only).
/// </summary>
internal static class SchemaVerbs
{
    private static readonly Argument<FileInfo> PatchFile = new("file") { Description = Cli.Say("Tệp SQL sẽ ghi (kèm tệp .drop.sql để hoàn tác).", "The SQL file to write (with a .drop.sql file to undo it).") };

    private static readonly Argument<FileInfo> DumpFile = new("file") { Description = Cli.Say("Tệp SQL sẽ ghi.", "The SQL file to write.") };

    public static IEnumerable<Command> Build()
    {
        var apply = new Command("db-apply", Cli.Say(
            "Tạo hoặc cập nhật lược đồ theo cấu hình, với vai trò chủ sở hữu, và cấp cho vai trò ứng dụng quyền chỉ đọc và ghi thêm.",
            "Create or update the schema to match the configuration, as its owner, and grant the application role read and append rights only."));
        apply.SetAction((parse, ct) => Cli.Guard(parse, () => ApplyAsync(parse, ct)));

        var assert = new Command("db-assert", Cli.Say(
            "Kiểm tra lược đồ có khớp với cấu hình không, không thay đổi gì (mã thoát 7 khi có khác biệt).",
            "Check that the schema matches the configuration, changing nothing (exit code 7 when it differs)."));
        assert.SetAction((parse, ct) => Cli.Guard(parse, () => AssertAsync(parse, ct)));

        var patch = new Command("db-patch", Cli.Say(
            "Ghi ra tệp câu lệnh SQL để đưa lược đồ về đúng cấu hình, không chạy nó.",
            "Write the SQL that would bring the schema up to date to a file, without running it.")) { PatchFile };
        patch.SetAction((parse, ct) => Cli.Guard(parse, () => PatchAsync(parse, ct)));

        var dump = new Command("db-dump", Cli.Say(
            "Ghi ra tệp câu lệnh SQL tạo toàn bộ lược đồ.",
            "Write the SQL that creates the whole schema to a file.")) { DumpFile };
        dump.SetAction((parse, ct) => Cli.Guard(parse, () => DumpAsync(parse, ct)));
        return [apply, assert, patch, dump];
    }

    private static async Task<int> ApplyAsync(ParseResult parse, CancellationToken ct)
    {
        var (options, database) = await Cli.SettingsAsync(parse, ct);
        var t = Cli.Text(parse);
        var role = OutreachConnection.UserOf(database.Application);
        // db-apply repairs: it compares and applies everything, whatever the schema's marker says.
        var outcome = await new OutreachSchema(options).PrepareAsync(force: true, ct);
        if (outcome == OutreachSchema.Outcome.UsedAsIs)
        {
            var message = t.Pick(
                $"db-apply thay đổi lược đồ \"{options.SchemaName}\", mà vai trò cơ sở dữ liệu {role} không được làm: vai trò này không sở hữu lược đồ. "
                + "Hãy chạy với kết nối của chủ sở hữu (--connection, hoặc OUTREACH_ADMIN_CONNECTION bên cạnh OUTREACH_CONNECTION của ứng dụng).",
                $"db-apply changes the schema \"{options.SchemaName}\", and the database role {role} may not: it is not the schema's owner. "
                + "Run it with the owner's connection (--connection, or OUTREACH_ADMIN_CONNECTION beside the application's OUTREACH_CONNECTION).");
            Cli.Error(message);
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(new { ok = false, code = "schema.not-owner", message, exit = Cli.NotPermitted, fields = Array.Empty<object>() });
            }

            return Cli.NotPermitted;
        }

        var owner = database.Admin is { } admin ? OutreachConnection.UserOf(admin) : role;
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(new { ok = true, schema = options.SchemaName, owner, application = role });
            return Cli.Ok;
        }

        Cli.Line(owner == role
            ? t.Pick($"Lược đồ \"{options.SchemaName}\" đã khớp cấu hình (do {owner} thực hiện).", $"The schema \"{options.SchemaName}\" matches the configuration (applied by {owner}).")
            : t.Pick($"Lược đồ \"{options.SchemaName}\" đã khớp cấu hình (do {owner} thực hiện); vai trò {role} chỉ được đọc và ghi thêm.",
                $"The schema \"{options.SchemaName}\" matches the configuration (applied by {owner}); the role {role} may only read and append."));
        return Cli.Ok;
    }

    private static async Task<int> AssertAsync(ParseResult parse, CancellationToken ct)
    {
        var (options, _) = await Cli.SettingsAsync(parse, ct);
        await using var store = Cli.OpenPrepared(options);
        var comparison = await OutreachSchema.CompareAsync(store, ct);
        var t = Cli.Text(parse);
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(new { ok = comparison.Matches, schema = options.SchemaName, changes = comparison.Changes });
            return comparison.Matches ? Cli.Ok : Cli.NotPrepared;
        }

        if (comparison.Matches)
        {
            Cli.Line(t.Pick($"Lược đồ \"{options.SchemaName}\" khớp với cấu hình: không có khác biệt.", $"The schema \"{options.SchemaName}\" matches the configuration: no differences."));
            return Cli.Ok;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title(t.Pick($"Lược đồ \"{options.SchemaName}\" khác cấu hình ở {comparison.Changes.Count} đối tượng", $"The schema \"{options.SchemaName}\" differs from the configuration in {comparison.Changes.Count} objects"))
            .AddColumns(t.Pick("Đối tượng", "Object"), t.Pick("Cần", "Needs"));
        foreach (var change in comparison.Changes)
        {
            table.AddRow(Markup.Escape(change.Object), Difference(t, change.Difference));
        }

        Cli.Out.Write(table);
        Cli.Error(t.Pick(
            "lược đồ chưa khớp cấu hình. Chạy 'outreach db-apply' với kết nối của chủ sở hữu để cập nhật, hoặc 'outreach db-patch TỆP' để xem câu lệnh SQL trước.",
            "the schema does not match the configuration. Run 'outreach db-apply' with the owner's connection to update it, or 'outreach db-patch FILE' to read the SQL first."));
        return Cli.NotPrepared;
    }

    private static async Task<int> PatchAsync(ParseResult parse, CancellationToken ct)
    {
        var file = parse.GetValue(PatchFile)!;
        var (options, _) = await Cli.SettingsAsync(parse, ct);
        await using var store = Cli.OpenPrepared(options);
        var comparison = await OutreachSchema.CompareAsync(store, ct);
        var t = Cli.Text(parse);
        if (comparison.Matches)
        {
            Cli.Line(t.Pick($"Lược đồ \"{options.SchemaName}\" đã khớp cấu hình: không có gì để ghi vào {file.FullName}.",
                $"The schema \"{options.SchemaName}\" already matches the configuration: nothing to write to {file.FullName}."));
            return Cli.Ok;
        }

        await Weasel.Core.Migrations.DatabaseExtensions.WriteMigrationFileAsync(store.Storage.Database, file.FullName, ct);
        Cli.Line(t.Pick($"Đã ghi câu lệnh SQL cho {comparison.Changes.Count} đối tượng vào {file.FullName}; chưa chạy gì.",
            $"Wrote the SQL for {comparison.Changes.Count} objects to {file.FullName}; nothing was run."));
        return Cli.Ok;
    }

    private static async Task<int> DumpAsync(ParseResult parse, CancellationToken ct)
    {
        var file = parse.GetValue(DumpFile)!;
        var (options, _) = await Cli.SettingsAsync(parse, ct);
        await using var store = Cli.OpenPrepared(options);
        await store.Storage.Database.WriteCreationScriptToFileAsync(file.FullName, ct);
        Cli.Line(Cli.Text(parse).Pick($"Đã ghi câu lệnh SQL tạo lược đồ \"{options.SchemaName}\" vào {file.FullName}.",
            $"Wrote the SQL that creates the schema \"{options.SchemaName}\" to {file.FullName}."));
        return Cli.Ok;
    }

    private static string Difference(CaseText t, string difference) => difference switch
    {
        "Create" => t.Pick("tạo mới", "create"),
        "Update" => t.Pick("cập nhật", "update"),
        "Invalid" => t.Pick("tạo lại (không cập nhật tại chỗ được)", "re-create (cannot be updated in place)"),
        _ => difference,
    };
}
