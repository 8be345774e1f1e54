using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Outreach.Cases;

namespace Outreach.Hosting;

/// <summary>
/// The auditor's report of a case as one self-contained HTML document (no scripts, no external files) that an inspector
/// can keep: the six questions, every step with both of its times, and the result of the hash-chain check.
/// </summary>
public static class AuditHtml
{
    /// <summary>Renders <paramref name="report"/> in the language of <paramref name="t"/>.</summary>
    /// <param name="report">The report.</param>
    /// <param name="t">Texts in the reader's language.</param>
    /// <param name="generatedAt">When the file is made.</param>
    /// <param name="localityName">The locality's name as it was when the case was received (its code is shown when null).</param>
    public static string Render(CaseAuditReport report, CaseText t, DateTimeOffset generatedAt, string? localityName = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(t);
        var html = new StringBuilder();
        var title = t.Pick($"Báo cáo kiểm tra hồ sơ {report.Number ?? report.CaseId.ToString()}", $"Audit report of case {report.Number ?? report.CaseId.ToString()}");
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="{t.Pick("vi", "en")}">
            <head>
            <meta charset="utf-8">
            <title>{E(title)}</title>
            <style>
            body {'{'} font-family: "Noto Sans", "DejaVu Sans", Arial, sans-serif; margin: 2rem; color: #1b1b1b; {'}'}
            h1 {'{'} font-size: 1.5rem; margin-bottom: .25rem; {'}'}
            h2 {'{'} font-size: 1.1rem; margin-top: 2rem; border-bottom: 2px solid #444; padding-bottom: .2rem; {'}'}
            table {'{'} border-collapse: collapse; width: 100%; font-size: .9rem; {'}'}
            th, td {'{'} border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; {'}'}
            th {'{'} background: #eee; {'}'}
            .bad {'{'} color: #b00020; font-weight: bold; {'}'}
            .good {'{'} color: #1b5e20; font-weight: bold; {'}'}
            .muted {'{'} color: #666; {'}'}
            dl {'{'} display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; {'}'}
            dt {'{'} font-weight: bold; {'}'}
            </style>
            </head>
            <body>
            <h1>{E(title)}</h1>
            <p class="muted">{E(t.Pick($"Lập lúc {t.Time(generatedAt)} từ các sự kiện đã ghi; tính đến ngày {t.Date(report.AsOf)}, phiên bản {report.Version}.", $"Generated {t.Time(generatedAt)} from the recorded events; as of {t.Date(report.AsOf)}, version {report.Version}."))}</p>
            <dl>
            <dt>{E(t.Pick("Mã hồ sơ", "Case id"))}</dt><dd>{report.CaseId}</dd>
            <dt>{E(t.Pick("Số hồ sơ", "File number"))}</dt><dd>{E(report.Number ?? "—")}</dd>
            <dt>{E(t.Pick("Loại", "Kind"))}</dt><dd>{E(t.Kind(report.Kind))}</dd>
            <dt>{E(t.Pick("Trạng thái", "Status"))}</dt><dd>{E(t.Status(report.Status))}</dd>
            <dt>{E(t.Pick("Địa bàn", "Locality"))}</dt><dd>{E(localityName is null ? report.LocalityCode : $"{localityName} ({report.LocalityCode})")}</dd>
            <dt>{E(t.Pick("Toàn vẹn lịch sử", "Integrity"))}</dt><dd>{Integrity(report, t)}</dd>
            </dl>

            """);

        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(t.Pick("Thời hạn luật định", "Legal deadlines"))}</h2>\n");
        if (report.Deadlines.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t.Pick("Không có thời hạn nào.", "No legal period applied."))}</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>{E(t.Pick("Bước", "Step"))}</th><th>{E(t.Pick("Căn cứ", "Rule"))}</th><th>{E(t.Pick("Từ sau ngày", "Starts after"))}</th><th>{E(t.Pick("Hạn cuối", "Last day"))}</th><th>{E(t.Pick("Thực hiện", "Done"))}</th><th>{E(t.Pick("Kết quả", "Outcome"))}</th><th>{E(t.Pick("Thay đổi hạn", "Changes"))}</th></tr>\n");
            foreach (var d in report.Deadlines)
            {
                var bad = d.Outcome is DeadlineOutcome.Missed or DeadlineOutcome.Overdue or DeadlineOutcome.FiledLate;
                var done = d.ClosedOn is { } on ? $"{t.Date(on)} — {d.ClosedBy} (#{d.ClosedByVersion})" : "—";
                var outcome = t.Outcome(d, report.AsOf) + (d.Responsible is not null ? "; " + t.Answerable(d) : "");
                var changes = string.Join("<br>", d.Changes.Select(c => E($"{t.Date(c.On)}: {(c.From is { } f ? t.Date(f) : "—")} → {(c.To is { } to ? t.Date(to) : t.Pick("tạm dừng", "paused"))} ({c.EventType}, {c.Actor})")));
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(t.Step(d.Deadline.Step))}</td><td>{E($"{d.Deadline.Days} {t.Basis(d.Deadline.Basis)}, {t.Citation(d.Deadline.Citation)} ({d.Deadline.RuleSet})")}</td><td>{E(t.Date(d.Deadline.StartsAfter))}</td><td>{E(d.Deadline.Due is { } due ? t.Date(due) : "—")}</td><td>{E(done)}</td><td class=\"{(bad ? "bad" : "")}\">{E(outcome)}</td><td>{changes}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(t.Pick("Thông báo, quyết định đã gửi và người nhận", "Written notices and decisions sent, and their recipients"))}</h2>\n");
        foreach (var gap in report.NoticeGaps)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p class=\"bad\">{E(t.Gap(gap))}</p>\n");
        }

        var notices = report.Notices.ToList();
        if (notices.Count == 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<p>{E(t.Pick("Chưa gửi thông báo nào.", "No written notice was sent."))}</p>\n");
        }
        else
        {
            html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>#</th><th>{E(t.Pick("Ngày", "When"))}</th><th>{E(t.Pick("Người nhận", "Recipients"))}</th><th>{E(t.Pick("Người gửi", "Sent by"))}</th><th>{E(t.Pick("Nội dung", "What"))}</th></tr>\n");
            foreach (var n in notices)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{n.Version}</td><td>{E(t.Time(n.OccurredAt))}</td><td>{E(t.Parties(n.Recipients))}</td><td>{E(n.Actor)}</td><td>{E(t.Describe(n.Data))}</td></tr>\n");
            }

            html.Append("</table>\n");
        }

        foreach (var section in Enum.GetValues<AuditSection>())
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>{E(t.Section(section, report.Kind))}</h2>\n");
            var entries = report.Entries.Where(e => e.Section == section).ToList();
            html.Append(entries.Count == 0 ? $"<p>{E(t.Pick("Không có.", "None."))}</p>\n" : Steps(entries, t));
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{E(t.Pick("Toàn bộ diễn biến (thời điểm xảy ra và thời điểm ghi nhận)", "Every step (when it happened and when it was recorded)"))}</h2>\n");
        html.Append(Steps(report.Entries, t));
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"muted\">{E(t.Pick("Thời điểm ghi nhận lấy theo đồng hồ của cơ sở dữ liệu khi ghi mắt xích của chuỗi băm; “nhập bù” là bước được ghi sau khi xảy ra hơn một ngày.", "Recording times come from the database clock when the chain link was written; “back-filled” marks a step recorded more than a day after it happened."))}</p>\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string Steps(IReadOnlyList<AuditEntry> entries, CaseText t)
    {
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>#</th><th>{E(t.Pick("Xảy ra", "Happened"))}</th><th>{E(t.Pick("Ghi nhận", "Recorded"))}</th><th>{E(t.Pick("Người thực hiện", "By"))}</th><th>{E(t.Pick("Nội dung", "What"))}</th></tr>\n");
        foreach (var e in entries)
        {
            var recorded = t.Time(e.RecordedAt) + (e.IsBackFilled ? t.Pick(" (nhập bù)", " (back-filled)") : "");
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.Version}</td><td>{E(t.Time(e.OccurredAt))}</td><td>{E(recorded)}</td><td>{E(e.Actor)}</td><td>{E(t.Describe(e.Data))}</td></tr>\n");
        }

        html.Append("</table>\n");
        return html.ToString();
    }

    private static string Integrity(CaseAuditReport report, CaseText t)
    {
        if (report.Integrity is not { } i)
        {
            return E(t.Pick("chưa kiểm tra", "not checked"));
        }

        return i.Passed
            ? $"<span class=\"good\">{E(t.Pick($"nguyên vẹn — đã tính lại chuỗi băm của {i.Events} sự kiện, không có gì bị sửa, xoá, chèn hay đảo thứ tự", $"intact — the hash chain of {i.Events} events was recomputed; nothing was altered, deleted, inserted or reordered"))}</span>"
            : $"<span class=\"bad\">{E(t.Pick("BỊ SỬA: ", "ALTERED: ") + i.FirstBroken!.ExplanationIn(t.Culture))}</span>";
    }

    // Vietnamese stays readable in the file; only what HTML needs escaped is escaped.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}
