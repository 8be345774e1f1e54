using Outreach.Cases;
using Outreach.Tests.Support;
namespace Outreach.Tests.Cases;
public sealed class ZzDebug
{
    [Test]
    public void Show()
    {
        var s = CaseSpec.Given(Story.ComplaintAwaitingAcceptance(Story.At(2025, 3, 3))).State;
        Assert.Fail($"{s.Exists} {s.Version} {s.LastOccurredAt:o} {s.Status}");
    }
}
