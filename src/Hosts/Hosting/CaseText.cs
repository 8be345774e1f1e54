using System.Globalization;
using Humanizer;
using Outreach.Cases;
using Outreach.Deadlines;

namespace Outreach.Hosting;

/// <summary>
/// Words for people: case statuses, kinds, deadline steps and one sentence per event, in Vietnamese or English.
/// Durations and relative dates go through Humanizer with an explicit culture.
/// </summary>
public sealed class CaseText
{
    private readonly bool _vi;

    private CaseText(CultureInfo culture)
    {
        Culture = culture;
        _vi = culture.TwoLetterISOLanguageName == "vi";
    }

    /// <summary>Vietnamese texts (the default).</summary>
    public static CaseText Vietnamese { get; } = new(CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>English texts.</summary>
    public static CaseText English { get; } = new(CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>The culture used for numbers, dates and Humanizer.</summary>
    public CultureInfo Culture { get; }

    /// <summary>Texts for a culture name ("vi", "en", "vi-VN", "en-US"…); throws <see cref="ArgumentException"/> for other languages.</summary>
    public static CaseText For(string culture) => culture.ToLowerInvariant() switch
    {
        "vi" or "vi-vn" => Vietnamese,
        "en" or "en-gb" or "en-us" => English,
        _ => throw new ArgumentException(HostingText.Format("culture.unknown", culture), nameof(culture)),
    };

    /// <summary>The Vietnamese word for a stream noun ("case" → "hồ sơ"); English nouns are returned as they are.</summary>
    public string StreamNoun(string noun) => !_vi ? noun : noun switch
    {
        "case" => "hồ sơ",
        "unit" => "đơn vị",
        "visit" => "chuyến đi cơ sở",
        "difficulty" => "khó khăn, vướng mắc",
        "rota" => "lịch phân công",
        _ => noun,
    };

    /// <summary>Picks the Vietnamese or English text.</summary>
    public string Pick(string vi, string en) => _vi ? vi : en;

    /// <summary>A date as people write it (dd/MM/yyyy in both languages).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the reader's texts (t.Date); written alike in both languages today.")]
    public string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A business time in Vietnam time.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Part of the reader's texts (t.Time); written alike in both languages today.")]
    public string Time(DateTimeOffset at) => at.ToOffset(VietnamTime.Offset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A number of days, humanized ("3 ngày", "3 days").</summary>
    public string Days(int days) => TimeSpan.FromDays(Math.Abs(days)).Humanize(culture: Culture, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Day);

    /// <summary>"12 days left", "due today", "3 days overdue", or "paused".</summary>
    public string DaysLeft(CaseDeadline deadline, DateOnly today)
    {
        if (deadline.DaysLeft(today) is not { } left)
        {
            return Pick("tạm dừng (đang tạm đình chỉ)", "paused (suspended)");
        }

        if (!deadline.IsObligation)
        {
            return left >= 0 ? Pick($"còn {Days(left)}", $"{Days(left)} left") : Pick($"đã hết {Days(left)} trước", $"closed {Days(left)} ago");
        }

        return left switch
        {
            0 => Pick("hết hạn hôm nay", "due today"),
            > 0 => Pick($"còn {Days(left)}", $"{Days(left)} left"),
            _ => Pick($"quá hạn {Days(left)}", $"{Days(left)} overdue"),
        };
    }

    /// <summary>The case kind.</summary>
    public string Kind(CaseKind kind) => kind switch
    {
        CaseKind.Unclassified => Pick("chưa phân loại", "unclassified"),
        CaseKind.Suggestion => Pick("kiến nghị, phản ánh", "suggestion/report"),
        CaseKind.Complaint => Pick("khiếu nại", "complaint"),
        CaseKind.Denunciation => Pick("tố cáo", "denunciation"),
        _ => kind.Humanize(),
    };

    /// <summary>The case status.</summary>
    public string Status(CaseStatus status) => !_vi ? status.Humanize().ToLower(Culture) : status switch
    {
        CaseStatus.AwaitingClassification => "chờ phân loại",
        CaseStatus.SuggestionOpen => "đang xử lý kiến nghị",
        CaseStatus.AwaitingAcceptance => "chờ thụ lý",
        CaseStatus.UnderSettlement => "đang giải quyết lần đầu",
        CaseStatus.Suspended => "tạm đình chỉ",
        CaseStatus.FirstDecisionIssued => "đã có quyết định lần đầu",
        CaseStatus.AwaitingSecondAcceptance => "chờ thụ lý lần hai",
        CaseStatus.UnderSecondSettlement => "đang giải quyết lần hai",
        CaseStatus.SecondDecisionIssued => "đã có quyết định lần hai",
        CaseStatus.DenunciationUnderCheck => "đang kiểm tra tố cáo",
        CaseStatus.DenunciationUnderSettlement => "đang giải quyết tố cáo",
        CaseStatus.DenunciationConcluded => "đã kết luận tố cáo",
        CaseStatus.Answered => "đã trả lời",
        CaseStatus.NotProcessable => "không đủ điều kiện xử lý",
        CaseStatus.Transferred => "đã chuyển đơn",
        CaseStatus.Guided => "đã hướng dẫn",
        CaseStatus.Refused => "không thụ lý",
        CaseStatus.DenunciationNotAccepted => "không thụ lý tố cáo",
        CaseStatus.Withdrawn => "đã rút đơn",
        CaseStatus.Terminated => "đã đình chỉ",
        CaseStatus.InCourt => "đã khởi kiện ra tòa",
        _ => status.Humanize(),
    };

    /// <summary>The deadline step.</summary>
    public string Step(DeadlineStep step) => !_vi ? step.Humanize().ToLower(Culture) : step switch
    {
        DeadlineStep.FilingWindow => "thời hiệu khiếu nại",
        DeadlineStep.ComplaintAcceptance => "thụ lý khiếu nại lần đầu",
        DeadlineStep.FirstDecision => "giải quyết lần đầu",
        DeadlineStep.FirstDecisionComplex => "giải quyết lần đầu (phức tạp)",
        DeadlineStep.FirstDecisionRemote => "giải quyết lần đầu (vùng sâu, vùng xa)",
        DeadlineStep.FirstDecisionRemoteComplex => "giải quyết lần đầu (vùng sâu, phức tạp)",
        DeadlineStep.DecisionDelivery => "gửi quyết định giải quyết lần đầu",
        DeadlineStep.SecondComplaintWindow => "thời hạn khiếu nại lần hai",
        DeadlineStep.SecondComplaintWindowRemote => "thời hạn khiếu nại lần hai (vùng sâu, vùng xa)",
        DeadlineStep.SecondDecision => "giải quyết lần hai",
        DeadlineStep.SecondDecisionComplex => "giải quyết lần hai (phức tạp)",
        DeadlineStep.SecondDecisionRemote => "giải quyết lần hai (vùng sâu, vùng xa)",
        DeadlineStep.SecondDecisionRemoteComplex => "giải quyết lần hai (vùng sâu, phức tạp)",
        DeadlineStep.DenunciationCheck => "kiểm tra, xác minh thông tin tố cáo",
        DeadlineStep.DenunciationCheckSeveralPlaces => "kiểm tra tố cáo (nhiều địa điểm)",
        DeadlineStep.DenunciationNotice => "thông báo thụ lý tố cáo",
        DeadlineStep.DenunciationSettlement => "giải quyết tố cáo",
        DeadlineStep.DenunciationExtension => "gia hạn giải quyết tố cáo",
        DeadlineStep.LateSettlementReport => "báo cáo chậm giải quyết",
        DeadlineStep.SecondComplaintAcceptance => "thụ lý khiếu nại lần hai",
        DeadlineStep.SecondDecisionDelivery => "gửi quyết định giải quyết lần hai",
        DeadlineStep.DenunciationTransfer => "chuyển đơn tố cáo không thuộc thẩm quyền",
        DeadlineStep.DenunciationConclusionNotice => "gửi kết luận nội dung tố cáo",
        _ => step.Humanize(),
    };

    /// <summary>
    /// Who answers for a missed or overdue period: the competent person (who accepted the round, signed the decision…),
    /// and, apart, who last acted when that was someone else; "not recorded" when the record names no competent person.
    /// </summary>
    public string Answerable(AuditDeadline d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var competent = d.Competent is { } c ? Pick($"người có thẩm quyền: {c}", $"competent: {c}") : Pick("người có thẩm quyền: chưa ghi nhận", "competent: not recorded");
        return d.LastActor is { } last && last != d.Competent ? competent + Pick($"; người thực hiện cuối: {last}", $"; last acted: {last}") : competent;
    }

    /// <summary>A notice or decision that has not reached a party the law requires, as one sentence.</summary>
    public string Gap(NoticeGap gap)
    {
        ArgumentNullException.ThrowIfNull(gap);
        var notice = gap.Notice switch
        {
            Deadlines.NoticeKind.FirstAcceptance => Pick("Thông báo thụ lý khiếu nại lần đầu", "The notice of acceptance of the first complaint"),
            Deadlines.NoticeKind.SecondAcceptance => Pick("Thông báo thụ lý khiếu nại lần hai", "The notice of acceptance of the second complaint"),
            Deadlines.NoticeKind.FirstDecision => Pick("Quyết định giải quyết lần đầu", "The first decision"),
            Deadlines.NoticeKind.DenunciationExtension => Pick("Quyết định gia hạn giải quyết tố cáo", "The decision to extend the denunciation's settlement"),
            Deadlines.NoticeKind.DenunciationConclusion => Pick("Kết luận nội dung tố cáo", "The conclusion of the denunciation"),
            _ => Pick("Quyết định giải quyết lần hai", "The second decision"),
        };
        return Pick($"{notice} (#{gap.Version}) chưa được gửi cho {Parties(gap.Missing)} ({Citation(gap.Citation)}).",
            $"{notice} (#{gap.Version}) has not been sent to the {Parties(gap.Missing)} ({Citation(gap.Citation)}).");
    }

    /// <summary>An enum value through the library's vocabulary (<c>{Type}.{Value}</c> in the resources), never its English name.</summary>
    public string Vocabulary(Enum value) => Term.Of(value).In(Culture);

    /// <summary>A rule's citation as an officer writes it in the reader's language ("Luật Khiếu nại số 02/2011/QH13, Điều 27").</summary>
    public string Citation(string citation) => new Deadlines.LegalCitation(citation).In(Culture);

    /// <summary>The basis of a period ("ngày làm việc", "working days").</summary>
    public string Basis(DayBasis basis) => basis == DayBasis.Working ? Pick("ngày làm việc", "working days") : Pick("ngày", "calendar days");

    /// <summary>A notice party.</summary>
    public string Party(NoticeParty party) => !_vi ? party.Humanize().ToLower(Culture) : party switch
    {
        NoticeParty.Complainant => "người khiếu nại",
        NoticeParty.Respondent => "người bị khiếu nại",
        NoticeParty.RelatedParty => "người có liên quan",
        NoticeParty.Inspectorate => "thanh tra cùng cấp",
        NoticeParty.Denouncer => "người tố cáo",
        NoticeParty.Denounced => "người bị tố cáo",
        _ => party.Humanize(),
    };

    /// <summary>The day the complainant learned of the contested act and the obstacle shown, as a clause of a step's description.</summary>
    private string Known(DateOnly? knownOn, Deadlines.FilingObstacle? obstacle)
        => (knownOn is { } k ? Pick($"; biết được quyết định, hành vi ngày {Date(k)}", $"; decision or act known on {Date(k)}") : "")
           + (obstacle is { } o ? Pick($"; trở ngại từ {Date(o.From)} đến {Date(o.To)}: {o.Reason}", $"; obstacle from {Date(o.From)} to {Date(o.To)}: {o.Reason}") : "");

    /// <summary>A list of parties.</summary>
    public string Parties(IEnumerable<NoticeParty> parties) => string.Join(", ", parties.Select(Party));

    /// <summary>A reception channel.</summary>
    public string Channel(ReceptionChannel channel) => channel switch
    {
        ReceptionChannel.FieldVisit => Pick("khi đi cơ sở", "on a field visit"),
        ReceptionChannel.CitizenReception => Pick("tại buổi tiếp công dân", "at a citizen reception"),
        ReceptionChannel.Letter => Pick("qua đơn thư", "by letter"),
        ReceptionChannel.Online => Pick("trực tuyến", "online"),
        _ => channel.Humanize(),
    };

    /// <summary>What a complaint decision found, in the Law on Complaints' words (Art. 40 cl. 2(h)): right in full, partly right, wrong in full.</summary>
    public string Finding(Finding finding) => !_vi ? finding.Humanize().ToLower(Culture) : finding switch
    {
        Cases.Finding.Founded => "đúng toàn bộ",
        Cases.Finding.PartlyFounded => "đúng một phần",
        Cases.Finding.Unfounded => "sai toàn bộ",
        _ => finding.Humanize(),
    };

    /// <summary>What a denunciation's conclusion found, in the Law on Denunciations' words (Art. 35 cl. 2(c)): right, partly right, or untrue.</summary>
    public string DenunciationFinding(Finding finding) => !_vi ? finding.Humanize().ToLower(Culture) : finding switch
    {
        Cases.Finding.Founded => "đúng",
        Cases.Finding.PartlyFounded => "đúng một phần",
        Cases.Finding.Unfounded => "sai sự thật",
        _ => finding.Humanize(),
    };

    /// <summary>
    /// What an event records, in one sentence. A denunciation's denouncer is never named here: the case view decides
    /// who may see identities.
    /// </summary>
    public string Describe(object @event) => @event switch
    {
        PetitionReceived e => Pick($"Tiếp nhận đơn {Channel(e.Channel)}: {e.Content}", $"Petition received {Channel(e.Channel)}: {e.Content}"),
        PetitionClassified e => Pick($"Phân loại là {Kind(e.Kind)}", $"Classified as {Kind(e.Kind)}") + (e.Reason is { Length: > 0 } why ? ": " + why : ""),
        PetitionReclassified e => Pick($"Phân loại lại từ {Kind(e.FromKind)} thành {Kind(e.ToKind)}: {e.Reason}", $"Reclassified from {Kind(e.FromKind)} to {Kind(e.ToKind)}: {e.Reason}"),
        PetitionFoundNotProcessable e => Pick($"Không đủ điều kiện xử lý ({Vocabulary(e.Reason)})", $"Not processable ({Vocabulary(e.Reason)})"),
        PetitionTransferred e => Pick($"Chuyển đơn đến {e.ToBody}: {e.Reason}", $"Transferred to {e.ToBody}: {e.Reason}"),
        CitizenGuided e => Pick($"Hướng dẫn công dân: {e.Guidance}", $"Citizen guided: {e.Guidance}"),
        PetitionAnswered e => Pick($"Trả lời kiến nghị: {e.Answer}", $"Answered: {e.Answer}"),
        ComplaintAccepted e => Pick($"Thụ lý khiếu nại lần {Round(e.Round)}; thông báo cho {Parties(e.NotifiedParties)}{Flags(e.IsComplex, e.IsRemoteArea)}",
            $"Complaint accepted (round {e.Round}); notice sent to {Parties(e.NotifiedParties)}{Flags(e.IsComplex, e.IsRemoteArea)}") + Known(e.DecisionKnownOn, e.Obstacle),
        ComplaintRefused e => Pick($"Không thụ lý khiếu nại{(e.Ground == ComplaintRefusalGround.OutOfTime ? " vì hết thời hiệu, thời hạn khiếu nại (Điều 11 khoản 6)" : "")}: {e.Reason}; thông báo cho {Parties(e.NotifiedParties)}",
            $"Complaint refused{(e.Ground == ComplaintRefusalGround.OutOfTime ? " as out of time (Art. 11 cl. 6)" : "")}: {e.Reason}; notice sent to {Parties(e.NotifiedParties)}") + Known(e.DecisionKnownOn, e.Obstacle),
        VerifierAssigned e => Pick($"Giao {e.Verifier} xác minh", $"{e.Verifier} assigned to verify"),
        ComplaintVerified e => Pick($"Báo cáo xác minh {e.ReportReference}: {e.Findings}", $"Verification report {e.ReportReference}: {e.Findings}"),
        DialogueHeld e => Pick($"Đối thoại lần {e.DialogueNumber}, biên bản {e.MinutesReference}; tham dự: {string.Join(", ", e.Attendees)}{(e.ComplainantAbsentWithoutValidReason ? "; người khiếu nại vắng mặt không lý do" : "")}",
            $"Dialogue {e.DialogueNumber}, minutes {e.MinutesReference}; attended: {string.Join(", ", e.Attendees)}{(e.ComplainantAbsentWithoutValidReason ? "; complainant absent without valid reason" : "")}"),
        ComplaintFlagsChanged e => Pick($"Điều chỉnh tính chất vụ việc{Flags(e.IsComplex, e.IsRemoteArea)}: {e.Reason}", $"Case flags changed{Flags(e.IsComplex, e.IsRemoteArea)}: {e.Reason}"),
        ComplaintSuspended e => Pick($"Tạm đình chỉ giải quyết ({Vocabulary(e.Ground)}): {e.Reason}", $"Settlement suspended ({Vocabulary(e.Ground)}): {e.Reason}"),
        ComplaintResumed e => Pick($"Tiếp tục giải quyết; thông báo cho {Parties(e.NotifiedParties)}", $"Settlement resumed; {Parties(e.NotifiedParties)} notified"),
        FirstDecisionIssued e => Pick($"Ban hành quyết định giải quyết lần đầu số {e.DecisionNumber} (khiếu nại {Finding(e.Finding)}): {e.Summary}",
            $"First decision {e.DecisionNumber} issued (complaint {Finding(e.Finding)}): {e.Summary}"),
        DecisionDelivered e => Pick($"Gửi quyết định lần {Round(e.Round)} đến {Parties(e.Recipients)}", $"Decision (round {e.Round}) delivered to {Parties(e.Recipients)}"),
        SecondComplaintFiled e => Pick($"Khiếu nại lần hai ({Vocabulary(e.Ground)}): {e.Reason}", $"Second complaint filed ({Vocabulary(e.Ground)}): {e.Reason}") + Known(null, e.Obstacle),
        SecondDecisionIssued e => Pick($"Ban hành quyết định giải quyết lần hai số {e.DecisionNumber} (khiếu nại {Finding(e.Finding)}): {e.Summary}",
            $"Second decision {e.DecisionNumber} issued (complaint {Finding(e.Finding)}): {e.Summary}"),
        ComplaintWithdrawn { IsPartial: true } e => Pick($"Rút một phần khiếu nại: {e.WithdrawnPart}", $"Complaint partly withdrawn: {e.WithdrawnPart}"),
        ComplaintWithdrawn => Pick("Rút toàn bộ khiếu nại", "Complaint withdrawn in full"),
        ComplaintTerminated e => Pick($"Đình chỉ giải quyết ({Vocabulary(e.Ground)})", $"Settlement terminated ({Vocabulary(e.Ground)})"),
        LawsuitFiled e => Pick($"Người khiếu nại khởi kiện tại {e.Court}", $"Complainant sued at {e.Court}"),
        DenunciationCheckWidened e => Pick($"Kiểm tra tố cáo tại nhiều địa điểm: {string.Join(", ", e.Places)}", $"Denunciation check widened to {string.Join(", ", e.Places)}"),
        DenunciationAccepted e => Pick($"Thụ lý tố cáo: {e.Grounds}", $"Denunciation accepted: {e.Grounds}"),
        DenunciationNotAccepted e => Pick($"Không thụ lý tố cáo: {e.Reason}", $"Denunciation not accepted: {e.Reason}"),
        DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Extension } e => Pick($"Thông báo gia hạn giải quyết tố cáo cho {Parties(e.Parties)}", $"Extension notified to {Parties(e.Parties)}"),
        DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Conclusion } e => Pick($"Gửi, thông báo kết luận nội dung tố cáo cho {Parties(e.Parties)}", $"Conclusion sent or notified to {Parties(e.Parties)}"),
        DenunciationPartiesNotified e => Pick($"Thông báo thụ lý tố cáo cho {Parties(e.Parties)}", $"Acceptance notified to {Parties(e.Parties)}"),
        DenunciationSettlementExtended e => Pick($"Gia hạn giải quyết tố cáo lần {e.ExtensionNumber} thêm {Days(e.Days)}: {e.Reason}",
            $"Settlement extended (#{e.ExtensionNumber}) by {Days(e.Days)}: {e.Reason}") + (e.FromPaperRecord ? Pick(" (ghi lại từ hồ sơ giấy)", " (copied from the paper file)") : ""),
        DenunciationVerifierAssigned e => Pick($"Giao {e.Verifier} xác minh nội dung tố cáo: {e.Content}", $"{e.Verifier} assigned to verify: {e.Content}"),
        DenunciationVerified e => Pick($"Báo cáo kết quả xác minh nội dung tố cáo số {e.ReportReference}: {e.Findings}; kiến nghị: {e.Recommendation}",
            $"Verification report {e.ReportReference}: {e.Findings}; recommends: {e.Recommendation}"),
        DenunciationConcluded e => Pick($"Kết luận nội dung tố cáo (tố cáo {DenunciationFinding(e.Finding)}): {e.Summary}", $"Denunciation concluded ({DenunciationFinding(e.Finding)}): {e.Summary}"),
        LateSettlementReportDemanded e => Pick($"{e.SupervisingBody} yêu cầu báo cáo lý do chậm giải quyết", $"{e.SupervisingBody} demanded a late-settlement report"),
        LateSettlementReportSubmitted e => Pick($"Đã gửi báo cáo chậm giải quyết {e.ReportReference}", $"Late-settlement report {e.ReportReference} sent"),
        DenouncerIdentityRevealed e => Pick($"{e.RevealedBy} xem danh tính người tố cáo (có thẩm quyền): {e.Purpose}", $"{e.RevealedBy} read the denouncer's identity (with clearance): {e.Purpose}"),
        CitizenDataErased e => Pick($"Xoá dữ liệu cá nhân của công dân theo {e.Request} ({e.LegalBasis}); khoá của người này đã bị huỷ",
            $"Citizen's personal data erased on request {e.Request} ({e.LegalBasis}); their key was destroyed"),
        _ => @event.GetType().Name.Humanize(),
    };

    /// <summary>What became of a legal period: "met", "missed by 3 days", "5 days overdue"…</summary>
    public string Outcome(AuditDeadline d, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.Outcome switch
        {
            DeadlineOutcome.Met => Pick("đúng hạn", "met"),
            DeadlineOutcome.Missed => Pick($"TRỄ {Days(d.DaysLate ?? 0)}", $"MISSED by {Days(d.DaysLate ?? 0)}"),
            DeadlineOutcome.Ended => Pick("kết thúc trước hạn (rút đơn, đình chỉ, khởi kiện hoặc chuyển đơn)", "ended before the last day (withdrawn, terminated, in court or transferred)"),
            DeadlineOutcome.Overdue => Pick($"QUÁ HẠN {Days(d.DaysLate ?? 0)}", $"OVERDUE by {Days(d.DaysLate ?? 0)}"),
            DeadlineOutcome.Open => d.Deadline.Due is { } due ? Pick($"đang chạy, còn {Days(due.DayNumber - asOf.DayNumber)}", $"running, {Days(due.DayNumber - asOf.DayNumber)} left") : Pick("tạm dừng", "paused"),
            DeadlineOutcome.WindowOpen => Pick("quyền của công dân, đang mở", "citizen's window, open"),
            DeadlineOutcome.FiledInTime => Pick("đơn nộp trong thời hạn", "filed in time"),
            DeadlineOutcome.FiledLate => Pick($"ĐƠN NỘP QUÁ HẠN {Days(d.DaysLate ?? 0)}", $"FILED LATE by {Days(d.DaysLate ?? 0)}"),
            _ => Pick("quyền của công dân, đã đóng", "citizen's window, closed"),
        };
    }

    /// <summary>
    /// The heading a step is filed under in a timeline, as the law names the step: verification and dialogue are not
    /// "acceptance"; a second complaint, an extension, a suspension or a reclassification is not a transfer.
    /// </summary>
    public string Heading(object step) => step switch
    {
        PetitionReceived => Pick("Tiếp nhận", "Reception"),
        PetitionClassified => Pick("Phân loại", "Classification"),
        PetitionReclassified => Pick("Phân loại lại", "Reclassification"),
        CitizenGuided => Pick("Hướng dẫn", "Guidance"),
        PetitionAnswered => Pick("Trả lời", "Answer"),
        PetitionFoundNotProcessable => Pick("Không đủ điều kiện xử lý", "Not processable"),
        PetitionTransferred => Pick("Chuyển đơn", "Transfer"),
        ComplaintAccepted => Pick("Thụ lý", "Acceptance"),
        ComplaintRefused => Pick("Không thụ lý", "Refusal"),
        VerifierAssigned or ComplaintVerified => Pick("Xác minh", "Verification"),
        DialogueHeld => Pick("Đối thoại", "Dialogue"),
        ComplaintFlagsChanged => Pick("Tính chất vụ việc", "Case flags"),
        ComplaintSuspended => Pick("Tạm đình chỉ", "Suspension"),
        ComplaintResumed => Pick("Tiếp tục giải quyết", "Resumption"),
        FirstDecisionIssued or SecondDecisionIssued => Pick("Quyết định", "Decision"),
        DecisionDelivered => Pick("Gửi quyết định", "Delivery"),
        SecondComplaintFiled => Pick("Khiếu nại lần hai", "Second complaint"),
        ComplaintWithdrawn => Pick("Rút khiếu nại", "Withdrawal"),
        ComplaintTerminated => Pick("Đình chỉ", "Termination"),
        LawsuitFiled => Pick("Khởi kiện", "Lawsuit"),
        DenunciationCheckWidened => Pick("Kiểm tra, xác minh", "Check"),
        DenunciationAccepted => Pick("Thụ lý tố cáo", "Acceptance"),
        DenunciationNotAccepted => Pick("Không thụ lý tố cáo", "Refusal"),
        DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Extension } => Pick("Thông báo gia hạn", "Extension notice"),
        DenunciationPartiesNotified { Subject: DenunciationNoticeSubject.Conclusion } => Pick("Gửi kết luận", "Conclusion sent"),
        DenunciationPartiesNotified => Pick("Thông báo thụ lý", "Notice"),
        DenunciationVerifierAssigned or DenunciationVerified => Pick("Xác minh", "Verification"),
        DenunciationSettlementExtended => Pick("Gia hạn", "Extension"),
        DenunciationConcluded => Pick("Kết luận", "Conclusion"),
        LateSettlementReportDemanded => Pick("Yêu cầu báo cáo", "Report demanded"),
        LateSettlementReportSubmitted => Pick("Báo cáo", "Report"),
        CitizenDataErased => Pick("Xóa dữ liệu cá nhân", "Erasure"),
        DenouncerIdentityRevealed => Pick("Xem danh tính", "Identity read"),
        _ => Pick("Khác", "Other"),
    };

