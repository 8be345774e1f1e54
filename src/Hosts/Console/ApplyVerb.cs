using System.CommandLine;

namespace Outreach.Console;

/// <summary>
/// <c>outreach apply FILE</c>: one JSON command per line, applied in order, each in its own transaction. A failed line
/// records nothing; the others still apply. Exit code 1 when any line failed.
/// </summary>
internal static class ApplyVerb
{
    private static readonly Argument<string> File = new("file") { Description = Cli.Say("Tệp JSON-lines (mỗi dòng một đối tượng lệnh; '-' là đọc từ đầu vào chuẩn).", "A JSON-lines file (one command object per line; '-' reads standard input).") };

    public static Command Build()
    {
        var apply = new Command("apply", Cli.Say("Áp dụng các lệnh hồ sơ từ một tệp JSON-lines, báo một kết quả cho mỗi dòng.", "Apply case commands from a JSON-lines file, reporting one result per line.")) { File };
        apply.SetAction((parse, ct) => Cli.Guard(parse, () => RunAsync(parse, ct)));
        return apply;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
    {
        var path = parse.GetValue(File)!;
        if (path != "-" && Directory.Exists(path))
        {
            throw new ArgumentException(Cli.Say($"\"{path}\" là một thư mục. Hãy ghi đường dẫn của một tệp JSON-lines (xem docs/commands.md).", $"\"{path}\" is a directory. Give the path of a JSON-lines file (see docs/commands.md)."));
        }

        if (path != "-" && !System.IO.File.Exists(path))
        {
            throw new ArgumentException(Cli.Say($"Tệp \"{path}\" không tồn tại. Hãy ghi đường dẫn của một tệp JSON-lines (xem docs/commands.md).", $"File \"{path}\" does not exist. Give the path of a JSON-lines file (see docs/commands.md)."));
        }

        var lines = path == "-"
            ? (await System.Console.In.ReadToEndAsync(ct)).Split('\n')
            : await System.IO.File.ReadAllLinesAsync(path, ct);
        var json = parse.GetValue(Cli.Json);
        var t = Cli.Text(parse);
        using var store = await Cli.OpenStoreAsync(parse, ct);
        int ok = 0, failed = 0, unchanged = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith('#'))
            {
                continue;
            }

            var number = i + 1;
            try
            {
                var command = CommandJson.ParseLine(line);
                var descriptor = OutreachCommands.For(command.GetType());
                await using var session = store.LightweightSession();
                var outcome = await session.HandleAsync(command, TimeProvider.System, cancellation: ct);
                ok++;
                unchanged += outcome.Changed ? 0 : 1;
                if (json)
                {
                    Cli.WriteJson(CommandVerbs.ResultJson(descriptor, outcome, number));
                }
                else
                {
                    Cli.Line(outcome.Changed
                        ? t.Pick($"dòng {number}: đã ghi {string.Join(", ", outcome.Events)} — {t.StreamNoun(descriptor.StreamNoun)} {outcome.StreamId}, phiên bản {outcome.Version}",
                            $"line {number}: recorded {string.Join(", ", outcome.Events)} — {descriptor.StreamNoun} {outcome.StreamId}, version {outcome.Version}")
                        : t.Pick($"dòng {number}: không có gì mới (đã có) — {t.StreamNoun(descriptor.StreamNoun)} {outcome.StreamId}, phiên bản {outcome.Version}",
                            $"line {number}: nothing new (already recorded) — {descriptor.StreamNoun} {outcome.StreamId}, version {outcome.Version}"));
                }
            }
            catch (Exception ex) when (Cli.Describe(ex) is { } failure && !Cli.StopsTheBatch(failure.Exit))
            {
                failed++;
                if (json)
                {
                    Cli.WriteJson(new { line = number, ok = false, code = failure.Code, error = failure.Message, fields = failure.Fields });
                }
                else
                {
                    Cli.Line(t.Pick($"dòng {number}: LỖI — {failure.Message}", $"line {number}: FAILED — {failure.Message}"));
                }
            }
        }

        var summary = t.Pick($"{ok} dòng thành công ({unchanged} không thay đổi), {failed} dòng lỗi.", $"{ok} line(s) applied ({unchanged} unchanged), {failed} failed.");
        if (json)
        {
            Cli.Info(summary);
        }
        else
        {
            Cli.Line(summary);
        }

        return failed > 0 ? Cli.Refused : Cli.Ok;
    }
}
