namespace Outreach.Hosting;

/// <summary>Where the hosts connect (ADR 17).</summary>
/// <param name="Application">The application's connection: reads, appends events, maintains read models.</param>
/// <param name="Admin">The schema owner's connection for schema changes and grants, or null when one role does both.</param>
/// <param name="CreateApplicationRole">True for the private cluster, where the hosts create the application role themselves.</param>
public sealed record OutreachDatabase(string Application, string? Admin, bool CreateApplicationRole);
