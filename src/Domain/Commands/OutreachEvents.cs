using System.Collections.Frozen;
using System.Reflection;

namespace Outreach;

/// <summary>
/// Every event contract of Outreach, their stable stored names, and the convention every event follows: the stream id
/// first, exactly one actor property ending in "By" and one business-time property ending in "At", last.
/// </summary>
public static class OutreachEvents
{
    /// <summary>Every event type, grouped by stream.</summary>
    public static readonly IReadOnlyList<Type> All = [.. Cases.CaseEvents.All, .. Units.UnitEvents.All, .. Visits.VisitEvents.All, .. Difficulties.DifficultyEvents.All, .. Rotation.RotaEvents.All];

    private static readonly FrozenDictionary<Type, (PropertyInfo Actor, PropertyInfo At)> Accessors =
        All.ToFrozenDictionary(t => t, t => (
            t.GetProperties().Single(p => p.PropertyType == typeof(string) && p.Name.EndsWith("By", StringComparison.Ordinal)),
            t.GetProperties().Single(p => p.PropertyType == typeof(DateTimeOffset) && p.Name.EndsWith("At", StringComparison.Ordinal))));

    /// <summary>
    /// The stable name stored in <c>mt_events.type</c> for an event type: snake case plus a contract version, e.g.
    /// <c>complaint_accepted_v1</c>. A breaking change to an event gets a new type and a new version suffix.
    /// </summary>
    public static string StoredName(Type eventType)
    {
        var name = eventType.Name;
        var chars = new List<char>(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                chars.Add('_');
            }

            chars.Add(char.ToLowerInvariant(name[i]));
        }

        var version = eventType.GetCustomAttributes(typeof(ContractVersionAttribute), false).OfType<ContractVersionAttribute>().FirstOrDefault()?.Version ?? 1;
        return new string([.. chars]) + "_v" + version.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Who performed the step an event records, or null for a type that is not an Outreach event.</summary>
    public static string? Actor(object @event)
        => Accessors.TryGetValue(@event.GetType(), out var a) ? (string?)a.Actor.GetValue(@event) : null;

    /// <summary>The business time of the step an event records, or null for a type that is not an Outreach event.</summary>
    public static DateTimeOffset? OccurredAt(object @event)
        => Accessors.TryGetValue(@event.GetType(), out var a) ? (DateTimeOffset?)a.At.GetValue(@event) : null;
}

/// <summary>
/// The contract version of an event whose shape changed in a breaking way (ADR 7): it is stored under
/// <c>…_v{Version}</c>, so rows written under an earlier contract are never read as the new one.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ContractVersionAttribute(int version) : Attribute
{
    /// <summary>The contract version (1 when the attribute is absent).</summary>
    public int Version { get; } = version;
}
