using System.Text.RegularExpressions;
using Npgsql;

namespace Outreach.Hosting;

/// <summary>
/// Decides which PostgreSQL server the hosts use: an explicit connection string (the <c>--connection</c> option)
/// wins, then the <c>OUTREACH_CONNECTION</c> environment variable, else the private cluster of <see cref="LocalPostgres"/>.
/// </summary>
public static partial class OutreachConnection
{
    /// <summary>Environment variable holding a connection string to an existing server.</summary>
    public const string EnvironmentVariable = "OUTREACH_CONNECTION";

    /// <summary>Environment variable holding the schema owner's connection string, used for schema changes only.</summary>
    public const string AdminEnvironmentVariable = "OUTREACH_ADMIN_CONNECTION";

    /// <summary>
    /// The connections of an append-only deployment (ADR 17). With the private cluster: schema changes as its owner role
    /// <c>outreach_owner</c>, everything else as <c>outreach_app</c>. With a configured server: <c>OUTREACH_CONNECTION</c>
    /// for the application and, when set, <c>OUTREACH_ADMIN_CONNECTION</c> for schema changes (without it, one role does both).
    /// </summary>
    public static Task<OutreachDatabase> ResolveDatabaseAsync(string? explicitConnection, Action<string>? report = null, CancellationToken ct = default) =>
        ResolveDatabaseAsync(explicitConnection, null, report, ct);

    /// <summary>
    /// As <see cref="ResolveDatabaseAsync(string?, Action{string}?, CancellationToken)"/>, with the deployment's settings as
    /// the last source before the private cluster: <c>Outreach:ConnectionString</c> (also <c>Outreach__ConnectionString</c>,
    /// <c>ConnectionStrings:Outreach</c>) and <c>Outreach:OwnerConnectionString</c>. A connection string that cannot be
    /// read is refused with the setting it came from.
    /// </summary>
    public static async Task<OutreachDatabase> ResolveDatabaseAsync(string? explicitConnection, OutreachOptions? configured, Action<string>? report = null, CancellationToken ct = default)
    {
        string? application = null;
        if (!string.IsNullOrWhiteSpace(explicitConnection) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable)))
        {
            application = await ResolveAsync(explicitConnection, report, ct).ConfigureAwait(false);
            Check(application, string.IsNullOrWhiteSpace(explicitConnection) ? EnvironmentVariable : "--connection");
        }
        else if (!string.IsNullOrWhiteSpace(configured?.ConnectionString))
        {
            application = configured.ConnectionString;
            Check(application, "Outreach:ConnectionString");
            report?.Invoke(HostingText.Format("connection.environment", "Outreach:ConnectionString", Mask(application)));
        }

        if (application is not null)
        {
            var (admin, source) = Environment.GetEnvironmentVariable(AdminEnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? (fromEnvironment, AdminEnvironmentVariable)
                : (configured?.OwnerConnectionString, "Outreach:OwnerConnectionString");
            if (string.IsNullOrWhiteSpace(admin))
            {
                return new OutreachDatabase(application, null);
            }

            Check(admin, source);
            if (string.Equals(UserOf(admin), UserOf(application), StringComparison.Ordinal))
            {
                throw new ArgumentException(HostingText.Format("connection.admin-same-role", source, UserOf(application)));
            }

            report?.Invoke(HostingText.Format("connection.admin", source, Mask(admin)));
            return new OutreachDatabase(application, admin);
        }

        var cluster = await LocalPostgres.EnsureStartedAsync(report, ct).ConfigureAwait(false);
        return new OutreachDatabase(cluster.ApplicationConnectionString, cluster.OwnerConnectionString) { Cluster = cluster };
    }

    /// <summary>Refuses a connection string Npgsql cannot read, naming where it came from, in the current UI culture.</summary>
    private static void Check(string connectionString, string source)
    {
        if (OutreachOptionsValidator.ConnectionProblem(connectionString) is { } problem)
        {
            throw new ArgumentException(OutreachText.Format("options.connection-invalid", null, source, problem));
        }
    }

    /// <summary>The user name of a connection string (empty when it names none).</summary>
    public static string UserOf(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Username ?? "";

    /// <summary>Returns the connection string to use and reports which source it came from (passwords masked).</summary>
    /// <param name="explicitConnection">The <c>--connection</c> value, or <see langword="null"/>/blank when not given.</param>
    /// <param name="report">Receives one or more human sentences saying which database is used.</param>
    /// <param name="ct">Cancels starting the private cluster.</param>
    /// <returns>An Npgsql connection string; for the private cluster, its application role's.</returns>
    /// <exception cref="LocalPostgresUnavailableException">Neither source is given and the private cluster cannot be started.</exception>
    public static Task<string> ResolveAsync(string? explicitConnection, Action<string>? report = null, CancellationToken ct = default) =>
        ResolveAsync(explicitConnection, Environment.GetEnvironmentVariable, new LocalPostgresSettings(), report, ct);

    /// <summary>Same as the public overload, with the environment and the private cluster's settings injectable (tests).</summary>
    internal static async Task<string> ResolveAsync(
        string? explicitConnection,
        Func<string, string?> getEnvironmentVariable,
        LocalPostgresSettings localSettings,
        Action<string>? report,
        CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(explicitConnection))
        {
            report?.Invoke(HostingText.Format("connection.explicit", Mask(explicitConnection)));
            return explicitConnection;
        }

        var fromEnvironment = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            report?.Invoke(HostingText.Format("connection.environment", EnvironmentVariable, Mask(fromEnvironment)));
            return fromEnvironment;
        }

        var cluster = await LocalPostgres.EnsureStartedAsync(localSettings, report, ct).ConfigureAwait(false);
        return cluster.ApplicationConnectionString;
    }

    /// <summary>The connection string with any password replaced by <c>***</c>, safe to print.</summary>
    /// <param name="connectionString">An Npgsql connection string (or anything else; unparsable text is masked by pattern).</param>
    /// <returns>The masked connection string.</returns>
    public static string Mask(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (builder.Password is not null)
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            var masked = PasswordPattern().Replace(connectionString, "${key}=***");
            return UriPasswordPattern().Replace(masked, "${prefix}***@");
        }
    }

    [GeneratedRegex(@"(?<key>password|pwd|psw)\s*=\s*(""[^""]*""|'[^']*'|[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PasswordPattern();

    /// <summary>The password of a URI such as <c>postgresql://user:secret@host/db</c>.</summary>
    [GeneratedRegex(@"(?<prefix>://[^:/@\s]*:)[^@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UriPasswordPattern();
}
