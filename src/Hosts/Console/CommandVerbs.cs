using System.CommandLine;
using System.Text.Json.Nodes;

namespace Outreach.Console;

/// <summary>
/// The noun-verb commands (<c>outreach complaint accept --case-id … --actor …</c>), one per case command, generated from
/// the command catalogue so that the console and <c>outreach apply</c> accept exactly the same fields.
/// </summary>
internal static class CommandVerbs
{
    private static readonly Option<long?> ExpectedVersion = new("--expected-version")
    {
        Description = Cli.Say("Từ chối bước này nếu hồ sơ không ở đúng phiên bản này (kiểm soát đồng thời lạc quan).", "Refuse the step unless the case is at this version (optimistic concurrency)."),
    };

    public static IEnumerable<Command> Build()
        => OutreachCommands.All.GroupBy(d => d.Noun).Select(group =>
        {
            var noun = new Command(group.Key, NounDescription(group.Key));
            foreach (var descriptor in group)
            {
                noun.Subcommands.Add(BuildVerb(descriptor));
            }

            return noun;
        });

    private static Command BuildVerb(CommandDescriptor descriptor)
    {
        var verb = new Command(descriptor.Verb, $"{Cli.Say(descriptor.SummaryIn(OutreachText.Vietnamese), descriptor.SummaryIn(OutreachText.English))} ({descriptor.Name})");
        var fields = new List<(string Json, Option Option, Type Type)>();
        foreach (var parameter in CommandJson.Parameters(descriptor.CommandType))
        {
            var json = CommandJson.JsonName(parameter);
            var name = "--" + Kebab(parameter.Name!);
            var defaulted = json is "occurredAt" || (descriptor.OpensStream && json == StreamIdField(descriptor));
            var description = CommandJson.Describe(parameter.ParameterType, HelpCulture)
                + (json == "occurredAt" ? Cli.Say(" (mặc định: bây giờ)", " (default: now)")
                    : descriptor.OpensStream && json == StreamIdField(descriptor) ? Cli.Say(" (mặc định: một mã mới)", " (default: a new id)") : "");
            Option option = parameter.ParameterType == typeof(bool)
                ? new Option<bool>(name) { Description = description }
                : IsList(parameter.ParameterType)
                    ? new Option<string[]>(name) { Description = description + Cli.Say(" (lặp lại hoặc ngăn cách bằng dấu phẩy)", " (repeat or separate with commas)"), AllowMultipleArgumentsPerToken = true, Required = !defaulted && CommandJson.IsRequired(parameter) }
                    : new Option<string>(name) { Description = description, Required = !defaulted && CommandJson.IsRequired(parameter) };
            verb.Options.Add(option);
            fields.Add((json, option, parameter.ParameterType));
        }

        verb.Options.Add(ExpectedVersion);
        verb.SetAction((parse, cancellation) => Cli.Guard(parse, async () =>
        {
            var obj = new JsonObject();
            foreach (var (json, option, type) in fields)
            {
                var result = parse.GetResult(option);
                if (result is null || result.Implicit)
                {
                    continue;
                }

                obj[json] = option switch
                {
                    Option<bool> b => JsonValue.Create(parse.GetValue(b)),
                    Option<string[]> list => new JsonArray([.. (parse.GetValue(list) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(v => (JsonNode)JsonValue.Create(v)!)]),
                    Option<string> text when type == typeof(int) && int.TryParse(parse.GetValue(text), out var number) => JsonValue.Create(number),
                    Option<string> text => JsonValue.Create(parse.GetValue(text)),
                    _ => null,
                };
            }

            var command = CommandJson.Bind(descriptor, CommandJson.FillDefaults(descriptor, obj, TimeProvider.System));
            using var store = await Cli.OpenStoreAsync(parse, cancellation);
            await using var session = store.LightweightSession();
            var outcome = await session.HandleAsync(command, TimeProvider.System, parse.GetValue(ExpectedVersion), cancellation);
            Report(parse, descriptor, outcome);
            return Cli.Ok;
        }));
        return verb;
    }

    public static void Report(ParseResult parse, CommandDescriptor descriptor, CommandResult outcome)
    {
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(ResultJson(descriptor, outcome));
            return;
        }

        var text = Cli.Text(parse);
        Cli.Line(outcome.Changed
            ? text.Pick($"Đã ghi {string.Join(", ", outcome.Events)} vào {text.StreamNoun(descriptor.StreamNoun)} {outcome.StreamId} (phiên bản {outcome.Version}).",
                $"Recorded {string.Join(", ", outcome.Events)} on {descriptor.StreamNoun} {outcome.StreamId} (version {outcome.Version}).")
            : text.Pick($"Không có gì mới để ghi: {text.StreamNoun(descriptor.StreamNoun)} {outcome.StreamId} đã có bước này (phiên bản {outcome.Version}).",
                $"Nothing new to record: {descriptor.StreamNoun} {outcome.StreamId} already has this step (version {outcome.Version})."));
    }

