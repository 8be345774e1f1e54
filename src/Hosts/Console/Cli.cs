using System.CommandLine;
using FluentValidation;
using Marten;
using Npgsql;
using Outreach.Hosting;
using Spectre.Console;

namespace Outreach.Console;

/// <summary>Options shared by every verb, store opening, and the mapping from failures to messages and exit codes.</summary>
internal static class Cli
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int BadInput = 2;
    public const int Unavailable = 3;
    public const int Tampered = 4;
    public const int LoginRefused = 5;
    public const int NotPermitted = 6;
    public const int NotPrepared = 7;
    public const int Conflict = 8;
    public const int InternalError = 70;

    public static readonly Option<string?> Connection = new("--connection")
    {
        Description = "PostgreSQL connection string. Default: env OUTREACH_CONNECTION, else a private local cluster started on demand.",
        Recursive = true,
    };

    public static readonly Option<string?> Schema = new("--schema")
    {
        Description = "PostgreSQL schema holding Outreach's tables. Default: env OUTREACH_SCHEMA, else outreach.",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json") { Description = "Write JSON for machines instead of tables.", Recursive = true };

    public static readonly Option<string> Culture = new("--culture")
    {
        Description = "Language of tables and texts: vi (default) or en.",
        Recursive = true,
        DefaultValueFactory = _ => "vi",
    };

    public static void AddGlobalOptions(RootCommand root)
    {
        root.Options.Add(Connection);
        root.Options.Add(Schema);
        root.Options.Add(Json);
        root.Options.Add(Culture);
    }

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                Error(error.Message);
            }

            var command = parse.CommandResult.Command;
            Error($"Run 'outreach {(command == root ? "" : FullName(command) + " ")}--help' to see the usage.");
            return BadInput;
        }

        return await parse.InvokeAsync();
    }

    public static CaseText Text(ParseResult parse) => CaseText.For(parse.GetValue(Culture) ?? "vi");

    /// <summary>
    /// The deployment's Outreach settings: the shipped locality catalogue, or the one in the file named by
    /// OUTREACH_LOCALITIES (read once; a broken file stops the tool with the reason).
    /// </summary>
    public static OutreachOptions Outreach => LazyOptions.Value;

    private static readonly Lazy<OutreachOptions> LazyOptions = new(() =>
    {
        var options = new OutreachOptions { KeyFolder = KeyFolder.Folder() };
        if (Environment.GetEnvironmentVariable("OUTREACH_LOCALITIES") is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new ArgumentException($"OUTREACH_LOCALITIES names \"{path}\", which does not exist. Give the path of a locality catalogue (see docs/programme.md) or unset it.");
            }

            using var file = File.OpenRead(path);
            options.Localities = Localities.LocalityCatalogue.FromJson(file);
        }

        return options;
    });

    /// <summary>
    /// Prepares the schema as its owner, then opens the store as the application role (or, with <paramref name="asOwner"/>,
    /// as the owner: for the few verbs that are the owner's, such as chain adoption).
    /// </summary>
    public static async Task<DocumentStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellation, bool asOwner = false)
    {
        var database = await OutreachConnection.ResolveDatabaseAsync(parse.GetValue(Connection), Info, cancellation);
        var options = Outreach;
        options.SchemaName = CheckSchema(parse.GetValue(Schema) ?? Environment.GetEnvironmentVariable("OUTREACH_SCHEMA")) ?? options.SchemaName;
        var role = OutreachConnection.UserOf(database.Application);
        if (database.Admin is null && !await Audit.AppendOnlyRoles.CanChangeSchemaAsync(database.Application, options.SchemaName, cancellation))
        {
            // Schema changes never run as the application role: it works on the schema as its owner prepared it.
            Info($"Working as database role {role}, which may not change the schema \"{options.SchemaName}\": using it as its owner prepared it (to prepare or upgrade it, set OUTREACH_ADMIN_CONNECTION to the owner's connection).");
        }
        else
        {
            await Audit.AppendOnlyRoles.PrepareSchemaAsync(database.Admin ?? database.Application, role, options.SchemaName, options, cancellation: cancellation);
        }

        if (database.Admin is { } admin)
        {
            Info($"Working as database role {role}: it reads and appends, and cannot change or delete recorded events (schema changes ran as {OutreachConnection.UserOf(admin)}).");
        }

        return DocumentStore.For(opts =>
        {
            opts.Connection(asOwner ? database.Admin ?? database.Application : database.Application);
            opts.DatabaseSchemaName = options.SchemaName;
            opts.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
            opts.AddOutreach(options);
        });
    }

    /// <summary>Returns a valid schema name, null when none is given; throws with the rule for an invalid one.</summary>
    public static string? CheckSchema(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            return null;
        }

        return System.Text.RegularExpressions.Regex.IsMatch(schema, "^[a-z_][a-z0-9_]{0,62}\\z")
            ? schema
            : throw new ArgumentException($"Schema name \"{schema}\" is not allowed: use lower-case letters, digits and underscores, starting with a letter (at most 63 characters).");
    }

    /// <summary>Runs a verb's body, turning every expected failure into a clear message and an exit code.</summary>
    public static async Task<int> Guard(ParseResult parse, Func<Task<int>> body)
    {
        try
        {
            var culture = Text(parse).Culture;
            System.Globalization.CultureInfo.CurrentUICulture = culture;
            return await body();
        }
        catch (Exception ex) when (Describe(ex) is { } failure)
        {
            Error(failure.Message);
            return failure.Code;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never a stack trace for a user: the type and message, and where to report it.
            Error($"{ex.GetType().Name}: {ex.Message} (an unexpected failure; nothing more was recorded. Please report it with the command you ran.)");
            return InternalError;
        }
    }

    public static (string Message, int Code)? Describe(Exception ex) => ex switch
    {
        CommandInputException or ArgumentException or FormatException or Localities.CatalogueFormatException => (ex.Message, BadInput),
        ValidationException => (ex.Message, BadInput),
        ConflictException => (ex.Message, Conflict),
        DomainRuleException or StreamNotFoundException or Rotation.RotationInfeasibleException => (ex.Message, Refused),
        LocalPostgresUnavailableException => (ex.Message, Unavailable),
        Audit.CheckpointFileException => (ex.Message, BadInput),
        Audit.HistoryTamperedException => (ex.Message, Tampered),
        PersonalData.PersonErasedException => (ex.Message, Refused),
        UnauthorizedAccessException => (ex.Message, BadInput),
        IOException => ($"{ex.Message.TrimEnd('.')}. Check the path, and that this user may read or write there.", BadInput),
        _ when ex.InnerException is { } inner && Describe(inner) is { } innerFailure => innerFailure,
        _ when StorageFailure.From(ex) is { } storage => (storage.Message(), ExitCodeOf(storage.Kind)),
        _ => null,
    };

    /// <summary>The console's exit code for each kind of storage failure (README, "Exit codes").</summary>
    public static int ExitCodeOf(StorageFailureKind kind) => kind switch
    {
        StorageFailureKind.Authentication => LoginRefused,
        StorageFailureKind.Privilege => NotPermitted,
        StorageFailureKind.MissingDatabase => NotPrepared,
        StorageFailureKind.BadData => BadInput,
        StorageFailureKind.Duplicate or StorageFailureKind.Conflict => Conflict,
        _ => Unavailable,
    };

    /// <summary>Whether a failure stops a whole batch (the database cannot be used) rather than one line of it.</summary>
    public static bool StopsTheBatch(int code) => code is Unavailable or LoginRefused or NotPermitted or NotPrepared or Tampered;

    public static void Info(string message) => System.Console.Error.WriteLine(TextRules.Printable(message));

    public static void Error(string message) => System.Console.Error.WriteLine("error: " + TextRules.Printable(message));

    /// <summary>A plain line on standard output, with recorded or echoed text made safe for the terminal.</summary>
    public static void Line(string text) => System.Console.Out.WriteLine(TextRules.Printable(text));

    public static void WriteJson<T>(T value)
        => System.Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, JsonOutput.Options));

    public static IAnsiConsole Out { get; } = new SafeConsole(CreateOut());

    private static IAnsiConsole CreateOut()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(System.Console.Out),
            Ansi = System.Console.IsOutputRedirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = System.Console.IsOutputRedirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (System.Console.IsOutputRedirected)
        {
            // Files and pipes have no width; give tables room instead of Spectre's 80-column fallback.
            console.Profile.Width = 140;
        }

        return console;
    }

    private static string FullName(Command command)
    {
        var names = new List<string>();
        for (var c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return string.Join(' ', names);
    }
}
