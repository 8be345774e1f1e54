using System.CommandLine;
using System.Globalization;
using Outreach.Audit;
using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach audit verify|checkpoint</c>: tamper evidence (ADR 16).</summary>
internal static class AuditVerbs
{
    private static readonly Option<string?> CheckpointFile = new("--checkpoint")
    {
        Description = Cli.Say("Đối chiếu thêm với tệp mốc kiểm chứng này (do 'outreach audit checkpoint' ghi); phát hiện lịch sử bị thay thế rồi băm lại.", "Also compare with this checkpoint file (written by 'outreach audit checkpoint'); catches a history replaced and re-hashed."),
    };

    private static readonly Option<string[]> TrustedKey = new("--trusted-key")
    {
        Description = Cli.Say("Đi cùng --checkpoint: dấu vân tay của một khóa ký mà bạn tin cậy (lấy từ hồ sơ của chính bạn, không lấy từ máy này); lặp lại để nêu nhiều khóa.", "With --checkpoint: the fingerprint of a signing key you trust (from your own records, not from this host); repeat for several."),
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string?> TrustedKeysFile = new("--trusted-keys")
    {
        Description = Cli.Say("Đi cùng --checkpoint: tệp dấu vân tay các khóa tin cậy, mỗi dòng một khóa. Mặc định: $OUTREACH_KEYS/trusted-checkpoint-keys nếu tệp này có.", "With --checkpoint: a file of trusted key fingerprints, one per line. Default: $OUTREACH_KEYS/trusted-checkpoint-keys when it exists."),
    };

    private static readonly Option<string?> Every = new("--every")
    {
        Description = Cli.Say("Chạy liên tục và lập mốc kiểm chứng theo chu kỳ này (ví dụ 6h, 1d) vào thư mục nêu ở --out, cho đến khi dừng (Ctrl+C) hoặc đủ --count.", "Keep running and take a checkpoint at this interval (e.g. 6h, 1d) into the folder given by --out, until stopped (Ctrl+C) or --count is reached."),
    };

    private static readonly Option<int?> Count = new("--count") { Description = Cli.Say("Đi cùng --every: dừng sau chừng này mốc kiểm chứng.", "With --every: stop after this many checkpoints.") };

    private static readonly Option<string?> Out = new("--out")
    {
        Description = Cli.Say("Nơi ghi tệp mốc kiểm chứng. Mặc định: outreach-checkpoint-<giờ UTC>.json trong thư mục hiện tại.", "Where to write the checkpoint file. Default: outreach-checkpoint-<UTC time>.json in the current folder."),
    };

    private const int ShownProblems = 20;

    /// <summary>The declared trusted keys: --trusted-key values, then --trusted-keys or the default file when it exists.</summary>
    private static IReadOnlyList<string> Trusted(ParseResult parse)
    {
        var given = (parse.GetValue(TrustedKey) ?? []).Select(k => TrustedKeys.Check(k, "--trusted-key"));
        var file = parse.GetValue(TrustedKeysFile);
        if (file is not null && !File.Exists(file))
        {
            throw new ArgumentException(Cli.Say($"--trusted-keys: \"{file}\" không tồn tại. Hãy ghi một tệp chứa dấu vân tay khoá, mỗi dòng một dấu.", $"--trusted-keys: \"{file}\" does not exist. Give a file of key fingerprints, one per line."));
        }

        file ??= File.Exists(TrustedKeys.DefaultPath(Cli.Outreach.KeyFolder)) ? TrustedKeys.DefaultPath(Cli.Outreach.KeyFolder) : null;
        return [.. given.Concat(file is null ? [] : TrustedKeys.Load(file)).Distinct(StringComparer.Ordinal)];
    }

    public static Command Build()
    {
        var verify = new Command("verify", Cli.Say("Tính lại chuỗi băm của mọi sự kiện và chỉ ra sự kiện đầu tiên bị đứt; mã thoát 4 khi có gì bị sửa đổi.", "Recompute every event's hash chain and name the first broken event; exit 4 when anything was altered.")) { CheckpointFile, TrustedKey, TrustedKeysFile };
        verify.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var t = Cli.Text(parse);
            var checkpoint = parse.GetValue(CheckpointFile) is { } path ? Checkpoint.Load(path) : null;
            var trusted = Trusted(parse);
            using var store = await Cli.OpenStoreAsync(parse, ct);
            var result = await ChainVerifier.VerifyAsync(store, checkpoint, trusted, Progress(t), ct);
            if (checkpoint is not null && result.Checkpoint is { KeyTrusted: false })
            {
                Cli.Info(t.Pick(
                    $"Khoá ký mốc ({checkpoint.KeyFingerprint}) chưa được khai báo là tin cậy: đối chiếu với bản lưu của bạn rồi dùng --trusted-key {checkpoint.KeyFingerprint}, hoặc ghi vào {TrustedKeys.DefaultPath(Cli.Outreach.KeyFolder)}.",
                    $"The checkpoint's signing key ({checkpoint.KeyFingerprint}) is not declared trusted: compare it with your own records, then pass --trusted-key {checkpoint.KeyFingerprint}, or list it in {TrustedKeys.DefaultPath(Cli.Outreach.KeyFolder)}."));
            }
            IReadOnlyList<string> rights;
            await using (var connection = store.Storage.Database.CreateConnection())
            {
                await connection.OpenAsync(ct);
                rights = await AppendOnlyRoles.RewriteRightsAsync(connection, store.Options.Events.DatabaseSchemaName, ct);
            }

            if (checkpoint is not null && File.Exists(Cli.CheckpointKeyPath()))
            {
                using var local = FileCheckpointSigner.OpenOrCreate(Cli.CheckpointKeyPath());
                var ours = Checkpoint.FingerprintOf(local.PublicKey) == checkpoint.KeyFingerprint;
                Cli.Info(ours
                    ? t.Pick($"Mốc kiểm chứng được ký bằng khoá của hệ thống này ({checkpoint.KeyFingerprint}).", $"The checkpoint was signed with this installation's key ({checkpoint.KeyFingerprint}).")
                    : t.Pick($"Lưu ý: mốc kiểm chứng được ký bằng khoá khác ({checkpoint.KeyFingerprint}), không phải khoá của hệ thống này; hãy đối chiếu dấu vân tay với nơi lưu mốc.",
                        $"Note: the checkpoint was signed with another key ({checkpoint.KeyFingerprint}), not this installation's; compare the fingerprint with the one on record."));
            }

            var keyProblems = await PersonalData.PersonKeyAudit.CheckAsync(store, Cli.Outreach.PersonKeys, ct);
            var viewProblems = await ViewAudit.CheckAsync(store, ct);
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(new
                {
                    Passed = result.Passed && keyProblems.Count == 0 && viewProblems.Count == 0, ChainPassed = result.Passed, result.Events, result.Streams, result.CheckedAt,
                    FirstBroken = result.FirstBroken is { } f ? Json(f) : null, Problems = result.Problems.Select(Json), result.Checkpoint, RoleCanRewrite = rights,
                    AdoptedEvents = result.Adopted.Events, result.LegacyLinks, KeyProblems = keyProblems, ViewProblems = viewProblems,
                });
            }
            else
            {
                Render(result, t, rights);
                RenderKeys(keyProblems, t);
                RenderViews(viewProblems, t);
            }

            return result.Passed && keyProblems.Count == 0 && viewProblems.Count == 0 ? Cli.Ok : Cli.Tampered;
        }));

        var checkpointVerb = new Command("checkpoint", Cli.Say("Kiểm tra mọi chuỗi băm, rồi ký một mốc kiểm chứng của tất cả đầu chuỗi (gốc Merkle) và xuất ra tệp lưu ngoài cơ sở dữ liệu.", "Verify every chain, then sign a checkpoint of all chain heads (Merkle root) and export it to a file kept outside the database.")) { Out, Every, Count };
        checkpointVerb.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var t = Cli.Text(parse);
            var target = parse.GetValue(Out);
            var every = ParseInterval(parse.GetValue(Every));
            var count = parse.GetValue(Count);
            var intoFolder = target is not null && (Directory.Exists(target) || target.EndsWith(Path.DirectorySeparatorChar));
            if (every is not null && !intoFolder)
            {
                throw new ArgumentException(Cli.Say("--every cần --out chỉ ra một thư mục (kết thúc bằng /): mỗi mốc kiểm chứng được ghi vào một tệp riêng trong đó.", "--every needs --out to name a folder (ending with /): each checkpoint gets a file of its own there."));
            }

            if (count is not null && (every is null || count < 1))
            {
                throw new ArgumentException(Cli.Say("--count đi cùng --every và phải từ 1 trở lên.", "--count goes with --every and must be 1 or more."));
            }

            var single = target ?? DefaultFileName();
            if (!intoFolder && File.Exists(single))
            {
                throw new ArgumentException(Cli.Say($"--out: '{single}' đã có. Mốc kiểm chứng không bao giờ bị ghi đè; hãy ghi tên tệp khác.", $"--out: '{single}' already exists. Checkpoints are never overwritten; give another file name."));
            }

            using var signer = FileCheckpointSigner.OpenOrCreate(Cli.CheckpointKeyPath());
            if (signer.Created)
            {
                Cli.Info(t.Pick($"Đã tạo khoá ký mới tại {signer.Path}; hãy sao lưu khoá này.", $"Created a new signing key at {signer.Path}; back it up."));
            }

            using var store = await Cli.OpenStoreAsync(parse, ct);
            for (var taken = 1; ; taken++)
            {
                var file = intoFolder ? Audit.CheckpointService.FreeFileIn(target!, DateTimeOffset.UtcNow) : single;
                var code = await TakeCheckpointAsync(parse, store, signer, file, every is not null, t, ct);
                if (code != Cli.Ok || every is null || (count is { } limit && taken >= limit))
                {
                    return code;
                }

                try
                {
                    await Task.Delay(every.Value, ct);
                }
                catch (OperationCanceledException)
                {
                    return Cli.Ok;
                }
            }
        }));

        var adopt = new Command("adopt", Cli.Say("Chạy một lần, sau khi nâng cấp cơ sở dữ liệu ghi từ trước khi có chuỗi băm: khởi tạo chuỗi băm cho mọi luồng sự kiện chưa có. Luồng đã thiếu một số mắt xích thì để nguyên và vẫn bị báo.", "Once, after upgrading a database recorded before hash chains existed: start the chain of every stream that has none. Streams with some links missing are left alone and stay reported."));
        adopt.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var t = Cli.Text(parse);
            using var store = await Cli.OpenStoreAsync(parse, ct, asOwner: true);
            var (streams, events) = await ChainAdoption.AdoptUnchainedAsync(store, ct);
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(new { Streams = streams, Events = events });
            }
            else
            {
                Cli.Out.WriteLine(streams == 0
                    ? t.Pick("Không có luồng nào chưa có chuỗi băm.", "Every stream already has its chain; nothing to adopt.")
                    : t.Pick($"Đã lập chuỗi băm cho {streams:N0} luồng ({events:N0} sự kiện) ghi trước khi có chuỗi. Lịch sử trước thời điểm này được tin theo hiện trạng; hãy lập mốc kiểm chứng ngay: outreach audit checkpoint",
                        $"Started the chain of {streams:N0} stream(s) ({events:N0} events) recorded before chains existed. Their history before now is trusted as it stands; take a checkpoint now: outreach audit checkpoint"));
            }

            return Cli.Ok;
        }));

        return new Command("audit", Cli.Say("Báo cáo thanh tra của hồ sơ và bằng chứng chống sửa đổi: chuỗi băm, mốc kiểm chứng có chữ ký.", "The auditor's report of a case, and tamper evidence: hash chains, signed checkpoints.")) { BuildCase(), verify, checkpointVerb, adopt };
    }

    private static readonly Argument<string> CaseId = new("id") { Description = Cli.Say("Mã hồ sơ (GUID) hoặc số vào sổ giấy của hồ sơ.", "The case id (GUID) or its paper registry number.") };

    private static readonly Option<string?> AsOf = new("--as-of") { Description = Cli.Say("Hồ sơ như vào cuối ngày này (yyyy-MM-dd), theo thời gian nghiệp vụ: các bước đã diễn ra đến lúc đó.", "The case as it stood at the end of this date (yyyy-MM-dd), in business time: steps that had happened by then.") };

    private static readonly Option<string?> AsRecorded = new("--as-recorded") { Description = Cli.Say("Hồ sơ như đã được ghi nhận vào cuối ngày này (yyyy-MM-dd): các bước đã được ghi đến lúc đó, dù diễn ra khi nào.", "The case as the record stood at the end of this date (yyyy-MM-dd): steps that had been recorded by then, whenever they happened.") };

    private static readonly Option<long?> AtVersion = new("--version") { Description = Cli.Say("Hồ sơ tính đến phiên bản luồng sự kiện này.", "The case up to this stream version.") };

    private static readonly Option<string?> Html = new("--html") { Description = Cli.Say("Ghi thêm toàn bộ báo cáo thành một tệp HTML độc lập để thanh tra viên lưu giữ.", "Also write the whole report as one self-contained HTML file an inspector can keep.") };

    private static Command BuildCase()
    {
        var command = new Command("case", Cli.Say("Báo cáo thanh tra của một hồ sơ: từng bước theo luật với thời hạn, làm khi nào và do ai, đúng hạn hay trễ hạn; thông báo và người nhận; mọi lần chuyển; cả hai mốc thời gian của mỗi bước; và kết quả kiểm tra chuỗi băm của hồ sơ.", "The auditor's report of one case: each legal step with its deadline, when and by whom it was done, met or missed; notices and recipients; every turn; both times of every step; and the case's hash-chain check."))
        {
            CaseId, AsOf, AsRecorded, AtVersion, Html,
        };
        command.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var t = Cli.Text(parse);
            var asOf = CaseVerbs.ParseDate(parse.GetValue(AsOf), "--as-of");
            var asRecorded = CaseVerbs.ParseDate(parse.GetValue(AsRecorded), "--as-recorded");
            if (parse.GetValue(AtVersion) is < 1)
            {
                throw new ArgumentException(Cli.Say("--version phải từ 1 trở lên.", "--version must be 1 or more."));
            }

            using var store = await Cli.OpenStoreAsync(parse, ct);
            Case current;
            await using (var query = store.QuerySession())
            {
                current = await CaseQueries.FindAsync(query, parse.GetValue(CaseId)!, ct)
                    ?? throw (Guid.TryParse(parse.GetValue(CaseId), out var g) ? new CaseNotFoundException(g) : new CaseNotFoundException(parse.GetValue(CaseId)!));
            }

            var report = await CaseAudit.LoadAsync(store, current.Id, asOf, asRecorded, parse.GetValue(AtVersion), cancellation: ct)
                ?? throw new DomainRuleException("case.audit.nothing-yet", current.Id);
            if (parse.GetValue(Html) is { } html)
            {
                await File.WriteAllTextAsync(html, AuditHtml.Render(report, t, DateTimeOffset.UtcNow, LocalityName(report)), ct);
                Cli.Info(t.Pick($"Đã ghi báo cáo HTML: {Path.GetFullPath(html)}", $"Wrote the HTML report: {Path.GetFullPath(html)}"));
            }

            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(AuditAnswer.From(report, t));
                return Cli.Ok;
            }

            RenderCase(report, t);
            return Cli.Ok;
        }));
        return command;
    }

    /// <summary>The locality's name when the case was received, from the deployment's catalogue.</summary>
    private static string LocalityName(CaseAuditReport report)
        => Cli.Outreach.Localities.NameOn(report.LocalityCode, VietnamTime.DateOf(report.Entries[0].OccurredAt));

    private static void RenderCase(CaseAuditReport report, CaseText t)
    {
        var head = new Grid().AddColumn().AddColumn();
        head.AddRow(t.Pick("Hồ sơ", "Case"), Markup.Escape($"{report.Number ?? "—"} ({report.CaseId})"));
        head.AddRow(t.Pick("Loại, trạng thái", "Kind, status"), $"{t.Kind(report.Kind)}, {t.Status(report.Status)}");
        head.AddRow(t.Pick("Địa bàn", "Locality"), Markup.Escape(LocalityName(report)));
        head.AddRow(t.Pick("Tính đến", "As of"), t.Pick($"{t.Date(report.AsOf)} (phiên bản {report.Version})", $"{t.Date(report.AsOf)} (version {report.Version})"));
        head.AddRow(t.Pick("Toàn vẹn lịch sử", "Integrity"), report.Integrity is not { } i ? "—"
            : i.Passed ? $"[green]{Markup.Escape(t.Pick($"nguyên vẹn ({i.Events} sự kiện, chuỗi băm đã tính lại)", $"intact ({i.Events} events, hash chain recomputed)"))}[/]"
            : $"[red]{Markup.Escape(t.Pick("BỊ SỬA: ", "ALTERED: ") + i.FirstBroken!.ExplanationIn(t.Culture))}[/]");
        Cli.Out.Write(new Panel(head).Header(t.Pick("Báo cáo kiểm tra hồ sơ", "Audit report")).Border(BoxBorder.Rounded));

        foreach (var gap in report.NoticeGaps)
        {
            Cli.Out.MarkupLine("[yellow]" + Markup.Escape(t.Pick("Thiếu người nhận: ", "Missing recipient: ") + t.Gap(gap)) + "[/]");
        }

        foreach (var breach in report.Breaches)
        {
            Cli.Out.MarkupLine("[red]" + Markup.Escape(breach.Outcome == DeadlineOutcome.Missed
                ? t.Pick($"Trễ hạn: {t.Step(breach.Deadline.Step)} — hạn cuối {t.Date(breach.Deadline.Due!.Value)}, thực hiện ngày {t.Date(breach.ClosedOn!.Value)}, trễ {t.Days(breach.DaysLate ?? 0)}; {t.Answerable(breach)}.",
                    $"Missed: {t.Step(breach.Deadline.Step)} — last day {t.Date(breach.Deadline.Due!.Value)}, done {t.Date(breach.ClosedOn!.Value)}, {t.Days(breach.DaysLate ?? 0)} late; {t.Answerable(breach)}.")
                : t.Pick($"Quá hạn: {t.Step(breach.Deadline.Step)} — hạn cuối {t.Date(breach.Deadline.Due!.Value)}, đến {t.Date(report.AsOf)} vẫn chưa thực hiện ({t.Days(breach.DaysLate ?? 0)}); {t.Answerable(breach)}.",
                    $"Overdue: {t.Step(breach.Deadline.Step)} — last day {t.Date(breach.Deadline.Due!.Value)}, still not done on {t.Date(report.AsOf)} ({t.Days(breach.DaysLate ?? 0)}); {t.Answerable(breach)}.")) + "[/]");
        }

        var deadlines = new Table().Border(TableBorder.Rounded).Title(t.Pick("Thời hạn luật định", "Legal deadlines"))
            .AddColumns(t.Pick("Bước", "Step"), t.Pick("Căn cứ", "Rule"), t.Pick("Hạn cuối", "Last day"), t.Pick("Thực hiện", "Done"), t.Pick("Kết quả", "Outcome"));
        foreach (var d in report.Deadlines)
        {
            var bad = d.Outcome is DeadlineOutcome.Missed or DeadlineOutcome.Overdue;
            var changes = string.Concat(d.Changes.Select(c => $"\n{t.Pick("đổi", "moved")} {(c.From is { } f ? t.Date(f) : "—")} → {(c.To is { } to ? t.Date(to) : t.Pick("tạm dừng", "paused"))} (#{c.Version})"));
            deadlines.AddRow(
                new Text(t.Step(d.Deadline.Step)), new Text($"{d.Deadline.Days} {t.Basis(d.Deadline.Basis)}, {t.Citation(d.Deadline.Citation)}"),
                new Text((d.Deadline.Due is { } due ? t.Date(due) : "—") + changes),
                new Text(d.ClosedOn is { } on ? $"{t.Date(on)}, {d.ClosedBy} (#{d.ClosedByVersion})" : "—"),
                new Text(t.Outcome(d, report.AsOf), bad ? new Style(Color.Red) : Style.Plain));
        }

        Cli.Out.Write(deadlines);
        var notices = new Table().Border(TableBorder.Rounded).Title(t.Pick("Thông báo, quyết định đã gửi", "Written notices and decisions sent"))
            .AddColumns("#", t.Pick("Ngày", "When"), t.Pick("Người nhận", "Recipients"), t.Pick("Người gửi", "Sent by"));
        foreach (var n in report.Notices)
        {
            notices.AddRow(n.Version.ToString(CultureInfo.InvariantCulture), t.Time(n.OccurredAt), Markup.Escape(t.Parties(n.Recipients)), Markup.Escape(n.Actor));
        }

        Cli.Out.Write(notices);
        var steps = new Table().Border(TableBorder.Rounded).Title(t.Pick("Diễn biến (xảy ra / ghi nhận)", "Steps (happened / recorded)"))
            .AddColumns("#", t.Pick("Phần", "Part"), t.Pick("Xảy ra", "Happened"), t.Pick("Ghi nhận", "Recorded"), t.Pick("Người thực hiện", "By"), t.Pick("Nội dung", "What"));
        foreach (var e in report.Entries)
        {
            steps.AddRow(new Text(e.Version.ToString(CultureInfo.InvariantCulture)), new Text(t.Heading(e.Data)), new Text(t.Time(e.OccurredAt)),
                new Text(t.Time(e.RecordedAt) + (e.IsBackFilled ? t.Pick(" (nhập bù)", " (back-filled)") : ""), e.IsBackFilled ? new Style(Color.Yellow) : Style.Plain),
                new Text(e.Actor), new Text(t.Describe(e.Data)));
        }

        Cli.Out.Write(steps);
    }

    private static async Task<int> TakeCheckpointAsync(ParseResult parse, Marten.IDocumentStore store, ICheckpointSigner signer, string target, bool oneLine, CaseText t, CancellationToken ct)
    {
        var result = await Checkpoints.CreateAsync(store, signer, oneLine ? null : Progress(t), ct);
        if (result.Checkpoint is not { } checkpoint)
        {
            Render(result.Verification, t);
            Cli.Error(t.Pick("Không lập mốc kiểm chứng vì lịch sử đã bị sửa; xử lý các lỗi trên trước.", "No checkpoint was taken because the history was altered; deal with the problems above first."));
            return Cli.Tampered;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(target));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        checkpoint.Save(target);
        if (parse.GetValue(Cli.Json))
        {
            Cli.WriteJson(new { File = Path.GetFullPath(target), checkpoint.CreatedAt, checkpoint.EventCount, Streams = checkpoint.Heads.Count, checkpoint.MerkleRoot, checkpoint.KeyFingerprint });
            return Cli.Ok;
        }

        if (oneLine)
        {
            Cli.Out.WriteLine(t.Pick(
                $"{t.Time(checkpoint.CreatedAt)}: mốc kiểm chứng {checkpoint.EventCount.ToString("N0", t.Culture)} sự kiện, gốc {checkpoint.MerkleRoot[..16]}… → {Path.GetFullPath(target)}",
                $"{t.Time(checkpoint.CreatedAt)}: checkpoint of {checkpoint.EventCount.ToString("N0", t.Culture)} events, root {checkpoint.MerkleRoot[..16]}… → {Path.GetFullPath(target)}"));
            return Cli.Ok;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(t.Pick("Tệp", "File"), Path.GetFullPath(target));
        grid.AddRow(t.Pick("Thời điểm", "Taken at"), t.Time(checkpoint.CreatedAt));
        grid.AddRow(t.Pick("Sự kiện", "Events"), checkpoint.EventCount.ToString("N0", t.Culture));
        grid.AddRow(t.Pick("Luồng", "Streams"), checkpoint.Heads.Count.ToString("N0", t.Culture));
        grid.AddRow(t.Pick("Gốc Merkle", "Merkle root"), checkpoint.MerkleRoot);
        grid.AddRow(t.Pick("Khoá ký", "Signing key"), checkpoint.KeyFingerprint);
        Cli.Out.Write(new Panel(grid).Header(t.Pick("Đã lập mốc kiểm chứng", "Checkpoint taken")).Border(BoxBorder.Rounded));
        Cli.Out.WriteLine(t.Pick(
            $"Cất tệp này ngoài cơ sở dữ liệu (nơi quản trị CSDL không sửa được) và ghi dấu vân tay khoá ký vào hồ sơ của bạn; kiểm tra lại bằng: outreach audit verify --checkpoint {target} --trusted-key {checkpoint.KeyFingerprint}",
            $"Keep this file outside the database (where its administrators cannot write), and the signing key's fingerprint in your own records; check against it with: outreach audit verify --checkpoint {target} --trusted-key {checkpoint.KeyFingerprint}"));
        return Cli.Ok;
    }

    /// <summary>Reads "90s", "30m", "6h", "1d" (or a .NET time span such as 01:00:00); at least one second.</summary>
    internal static TimeSpan? ParseInterval(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim().ToLowerInvariant();
        // Whole units up to a year (366 days), so that no count overflows a time span or a timer.
        TimeSpan? span = v[^1] is 's' or 'm' or 'h' or 'd' && int.TryParse(v[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                         && n <= v[^1] switch { 's' => 366 * 86400, 'm' => 366 * 1440, 'h' => 366 * 24, _ => 366 }
            ? v[^1] switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), 'h' => TimeSpan.FromHours(n), _ => TimeSpan.FromDays(n) }
            : TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
        return span is { } s && s >= TimeSpan.FromSeconds(1) && s <= TimeSpan.FromDays(366)
            ? s
            : throw new ArgumentException(Cli.Say($"--every \"{value}\" không phải là khoảng thời gian: dùng ví dụ 90s, 30m, 6h hoặc 1d (ít nhất một giây, nhiều nhất 366 ngày).", $"--every \"{value}\" is not an interval: use e.g. 90s, 30m, 6h or 1d (at least one second, at most 366 days)."));
    }

    private static string DefaultFileName() => $"outreach-checkpoint-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}.json";

    private static object Json(ChainProblem p) => new { p.Code, p.StreamId, p.Version, p.SeqId, p.Explanation };

    /// <summary>Progress on stderr for long checks (every 10,000 events), only when a person is watching.</summary>
    private static IProgress<long>? Progress(CaseText t) => System.Console.IsErrorRedirected
        ? null
        : new SyncProgress(n =>
        {
            if (n > 0 && n % 10_000 == 0)
            {
                System.Console.Error.Write(t.Pick($"\rđã kiểm {n:N0} sự kiện…", $"\rchecked {n:N0} events…"));
            }
        });

    private sealed class SyncProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }

    /// <summary>Read models that do not show what their events say (nothing but a line when all agree).</summary>
    private static void RenderViews(IReadOnlyList<ViewProblem> problems, CaseText t)
    {
        if (problems.Count == 0)
        {
            Cli.Out.WriteLine(t.Pick("Dữ liệu hiển thị: mọi hồ sơ, đơn vị, chuyến đi, khó khăn và lịch khớp với các sự kiện.",
                "Read models: every case, unit, visit, difficulty and rota shows what its events say."));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(t.Pick("Dữ liệu hiển thị bị sửa ngoài quy trình", "Read models changed outside the projections"))
            .AddColumns(t.Pick("Lỗi", "Problem"), t.Pick("Loại", "View"), "Id", t.Pick("Giải thích", "Explanation"));
        foreach (var p in problems.Take(ShownProblems))
        {
            table.AddRow(new Text(p.Code, new Style(Color.Red)), new Text(p.View), new Text(p.Id.ToString("D")), new Text(p.ExplanationIn(t.Culture)));
        }

        Cli.Out.Write(table);
        if (problems.Count > ShownProblems)
        {
            Cli.Out.WriteLine(t.Pick($"… và {problems.Count - ShownProblems} lỗi khác (--json để xem tất cả).", $"… and {problems.Count - ShownProblems} more (--json lists them all)."));
        }
    }

    /// <summary>What is wrong between sealed identities and the key store (nothing printed when all is well).</summary>
    private static void RenderKeys(IReadOnlyList<PersonalData.PersonKeyProblem> problems, CaseText t)
    {
        if (problems.Count == 0)
        {
            Cli.Out.WriteLine(t.Pick("Khoá cá nhân: mọi danh tính được niêm phong đều mở được, hoặc đã được xoá có ghi nhận.",
                "Personal keys: every sealed identity opens, or was erased on record."));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(t.Pick("Khoá cá nhân", "Personal keys"))
            .AddColumns(t.Pick("Lỗi", "Problem"), t.Pick("Hồ sơ", "Case"), t.Pick("Giải thích", "Explanation"));
        foreach (var p in problems.Take(ShownProblems))
        {
            table.AddRow(new Text(p.Code, new Style(Color.Red)), new Text(p.CaseId.ToString("D")), new Text(p.ExplanationIn(t.Culture)));
        }

        Cli.Out.Write(table);
    }

    public static void Render(ChainVerification result, CaseText t, IReadOnlyList<string>? roleRights = null)
    {
        if (!System.Console.IsErrorRedirected && result.Events >= 10_000)
        {
            System.Console.Error.WriteLine();
        }

        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow(t.Pick("Sự kiện đã tính lại", "Events recomputed"), result.Events.ToString("N0", t.Culture));
        summary.AddRow(t.Pick("Luồng", "Streams"), result.Streams.ToString("N0", t.Culture));
        summary.AddRow(t.Pick("Thời điểm kiểm", "Checked at"), t.Time(result.CheckedAt));
        if (result.Checkpoint is { } c)
        {
            summary.AddRow(t.Pick("Mốc kiểm chứng", "Checkpoint"),
                t.Pick($"{t.Time(c.CreatedAt)}, {c.StreamsCovered:N0} luồng, {c.EventsCovered:N0} sự kiện, khoá {c.KeyFingerprint}",
                    $"{t.Time(c.CreatedAt)}, {c.StreamsCovered:N0} streams, {c.EventsCovered:N0} events, key {c.KeyFingerprint}"));
        }

        if (roleRights is not null)
        {
            summary.AddRow(t.Pick("Quyền của vai trò CSDL", "Database role"), roleRights.Count == 0
                ? $"[green]{Markup.Escape(t.Pick("chỉ ghi thêm: không sửa, xoá được sự kiện", "append-only: cannot change or delete events"))}[/]"
                : $"[yellow]{Markup.Escape(t.Pick("có thể ghi đè lịch sử: ", "could rewrite history: ") + string.Join(", ", roleRights) + t.Pick(" (xem ADR 17)", " (see ADR 17)"))}[/]");
        }

        if (result.Adopted.Events > 0)
        {
            summary.AddRow(t.Pick("Nhận vào chuỗi sau", "Chained after the fact"), Markup.Escape(t.Pick(
                $"{result.Adopted.Events:N0} sự kiện được đưa vào chuỗi băm bằng 'audit adopt' ({t.Time(result.Adopted.First!.Value)}–{t.Time(result.Adopted.Last!.Value)}): chuỗi chỉ chứng minh chúng không bị sửa từ lúc đó",
                $"{result.Adopted.Events:N0} events were chained by 'audit adopt' ({t.Time(result.Adopted.First!.Value)}–{t.Time(result.Adopted.Last!.Value)}): the chain proves them unaltered only since then")));
        }

        if (result.LegacyLinks > 0)
        {
            summary.AddRow(t.Pick("Mắt xích kiểu cũ", "Format 1 links"), Markup.Escape(t.Pick(
                $"{result.LegacyLinks:N0} sự kiện được nối chuỗi trước khi mọi cột được băm (kiểu 1: không gồm kiểu .NET, siêu dữ liệu)",
                $"{result.LegacyLinks:N0} events were chained before every column was hashed (format 1: .NET type and metadata not covered)")));
        }

        summary.AddRow(t.Pick("Kết quả", "Result"), result.Passed
            ? $"[green]{t.Pick("NGUYÊN VẸN — không sự kiện nào bị sửa, xoá, chèn hay đảo thứ tự", "INTACT — no event was altered, deleted, inserted or reordered")}[/]"
            : $"[red]{t.Pick($"BỊ SỬA — {result.Problems.Count} lỗi", $"ALTERED — {result.Problems.Count} problem(s)")}[/]");
        Cli.Out.Write(new Panel(summary).Header(t.Pick("Kiểm tra chuỗi băm", "Hash chain verification")).Border(BoxBorder.Rounded));
        if (result.Passed)
        {
            return;
        }

        if (result.FirstBroken is { } first)
        {
            Cli.Out.WriteLine(t.Pick("Sự kiện hỏng đầu tiên: ", "First broken event: ") + first.ExplanationIn(t.Culture));
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("#", t.Pick("Lỗi", "Problem"), t.Pick("Luồng", "Stream"), t.Pick("Phiên bản", "Version"), t.Pick("Giải thích", "Explanation"));
        foreach (var p in result.Problems.Take(ShownProblems))
        {
            table.AddRow(new Text(p.SeqId?.ToString(CultureInfo.InvariantCulture) ?? "—"), new Text(p.Code, new Style(Color.Red)),
                new Text(p.StreamId == Guid.Empty ? "—" : p.StreamId.ToString("D")), new Text(p.Version?.ToString(CultureInfo.InvariantCulture) ?? "—"), new Text(p.ExplanationIn(t.Culture)));
        }

        Cli.Out.Write(table);
        if (result.Problems.Count > ShownProblems)
        {
            Cli.Out.WriteLine(t.Pick($"… và {result.Problems.Count - ShownProblems} lỗi khác (--json để xem tất cả).", $"… and {result.Problems.Count - ShownProblems} more (--json lists them all)."));
        }
    }
}