    private static bool IsList(Type type) => type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable));

    private static System.Globalization.CultureInfo HelpCulture => System.Globalization.CultureInfo.GetCultureInfo(Cli.HelpCulture);

    private static string NounDescription(string noun) => noun switch
    {
        "petition" => Cli.Say(
            "Tiếp nhận đơn: tiếp nhận, phân loại, phân loại lại, chuyển đơn, hướng dẫn, trả lời, xác định đơn không đủ điều kiện xử lý.",
            "Intake: receive, classify, reclassify, transfer, guide, answer, declare not processable."),
        "complaint" => Cli.Say(
            "Giải quyết khiếu nại (Luật Khiếu nại 02/2011/QH13, đã sửa đổi): thụ lý, xác minh, đối thoại, quyết định giải quyết.",
            "Complaint lifecycle (Law 02/2011/QH13 as amended)."),
        "denunciation" => Cli.Say(
            "Giải quyết tố cáo (Luật Tố cáo 25/2018/QH14): thụ lý, thông báo, gia hạn, kết luận.",
            "Denunciation lifecycle (Law 25/2018/QH14)."),
        "citizen" => Cli.Say(
            "Dữ liệu cá nhân của công dân trong hồ sơ: xóa theo yêu cầu.",
            "A case's citizen's personal data: erasure on request."),
        "unit" => Cli.Say(
            "Cơ quan, đơn vị: đăng ký, phân công cán bộ, bổ nhiệm người đứng đầu, lập tổ đi cơ sở.",
            "Departments and units: register, assign cadres, appoint the head, form visiting groups."),
        "visit" => Cli.Say(
            "Chuyến đi cơ sở: lên kế hoạch, sắp xếp, dự họp, hỗ trợ chuyên môn, tuyên truyền, tiếp dân, báo cáo.",
            "Field visits: plan, arrange, meetings, guidance, outreach, hearing residents, report."),
        "difficulty" => Cli.Say(
            "Khó khăn, vướng mắc của cơ sở: ghi nhận, tháo gỡ tại chỗ, báo cáo người đứng đầu, trả lời, giao xử lý.",
            "Difficulties a locality raises: record, resolve on site, escalate, answer, assign."),
        "rota" => Cli.Say(
            "Lịch luân phiên đi cơ sở đã duyệt: ghi, hoán đổi, hủy, giao lại.",
            "The adopted visit rota: record, swap, cancel, reassign."),
        _ => noun,
    };

    /// <summary>An option name from a field name: notifiedParties → notified-parties.</summary>
    private static string Kebab(string name)
        => string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>A result for machines: the stream's id under the command's own id field (caseId, visitId, …).</summary>
    public static System.Text.Json.Nodes.JsonObject ResultJson(CommandDescriptor descriptor, CommandResult outcome, int? line = null)
    {
        var json = new System.Text.Json.Nodes.JsonObject();
        if (line is { } number)
        {
            json["line"] = number;
        }

        json["ok"] = true;
        json["command"] = descriptor.Name;
        json[StreamIdField(descriptor)] = outcome.StreamId;
        json["version"] = outcome.Version;
        json["events"] = new System.Text.Json.Nodes.JsonArray([.. outcome.Events.Select(e => (System.Text.Json.Nodes.JsonNode)System.Text.Json.Nodes.JsonValue.Create(e)!)]);
        return json;
    }

    /// <summary>The JSON name of the command's stream id field (the first field, by convention: caseId, visitId, …).</summary>
    public static string StreamIdField(CommandDescriptor descriptor) => CommandJson.StreamIdField(descriptor);
}
