using Microsoft.Extensions.Options;
using Outreach.Hosting;

namespace Outreach.Tests.Hosting;

/// <summary>What a host prints when it cannot start for a reason its user can mend: the sentences, no stack trace.</summary>
public sealed class StartupFailureTests
{
    [Test]
    public void Settings_that_cannot_be_used_are_said_one_sentence_each_also_when_wrapped()
    {
        var invalid = new OptionsValidationException("Outreach", typeof(OutreachOptions), ["first problem", "second problem"]);
        Assert.That(StartupFailure.Describe(invalid), Is.EqualTo(new[] { "first problem", "second problem" }));
        Assert.That(StartupFailure.Describe(new AggregateException(invalid)), Is.EqualTo(new[] { "first problem", "second problem" }));
        Assert.That(StartupFailure.Describe(new InvalidOperationException("wrapped", invalid)), Is.EqualTo(new[] { "first problem", "second problem" }));
    }

    [Test]
    public void An_unexpected_failure_is_not_dressed_up_as_a_settings_problem()
        => Assert.That(StartupFailure.Describe(new InvalidOperationException("a bug")), Is.Null);

    [Test]
    [NonParallelizable]
    public void The_report_goes_to_standard_error_with_the_exit_code_of_bad_input()
    {
        var before = System.Console.Error;
        using var captured = new StringWriter();
        System.Console.SetError(captured);
        try
        {
            Assert.That(StartupFailure.Report(["Outreach:SchemaName is bad."]), Is.EqualTo(2));
        }
        finally
        {
            System.Console.SetError(before);
        }

        Assert.That(captured.ToString().Trim(), Is.EqualTo("error: Outreach:SchemaName is bad."));
    }
}
