using FluentValidation;

namespace Outreach.Difficulties;

/// <summary>A command about a difficulty.</summary>
public interface IDifficultyCommand : IOutreachCommand
{
    /// <summary>The difficulty (stream id).</summary>
    Guid DifficultyId { get; }
}

/// <summary>The catalogue of difficulty commands.</summary>
public static class DifficultyCommands
{
    internal static readonly StreamKind<Difficulty> Kind = new()
    {
        Noun = "difficulty",
        None = Difficulty.None,
        Exists = d => d.Exists,
        Evolve = (d, e) => d.Evolve(e),
        LastOccurredAt = d => d.LastOccurredAt,
        NotFound = id => new StreamNotFoundException(id, "difficulty"),
    };

    /// <summary>Every difficulty command, in lifecycle order.</summary>
    public static readonly IReadOnlyList<CommandDescriptor> All =
    [
        Describe<RaiseDifficulty>("raise", "Record a difficulty a locality raised.", RaiseDifficulty.Decide, () => new RaiseDifficulty.Validator(), opens: true),
        Describe<ResolveOnSite>("resolve-on-site", "Record that the cadre solved it on the spot, within their authority.", ResolveOnSite.Decide, () => new ResolveOnSite.Validator()),
        Describe<EscalateDifficulty>("escalate", "Refer it to the head of the cadre's unit, or from the head to the city.", EscalateDifficulty.Decide, () => new EscalateDifficulty.Validator()),
        Describe<AnswerEscalation>("answer", "The head (or city) answers, with the day the solution is due.", AnswerEscalation.Decide, () => new AnswerEscalation.Validator()),
        Describe<AssignDifficulty>("assign", "The head assigns someone to solve it by a day.", AssignDifficulty.Decide, () => new AssignDifficulty.Validator()),
        Describe<RequestInformation>("ask", "The head asks the raiser for more information by a day.", RequestInformation.Decide, () => new RequestInformation.Validator()),
        Describe<DeliverSolution>("deliver-solution", "Record that the solution went back to the locality (closes it).", DeliverSolution.Decide, () => new DeliverSolution.Validator()),
    ];

    /// <summary>Decides a difficulty command against a state (pure; for tests and tools).</summary>
    public static IReadOnlyList<object> Decide(IDifficultyCommand command, Difficulty state)
        => ((StreamCommandDescriptor<Difficulty>)All.First(d => d.CommandType == command.GetType())).Decide(command, state);

    private static StreamCommandDescriptor<Difficulty> Describe<T>(string verb, string summary, Func<T, Difficulty, object[]> decide, Func<IValidator<T>> validator, bool opens = false)
        where T : IDifficultyCommand
        => new(Kind, typeof(T), "difficulty", verb, summary, opens, validator, c => ((T)c).DifficultyId, (c, s) => decide((T)c, s));
}

/// <summary>Shape rules shared by difficulty commands.</summary>
public sealed class DifficultyCommandRules<T> : AbstractValidator<T> where T : IDifficultyCommand
{
    /// <summary>Builds the rules.</summary>
    public DifficultyCommandRules()
    {
        RuleFor(c => c.DifficultyId).NotEmpty().Says("difficulty.difficulty-id.required");
        Include(new CommandRules<T>());
    }
}

/// <summary>Rules shared by difficulty deciders.</summary>
internal static class DifficultyRules
{
    /// <summary>
    /// Refuses the step <paramref name="action"/> (a code such as <c>difficulty.escalate-city</c>, whose phrase is the term
    /// <c>step.difficulty.escalate-city</c>) unless the difficulty is in one of the <paramref name="allowed"/> states; the
    /// refusal's code is <c>{action}.status</c>.
    /// </summary>
    public static void EnsureStatus(this Difficulty state, string action, params DifficultyStatus[] allowed)
    {
        if (!allowed.Contains(state.Status))
        {
            throw DomainRuleException.Shared(action + ".status", "difficulty.status-refused", new Term("step." + action), state.Status, Terms.Or(allowed.Cast<Enum>()));
        }
    }

    /// <summary>Only the person the difficulty waits on may respond; the refusal's code is <c>{action}.responder</c>.</summary>
    public static void EnsureResponder(this Difficulty state, string actor, string action)
    {
        if (state.AwaitingResponseFrom is { } expected && expected != actor)
        {
            throw DomainRuleException.Shared(action + ".responder", "difficulty.responder-refused", new Term("step." + action), expected, actor);
        }
    }

    /// <summary>A due day (the JSON field <paramref name="field"/>) may not be before the step; the refusal's code is <c>{action}.due-before-step</c>.</summary>
    public static void EnsureDueAfter(DateOnly due, DateTimeOffset at, string field, string action)
    {
        if (due < Deadlines.VietnamTime.DateOf(at))
        {
            throw DomainRuleException.Shared(action + ".due-before-step", "difficulty.due-before-step", field, due, at);
        }
    }
}
