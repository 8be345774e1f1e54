namespace Outreach.Localities;

/// <summary>
/// A command that names a locality on a date. The write path refuses it, recording nothing, when the code is unknown or
/// the locality was not in force that day.
/// </summary>
public interface ILocalityReference
{
    /// <summary>The locality's code.</summary>
    string LocalityCode { get; }

    /// <summary>The day the locality must be in force.</summary>
    DateOnly On { get; }
}
