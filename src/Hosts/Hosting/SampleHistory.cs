using Outreach.Cases;
using Outreach.Deadlines;
using Outreach.Localities;

namespace Outreach.Hosting;

/// <summary>
/// A realistic, reproducible sample history for Cao Lãnh city: petitions from 2019 up to a given moment across the 15
/// communes/wards, with every kind of ending and some cases left open (and overdue). Every step is an ordinary command,
/// so the sample goes through the same rules as real input.
/// </summary>
public static class SampleHistory
{
    private static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô"];
    private static readonly string[] Middles = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Ngọc", "Quốc", "Kim"];
    private static readonly string[] Givens = ["An", "Bình", "Cường", "Dũng", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Tâm", "Thảo", "Trung", "Tuấn", "Yến"];
    private static readonly string[] Cadres = ["Nguyễn Thanh Hải (VP HĐND-UBND)", "Lê Thị Hồng (Phòng Tư pháp)", "Trần Quốc Việt (Thanh tra TP)", "Phạm Minh Tâm (Phòng TN-MT)", "Võ Thị Ngọc (Ban Dân vận)", "Huỳnh Văn Lợi (Phòng QLĐT)"];
    private static readonly string[] Chairs = ["Chủ tịch UBND phường/xã", "Chủ tịch UBND thành phố Cao Lãnh"];
    private static readonly (string Content, string Respondent)[] Complaints =
    [
        ("Khiếu nại quyết định thu hồi đất làm đường, đề nghị xem lại giá bồi thường", "UBND thành phố Cao Lãnh"),
        ("Khiếu nại thông báo nộp tiền sử dụng đất tính sai diện tích", "Chi cục Thuế khu vực"),
        ("Khiếu nại quyết định xử phạt vi phạm hành chính về trật tự xây dựng", "UBND phường"),
        ("Khiếu nại việc từ chối cấp giấy phép xây dựng nhà ở", "Phòng Quản lý đô thị"),
        ("Khiếu nại việc không xét hộ cận nghèo", "UBND xã"),
    ];
    private static readonly (string Content, string Respondent)[] Denunciations =
    [
        ("Tố cáo cán bộ địa chính nhận tiền khi làm thủ tục sang tên", "Cán bộ địa chính xã"),
        ("Tố cáo trưởng ấp lập danh sách hỗ trợ không đúng đối tượng", "Trưởng ấp"),
        ("Tố cáo việc san lấp trái phép đất lúa", "Hộ kinh doanh vật liệu xây dựng"),
    ];
    private static readonly string[] Suggestions =
    [
        "Phản ánh đèn chiếu sáng hẻm bị hư nhiều tháng", "Kiến nghị nạo vét kênh nội đồng trước mùa lũ", "Phản ánh rác thải tồn đọng ven đường",
        "Kiến nghị sửa cầu kênh bị xuống cấp", "Phản ánh tiếng ồn từ cơ sở sản xuất ban đêm", "Kiến nghị hướng dẫn thủ tục chuyển mục đích sử dụng đất",
    ];

    /// <summary>
    /// The commands of <paramref name="cases"/> sample cases received between 2019 and <paramref name="until"/>, grouped by
    /// case, each group in chronological order. The same seed and moment give the same history.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<ICaseCommand>> Generate(int cases, DateTimeOffset until, int seed = 2019)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2019, 1, 2, 8, 0, 0, VietnamTime.Offset);
        var span = (until - start).TotalDays;
        var result = new List<IReadOnlyList<ICaseCommand>>(cases);
        for (var i = 0; i < cases; i++)
        {
            // A quarter of the cases are recent, so that the open and overdue ones look like today's work.
            var offset = i % 4 == 0 ? span - random.Next(1, 150) : random.NextDouble() * span;
            var receivedAt = start.AddDays(Math.Floor(offset)).AddHours(random.Next(0, 9));
            if (receivedAt >= until)
            {
                // The last day's office hours may run past "until": that petition came in that morning instead.
                receivedAt = until.AddHours(-2);
            }

            // Some recent cases (and a few old, forgotten ones) stall part-way, which is where overdue deadlines come from.
            var stallAfter = (i % 4 == 0 && random.Next(5) < 2) || random.Next(60) == 0 ? random.Next(2, 7) : int.MaxValue;
            // The place is one of the units in force on the day the petition was received (15 until 2025, then 13, then 3).
            var localities = LocalityCatalogue.CaoLanh.InForce(VietnamTime.DateOf(receivedAt), communeLevelOnly: true);
            var builder = new CaseScript(random, SampleIds.Next(random), receivedAt, until, localities[random.Next(localities.Count)].Code, i + 1, stallAfter);
            builder.Write();
            if (builder.Commands.Count > 0)
            {
                result.Add(builder.Commands);
            }
        }

        return result;
    }

