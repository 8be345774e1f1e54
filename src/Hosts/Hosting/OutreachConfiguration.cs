using Microsoft.Extensions.Configuration;

namespace Outreach.Hosting;

/// <summary>
/// The hosts' configuration sources for the library's <c>Outreach</c> section: environment variables in .NET's own form
/// (<c>Outreach__SchemaName</c>) and the documented short names (<c>OUTREACH_SCHEMA</c>, <c>OUTREACH_LOCALITIES</c>,
/// <c>OUTREACH_KEYS</c>); the key folder defaults to the hosts' <see cref="KeyFolder"/>.
/// </summary>
public static class OutreachConfiguration
{
    /// <summary>The documented environment variables and the settings they set.</summary>
    public static IReadOnlyDictionary<string, string> ShortNames { get; } = new Dictionary<string, string>
    {
        ["OUTREACH_SCHEMA"] = "Outreach:SchemaName",
        ["OUTREACH_LOCALITIES"] = "Outreach:LocalitiesFile",
        ["OUTREACH_CALENDAR"] = "Outreach:CalendarFile",
    };

    /// <summary>Adds the hosts' sources to <paramref name="builder"/>: defaults beneath every source it has, then the environment.</summary>
    public static IConfigurationBuilder AddOutreachSources(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var defaults = new Dictionary<string, string?> { ["Outreach:KeyFolder"] = KeyFolder.Folder() };
        var shortNames = new Dictionary<string, string?>();
        foreach (var (variable, setting) in ShortNames)
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                shortNames[setting] = value;
            }
        }

        // The defaults go under every source the host already has (a web host's appsettings, command line and test
        // settings), so that they only fill what nothing else says.
        builder.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });
        return builder.AddEnvironmentVariables().AddInMemoryCollection(shortNames);
    }

    /// <summary>The hosts' configuration (no file): defaults and the environment.</summary>
    public static IConfiguration Build() => new ConfigurationBuilder().AddOutreachSources().Build();

    /// <summary>
    /// The library's settings read from <paramref name="configuration"/>, files loaded, checked without a connection
    /// (hosts resolve it afterwards); throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> listing every problem.
    /// </summary>
    public static OutreachOptions Options(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new OutreachOptions();
        var section = configuration.GetSection(OutreachRegistration.SectionName);
        var unreadable = SettingValues.Problems(section, new OutreachOptions());
        if (unreadable.Count > 0)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(OutreachRegistration.SectionName, typeof(OutreachOptions), unreadable);
        }

        section.Bind(options);
        options.LoadFiles();
        var problems = OutreachOptionsValidator.Problems(options, requireConnection: false);
        return problems.Count == 0
            ? options
            : throw new Microsoft.Extensions.Options.OptionsValidationException(OutreachRegistration.SectionName, typeof(OutreachOptions), problems);
    }
}
