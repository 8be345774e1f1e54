namespace Outreach.Hosting;

/// <summary>
/// What a host says when it cannot start for a reason its user can mend: settings that cannot be used, the private
/// cluster that cannot be started, a database refusal the library describes. One sentence per problem, no stack trace.
/// </summary>
public static class StartupFailure
{
    /// <summary>The exit code of a host that did not start for such a reason.</summary>
    public const int ExitCode = 2;

    /// <summary>The sentences for <paramref name="failure"/> in the current UI culture, or null for an unexpected failure (a bug, shown as it is).</summary>
    public static IReadOnlyList<string>? Describe(Exception failure) => failure switch
    {
        Microsoft.Extensions.Options.OptionsValidationException invalid => [.. invalid.Failures],
        LocalPostgresUnavailableException cluster => [cluster.Message],
        TenantSettingsException tenant => [tenant.Message],
        _ when Failures.Describe(failure) is { } known => [known.Message],
        AggregateException { InnerExceptions.Count: 1 } one => Describe(one.InnerExceptions[0]),
        _ when failure.InnerException is { } inner => Describe(inner),
        _ => null,
    };

    /// <summary>Writes the sentences to standard error, each as <c>error: …</c>, and returns <see cref="ExitCode"/>.</summary>
    public static int Report(IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("error: " + problem);
        }

        return ExitCode;
    }
}
