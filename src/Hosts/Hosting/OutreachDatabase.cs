namespace Outreach.Hosting;

/// <summary>Where the hosts connect (ADR 17).</summary>
/// <param name="Application">The application's connection: reads, appends events, maintains read models.</param>
/// <param name="Admin">The schema owner's connection for schema changes and grants, or null when one role does both.</param>
public sealed record OutreachDatabase(string Application, string? Admin)
{
    /// <summary>The private cluster behind these connections, or <see langword="null"/> for a configured server.</summary>
    public LocalPostgresCluster? Cluster { get; init; }
}
