using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Outreach.Hosting;

/// <summary>
/// One tenant of a multi-province deployment (ADR 37): a province (or any body) whose history lives in a database of its
/// own, with its own schema owner and application role, its own key folder (citizens' keys, the checkpoint signing key,
/// trusted keys) and its own checkpoints. Nothing is shared with another tenant but the code.
/// </summary>
/// <param name="Id">The tenant's code (lower-case letters, digits, hyphens and underscores, e.g. <c>dongthap</c>).</param>
/// <param name="Name">The tenant's name for people (defaults to the code).</param>
/// <param name="Options">The library's settings for this tenant: the deployment's <c>Outreach</c> section overlaid by <c>Outreach:Tenants:{Id}</c>.</param>
/// <param name="DataFolder">The private cluster holding the tenant's database when it names no server (demonstrations, one machine), else null.</param>
public sealed record OutreachTenant(string Id, string Name, OutreachOptions Options, string? DataFolder)
{
    /// <summary>
    /// Makes <paramref name="target"/> this tenant's settings: every setting of <see cref="Options"/> is copied onto it,
    /// its database included (null when the tenant's private cluster is still to be resolved by
    /// <see cref="OutreachTenants.ResolveDatabaseAsync"/>). A host serving one tenant applies it after its own binding.
    /// </summary>
    public void ApplyTo(OutreachOptions target)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var property in typeof(OutreachOptions).GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property is { CanRead: true, CanWrite: true } && property.GetIndexParameters().Length == 0)
            {
                property.SetValue(target, property.GetValue(Options));
            }
        }
    }

    /// <summary>Where the tenant's history lives, for people: the server (password masked) or the private cluster's folder.</summary>
    public string Where => DataFolder ?? (Options.ConnectionString is { } connection ? OutreachConnection.Mask(connection) : "");
}

/// <summary>
/// The tenants of a deployment, read from <c>Outreach:Tenants:{code}:…</c> (ADR 37). Each tenant's settings are the
/// deployment's <c>Outreach</c> settings overlaid by its own section; its database is never inherited: it names a server
/// (<c>ConnectionString</c>, optionally <c>OwnerConnectionString</c>) or, without one, gets a private cluster of its own
/// (<c>DataFolder</c>, by default next to the default cluster under <c>tenants/{code}</c>). Its key folder defaults to
/// <c>{KeyFolder}/tenants/{code}</c> and its checkpoint folder, when the deployment has one, to
/// <c>{CheckpointFolder}/{code}</c>. Two tenants on one database are refused: isolation is a database per tenant.
/// </summary>
public static partial class OutreachTenants
{
    /// <summary>The section under <c>Outreach</c> that lists the tenants.</summary>
    public const string SectionName = "Tenants";

    /// <summary>The setting of a tenant's private cluster folder (not a library setting: only the hosts start clusters).</summary>
    public const string DataFolderSetting = "DataFolder";

    /// <summary>The setting that makes a host serve one tenant (<c>Outreach:Tenant</c>, e.g. <c>Outreach__Tenant=dongthap</c>).</summary>
    public const string SelectedSetting = "Tenant";

    /// <summary>The tenant chosen by <c>Outreach:Tenant</c>, null when the setting is absent; refused when it names no declared tenant.</summary>
    public static OutreachTenant? Selected(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(OutreachRegistration.SectionName)[SelectedSetting] is { } code && !string.IsNullOrWhiteSpace(code)
            ? Find(configuration, code.Trim())
            : null;
    }

    /// <summary>The setting of a tenant's name for people.</summary>
    public const string NameSetting = "Name";

