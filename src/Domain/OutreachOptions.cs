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

    /// <summary>The PostgreSQL schema used by <c>AddOutreach(connectionString)</c>; ignored by the <c>StoreOptions</c> overload.</summary>
    public string SchemaName { get; set; } = "outreach";
}
