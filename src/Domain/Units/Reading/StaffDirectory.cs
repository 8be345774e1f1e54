using Marten;

namespace Outreach.Units;

/// <summary>A cadre as people are shown: by name and position, with the staff code beside them.</summary>
/// <param name="Code">The staff code.</param>
/// <param name="FullName">The full name.</param>
/// <param name="Position">The position, if recorded.</param>
/// <param name="UnitName">The unit they belong to.</param>
public sealed record StaffMember(string Code, string FullName, string? Position, string UnitName)
{
    /// <summary>"Name, position (code)": how tables name a person.</summary>
    public string Label => Position is { Length: > 0 } position ? $"{FullName}, {position} ({Code})" : $"{FullName} ({Code})";
}

/// <summary>
/// Who is who among the units' current members and visiting groups, so that every host shows people by name and
/// position with their code only beside it. Read from the unit documents: their number is bounded by the organisation,
/// not by history.
/// </summary>
public sealed class StaffDirectory
{
    private readonly Dictionary<string, StaffMember> _people;
    private readonly Dictionary<string, string> _groups;

    private StaffDirectory(Dictionary<string, StaffMember> people, Dictionary<string, string> groups)
    {
        _people = people;
        _groups = groups;
    }

    /// <summary>An empty directory: every code is shown as it is.</summary>
    public static StaffDirectory Empty { get; } = new([], []);

    /// <summary>Reads the directory from the unit documents.</summary>
    public static async Task<StaffDirectory> LoadAsync(IQuerySession session, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var units = await session.Query<Unit>().ToListAsync(cancellation).ConfigureAwait(false);
        var people = new Dictionary<string, StaffMember>(StringComparer.Ordinal);
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in units.OrderBy(u => u.Name, StringComparer.Ordinal))
        {
            foreach (var member in unit.Members)
            {
                people.TryAdd(member.CadreCode, new StaffMember(member.CadreCode, member.FullName, member.Position, unit.Name));
            }

            foreach (var group in unit.Groups)
            {
                groups.TryAdd(group.GroupCode, unit.Name);
            }
        }

        return new StaffDirectory(people, groups);
    }

    /// <summary>The member with <paramref name="code"/>, or null for a group, a body or a code no unit lists now.</summary>
    public StaffMember? Find(string code) => _people.GetValueOrDefault(code);

    /// <summary>
    /// How a table names <paramref name="code"/>: a member by name and position with the code beside; a visiting group by its
    /// code and unit; anything else (a city body, a released cadre) as it is.
    /// </summary>
    public string Label(string code)
        => Find(code) is { } member ? member.Label
            : _groups.TryGetValue(code, out var unit) ? $"{code} ({unit})"
            : code;
}
