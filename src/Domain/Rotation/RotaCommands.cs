using FluentValidation;
using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Outreach.Rotation;

/// <summary>A command about a recorded rota.</summary>
public interface IRotaCommand : IOutreachCommand
{
    /// <summary>The rota (stream id).</summary>
    Guid RotaId { get; }
}

/// <summary>The catalogue of rota commands.</summary>
public static class RotaCommands
{
    internal static readonly StreamKind<Rota> Kind = new()
    {
        Noun = "rota",
        None = Rota.None,
        Exists = r => r.Exists,
        Evolve = (r, e) => r.Evolve(e),
        LastOccurredAt = r => r.LastOccurredAt,
        NotFound = id => new StreamNotFoundException(id, "rota"),
    };

    /// <summary>Every rota command.</summary>
    public static readonly IReadOnlyList<CommandDescriptor> All =
    [
        Describe<RecordRota>("record", "Record a planned rota (normally made by the rotation planner).", RecordRota.Decide, () => new RecordRota.Validator(), opens: true),
        Describe<SwapRotaVisits>("swap", "Swap two visitors' localities in one week.", SwapRotaVisits.Decide, () => new SwapRotaVisits.Validator()),
        Describe<CancelRotaVisit>("cancel", "Cancel one visitor's visit in one week.", CancelRotaVisit.Decide, () => new CancelRotaVisit.Validator()),
        Describe<ReassignRotaVisit>("reassign", "Give one week's visit to another visitor.", ReassignRotaVisit.Decide, () => new ReassignRotaVisit.Validator()),
    ];

    /// <summary>Decides a rota command against a state (pure; for tests and tools).</summary>
    public static IReadOnlyList<object> Decide(IRotaCommand command, Rota state)
        => ((StreamCommandDescriptor<Rota>)All.First(d => d.CommandType == command.GetType())).Decide(command, state);

    private static StreamCommandDescriptor<Rota> Describe<T>(string verb, string summary, Func<T, Rota, object[]> decide, Func<IValidator<T>> validator, bool opens = false)
        where T : IRotaCommand
        => new(Kind, typeof(T), "rota", verb, summary, opens, validator, c => ((T)c).RotaId, (c, s) => decide((T)c, s));
}

/// <summary>Shape rules shared by rota commands.</summary>
public sealed class RotaCommandRules<T> : AbstractValidator<T> where T : IRotaCommand
{
    /// <summary>Builds the rules.</summary>
    public RotaCommandRules()
    {
        RuleFor(c => c.RotaId).NotEmpty().Says("rota.rota-id.required");
        Include(new CommandRules<T>());
    }
}

/// <summary>The rule every rota change keeps: nobody visits the same locality on two consecutive visits.</summary>
internal static class RotaRules
{
    /// <summary>Refuses the change <paramref name="action"/> (<c>rota.swap</c>, …) when <paramref name="visitor"/> would go somewhere twice in a row; the refusal's code is <c>{action}.repeat</c>.</summary>
    public static void EnsureNoRepeat(IReadOnlyList<RotaAssignment> assignments, string visitor, string action)
    {
        var visits = assignments.Where(a => a.Visitor == visitor).OrderBy(a => a.Week).ToArray();
        for (var i = 1; i < visits.Length; i++)
        {
            if (visits[i].Locality == visits[i - 1].Locality)
            {
                throw DomainRuleException.Shared(action + ".repeat", "rota.repeat", visitor, visits[i].Locality, visits[i - 1].Week, visits[i].Week);
            }
        }
    }

    /// <summary>The visitor's visit in <paramref name="week"/>; refuses the change <paramref name="action"/> without one (code <c>{action}.no-visit</c>).</summary>
    public static RotaAssignment Require(this Rota state, DateOnly week, string visitor, string action)
        => state.Find(week, visitor) ?? throw DomainRuleException.Shared(action + ".no-visit", "rota.no-visit", visitor, week);
}

/// <summary>Keeps the <see cref="Rota"/> document up to date in the event's transaction.</summary>
public sealed partial class RotaProjection : SingleStreamProjection<Rota, Guid>
{
    /// <summary>Creates the projection for rota events only.</summary>
    public RotaProjection()
    {
        foreach (var type in RotaEvents.All)
        {
            IncludeType(type);
        }
    }

    /// <inheritdoc />
    public override Rota? Evolve(Rota? snapshot, Guid id, IEvent e) => (snapshot ?? Rota.None(id)).Evolve(e.Data) is { Exists: true } r ? r : null;
}
