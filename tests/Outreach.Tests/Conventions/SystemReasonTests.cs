using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using static Outreach.Tests.Support.Cultures;

namespace Outreach.Tests.Conventions;

/// <summary>
/// The system's reasons (a missing file, a refused connection, broken JSON) are told in the reader's language, decided
/// when the message is written, not when the exception was caught; .NET's English words never reach a Vietnamese reader
/// for the failures people meet.
/// </summary>
public sealed class SystemReasonTests
{
    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");

    private static IEnumerable<TestCaseData> Failures()
    {
        yield return new TestCaseData(new FileNotFoundException("Could not find file '/data/x.json'.", "/data/x.json"), "system.file-not-found", "tệp '/data/x.json' không tồn tại", "the file '/data/x.json' does not exist");
        yield return new TestCaseData(new DirectoryNotFoundException("Could not find a part of the path '/nope/x.sql'."), "system.directory-not-found", "'/nope/x.sql'", "'/nope/x.sql'");
        yield return new TestCaseData(new UnauthorizedAccessException("Access to the path '/root/k' is denied."), "system.access-denied", "không có quyền đọc hoặc ghi '/root/k'", "may not read or write '/root/k'");
        yield return new TestCaseData(new SocketException((int)SocketError.ConnectionRefused), "system.connection-refused", "từ chối kết nối", "refused the connection");
        yield return new TestCaseData(new SocketException((int)SocketError.HostNotFound), "system.host-not-found", "không tìm thấy tên máy chủ", "cannot be found");
        yield return new TestCaseData(new TimeoutException("The operation has timed out."), "system.timed-out", "không trả lời kịp", "did not answer in time");
    }

    [TestCaseSource(nameof(Failures))]
    public void A_reason_people_meet_has_its_own_sentence_in_both_languages(Exception failure, string code, string vietnamese, string english)
    {
        var reason = SystemReason.Of(failure);
        Assert.That(reason.Code, Is.EqualTo(code));
        Assert.That(reason.ToString(null, Vi), Does.Contain(vietnamese));
        Assert.That(reason.ToString(null, En), Does.Contain(english));
        Assert.That(reason.ToString(null, Vi), Does.Not.Contain(failure.Message.TrimEnd('.')), "the system's English stays out of the Vietnamese");
    }

    [Test]
    public void Broken_json_is_placed_by_line_and_byte()
    {
        var failure = Assert.Catch<JsonException>(() => JsonDocument.Parse("{\"a\":\n tru }"))!;
        var reason = SystemReason.Of(failure);
        Assert.That(reason.ToString(null, Vi), Is.EqualTo($"lỗi ở dòng 2, byte thứ {failure.BytePositionInLine + 1}"));
        Assert.That(reason.ToString(null, En), Is.EqualTo($"broken at line 2, byte {failure.BytePositionInLine + 1}"));
    }

    [Test]
    public void The_language_is_the_one_the_message_is_written_in()
    {
        // Caught while the UI culture is English (the test assembly's), written later for a Vietnamese reader.
        var reason = SystemReason.Of(new FileNotFoundException("Could not find file '/a'.", "/a"));
        var vietnamese = OutreachText.Format("io.failed", Vi, reason);
        var english = OutreachText.Format("io.failed", En, reason);
        Assert.That(vietnamese, Does.StartWith("Không dùng được tệp hoặc thư mục: tệp '/a' không tồn tại."));
        Assert.That(english, Does.StartWith("Cannot use the file or folder: the file '/a' does not exist."));
    }

    [Test]
    public void An_unforeseen_reason_keeps_the_system_words_and_says_whose_they_are()
    {
        var reason = SystemReason.Of(new InvalidDataException("Bad block"));
        Assert.That((reason.Code, reason.ToString(null, Vi), reason.ToString(null, En)), Is.EqualTo(("system.other", "lỗi của hệ thống: Bad block", "Bad block")));
    }

    [TestCase("Hots=x", "\"hots\" không phải là khóa mà Npgsql biết", "\"hots\" is not a keyword Npgsql knows")]
    [TestCase("Host=127.0.0.1;Port=abc", "\"port\" không phải là khóa mà Npgsql biết", "\"port\" is not a keyword Npgsql knows")]
    [TestCase("Host=;;", "chuỗi không có Host", "it names no Host")]
    [TestCase("Host", "không đọc được chuỗi", "cannot be read as key=value pairs")]
    public void A_connection_string_problem_is_told_without_npgsql_english(string connection, string vietnamese, string english)
    {
        Assert.That(InCulture(Vi, () => OutreachOptionsValidator.ConnectionProblem(connection)), Does.Contain(vietnamese));
        Assert.That(InCulture(En, () => OutreachOptionsValidator.ConnectionProblem(connection)), Does.Contain(english));
    }

    [Test]
    public void A_usable_connection_string_has_no_problem() =>
        Assert.That(OutreachOptionsValidator.ConnectionProblem("Host=127.0.0.1;Port=5432;Database=outreach;Username=app;Password=x"), Is.Null);
}
