using System.CommandLine;
using Marten;
using Microsoft.Extensions.Configuration;
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
    public const int InternalError = 70;

    /// <summary>
    /// The language of the help texts ("vi" or "en"), decided once from the raw arguments before the command tree is built:
    /// "en" when they hold <c>--culture en</c> (or <c>--culture=en</c>), otherwise "vi". Program sets it first of all
    /// (<see cref="UseHelpCulture"/>); until then it is read from the process's own command line.
    /// </summary>
    public static string HelpCulture { get; private set; } = HelpCultureOf(Environment.GetCommandLineArgs());

    /// <summary>Decides <see cref="HelpCulture"/> from the arguments; call it before any command or option is created.</summary>
    public static void UseHelpCulture(string[] args) => HelpCulture = HelpCultureOf(args);

    /// <summary>"en" when <paramref name="args"/> ask for English (<c>--culture en</c>, <c>--culture=en-GB</c>, …), otherwise "vi".</summary>
    public static string HelpCultureOf(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var chosen = LastValueOf(args, "--culture");
        return chosen is not null && chosen.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "vi";
    }

    /// <summary>The value of the last <c>NAME VALUE</c>, <c>NAME=VALUE</c> or <c>NAME:VALUE</c> in <paramref name="args"/>, null when absent.</summary>
    private static string? LastValueOf(IReadOnlyList<string> args, string name)
    {
        string? chosen = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name && i + 1 < args.Count)
            {
                chosen = args[++i];
            }
            else if (args[i].StartsWith(name + "=", StringComparison.Ordinal) || args[i].StartsWith(name + ":", StringComparison.Ordinal))
            {
                chosen = args[i][(name.Length + 1)..];
            }
        }

        return chosen;
    }

    /// <summary>The help text in the language of <see cref="HelpCulture"/>.</summary>
    public static string Say(string vi, string en) => HelpCulture == "en" ? en : vi;

    // The shared options are created on first use, after Program has decided the help language.
    private static Option<string?>? _connection;
    private static Option<string?>? _schema;
    private static Option<bool>? _json;
    private static Option<string>? _culture;
    private static Option<string?>? _tenant;

    public static Option<string?> Connection => _connection ??= new("--connection")
    {
        Description = Say(
            "Chuỗi kết nối PostgreSQL. Mặc định: biến môi trường OUTREACH_CONNECTION, nếu không có thì một cụm PostgreSQL riêng trên máy, tự khởi động khi cần.",
            "PostgreSQL connection string. Default: env OUTREACH_CONNECTION, else a private local cluster started on demand."),
        Recursive = true,
    };

    public static Option<string?> Schema => _schema ??= new("--schema")
    {
        Description = Say(
            "Lược đồ PostgreSQL chứa các bảng của Outreach. Mặc định: biến môi trường OUTREACH_SCHEMA, nếu không có thì outreach.",
            "PostgreSQL schema holding Outreach's tables. Default: env OUTREACH_SCHEMA, else outreach."),
        Recursive = true,
    };

    public static Option<bool> Json => _json ??= new("--json")
    {
        Description = Say("Xuất JSON cho máy đọc thay vì bảng.", "Write JSON for machines instead of tables."),
        Recursive = true,
    };

    public static Option<string> Culture => _culture ??= new("--culture")
    {
        Description = Say("Ngôn ngữ của bảng và văn bản: vi (mặc định) hoặc en.", "Language of tables and texts: vi (default) or en."),
        Recursive = true,
        DefaultValueFactory = _ => "vi",
    };

    public static Option<string?> Tenant => _tenant ??= new("--tenant")
    {
        Description = Say(
            "Mã đơn vị sử dụng (tỉnh) khi một hệ thống phục vụ nhiều đơn vị, mỗi đơn vị một cơ sở dữ liệu riêng (Outreach:Tenants:<mã>, xem docs/tenancy.md).",
            "Tenant code (a province) when one deployment serves several, each with a database of its own (Outreach:Tenants:<code>, see docs/tenancy.md)."),
        Recursive = true,
    };

    /// <summary>
    /// The tenant this run works for (<c>--tenant</c>), decided once from the raw arguments like <see cref="HelpCulture"/>,
    /// because the settings (<see cref="Outreach"/>) are read before a verb runs; null for the deployment's own database.
    /// </summary>
    public static string? TenantId { get; private set; } = TenantOf(Environment.GetCommandLineArgs());

    /// <summary>Decides <see cref="TenantId"/> from the arguments.</summary>
    public static void UseTenant(string[] args) => TenantId = TenantOf(args);

    /// <summary>The value of <c>--tenant</c> (or <c>--tenant=…</c>) in <paramref name="args"/>, null when absent.</summary>
    public static string? TenantOf(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return LastValueOf(args, "--tenant") is { } chosen && !string.IsNullOrWhiteSpace(chosen) ? chosen.Trim() : null;
    }

    /// <summary>The tenant of this run (<see cref="TenantId"/>) with its settings; null without <c>--tenant</c>.</summary>
    public static OutreachTenant? CurrentTenant => LazyTenant.Value;

    private static readonly Lazy<IConfiguration> LazyConfiguration = new(OutreachConfiguration.Build);

    // --tenant wins; without it, the deployment's Outreach:Tenant (as the web host reads it).
    private static readonly Lazy<OutreachTenant?> LazyTenant = new(() => TenantId is { } id ? OutreachTenants.Find(LazyConfiguration.Value, id) : OutreachTenants.Selected(LazyConfiguration.Value));

    /// <summary>The deployment's configuration (the hosts' sources: defaults and the environment).</summary>
    public static IConfiguration Configuration => LazyConfiguration.Value;

    /// <summary>The checkpoint signing key of this run: the tenant's own, in its key folder, or the host's.</summary>
    public static string CheckpointKeyPath()
        => CurrentTenant is { } tenant ? Path.Combine(tenant.Options.KeyFolder, KeyFolder.CheckpointKeyFile) : KeyFolder.CheckpointKeyPath();

    public static void AddGlobalOptions(RootCommand root)
    {
        root.Options.Add(Connection);
        root.Options.Add(Tenant);
        root.Options.Add(Schema);
        root.Options.Add(Json);
        root.Options.Add(Culture);
        foreach (var option in root.Options)
        {
            option.Description = option switch
            {
                System.CommandLine.Help.HelpOption => Say("Xem hướng dẫn và cách dùng", "Show help and usage information"),
                VersionOption => Say("Xem phiên bản", "Show version information"),
                _ => option.Description,
            };
            if (option is System.CommandLine.Help.HelpOption help)
            {
                // System.CommandLine's help has English headings and markers only; ours follows the help language.
                help.Action = new HelpPage();
            }
        }
    }

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var t = Text(parse);
            foreach (var error in parse.Errors)
            {
                Error(t.Culture.TwoLetterISOLanguageName == "vi" ? ParseErrorInVietnamese(error.Message) : error.Message);
            }

            var command = parse.CommandResult.Command;
            var help = $"outreach {(command == root ? "" : FullName(command) + " ")}--help";
            Error(t.Pick($"Chạy '{help}' để xem cách dùng.", $"Run '{help}' to see the usage."));
            return BadInput;
        }

        return await parse.InvokeAsync();
    }

    private static string TypeInVietnamese(string value) => value switch
    {
        _ when value.Contains("System.Int", StringComparison.Ordinal) => "số nguyên",
        _ when value.Contains("System.Decimal", StringComparison.Ordinal) || value.Contains("System.Double", StringComparison.Ordinal) => "số",
        _ when value.Contains("System.DateOnly", StringComparison.Ordinal) => "ngày (yyyy-MM-dd)",
        _ when value.Contains("System.Boolean", StringComparison.Ordinal) => "true hoặc false",
        _ => value,
    };

    /// <summary>System.CommandLine's own parse errors (English only) in Vietnamese, by their known shapes.</summary>
    private static string ParseErrorInVietnamese(string message)
    {
        (string Pattern, string Vietnamese)[] known =
        [
            (@"^Unrecognized command or argument '(.*)'\.$", "Không nhận ra lệnh hoặc đối số '{0}'."),
            (@"^Required argument missing for command: '(.*)'\.$", "Thiếu đối số bắt buộc của lệnh '{0}'."),
            (@"^Option '(.*)' is required\.$", "Cần có tùy chọn '{0}'."),
            (@"^Cannot parse argument '(.*)' for option '(.*)' as expected type '(.*)'\.$", "Không đọc được giá trị '{0}' của tùy chọn '{1}' (cần kiểu {2})."),
            (@"^Cannot parse argument '(.*)' for command '(.*)' as expected type '(.*)'\.$", "Không đọc được giá trị '{0}' của lệnh '{1}' (cần kiểu {2})."),
            (@"^Required command was not provided\.$", "Chưa cho biết lệnh con nào."),
            (@"^Option '(.*)' expects a single argument but (\d+) were provided\.$", "Tùy chọn '{0}' chỉ nhận một giá trị nhưng có {1}."),
            (@"^Argument '(.*)' not recognized\. Must be one of:(.*)$", "Giá trị '{0}' không hợp lệ. Phải là một trong:{1}"),
        ];
        foreach (var (pattern, vietnamese) in known)
        {
            var match = System.Text.RegularExpressions.Regex.Match(message, pattern, System.Text.RegularExpressions.RegexOptions.Singleline);
            if (match.Success)
            {
                return string.Format(System.Globalization.CultureInfo.InvariantCulture, vietnamese, [.. match.Groups.Values.Skip(1).Select(g => (object)TypeInVietnamese(g.Value))]);
            }
        }

        return $"Câu lệnh không hợp lệ: {message}";
    }

    public static CaseText Text(ParseResult parse) => CaseText.For(parse.GetValue(Culture) ?? "vi");

    /// <summary>
    /// The deployment's Outreach settings, bound from the hosts' configuration sources (environment variables, see
    /// <see cref="OutreachConfiguration"/>): read once; a broken setting stops the tool with every problem listed.
    /// </summary>
    public static OutreachOptions Outreach => LazyOptions.Value;

    private static readonly Lazy<OutreachOptions> LazyOptions = new(() => CurrentTenant?.Options ?? OutreachConfiguration.Options(Configuration));

    /// <summary>
    /// Opens the store the one way every host does (<see cref="OutreachRegistration.StoreOptionsFor"/>): the schema is
    /// prepared by <see cref="OutreachSchema"/> (as its owner when there is one), then the store works as the application
    /// role (or, with <paramref name="asOwner"/>, as the owner: for the few verbs that are the owner's, such as chain adoption).
    /// </summary>
    public static async Task<DocumentStore> OpenStoreAsync(ParseResult parse, CancellationToken cancellation, bool asOwner = false)
    {
        var (options, database) = await SettingsAsync(parse, cancellation);
        var role = OutreachConnection.UserOf(database.Application);
        var outcome = await PrepareAsync(options, database, cancellation);
        if (outcome == OutreachSchema.Outcome.UsedAsIs)
        {
            // Schema changes never run as the application role: it works on the schema as its owner prepared it.
            Info(Text(parse).Pick(
                $"Đang làm việc với vai trò cơ sở dữ liệu {role}, vai trò này không được thay đổi lược đồ \"{options.SchemaName}\": dùng lược đồ như chủ sở hữu đã chuẩn bị (để chuẩn bị hoặc nâng cấp, đặt OUTREACH_ADMIN_CONNECTION là kết nối của chủ sở hữu).",
                $"Working as database role {role}, which may not change the schema \"{options.SchemaName}\": using it as its owner prepared it (to prepare or upgrade it, set OUTREACH_ADMIN_CONNECTION to the owner's connection)."));
        }

        if (database.Admin is { } admin)
        {
            Info(Text(parse).Pick(
                $"Đang làm việc với vai trò cơ sở dữ liệu {role}: vai trò này chỉ đọc và ghi thêm, không sửa hay xóa được sự kiện đã ghi (thay đổi lược đồ do {OutreachConnection.UserOf(admin)} thực hiện).",
                $"Working as database role {role}: it reads and appends, and cannot change or delete recorded events (schema changes ran as {OutreachConnection.UserOf(admin)})."));
        }

        return OpenPrepared(options, asOwner);
    }

    /// <summary>Points <paramref name="options"/> at <paramref name="database"/> and prepares the schema as its owner (<see cref="OutreachSchema"/>).</summary>
    public static Task<OutreachSchema.Outcome> PrepareAsync(OutreachOptions options, OutreachDatabase database, CancellationToken cancellation)
    {
        options.ConnectionString = database.Application;
        options.OwnerConnectionString = database.Admin;
        return new OutreachSchema(options).PrepareAsync(cancellation);
    }

    /// <summary>
    /// Opens the store for a verb that reads the asynchronous views (the dashboards' tallies, ADR 25): they are brought up
    /// to date first (the console runs no daemon between verbs), and the verb says how current they are.
    /// </summary>
    public static async Task<DocumentStore> OpenViewsAsync(ParseResult parse, CancellationToken cancellation)
    {
        var store = await OpenStoreAsync(parse, cancellation);
        await ReportFreshnessAsync(store, parse, cancellation);
        return store;
    }

    /// <summary>Brings the asynchronous views up to date and says how current they are (one line on standard error).</summary>
    public static async Task ReportFreshnessAsync(DocumentStore store, ParseResult parse, CancellationToken cancellation)
    {
        var freshness = await OutreachProjections.CatchUpAsync(store, TimeSpan.FromMinutes(5), cancellation);
        var t = Text(parse);
        var sequence = freshness.HighestSequence.ToString("N0", t.Culture);
        Info(freshness.IsCurrent
            ? t.Pick($"Các bảng tổng hợp đã cập nhật tới sự kiện thứ {sequence} (mới nhất).", $"The summary views are current up to event {sequence} (the latest).")
            : t.Pick(
                $"Các bảng tổng hợp chưa theo kịp: {string.Join(", ", freshness.Views.Where(v => v.Behind > 0).Select(v => $"{v.Name} còn chậm {v.Behind.ToString("N0", t.Culture)} sự kiện"))} (mới nhất: sự kiện thứ {sequence}).",
                $"The summary views are behind: {string.Join(", ", freshness.Views.Where(v => v.Behind > 0).Select(v => $"{v.Name} by {v.Behind.ToString("N0", t.Culture)} events"))} (latest: event {sequence})."));
    }

    /// <summary>
    /// The deployment's settings for this run: the configured ones with the verb's <c>--connection</c> and <c>--schema</c>,
    /// and the database they resolve to (the private cluster when nothing is configured). Nothing is prepared yet.
    /// </summary>
    public static async Task<(OutreachOptions Options, OutreachDatabase Database)> SettingsAsync(ParseResult parse, CancellationToken cancellation)
    {
        var options = Outreach;
        OutreachDatabase database;
        if (CurrentTenant is { } tenant)
        {
            // A tenant's database comes from its own settings only: a connection for the whole deployment would mix tenants.
            foreach (var (given, source) in new[] { (parse.GetValue(Connection), "--connection"), (Environment.GetEnvironmentVariable(OutreachConnection.EnvironmentVariable), OutreachConnection.EnvironmentVariable), (Environment.GetEnvironmentVariable(OutreachConnection.AdminEnvironmentVariable), OutreachConnection.AdminEnvironmentVariable) })
            {
                if (!string.IsNullOrWhiteSpace(given))
                {
                    throw TenantSettingsException.Of("tenant.with-connection", tenant.Id, source);
                }
            }

            database = await OutreachTenants.ResolveDatabaseAsync(tenant, Info, cancellation);
        }
        else
        {
            database = await OutreachConnection.ResolveDatabaseAsync(parse.GetValue(Connection), options, Info, cancellation);
        }

        options.SchemaName = CheckSchema(parse.GetValue(Schema)) ?? options.SchemaName;
        options.ConnectionString = database.Application;
        options.OwnerConnectionString = database.Admin;
        return (options, database);
    }

    /// <summary>A store on a schema as it is, never changed by Marten (<c>AutoCreate.None</c>): as the application role, or as the owner.</summary>
    public static DocumentStore OpenPrepared(OutreachOptions options, bool asOwner = false)
    {
        var storeOptions = OutreachRegistration.StoreOptionsFor(options, TimeProvider.System, asOwner: asOwner);
        storeOptions.AutoCreateSchemaObjects = JasperFx.AutoCreate.None;
        return new DocumentStore(storeOptions);
    }

    /// <summary>Returns a valid schema name, null when none is given; throws with the rule for an invalid one.</summary>
    public static string? CheckSchema(string? schema)
    {
        if (string.IsNullOrWhiteSpace(schema))
        {
            return null;
        }

        return OutreachOptions.IsValidSchemaName(schema)
            ? schema
            : throw new ArgumentException(Say($"Tên lược đồ \"{schema}\" không hợp lệ: chỉ dùng chữ thường, chữ số và dấu gạch dưới, bắt đầu bằng một chữ cái (tối đa 63 ký tự).", $"Schema name \"{schema}\" is not allowed: use lower-case letters, digits and underscores, starting with a letter (at most 63 characters)."));
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
            if (parse.GetValue(Json))
            {
                WriteJson(new { ok = false, code = failure.Code, message = failure.Message, exit = failure.Exit, fields = failure.Fields });
            }

            return failure.Exit;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Never a stack trace for a user: the type and message, and where to report it.
            Error(OutreachText.Format("failure.unexpected", null, ex.GetType().Name, ex.Message));
            return InternalError;
        }
    }

    /// <summary>
    /// The failure behind <paramref name="ex"/> for the console: the library's own mapping (<see cref="Failures"/>: code,
    /// sentence in the current UI culture, exit code), then the failures only a host meets (the private cluster, settings,
    /// arguments, files). Null for an unexpected exception.
    /// </summary>
    public static ConsoleFailure? Describe(Exception ex)
    {
        if (Failures.Describe(ex) is { } failure)
        {
            return new ConsoleFailure(failure.Code, failure.Message, failure.ExitCode, failure.Fields);
        }

        return ex switch
        {
            LocalPostgresUnavailableException cluster => new ConsoleFailure(cluster.Code, ex.Message, Unavailable, []),
            TenantSettingsException tenant => new ConsoleFailure(tenant.Code, tenant.Message, BadInput, []),
            Microsoft.Extensions.Options.OptionsValidationException invalid
                => new ConsoleFailure("options.invalid", string.Join(" ", invalid.Failures), BadInput, []),
            ArgumentException or FormatException => new ConsoleFailure("input.invalid", ex.Message, BadInput, []),
            UnauthorizedAccessException or IOException when SystemReason.Of(ex) is var reason
                => new ConsoleFailure(reason.Code, OutreachText.Format("io.failed", null, reason), BadInput, []),
            _ when ex.InnerException is { } inner => Describe(inner),
            _ => null,
        };
    }

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

/// <summary>A failure as the console reports it: the stable code, the sentence, the exit code and a bad command's field problems.</summary>
internal sealed record ConsoleFailure(string Code, string Message, int Exit, IReadOnlyList<FieldFailure> Fields);
