using System.Reflection;
using System.Runtime.CompilerServices;
using Outreach.Cases;

namespace Outreach.Tests.Conventions;

/// <summary>Rules every event and command must follow, checked by reflection so that new slices cannot forget them.</summary>
public sealed class ContractConventionTests
{
    private static readonly Assembly Domain = typeof(Case).Assembly;

    private static readonly Type[] AllowedFieldTypes =
        [typeof(Guid), typeof(string), typeof(int), typeof(long), typeof(bool), typeof(DateTimeOffset), typeof(DateOnly)];

    private static IEnumerable<Type> EventTypesInAssembly()
        => Domain.GetTypes().Where(t => t.IsPublic && !typeof(IOutreachCommand).IsAssignableFrom(t)
            && t.GetConstructors().Any(c => c.GetParameters() is [{ ParameterType: var first, Name: var name }, .., { ParameterType: var last }]
                && first == typeof(Guid) && name!.EndsWith("Id", StringComparison.Ordinal) && last == typeof(DateTimeOffset)));

    private static IEnumerable<Type> CommandTypesInAssembly()
        => Domain.GetTypes().Where(t => t.IsClass && !t.IsAbstract && typeof(IOutreachCommand).IsAssignableFrom(t));

    private static bool IsRecord(Type t) => t.GetMethod("<Clone>$") is not null;

    private static bool IsPrimitiveOrEnum(Type t)
    {
        var inner = Nullable.GetUnderlyingType(t) ?? t;
        return inner.IsEnum || AllowedFieldTypes.Contains(inner) || (inner.IsArray && IsPrimitiveOrEnum(inner.GetElementType()!))
               || (inner.IsGenericType && inner.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && IsPrimitiveOrEnum(inner.GetGenericArguments()[0]))
               // A contract value such as SealedIdentity: a sealed record of Outreach made of primitives itself.
               || (inner.IsSealed && IsRecord(inner) && inner.Namespace?.StartsWith("Outreach", StringComparison.Ordinal) == true
                   && inner.GetProperties().All(p => IsPrimitiveOrEnum(p.PropertyType)));
    }

    [Test]
    public void Every_event_in_the_assembly_is_registered()
        => Assert.That(EventTypesInAssembly().Except(OutreachEvents.EarlierContracts.Values), Is.EquivalentTo(OutreachEvents.All));

    [TestCaseSource(nameof(Events))]
    public void Events_are_sealed_records_of_primitives_and_enums(Type type)
    {
        Assert.That(type.IsSealed && IsRecord(type), Is.True, $"{type.Name} must be a sealed record");
        var bad = type.GetProperties().Where(p => !IsPrimitiveOrEnum(p.PropertyType)).Select(p => $"{p.Name}: {p.PropertyType.Name}");
        Assert.That(bad, Is.Empty, $"{type.Name} has fields that are not primitives or enums");
    }

    [TestCaseSource(nameof(Events))]
    public void Events_name_the_case_first_and_the_actor_and_business_time_last(Type type)
    {
        var parameters = type.GetConstructors().Single().GetParameters();
        Assert.That((parameters[0].Name, parameters[0].ParameterType), Is.EqualTo((parameters[0].Name, typeof(Guid))));
        Assert.That(parameters[0].Name, Does.EndWith("Id"));
        Assert.That(parameters[^2].Name, Does.EndWith("By"));
        Assert.That(parameters[^2].ParameterType, Is.EqualTo(typeof(string)));
        Assert.That(parameters[^1].Name, Does.EndWith("At"));
        Assert.That(parameters[^1].ParameterType, Is.EqualTo(typeof(DateTimeOffset)));
    }

    [Test]
    public void Stored_event_names_are_unique_versioned_snake_case()
    {
        var names = OutreachEvents.All.Select(OutreachEvents.StoredName).ToArray();
        Assert.That(names, Is.Unique);
        Assert.That(names, Has.All.Match("^[a-z]+(_[a-z]+)*_v[1-9][0-9]*$"));
        Assert.That(OutreachEvents.StoredName(typeof(PetitionReceived)), Is.EqualTo("petition_received_v2"), "the sealed-identity contract (ADR 18)");
        Assert.That(OutreachEvents.StoredName(typeof(ComplaintAccepted)), Is.EqualTo("complaint_accepted_v1"));
    }

    [Test]
    public void Every_command_is_in_the_catalogue_with_a_unique_noun_and_verb()
    {
        Assert.That(CommandTypesInAssembly(), Is.EquivalentTo(OutreachCommands.All.Select(d => d.CommandType)));
        Assert.That(OutreachCommands.All.Select(d => d.Noun + " " + d.Verb), Is.Unique);
        Assert.That(OutreachCommands.All.Where(d => d.OpensStream).Select(d => d.StreamNoun), Is.Unique, "one command opens each kind of stream");
    }

    [TestCaseSource(nameof(Commands))]
    public void Commands_are_sealed_records_with_a_nested_validator_and_a_pure_decider(Type type)
    {
        Assert.That(type.IsSealed && IsRecord(type), Is.True, $"{type.Name} must be a sealed record");
        var validator = type.GetNestedType("Validator");
        Assert.That(validator, Is.Not.Null, $"{type.Name} needs a nested Validator");
        Assert.That(validator!.BaseType!.GetGenericArguments(), Is.EqualTo(new[] { type }));
        var decide = type.GetMethod("Decide", BindingFlags.Public | BindingFlags.Static);
        Assert.That(decide, Is.Not.Null);
        var parameters = decide!.GetParameters();
        Assert.That(parameters[0].ParameterType, Is.EqualTo(type));
        Assert.That(parameters[1].ParameterType.GetProperty("Exists")?.PropertyType, Is.EqualTo(typeof(bool)), "the second parameter is the stream's state");
        Assert.That(parameters, Has.Length.EqualTo(2));
        Assert.That(decide.GetCustomAttribute<AsyncStateMachineAttribute>(), Is.Null, "deciders are synchronous and pure");
    }

    [TestCaseSource(nameof(Commands))]
    public void Commands_end_with_actor_and_business_time(Type type)
    {
        var parameters = type.GetConstructors().Single().GetParameters();
        Assert.That(parameters.Select(p => p.Name).TakeLast(2), Is.EqualTo(new[] { "Actor", "OccurredAt" }));
        Assert.That(parameters[0].Name, Does.EndWith("Id"));
        Assert.That(OutreachCommands.For(type).StreamIdOf((IOutreachCommand)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type)), Is.EqualTo(Guid.Empty));
    }

    private static IEnumerable<Type> Events() => OutreachEvents.All;

    private static IEnumerable<Type> Commands() => OutreachCommands.All.Select(d => d.CommandType);
}