    private sealed class CaseScript(Random random, Guid id, DateTimeOffset receivedAt, DateTimeOffset until, string locality, int number, int stallAfter)
    {
        private readonly DateTimeOffset _receivedAt = receivedAt;
        private DateTimeOffset _at = receivedAt;

        public List<ICaseCommand> Commands { get; } = [];

        private string Cadre => Cadres[random.Next(Cadres.Length)];

        private string Chair => Chairs[random.Next(Chairs.Length)];

        private string Person() => $"{Families[random.Next(Families.Length)]} {Middles[random.Next(Middles.Length)]} {Givens[random.Next(Givens.Length)]}";

        /// <summary>Adds a command dated <paramref name="days"/> after the previous step; false (and nothing added) once past "until".</summary>
        private bool Step(double days, Func<DateTimeOffset, ICaseCommand> make)
        {
            var at = _at.AddDays(days).AddMinutes(random.Next(0, 120));
            if (at >= until || Commands.Count >= stallAfter)
            {
                return false;
            }

            _at = at;
            Commands.Add(make(at));
            return true;
        }

        public void Write()
        {
            var roll = random.Next(100);
            var kind = roll switch { < 30 => CaseKind.Suggestion, < 75 => CaseKind.Complaint, _ => CaseKind.Denunciation };
            var anonymous = kind == CaseKind.Denunciation && random.Next(6) == 0;
            var (content, respondent) = kind switch
            {
                CaseKind.Complaint => Complaints[random.Next(Complaints.Length)],
                CaseKind.Denunciation => Denunciations[random.Next(Denunciations.Length)],
                _ => (Suggestions[random.Next(Suggestions.Length)], null),
            };
            var channel = (ReceptionChannel)random.Next(4);
            var idNumber = anonymous ? null : "0871" + random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Commands.Add(new ReceivePetition(id, $"{number}/{_receivedAt.Year}/TCD", channel, anonymous ? null : Person(), idNumber, null, null,
                anonymous, locality, content, respondent, Cadre, _receivedAt));
            var misfiled = kind == CaseKind.Complaint && random.Next(10) == 0;
            if (!Step(random.Next(0, 3), at => new ClassifyPetition(id, misfiled ? CaseKind.Suggestion : kind, null, Cadre, at)))
            {
                return;
            }

            if (misfiled && !Step(random.Next(1, 4), at => new ReclassifyPetition(id, CaseKind.Complaint, "Nội dung yêu cầu xem xét lại quyết định hành chính", Cadre, at)))
            {
                return;
            }

            switch (kind)
            {
                case CaseKind.Suggestion:
                    Suggestion();
                    break;
                case CaseKind.Complaint:
                    Complaint();
                    break;
                default:
                    Denunciation(anonymous);
                    break;
            }
        }

        private void Suggestion()
        {
            _ = random.Next(10) switch
            {
                0 => Step(random.Next(2, 8), at => new DeclareNotProcessable(id, (NotProcessableReason)random.Next(4), null, Cadre, at)),
                1 => Step(random.Next(2, 8), at => new TransferPetition(id, "Điện lực Cao Lãnh", "Thuộc thẩm quyền của đơn vị cung cấp điện", Cadre, at)),
                2 => Step(random.Next(1, 5), at => new GuideCitizen(id, "Hướng dẫn liên hệ bộ phận một cửa để làm thủ tục", "Bộ phận một cửa UBND", Cadre, at)),
                _ => Step(random.Next(3, 25), at => new AnswerPetition(id, "Đã khảo sát, đưa vào kế hoạch sửa chữa quý tới", Cadre, at)),
            };
        }

