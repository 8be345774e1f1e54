using Outreach.Cases;

namespace Outreach.Tests.Support;

/// <summary>Audit entries made from events alone, each recorded five minutes after it happened.</summary>
public static class AuditEntries
{
    /// <summary>The entries of <paramref name="events"/>, versions from 1.</summary>
    public static IReadOnlyList<AuditEntry> Of(params object[] events)
        => [.. events.Select((e, i) => new AuditEntry(i + 1, CaseAudit.SectionOf(e), e.GetType().Name, e, OutreachEvents.Actor(e)!,
            OutreachEvents.OccurredAt(e)!.Value, OutreachEvents.OccurredAt(e)!.Value.AddMinutes(5), false, CaseAudit.RecipientsOf(e)))];
}
