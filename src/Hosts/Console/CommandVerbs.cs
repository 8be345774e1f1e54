using System.CommandLine;
using System.Text.Json.Nodes;
using Outreach.Hosting;

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
        var verb = new Command(descriptor.Verb, $"{Cli.Say(VietnameseSummary(descriptor), descriptor.Summary)} ({descriptor.Name})");
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

    /// <summary>The Vietnamese summary of a case command, by its JSON name; the library's English one if none is written yet.</summary>
    private static string VietnameseSummary(CommandDescriptor descriptor)
        => VietnameseSummaries.TryGetValue(descriptor.Name, out var vi) ? vi : descriptor.Summary;

    /// <summary>Vietnamese summaries of every command in <see cref="OutreachCommands.All"/>, keyed by the command's JSON name.</summary>
    internal static readonly IReadOnlyDictionary<string, string> VietnameseSummaries = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Petitions, complaints, denunciations, citizens' data (the case).
        ["ReceivePetition"] = "Ghi nhận tiếp nhận một đơn và mở hồ sơ.",
        ["ClassifyPetition"] = "Phân loại đơn là kiến nghị phản ánh, khiếu nại hay tố cáo.",
        ["ReclassifyPetition"] = "Đổi loại đơn trước khi thụ lý, có nêu lý do.",
        ["DeclareNotProcessable"] = "Kết thúc đơn không đủ điều kiện xử lý (Điều 6 Thông tư 05/2021).",
        ["TransferPetition"] = "Chuyển đơn đến cơ quan có thẩm quyền.",
        ["GuideCitizen"] = "Hướng dẫn công dân và kết thúc hồ sơ.",
        ["AnswerPetition"] = "Trả lời kiến nghị phản ánh và kết thúc hồ sơ.",
        ["AcceptComplaint"] = "Thụ lý khiếu nại (lần đầu hoặc lần hai) và thông báo cho các bên.",
        ["RefuseComplaint"] = "Không thụ lý khiếu nại, nêu lý do trong thông báo.",
        ["AssignVerifier"] = "Giao người xác minh nội dung khiếu nại.",
        ["RecordVerification"] = "Nộp báo cáo kết quả xác minh.",
        ["HoldDialogue"] = "Ghi nhận buổi đối thoại, người tham dự và biên bản.",
        ["FlagComplaint"] = "Đánh dấu vụ việc phức tạp / vùng sâu, vùng xa.",
        ["SuspendComplaint"] = "Tạm đình chỉ giải quyết (quy định 2026); thời hạn ngừng tính.",
        ["ResumeComplaint"] = "Tiếp tục giải quyết khiếu nại đã tạm đình chỉ và thông báo cho các bên.",
        ["IssueFirstDecision"] = "Ban hành quyết định giải quyết khiếu nại lần đầu.",
        ["DeliverDecision"] = "Ghi nhận việc gửi quyết định giải quyết mới nhất cho các bên.",
        ["FileSecondComplaint"] = "Ghi nhận khiếu nại lần hai.",
        ["IssueSecondDecision"] = "Ban hành quyết định giải quyết khiếu nại lần hai.",
        ["WithdrawComplaint"] = "Ghi nhận rút đơn toàn bộ hoặc một phần.",
        ["TerminateComplaint"] = "Đình chỉ giải quyết khiếu nại.",
        ["RecordLawsuit"] = "Ghi nhận người khiếu nại đã khởi kiện ra tòa án.",
        ["WidenDenunciationCheck"] = "Mở rộng việc kiểm tra điều kiện thụ lý tố cáo ra nhiều nơi.",
        ["AcceptDenunciation"] = "Thụ lý tố cáo để giải quyết.",
        ["RefuseDenunciation"] = "Quyết định không thụ lý tố cáo.",
        ["NotifyDenunciationParties"] = "Ghi nhận thông báo cho người tố cáo / người bị tố cáo.",
        ["ExtendDenunciationSettlement"] = "Gia hạn thời hạn giải quyết tố cáo.",
        ["ConcludeDenunciation"] = "Kết luận nội dung tố cáo.",
        ["DemandLateSettlementReport"] = "Ghi nhận yêu cầu của cơ quan cấp trên về báo cáo việc giải quyết tố cáo chậm.",
        ["SubmitLateSettlementReport"] = "Ghi nhận đã gửi báo cáo về việc giải quyết tố cáo chậm.",
        ["RevealDenouncerIdentity"] = "Ghi nhận người được cấp quyền đã xem danh tính người tố cáo và lý do (lệnh case show --clearance tự ghi việc này).",
        ["EraseCitizenData"] = "Xóa dữ liệu cá nhân của công dân trong hồ sơ theo yêu cầu: khóa của họ bị hủy, lịch sử hồ sơ vẫn giữ.",

        // Units.
        ["RegisterUnit"] = "Đăng ký một cơ quan, đơn vị.",
        ["AssignCadre"] = "Thêm một cán bộ vào đơn vị.",
        ["ReleaseCadre"] = "Đưa một cán bộ ra khỏi đơn vị.",
        ["AppointUnitHead"] = "Chỉ định một cán bộ của đơn vị làm người đứng đầu.",
        ["FormVisitingGroup"] = "Lập (hoặc lập lại) một tổ đi cơ sở gồm các cán bộ của đơn vị.",

        // Field visits.
        ["PlanVisit"] = "Lên kế hoạch một chuyến đi cơ sở đến một địa bàn (theo lịch luân phiên hoặc đột xuất).",
        ["ArrangeVisit"] = "Ghi nhận thời gian và địa điểm đã thống nhất với cơ sở.",
        ["AttendMeeting"] = "Ghi nhận một cuộc họp đã dự (đảng ủy, chính quyền, chi bộ, hội quán nông dân, hợp tác xã).",
        ["GiveGuidance"] = "Ghi nhận một buổi hỗ trợ chuyên môn, nghiệp vụ, người tham dự và việc cần theo dõi.",
        ["JoinCommunityWork"] = "Ghi nhận việc tham gia vệ sinh môi trường cùng người dân.",
        ["DeliverOutreach"] = "Ghi nhận một buổi tuyên truyền, vận động và chủ đề.",
        ["HearResident"] = "Ghi nhận việc lắng nghe một người dân, gắn với đơn đã mở cho ý kiến của họ.",
        ["FileVisitReport"] = "Nộp báo cáo chuyến đi cơ sở.",
        ["CancelVisit"] = "Hủy một chuyến đi cơ sở đã lên kế hoạch, có nêu lý do.",
        ["RecordMissedVisit"] = "Ghi nhận một chuyến đi cơ sở đã lên kế hoạch nhưng không thực hiện.",

        // Difficulties.
        ["RaiseDifficulty"] = "Ghi nhận một khó khăn, vướng mắc do cơ sở nêu.",
        ["ResolveOnSite"] = "Ghi nhận cán bộ đã tháo gỡ tại chỗ, trong thẩm quyền của mình.",
        ["EscalateDifficulty"] = "Báo cáo người đứng đầu đơn vị của cán bộ, hoặc từ người đứng đầu lên thành phố.",
        ["AnswerEscalation"] = "Người đứng đầu (hoặc thành phố) trả lời, nêu ngày phải có giải pháp.",
        ["AssignDifficulty"] = "Người đứng đầu giao người tháo gỡ trước một ngày.",
        ["RequestInformation"] = "Người đứng đầu đề nghị người nêu cung cấp thêm thông tin trước một ngày.",
        ["DeliverSolution"] = "Ghi nhận giải pháp đã được chuyển về cơ sở (kết thúc khó khăn, vướng mắc).",

        // The rota.
        ["RecordRota"] = "Ghi một lịch luân phiên đã lập (thường qua 'outreach rotation plan --record').",
        ["SwapRotaVisits"] = "Hoán đổi địa bàn của hai người đi trong một tuần.",
        ["CancelRotaVisit"] = "Hủy chuyến đi của một người trong một tuần.",
        ["ReassignRotaVisit"] = "Giao chuyến đi của một tuần cho người khác.",
    };

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
