using System.CommandLine;
using Outreach.PersonalData;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach clearance issue HOLDER</c>: who may read denouncers' identities (ADR 18).</summary>
internal static class ClearanceVerbs
{
    private static readonly Argument<string> Holder = new("holder") { Description = Cli.Say("Người được cấp quyền (họ tên và chức vụ).", "The person who receives the clearance (name and position).") };

    public static Command Build()
    {
        var issue = new Command("issue", Cli.Say("Cấp (hoặc cấp lại) quyền xem danh tính người tố cáo; mã quyền chỉ in ra một lần.", "Issue (or replace) a clearance to read denouncers' identities; prints its code once.")) { Holder };
        issue.SetAction((parse, ct) => Cli.Guard(parse, () =>
        {
            var t = Cli.Text(parse);
            var holder = parse.GetValue(Holder)!;
            var code = DenouncerClearance.Issue(holder, DenouncerClearance.DefaultFile(Cli.Outreach.KeyFolder));
            Cli.Out.WriteLine(t.Pick(
                $"Đã cấp quyền xem danh tính người tố cáo cho {holder}. Mã (chỉ hiện một lần): {code}",
                $"Clearance issued to {holder}. Code (shown once): {code}"));
            Cli.Out.WriteLine(t.Pick(
                $"Dùng: {CaseVerbs.ClearanceCodeVariable}=<mã> outreach case show ID --clearance \"{holder}\"",
                $"Use: {CaseVerbs.ClearanceCodeVariable}=<code> outreach case show ID --clearance \"{holder}\""));
            return Task.FromResult(Cli.Ok);
        }));
        return new Command("clearance", Cli.Say("Quyền xem danh tính người tố cáo (Điều 47 Luật Tố cáo 25/2018).", "Clearances to read denouncers' identities (Law 25/2018 Art. 47).")) { issue };
    }
}