        private void Complaint()
        {
            var ending = random.Next(100);
            if (ending < 8)
            {
                Step(random.Next(3, 12), at => new RefuseComplaint(id, "Quá thời hiệu khiếu nại 90 ngày", [NoticeParty.Complainant], ComplaintRefusalGround.Other, null, null, null, null, Chair, at));
                return;
            }

            var complex = random.Next(5) == 0;
            var remote = locality.StartsWith("tan-thuan", StringComparison.Ordinal) && random.Next(3) == 0;
            if (!Step(random.Next(2, 13), at => new AcceptComplaint(id, complex, remote, [NoticeParty.Complainant, NoticeParty.Respondent, NoticeParty.Inspectorate], null, null, null, null, Chair, at)))
            {
                return;
            }

            var verifier = Cadre;
            if (!Step(random.Next(1, 4), at => new AssignVerifier(id, verifier, Chair, at)))
            {
                return;
            }

            if (ending < 14)
            {
                if (Step(random.Next(5, 20), at => new WithdrawComplaint(id, false, null, Cadre, at)))
                {
                    Step(random.Next(1, 6), at => new TerminateComplaint(id, TerminationGround.FullWithdrawal, "Người khiếu nại có đơn rút toàn bộ", Chair, at));
                }

                return;
            }

            if (_at >= new DateTimeOffset(2026, 7, 1, 0, 0, 0, VietnamTime.Offset) && ending < 24)
            {
                if (!Step(random.Next(3, 10), at => new SuspendComplaint(id, SuspensionGround.AwaitingOtherBody, "Chờ kết quả đo đạc của Văn phòng Đăng ký đất đai", Chair, at)))
                {
                    return;
                }

                if (!Step(random.Next(10, 40), at => new ResumeComplaint(id, [NoticeParty.Complainant, NoticeParty.Respondent], Chair, at)))
                {
                    return;
                }
            }

            if (!Step(random.Next(5, 20), at => new RecordVerification(id, $"BC-XM-{number}", "Nội dung khiếu nại có cơ sở một phần", verifier, at)))
            {
                return;
            }

            if (!Step(random.Next(2, 8), at => new HoldDialogue(id, ["Người khiếu nại", verifier, "Đại diện UBND"], $"BB-DT-{number}", false, Chair, at)))
            {
                return;
            }

            // Most first decisions come in time; some are late, which auditors will see.
            if (!Step(random.Next(3, random.Next(6) == 0 ? 40 : 15), at => new IssueFirstDecision(id, $"{number}/QĐ-UBND", (Finding)random.Next(3), "Giải quyết khiếu nại lần đầu", Chair, at)))
            {
                return;
            }

            if (!Step(random.Next(0, 4), at => new DeliverDecision(id, [NoticeParty.Complainant, NoticeParty.Respondent], Cadre, at)))
            {
                return;
            }

            if (ending < 30)
            {
                Step(random.Next(10, 40), at => new RecordLawsuit(id, "Tòa án nhân dân tỉnh Đồng Tháp", Cadre, at));
                return;
            }

            if (ending < 45)
            {
                if (!Step(random.Next(5, 25), at => new FileSecondComplaint(id, SecondComplaintGround.DisagreesWithFirstDecision, "Không đồng ý với quyết định lần đầu", null, null, null, Cadre, at))
                    || !Step(random.Next(2, 12), at => new AcceptComplaint(id, complex, remote, [NoticeParty.Complainant, NoticeParty.Respondent], null, null, null, null, Chairs[1], at))
                    || !Step(random.Next(1, 4), at => new AssignVerifier(id, "Thanh tra thành phố", Chairs[1], at))
                    || !Step(random.Next(10, 30), at => new RecordVerification(id, $"BC-XM2-{number}", "Giữ nguyên nhận định lần đầu", "Thanh tra thành phố", at))
                    || !Step(random.Next(2, 6), at => new HoldDialogue(id, ["Người khiếu nại", "Thanh tra thành phố", "Đại diện UBND"], $"BB-DT2-{number}", false, Chairs[1], at))
                    || !Step(random.Next(3, 15), at => new IssueSecondDecision(id, $"{number}/QĐ-UBND-L2", (Finding)random.Next(3), "Giải quyết khiếu nại lần hai", Chairs[1], at)))
                {
                    return;
                }

                Step(random.Next(0, 4), at => new DeliverDecision(id, [NoticeParty.Complainant, NoticeParty.Respondent, NoticeParty.RelatedParty], Cadre, at));
            }
        }

