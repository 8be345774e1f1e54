using Outreach.Console;

// The help language first of all: every command and option below is described in it.
Cli.UseHelpCulture(args);
Cli.UseTenant(args);

var root = new System.CommandLine.RootCommand(Cli.Say(
    "outreach — hồ sơ đơn thư của chương trình cán bộ đi cơ sở (kiến nghị phản ánh, khiếu nại, tố cáo) trên PostgreSQL.",
    "outreach — the grassroots outreach programme's case records (petitions, complaints, denunciations) on PostgreSQL."));
Cli.AddGlobalOptions(root);
root.Subcommands.Add(DemoVerb.Build());
root.Subcommands.Add(ApplyVerb.Build());
root.Subcommands.Add(CommandsVerb.Build());
root.Subcommands.Add(CaseVerbs.Build());
root.Subcommands.Add(CasesVerbs.Build());
root.Subcommands.Add(LocalitiesVerbs.Build());
root.Subcommands.Add(ProgrammeVerbs.Build());
root.Subcommands.Add(RotationVerbs.Build());
root.Subcommands.Add(DifficultiesVerbs.Build());
root.Subcommands.Add(AuditVerbs.Build());
root.Subcommands.Add(ClearanceVerbs.Build());
root.Subcommands.Add(ClusterVerbs.Build());
root.Subcommands.Add(TenantVerbs.Build());
foreach (var noun in CommandVerbs.Build())
{
    root.Subcommands.Add(noun);
}

root.Subcommands.Add(ProjectionVerbs.Build());
foreach (var verb in SchemaVerbs.Build())
{
    root.Subcommands.Add(verb);
}

return await Cli.InvokeAsync(root, args.Length == 0 ? ["--help"] : args);
