using System.CommandLine;
using System.CommandLine.Invocation;
using System.Text;

namespace Outreach.Console;

/// <summary>
/// The help page (<c>--help</c>) written by Outreach rather than System.CommandLine, whose headings and markers exist in
/// no Vietnamese: description, usage, arguments, options and subcommands, each heading and marker in the help language.
/// </summary>
internal sealed class HelpPage : SynchronousCommandLineAction
{
    /// <summary>Asking for help is never a usage error, even when required options are missing.</summary>
    public override bool ClearsParseErrors => true;

    /// <summary>Writes the help of the command the user asked about to standard output.</summary>
    public override int Invoke(ParseResult parseResult)
    {
        System.Console.Out.Write(Render(parseResult.CommandResult.Command));
        return Cli.Ok;
    }

    /// <summary>The help page of <paramref name="command"/>.</summary>
    public static string Render(Command command)
    {
        var page = new StringBuilder();
        if (!string.IsNullOrWhiteSpace(command.Description))
        {
            page.AppendLine(Cli.Say("Mô tả:", "Description:")).Append("  ").AppendLine(command.Description).AppendLine();
        }

        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        var options = command.Options.Concat(InheritedOptions(command)).Where(o => !o.Hidden).ToList();
        var commands = command.Subcommands.Where(c => !c.Hidden).ToList();

        var usage = new StringBuilder(Path(command));
        foreach (var argument in arguments)
        {
            usage.Append(' ').Append('<').Append(argument.Name).Append('>');
        }

        if (commands.Count > 0)
        {
            usage.Append(' ').Append(Cli.Say("[lệnh]", "[command]"));
        }

        if (options.Count > 0)
        {
            usage.Append(' ').Append(Cli.Say("[tùy chọn]", "[options]"));
        }

        page.AppendLine(Cli.Say("Cách dùng:", "Usage:")).Append("  ").AppendLine(usage.ToString()).AppendLine();
        Section(page, Cli.Say("Đối số:", "Arguments:"), arguments.Select(a => ($"<{a.Name}>", Describe(a.Description, a.HasDefaultValue ? a.GetDefaultValue() : null, required: false))));
        Section(page, Cli.Say("Tùy chọn:", "Options:"), options.Select(o => (Label(o), Describe(o.Description, o.HasDefaultValue && o.ValueType != typeof(bool) ? o.GetDefaultValue() : null, o.Required))));
        Section(page, Cli.Say("Lệnh:", "Commands:"), commands.Select(c => (Label(c), c.Description ?? string.Empty)));
        return page.ToString();
    }

    private static void Section(StringBuilder page, string heading, IEnumerable<(string Label, string Text)> rows)
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var width = list.Max(r => r.Label.Length) + 2;
        page.AppendLine(heading);
        foreach (var (label, text) in list)
        {
            page.Append("  ").AppendLine((label.PadRight(width) + text).TrimEnd());
        }

        page.AppendLine();
    }

    private static string Describe(string? description, object? defaultValue, bool required)
    {
        var text = description ?? string.Empty;
        if (required)
        {
            text += Cli.Say(" (bắt buộc)", " (required)");
        }

        if (defaultValue is not null && !(defaultValue is Array { Length: 0 }))
        {
            text += Cli.Say($" [mặc định: {defaultValue}]", $" [default: {defaultValue}]");
        }

        return text.Trim();
    }

    private static string Label(Option option)
    {
        var names = option.Aliases.Append(option.Name).Where(n => !n.StartsWith('/')).Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal);
        var label = string.Join(", ", names);
        return option.ValueType == typeof(bool) || option is System.CommandLine.Help.HelpOption || option is VersionOption
            ? label
            : $"{label} <{option.HelpName ?? option.Name.TrimStart('-')}>";
    }

    private static string Label(Command command) =>
        command.Arguments.Count == 0 ? command.Name : $"{command.Name} {string.Join(' ', command.Arguments.Select(a => $"<{a.Name}>"))}";

    /// <summary>The options of the parent commands that apply to this one too (<see cref="Option.Recursive"/>).</summary>
    private static IEnumerable<Option> InheritedOptions(Command command)
    {
        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in parent.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }

    private static string Path(Command command)
    {
        var names = new List<string>();
        for (var current = command; current is not null; current = current.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Add(current is RootCommand ? "outreach" : current.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