        private void Denunciation(bool anonymous)
        {
            if (random.Next(8) == 0 || (anonymous && random.Next(2) == 0))
            {
                Step(random.Next(3, 9), at => new RefuseDenunciation(id, "Không có thông tin, tài liệu chứng minh hành vi vi phạm", Chair, at));
                return;
            }

            if (random.Next(4) == 0 && !Step(random.Next(1, 3), at => new WidenDenunciationCheck(id, ["Ấp 1", "Ấp 3"], Chair, at)))
            {
                return;
            }

            if (!Step(random.Next(3, 12), at => new AcceptDenunciation(id, "Có căn cứ, người tố cáo cung cấp chứng cứ cụ thể", true, Chair, at)))
            {
                return;
            }

            var accepted = _at;

            NoticeParty[] parties = anonymous ? [NoticeParty.Denounced] : [NoticeParty.Denouncer, NoticeParty.Denounced];
            if (!Step(random.Next(1, 7), at => new NotifyDenunciationParties(id, parties, DenunciationNoticeSubject.Acceptance, Cadre, at))
                || !Step(random.Next(1, 4), at => new AssignDenunciationVerifier(id, Cadre, "Xác minh các nội dung tố cáo", Chair, at)))
            {
                return;
            }

            // An extension is decided while the thirty days still run (Art. 30), and notified to both parties.
            var extended = random.Next(4) == 0;
            if (extended && (!Step(Math.Max(1, (accepted.AddDays(random.Next(15, 28)) - _at).TotalDays),
                    at => new ExtendDenunciationSettlement(id, DenunciationComplexity.Complex, 30, "Cần trưng cầu giám định", false, Chair, at))
                || !Step(random.Next(1, 4), at => new NotifyDenunciationParties(id, parties, DenunciationNoticeSubject.Extension, Cadre, at))))
            {
                return;
            }

            // A supervising body demands a report only once the settlement period (with its extension) has passed: a
            // dozen days or more after its last day, which a holiday may push back by up to a week.
            var lapsed = accepted.AddDays(extended ? 60 : 30);
            if (random.Next(10) == 0 && !Step(Math.Max(1, (lapsed - _at).TotalDays) + random.Next(12, 20), at => new DemandLateSettlementReport(id, "Thanh tra tỉnh Đồng Tháp", "Chánh Thanh tra tỉnh", at)))
            {
                return;
            }

            if (!Step(random.Next(8, 25), at => new RecordDenunciationVerification(id, $"BC-XM-{number}", "Đã làm việc với người bị tố cáo và thu thập tài liệu", "Kiến nghị xử lý theo thẩm quyền", Cadre, at))
                || !Step(random.Next(2, 10), at => new ConcludeDenunciation(id, (Finding)random.Next(3), "Kết luận nội dung tố cáo", Chair, at)))
            {
                return;
            }

            // Most conclusions reach both parties within the five working days (Art. 35 cl. 3); some late, a few never.
            if (random.Next(8) != 0)
            {
                Step(random.Next(1, 9), at => new NotifyDenunciationParties(id, parties, DenunciationNoticeSubject.Conclusion, Cadre, at));
            }
        }
    }
}
