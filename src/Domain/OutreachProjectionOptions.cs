namespace Outreach;

/// <summary>
/// Whether a host runs Marten's async daemon for the asynchronous views (ADR 25). Bound from <c>Outreach:Projections</c>
/// by <c>services.AddOutreach(configuration)</c>; read when the store is built, so a change needs a restart.
/// </summary>
public sealed class OutreachProjectionOptions
{
    /// <summary>
    /// True (the default): the host runs the daemon in HotCold mode, so that with several instances on one database each
    /// view's shard runs on exactly one of them (an advisory lock per shard). False: the host runs no daemon and leaves the
    /// views to other instances, for example a read-only replica or a reporting instance (<c>Outreach:Projections:RunDaemon=false</c>).
    /// Its readiness check still measures how far the views lag, from the progress table every instance shares.
    /// </summary>
    public bool RunDaemon { get; set; } = true;
}
