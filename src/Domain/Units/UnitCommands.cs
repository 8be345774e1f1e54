using FluentValidation;

namespace Outreach.Units;

/// <summary>A command about a unit.</summary>
public interface IUnitCommand : IOutreachCommand
{
    /// <summary>The unit (stream id).</summary>
    Guid UnitId { get; }
}

/// <summary>The catalogue of unit commands.</summary>
public static class UnitCommands
{
    internal static readonly StreamKind<Unit> Kind = new()
    {
        Noun = "unit",
        None = Unit.None,
        Exists = u => u.Exists,
        Evolve = (u, e) => u.Evolve(e),
        LastOccurredAt = u => u.LastOccurredAt,
        NotFound = id => new StreamNotFoundException(id, "unit"),
    };

    /// <summary>Every unit command.</summary>
    public static readonly IReadOnlyList<CommandDescriptor> All =
    [
        Describe<RegisterUnit>("register", "Register a department or unit.", RegisterUnit.Decide, () => new RegisterUnit.Validator(), opens: true),
        Describe<AssignCadre>("assign-cadre", "Add a cadre to the unit.", AssignCadre.Decide, () => new AssignCadre.Validator()),
        Describe<ReleaseCadre>("release-cadre", "Remove a cadre from the unit.", ReleaseCadre.Decide, () => new ReleaseCadre.Validator()),
        Describe<AppointUnitHead>("appoint-head", "Appoint one of the unit's cadres as its head.", AppointUnitHead.Decide, () => new AppointUnitHead.Validator()),
        Describe<FormVisitingGroup>("form-group", "Form (or re-form) a visiting group of the unit's cadres.", FormVisitingGroup.Decide, () => new FormVisitingGroup.Validator()),
    ];

    /// <summary>Decides a unit command against a state (pure; for tests and tools).</summary>
    public static IReadOnlyList<object> Decide(IUnitCommand command, Unit state)
        => ((StreamCommandDescriptor<Unit>)All.First(d => d.CommandType == command.GetType())).Decide(command, state);

    private static StreamCommandDescriptor<Unit> Describe<T>(string verb, string summary, Func<T, Unit, object[]> decide, Func<IValidator<T>> validator, bool opens = false)
        where T : IUnitCommand
        => new(Kind, typeof(T), "unit", verb, summary, opens, validator, c => ((T)c).UnitId, (c, s) => decide((T)c, s));
}

/// <summary>Shape rules shared by unit commands.</summary>
public sealed class UnitCommandRules<T> : AbstractValidator<T> where T : IUnitCommand
{
    /// <summary>Builds the rules.</summary>
    public UnitCommandRules()
    {
        RuleFor(c => c.UnitId).NotEmpty().Says("unit.unit-id.required");
        Include(new CommandRules<T>());
    }
}

/// <summary>Code format shared by units, cadres and groups.</summary>
internal static class Codes
{
    public const string Pattern = "^[a-z0-9][a-z0-9._/-]{0,63}\\z";

    /// <summary>The term that describes <see cref="Pattern"/> in a sentence.</summary>
    public static readonly Term Rule = new("unit.code-rule");
}
