using FluentValidation;

namespace Outreach.Units;

/// <summary>Form a visiting group of the unit's cadres (the 2019 plan sent groups of department leaders every Friday).</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="GroupCode">The group's code.</param>
/// <param name="Members">Cadre codes, all members of the unit.</param>
/// <param name="Actor">Who formed it.</param>
/// <param name="OccurredAt">From when.</param>
public sealed record FormVisitingGroup(Guid UnitId, string GroupCode, IReadOnlyList<string> Members, string Actor, DateTimeOffset OccurredAt) : IUnitCommand
{
    /// <summary>Shape rules.</summary>
    public sealed class Validator : AbstractValidator<FormVisitingGroup>
    {
        /// <summary>Builds the rules.</summary>
        public Validator()
        {
            Include(new UnitCommandRules<FormVisitingGroup>());
            RuleFor(c => c.GroupCode).NotEmpty().Matches(Codes.Pattern).Says("unit.form-group.group-code.format", Codes.Rule);
            RuleFor(c => c.Members).NotNull().Must(m => m is { Count: >= 2 }).Says("unit.form-group.members.too-few");
            RuleFor(c => c.Members).Must(m => m is null || m.Distinct().Count() == m.Count).Says("unit.form-group.members.twice");
        }
    }

    /// <summary>Forms the group from current members.</summary>
    public static object[] Decide(FormVisitingGroup command, Unit state)
    {
        var strangers = command.Members.Where(m => !state.HasMember(m)).ToArray();
        if (strangers.Length > 0)
        {
            throw DomainRuleException.Shared("unit.form-group.not-members", strangers.Length == 1 ? "unit.form-group.not-member" : "unit.form-group.not-members",
                string.Join(", ", strangers), state.Name);
        }

        var existing = state.Groups.FirstOrDefault(g => g.GroupCode == command.GroupCode);
        if (existing is not null && existing.Members.SequenceEqual(command.Members))
        {
            throw new DomainRuleException("unit.form-group.unchanged", command.GroupCode);
        }

        return [new VisitingGroupFormed(command.UnitId, command.GroupCode, [.. command.Members], command.Actor, command.OccurredAt)];
    }
}

/// <summary>A visiting group was formed or re-formed.</summary>
/// <param name="UnitId">The unit.</param>
/// <param name="GroupCode">The group.</param>
/// <param name="Members">Its cadres.</param>
/// <param name="FormedBy">Who.</param>
/// <param name="FormedAt">From when.</param>
public sealed record VisitingGroupFormed(Guid UnitId, string GroupCode, string[] Members, string FormedBy, DateTimeOffset FormedAt);
