using System.CommandLine;

namespace Outreach.Console;

/// <summary>
/// <c>outreach apply FILE [--batch N]</c>: one JSON command per line, applied in order by <see cref="CommandBatch"/>, the
/// lines sharing transactions of N. A failed line records nothing; the others still apply. Exit code 1 when any line failed.
/// </summary>
internal static class ApplyVerb
{
    private static readonly Argument<string> File = new("file") { Description = Cli.Say("Tệp JSON-lines (mỗi dòng một đối tượng lệnh; '-' là đọc từ đầu vào chuẩn).", "A JSON-lines file (one command object per line; '-' reads standard input).") };

    private static readonly Option<int> Batch = new("--batch")
    {
        Description = Cli.Say(
            $"Số dòng mỗi giao dịch (mặc định {CommandBatch.DefaultBatchSize}; 1 là mỗi dòng một giao dịch). Mỗi dòng vẫn có kết quả riêng.",
            $"Lines per transaction (default {CommandBatch.DefaultBatchSize}; 1 gives every line its own). Each line still gets its own result."),
        DefaultValueFactory = _ => CommandBatch.DefaultBatchSize,
    };

    public static Command Build()
    {
        var apply = new Command("apply", Cli.Say("Áp dụng các lệnh hồ sơ từ một tệp JSON-lines, báo một kết quả cho mỗi dòng.", "Apply case commands from a JSON-lines file, reporting one result per line.")) { File, Batch };
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
        var batch = parse.GetValue(Batch);
        if (batch < 1)
        {
            throw new ArgumentException(t.Pick($"--batch phải là một số nguyên từ 1 trở lên (số dòng mỗi giao dịch), không phải {batch}.", $"--batch must be a whole number of 1 or more (lines per transaction), not {batch}."));
        }

        using var store = await Cli.OpenStoreAsync(parse, ct);
        int ok = 0, failed = 0, unchanged = 0;
        await foreach (var line in store.ApplyAsync(lines.Select((text, i) => new BatchLine(i + 1, text)), TimeProvider.System, batch, ct))
        {
            var number = line.Number;
            if (line is { Descriptor: { } descriptor, Result: { } outcome })
            {
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

                continue;
            }

            var ex = line.Failure!;
            var failure = Cli.Describe(ex);
            if (failure is null || Cli.StopsTheBatch(failure.Exit))
            {
                // The database is gone, the history was tampered with, or this role may not write: every later line would
                // fail the same way. What came before is recorded and reported.
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
            }

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
