using Outreach.Cases;

namespace Outreach.Tests.Support;

/// <summary>
/// Given/When/Then for the deciders of every stream (cases, units, visits, difficulties, rotas): the state is built by
/// folding the given events through the command's own descriptor, never by setting fields, and a refusal is matched by
/// its stable code.
/// </summary>
internal class StreamSpec
{
    private readonly List<object> _given = [];

    /// <summary>The recorded events so far.</summary>
    public IReadOnlyList<object> History => _given;

    public static StreamSpec Given(params object[] events) => new StreamSpec().And(events);

    /// <summary>Adds more past events (e.g. a ready-made history followed by single events).</summary>
    public StreamSpec And(params object[] events)
    {
        _given.AddRange(events);
        return this;
    }

    /// <summary>The keys the specs seal citizens' details with (the write path uses the deployment's store).</summary>
    public static readonly Outreach.PersonalData.InMemoryPersonKeyStore Keys = new();

    /// <summary>The command as the write path completes it: a reception is sealed.</summary>
    public static IOutreachCommand Prepared(IOutreachCommand command) => command is ReceivePetition r ? r.SealAsync(Keys, CancellationToken.None).AsTask().GetAwaiter().GetResult() : command;

    public IReadOnlyList<object> When(IOutreachCommand command) => OutreachCommands.For(command.GetType()).DecideAfter(_given, Prepared(command));

    /// <summary>
    /// Asserts the exact events decided. Events are records holding arrays, whose generated equality compares arrays by
    /// reference, so the comparison is structural (property by property, arrays element by element), after checking the types.
    /// </summary>
    public void Then(IOutreachCommand command, params object[] expected)
    {
        Assert.That(IsAlreadyRecorded(command), Is.False, "a new step must not look already recorded");
        var actual = When(command);
        Assert.That(actual.Select(e => e.GetType().Name), Is.EqualTo(expected.Select(e => e.GetType().Name)), "event types");
        Assert.That(actual, Is.EqualTo(expected).UsingPropertiesComparer());
    }

    /// <summary>True when the write path would record nothing because the command is already in the history (ADR 26).</summary>
    public bool IsAlreadyRecorded(IOutreachCommand command) => OutreachCommands.For(command.GetType()).IsAlreadyRecorded(Prepared(command), _given);

    /// <summary>Asserts that the command is an exact repeat of a recorded step: the write path records nothing.</summary>
    public void ThenAlreadyRecorded(IOutreachCommand command)
        => Assert.That(IsAlreadyRecorded(command), Is.True, "an exact repeat of a recorded step is already recorded");

    /// <summary>
    /// A repeat of a recorded step: the decider refuses it, so nothing is recorded twice; the write path reports "nothing
    /// new" before deciding when it is an exact replay of the recorded step (ADR 26), and the refusal otherwise.
    /// </summary>
    public void ThenNotRecordedTwice(IOutreachCommand command, bool exactReplay)
    {
        Assert.Throws<DomainRuleException>(() => When(command), "the decider must not record the step a second time");
        Assert.That(IsAlreadyRecorded(command), Is.EqualTo(exactReplay), exactReplay ? "an exact repeat is a replay" : "a repeat with other details is not a replay");
    }

    /// <summary>Asserts a refusal with this stable code (and, when given, English fragments of its message).</summary>
    public DomainRuleException ThenRefusedWith(IOutreachCommand command, string code, params string[] fragments)
    {
        Assert.That(IsAlreadyRecorded(command), Is.False, "a refused step must not look already recorded");
        var ex = Assert.Throws<DomainRuleException>(() => When(command))!;
        Assert.That(ex.Code, Is.EqualTo(code));
        foreach (var f in fragments)
        {
            Assert.That(ex.Message, Does.Contain(f));
        }

        return ex;
    }

    public DomainRuleException ThenRefused(IOutreachCommand command, string fragment, params string[] moreFragments)
    {
        var ex = Assert.Throws<DomainRuleException>(() => When(command))!;
        Assert.Multiple(() =>
        {
            foreach (var f in moreFragments.Prepend(fragment))
            {
                Assert.That(ex.Message, Does.Contain(f));
            }
        });
        return ex;
    }
}