    /// <summary>Every tenant configured, in code order; empty when the deployment has none. Throws <see cref="TenantSettingsException"/> for a tenant that cannot be used.</summary>
    public static IReadOnlyList<OutreachTenant> Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(OutreachRegistration.SectionName).GetSection(SectionName);
        var tenants = section.GetChildren().OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => Of(configuration, c)).ToList();
        CheckSeparate(tenants);
        return tenants;
    }

    /// <summary>The tenant <paramref name="id"/>; throws <see cref="TenantSettingsException"/> (<c>tenant.unknown</c>, naming the configured ones) when there is none.</summary>
    public static OutreachTenant Find(IConfiguration configuration, string id)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(id);
        var tenants = Read(configuration);
        return tenants.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal))
            ?? throw (tenants.Count == 0
                ? TenantSettingsException.Of("tenant.none", id)
                : TenantSettingsException.Of("tenant.unknown", id, string.Join(", ", tenants.Select(t => t.Id))));
    }

    /// <summary>
    /// The tenant's database: its configured server, or its own private cluster, started or reused (said through
    /// <paramref name="report"/>). The deployment-wide <c>OUTREACH_CONNECTION</c> never applies to a tenant.
    /// </summary>
    public static async Task<OutreachDatabase> ResolveDatabaseAsync(OutreachTenant tenant, Action<string>? report = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (tenant.Options.ConnectionString is { } application)
        {
            report?.Invoke(HostingText.Format("tenant.server", tenant.Id, OutreachConnection.Mask(application)));
            return new OutreachDatabase(application, tenant.Options.OwnerConnectionString);
        }

        report?.Invoke(HostingText.Format("tenant.cluster", tenant.Id, tenant.DataFolder));
        var cluster = await LocalPostgres.EnsureStartedAsync(new LocalPostgresSettings { DataDirectory = tenant.DataFolder }, report, cancellation).ConfigureAwait(false);
        return new OutreachDatabase(cluster.ApplicationConnectionString, cluster.OwnerConnectionString) { Cluster = cluster };
    }

    /// <summary>Whether <paramref name="id"/> can name a tenant: 1–40 lower-case letters, digits, hyphens and underscores, starting with a letter.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The private cluster folder a tenant gets when its settings name none: <c>tenants/{id}</c> beside the default cluster's folder.</summary>
    public static string DefaultDataFolder(string id)
        => Path.Combine(Path.GetDirectoryName(LocalPostgres.GetDefaultDataDirectory()) ?? Path.GetTempPath(), "tenants", id);

    private static OutreachTenant Of(IConfiguration configuration, IConfigurationSection section)
    {
        var id = section.Key;
        if (!IsValidId(id))
        {
            throw TenantSettingsException.Of("tenant.id-invalid", id);
        }

        // The tenant's own values are checked under their own names (Outreach:Tenants:{id}:…) before anything is merged.
        if (SettingValues.Problems(section, new OutreachOptions()) is { Count: > 0 } unreadable)
        {
            throw TenantSettingsException.Of("tenant.settings-invalid", id, string.Join(" ", unreadable));
        }

        // The deployment's settings first, then the tenant's own; the database and folders are the tenant's alone.
        var merged = new ConfigurationBuilder()
            .AddInMemoryCollection(Flatten(configuration.GetSection(OutreachRegistration.SectionName), [SectionName]))
            .AddInMemoryCollection(Flatten(section, [nameof(OutreachOptions.ConnectionString), nameof(OutreachOptions.OwnerConnectionString), nameof(OutreachOptions.ReplicaConnectionString), DataFolderSetting, NameSetting], OutreachRegistration.SectionName))
            .Build();
        OutreachOptions options;
        try
        {
            options = OutreachConfiguration.Options(merged);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException invalid)
        {
            throw TenantSettingsException.Of(invalid, "tenant.settings-invalid", id, string.Join(" ", invalid.Failures));
        }

        options.ConnectionString = Setting(section, nameof(OutreachOptions.ConnectionString));
        options.OwnerConnectionString = Setting(section, nameof(OutreachOptions.OwnerConnectionString));
        // A standby is the tenant's own too: the deployment's never applies to a tenant.
        options.ReplicaConnectionString = Setting(section, nameof(OutreachOptions.ReplicaConnectionString));
        var dataFolder = Setting(section, DataFolderSetting);
        if (options.ConnectionString is not null && dataFolder is not null)
        {
            throw TenantSettingsException.Of("tenant.server-and-folder", id);
        }

        if (options.OwnerConnectionString is not null && options.ConnectionString is null)
        {
            throw TenantSettingsException.Of("tenant.owner-without-server", id);
        }

        if (options.ConnectionString is not null && OutreachOptionsValidator.ConnectionProblem(options.ConnectionString) is { } problem)
        {
            throw TenantSettingsException.Of("tenant.connection-invalid", id, problem);
        }

        if (options.ReplicaConnectionString is not null && OutreachOptionsValidator.ConnectionProblem(options.ReplicaConnectionString) is { } replicaProblem)
        {
            throw TenantSettingsException.Of("tenant.replica-invalid", id, replicaProblem);
        }

        if (dataFolder is not null && !Path.IsPathRooted(dataFolder))
        {
            throw TenantSettingsException.Of("tenant.folder-relative", id, dataFolder);
        }

        if (options.ConnectionString is null)
        {
            dataFolder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(dataFolder ?? DefaultDataFolder(id)));
        }

        options.KeyFolder = Setting(section, nameof(OutreachOptions.KeyFolder)) ?? Path.Combine(options.KeyFolder, "tenants", id);
        if (Setting(section, nameof(OutreachOptions.CheckpointFolder)) is null && options.CheckpointFolder is { } shared)
        {
            options.CheckpointFolder = Path.Combine(shared, id);
        }

        return new OutreachTenant(id, Setting(section, NameSetting) ?? id, options, dataFolder);
    }

    /// <summary>Refuses two tenants on one database (the same private cluster, or the same server, port and database), a tenant's standby included.</summary>
    private static void CheckSeparate(IReadOnlyList<OutreachTenant> tenants)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tenant in tenants)
        {
            // A tenant's standby counts as its database too: one aimed at another tenant's server would show that
            // tenant's history on this one's dashboards.
            var places = new List<(string Place, string Where)>
            {
                (tenant.Options.ConnectionString is { } connection ? DatabaseOf(connection) : "folder:" + tenant.DataFolder, tenant.Where),
            };
            if (tenant.Options.ReplicaConnectionString is { } replica)
            {
                places.Add((DatabaseOf(replica), OutreachConnection.Mask(replica)));
            }

            foreach (var (place, where) in places)
            {
                if (seen.TryGetValue(place, out var other))
                {
                    throw TenantSettingsException.Of("tenant.shared-database", other, tenant.Id, where);
                }
            }

            foreach (var (place, _) in places)
            {
                seen[place] = tenant.Id;
            }
        }
    }

    private static string DatabaseOf(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var host = (builder.Host ?? "localhost").ToLowerInvariant();
        return string.Create(CultureInfo.InvariantCulture, $"server:{host}:{builder.Port}/{builder.Database ?? builder.Username}");
    }

    private static string? Setting(IConfigurationSection section, string key)
        => section[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The values of <paramref name="section"/> as keys under <paramref name="prefix"/> (default: the section's own path), leaving out the children named in <paramref name="skip"/>.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> Flatten(IConfigurationSection section, string[] skip, string? prefix = null)
    {
        var root = prefix ?? section.Path;
        foreach (var pair in section.AsEnumerable(makePathsRelative: true))
        {
            if (pair.Value is null || skip.Any(s => string.Equals(pair.Key, s, StringComparison.OrdinalIgnoreCase) || pair.Key.StartsWith(s + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            yield return new(ConfigurationPath.Combine(root, pair.Key), pair.Value);
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

/// <summary>A tenant's settings cannot be used, or the tenant asked for is not configured: a stable code and a sentence in the reader's language.</summary>
public sealed class TenantSettingsException : Exception, IOutreachFailure
{
    private readonly object?[] _arguments;

    /// <summary>Creates the exception with the generic sentence.</summary>
    public TenantSettingsException()
        : this("tenant.settings-invalid", ["", ""], null)
    {
    }

    /// <summary>Creates the exception with a ready-made message.</summary>
    public TenantSettingsException(string message)
        : base(message)
    {
        Code = "tenant.settings-invalid";
        _arguments = [];
    }

    /// <summary>Creates the exception with a ready-made message and its cause.</summary>
    public TenantSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "tenant.settings-invalid";
        _arguments = [];
    }

    private TenantSettingsException(string code, object?[] arguments, Exception? inner)
        : base(HostingText.Format(code, arguments), inner)
    {
        Code = code;
        _arguments = arguments;
    }

    /// <summary>The stable code (<c>tenant.unknown</c>, <c>tenant.shared-database</c>, …), a key of <c>Resources/Hosting.resx</c>.</summary>
    public string Code { get; }

    /// <summary>The failure <paramref name="code"/> with its sentence's <paramref name="arguments"/>.</summary>
    public static TenantSettingsException Of(string code, params object?[] arguments) => new(code, arguments, null);

    /// <summary>The failure <paramref name="code"/> caused by <paramref name="inner"/>.</summary>
    public static TenantSettingsException Of(Exception inner, string code, params object?[] arguments) => new(code, arguments, inner);

    /// <inheritdoc />
    public string MessageIn(CultureInfo culture) => _arguments.Length == 0 && Code == "tenant.settings-invalid" ? Message : HostingText.FormatIn(culture, Code, _arguments);
}
