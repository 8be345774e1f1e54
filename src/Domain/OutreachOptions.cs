using Outreach.Deadlines;
using Outreach.Localities;

namespace Outreach;

/// <summary>Settings of the Outreach library that a deployment may change.</summary>
public sealed class OutreachOptions
{
    /// <summary>The working-day calendar used to count deadlines; defaults to the shipped Vietnamese calendar.</summary>
    public WorkingCalendar Calendar { get; set; } = WorkingCalendar.Vietnam;

    /// <summary>
    /// The legal periods (rule sets by date of acceptance); defaults to the rulebook shipped with the library. The write
    /// path, the views and the auditor's report all use this one, with <see cref="Calendar"/>.
    /// </summary>
    public Rulebook Rulebook { get; set; } = Rulebook.Default;

    /// <summary>The effective-dated catalogue of communes/wards and hamlets; defaults to Cao Lãnh's catalogue shipped with the library.</summary>
    public LocalityCatalogue Localities { get; set; } = LocalityCatalogue.CaoLanh;

    /// <summary>Days a unit head has to respond to an escalation that does not set its own date (default 7).</summary>
    public int UnitHeadResponseDays { get; set; } = Difficulties.EscalationPolicy.UnitHeadDays;

    /// <summary>Days the city level has to respond to an escalation that does not set its own date (default 15).</summary>
    public int CityResponseDays { get; set; } = Difficulties.EscalationPolicy.CityDays;

    /// <summary>
    /// The folder of the deployment's keys: citizens' per-person keys (under <c>persons</c>), clearances and the trusted
    /// checkpoint keys. Default: <c>outreach/keys</c> in the user's local application data
    /// (<c>~/.local/share/outreach/keys</c> on Linux). Hosts set it from their configuration; the library reads no
    /// environment variable and never picks a system folder by itself.
    /// </summary>
    public string KeyFolder { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "outreach", "keys");

    /// <summary>
    /// Where citizens' per-person keys live (ADR 18). Default: files under <c>persons</c> in <see cref="KeyFolder"/>.
    /// Plug a key vault in by implementing <see cref="PersonalData.IPersonKeyStore"/>.
    /// </summary>
    public PersonalData.IPersonKeyStore PersonKeys
    {
        get => _personKeys ??= new PersonalData.FilePersonKeyStore(Path.Combine(KeyFolder, "persons"));
        set => _personKeys = value;
    }

    private PersonalData.IPersonKeyStore? _personKeys;

    /// <summary>The PostgreSQL schema holding Outreach's tables (default <c>outreach</c>): lower-case letters, digits and underscores.</summary>
    public string SchemaName { get; set; } = "outreach";

    /// <summary>
    /// The application's connection string: the role that reads and appends. Required by
    /// <c>services.AddOutreach(configuration)</c> (<c>Outreach:ConnectionString</c>, or <c>ConnectionStrings:Outreach</c>).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The schema owner's connection string (optional; <c>Outreach:OwnerConnectionString</c> or
    /// <c>ConnectionStrings:OutreachOwner</c>). With it, schema changes and grants run as the owner and the application
    /// role only reads and appends (ADR 19); without it, the application role manages the schema itself (development).
    /// </summary>
    public string? OwnerConnectionString { get; set; }

    /// <summary>
    /// A streaming standby of the database, as the application role (optional; <c>Outreach:ReplicaConnectionString</c>,
    /// ADR 37). The dashboards' tallies and lists (<see cref="DashboardReads"/>) are read there, so that their load stays
    /// off the primary; writes, a case's page and the audit report always read the primary, which has one's own writes
    /// and the latest chain head. Without it the dashboards read the primary.
    /// </summary>
    public string? ReplicaConnectionString { get; set; }

    /// <summary>Whether the schema is brought up to date when the host starts (default true). Turn it off when a deployment step does it.</summary>
    public bool PrepareSchemaOnStart { get; set; } = true;

    /// <summary>
    /// How a host registered with <c>services.AddOutreach(configuration)</c> takes part in keeping the asynchronous views
    /// (ADR 25, ADR 29): the <c>Outreach:Projections</c> section.
    /// </summary>
    public OutreachProjectionOptions Projections { get; set; } = new();

    /// <summary>A locality catalogue file (JSON, see <c>docs/programme.md</c>) replacing the shipped one; read at start.</summary>
    public string? LocalitiesFile { get; set; }

    /// <summary>A working-day calendar file (JSON, see <c>docs/deadlines.md</c>) replacing the shipped one; read at start.</summary>
    public string? CalendarFile { get; set; }

    /// <summary>
    /// How often a host running <see cref="Audit.CheckpointService"/> takes a signed checkpoint (for example
    /// <c>"06:00:00"</c>); none when null. Needs <see cref="CheckpointFolder"/>.
    /// </summary>
    public TimeSpan? CheckpointEvery { get; set; }

    /// <summary>The folder checkpoint files are written to, one file each (copy it off the database server).</summary>
    public string? CheckpointFolder { get; set; }

    /// <summary>The checkpoint signing key (PEM); default <c>checkpoint-signing.pem</c> in <see cref="KeyFolder"/>, created on first use.</summary>
    public string CheckpointSigningKey
    {
        get => _signingKey ?? Path.Combine(KeyFolder, "checkpoint-signing.pem");
        set => _signingKey = value;
    }

    private string? _signingKey;

    /// <summary>Problems met while reading <see cref="LocalitiesFile"/> or <see cref="CalendarFile"/>, reported by validation.</summary>
    internal List<string> LoadProblems { get; } = [];

    /// <summary>Whether <paramref name="name"/> may be used as the schema name.</summary>
    public static bool IsValidSchemaName(string? name)
        => name is not null && System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]{0,62}\\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>Reads <see cref="LocalitiesFile"/> and <see cref="CalendarFile"/> into <see cref="Localities"/> and <see cref="Calendar"/>.</summary>
    public void LoadFiles()
    {
        LoadProblems.Clear();
        if (!string.IsNullOrWhiteSpace(LocalitiesFile))
        {
            Load(LocalitiesFile, "options.localities-file", stream => Localities = LocalityCatalogue.FromJson(stream));
        }

        if (!string.IsNullOrWhiteSpace(CalendarFile))
        {
            Load(CalendarFile, "options.calendar-file", stream => Calendar = WorkingCalendar.FromJson(stream));
        }
    }

    private void Load(string path, string code, Action<Stream> read)
    {
        try
        {
            using var stream = File.OpenRead(path);
            read(stream);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OutreachException or System.Text.Json.JsonException or ArgumentException)
        {
            LoadProblems.Add(OutreachText.Format(code, null, path, ex is FileNotFoundException or DirectoryNotFoundException ? OutreachText.Get("options.file-missing") : ex is OutreachException failure ? failure.MessageIn(System.Globalization.CultureInfo.CurrentUICulture) : SystemReason.Of(ex).ToString()));
        }
    }
}