    /// <summary>A section of the auditor's report.</summary>
    /// <remarks>
    /// Named as the law names the steps of the case's kind: a denunciation is accepted, verified and concluded (Law
    /// 25/2018/QH14 Art. 29, 31, 35), a complaint accepted, verified, talked through and decided (Law 02/2011/QH13 Art.
    /// 27–31).
    /// </remarks>
    public string Section(AuditSection section, CaseKind kind) => (section, kind) switch
    {
        (AuditSection.Intake, _) => Pick("Tiếp nhận và phân loại", "Reception and classification"),
        (AuditSection.Handling, CaseKind.Denunciation) => Pick("Thụ lý, xác minh nội dung tố cáo", "Acceptance and verification of the denunciation"),
        (AuditSection.Handling, _) => Pick("Thụ lý, xác minh, đối thoại", "Acceptance, verification, dialogue"),
        (AuditSection.Decision, CaseKind.Denunciation) => Pick("Kết luận nội dung tố cáo và việc gửi kết luận", "The conclusion and its sending"),
        (AuditSection.Decision, CaseKind.Complaint) => Pick("Quyết định giải quyết khiếu nại và việc gửi quyết định", "Decisions on the complaint and their sending"),
        (AuditSection.Decision, _) => Pick("Quyết định, kết luận và việc gửi", "Decisions, conclusions and delivery"),
        _ => Pick("Chuyển đơn, gia hạn, tạm đình chỉ, phân loại lại và các thay đổi khác", "Re-routings, extensions, suspensions, reclassifications and other turns"),
    };

    private string Round(int round) => _vi ? (round == 2 ? "hai" : "đầu") : round.ToString(CultureInfo.InvariantCulture);

    private string Flags(bool complex, bool remote)
        => (complex, remote) switch
        {
            (false, false) => "",
            (true, false) => Pick(" (vụ việc phức tạp)", " (complex)"),
            (false, true) => Pick(" (vùng sâu, vùng xa)", " (remote area)"),
            _ => Pick(" (phức tạp, vùng sâu, vùng xa)", " (complex, remote area)"),
        };
}
