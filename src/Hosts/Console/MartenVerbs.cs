using System.CommandLine;
using JasperFx;
using Microsoft.Extensions.Hosting;
using Outreach.Hosting;

namespace Outreach.Console;

/// <summary>Marten's standard database and projection verbs, run through JasperFx on a host configured with AddOutreach.</summary>
internal static class MartenVerbs
{
    private static readonly Dictionary<string, string> Verbs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["db-apply"] = Cli.Say("Tạo hoặc cập nhật lược đồ cơ sở dữ liệu (Marten).", "Create or update the database schema (Marten)."),
        ["db-assert"] = Cli.Say("Kiểm tra lược đồ cơ sở dữ liệu có khớp với cấu hình không (Marten).", "Check that the database schema matches the configuration (Marten)."),
        ["db-patch"] = Cli.Say("Xuất câu lệnh SQL để cập nhật lược đồ (Marten).", "Write the SQL that would bring the schema up to date (Marten)."),
        ["db-dump"] = Cli.Say("Xuất câu lệnh SQL của toàn bộ lược đồ (Marten).", "Write the SQL of the whole schema (Marten)."),
        ["projections"] = Cli.Say("Liệt kê hoặc dựng lại các bản chiếu (projection), ví dụ 'projections rebuild' (Marten).", "List or rebuild projections, e.g. 'projections rebuild' (Marten)."),
        ["describe"] = Cli.Say("Mô tả cấu hình Marten.", "Describe the Marten configuration."),
    };

    public static bool Handles(string[] args) => args.Length > 0 && Verbs.ContainsKey(args[0]);

    public static async Task<int> RunAsync(string[] args)
    {
        var rest = new List<string>();
        string? connection = null;
        string? schema = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--connection" && i + 1 < args.Length)
            {
                connection = args[++i];
            }
            else if (args[i] == "--schema" && i + 1 < args.Length)
            {
                schema = args[++i];
            }
            else if (args[i] == "--culture" && i + 1 < args.Length)
            {
                // The console's language (Cli.HelpCulture, read from the raw arguments); not one of Marten's options.
                i++;
            }
            else if (args[i].StartsWith("--culture=", StringComparison.Ordinal))
            {
                continue;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        try
        {
            // Schema changes run as the schema's owner (ADR 17).
            var database = await OutreachConnection.ResolveDatabaseAsync(connection, Cli.Info);
            var resolved = database.Admin ?? database.Application;
            var schemaName = Cli.CheckSchema(schema) ?? Cli.Outreach.SchemaName;
            if (rest.Count > 0 && ChangesSchema(rest[0]) && !await Audit.AppendOnlyRoles.CanChangeSchemaAsync(resolved, schemaName))
            {
                var role = OutreachConnection.UserOf(resolved);
                Cli.Error(Cli.Say(
                    $"{rest[0]} thay đổi lược đồ \"{schemaName}\", mà vai trò cơ sở dữ liệu {role} không được làm: vai trò này không sở hữu lược đồ. "
                    + "Hãy chạy với kết nối của chủ sở hữu (--connection, hoặc OUTREACH_ADMIN_CONNECTION bên cạnh OUTREACH_CONNECTION của ứng dụng).",
                    $"{rest[0]} changes the schema \"{schemaName}\", and the database role {role} may not: it is not the schema's owner. "
                    + "Run it with the owner's connection (--connection, or OUTREACH_ADMIN_CONNECTION beside the application's OUTREACH_CONNECTION)."));
                return Cli.NotPermitted;
            }

            // The one composition path (AddOutreach), with the hosts' settings (locality catalogue, calendar, key folder);
            // Marten's verbs work as the schema's owner, and the schema is not prepared behind their back.
            var builder = Host.CreateDefaultBuilder()
                .ConfigureAppConfiguration(configuration => configuration.AddOutreachSources())
                .ConfigureServices((context, services) => services.AddOutreach(context.Configuration, outreach =>
                {
                    outreach.ConnectionString = resolved;
                    outreach.OwnerConnectionString = null;
                    outreach.SchemaName = schemaName;
                    outreach.PrepareSchemaOnStart = false;
                }));
            return await builder.RunJasperFxCommands([.. rest]);
        }
        catch (Exception ex) when (Cli.Describe(ex) is { } failure)
        {
            Cli.Error(failure.Message);
            return failure.Exit;
        }
    }

    private static bool ChangesSchema(string verb) => verb == "db-apply";

    /// <summary>Placeholder commands so that Marten's verbs show in 'outreach --help'; they are dispatched before parsing.</summary>
    public static IEnumerable<Command> Describe() => Verbs.Select(v => new Command(v.Key, v.Value) { TreatUnmatchedTokensAsErrors = false });
}
