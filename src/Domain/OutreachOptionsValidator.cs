using Microsoft.Extensions.Options;
using Npgsql;

namespace Outreach;

/// <summary>Checks <see cref="OutreachOptions"/> when a host starts: each problem is one sentence naming the setting and what to do.</summary>
public sealed class OutreachOptionsValidator : IValidateOptions<OutreachOptions>
{
    /// <summary>Whether a connection string is required (true for <c>services.AddOutreach(configuration)</c>).</summary>
    public bool RequireConnection { get; init; } = true;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OutreachOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options, RequireConnection);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem of <paramref name="options"/>, as sentences in the current UI culture.</summary>
    public static IReadOnlyList<string> Problems(OutreachOptions options, bool requireConnection)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>(options.LoadProblems);
        if (!OutreachOptions.IsValidSchemaName(options.SchemaName))
        {
            problems.Add(OutreachText.Format("options.schema", null, options.SchemaName));
        }

        if (options.UnitHeadResponseDays is < 1 or > 365)
        {
            problems.Add(OutreachText.Format("options.days", null, "Outreach:UnitHeadResponseDays", options.UnitHeadResponseDays));
        }

        if (options.CityResponseDays is < 1 or > 365)
        {
            problems.Add(OutreachText.Format("options.days", null, "Outreach:CityResponseDays", options.CityResponseDays));
        }

        if (string.IsNullOrWhiteSpace(options.KeyFolder) || !Path.IsPathFullyQualified(options.KeyFolder))
        {
            problems.Add(OutreachText.Format("options.key-folder", null, options.KeyFolder));
        }

        if (options.CheckpointEvery is { } every && (every < TimeSpan.FromMinutes(1) || string.IsNullOrWhiteSpace(options.CheckpointFolder)))
        {
            problems.Add(OutreachText.Format("options.checkpoint", null, every));
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            if (requireConnection)
            {
                problems.Add(OutreachText.Get("options.connection-missing"));
            }
        }
        else if (ConnectionProblem(options.ConnectionString) is { } bad)
        {
            problems.Add(OutreachText.Format("options.connection-invalid", null, "Outreach:ConnectionString", bad));
        }

        if (!string.IsNullOrWhiteSpace(options.OwnerConnectionString) && ConnectionProblem(options.OwnerConnectionString) is { } badOwner)
        {
            problems.Add(OutreachText.Format("options.connection-invalid", null, "Outreach:OwnerConnectionString", badOwner));
        }

        if (!string.IsNullOrWhiteSpace(options.ReplicaConnectionString) && ConnectionProblem(options.ReplicaConnectionString) is { } badReplica)
        {
            problems.Add(OutreachText.Format("options.connection-invalid", null, "Outreach:ReplicaConnectionString", badReplica));
        }

        return problems;
    }

    /// <summary>
    /// What is wrong with <paramref name="connectionString"/> as an Npgsql connection string, in the current UI culture
    /// (a keyword Npgsql does not know or a value it cannot read, no host), or null when it can be used.
    /// </summary>
    public static string? ConnectionProblem(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(builder.Host) ? OutreachText.Get("options.connection-no-host") : null;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // Npgsql's words are English; only the keyword it names is kept ("Couldn't set hots (Parameter 'hots')").
            var keyword = System.Text.RegularExpressions.Regex.Match(ex.Message, @"Couldn't set ([^\s(]+)");
            return keyword.Success
                ? OutreachText.Format("options.connection-keyword", null, keyword.Groups[1].Value)
                : OutreachText.Get("options.connection-unreadable");
        }
    }
}
