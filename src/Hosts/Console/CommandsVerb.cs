using System.CommandLine;
using System.Text;
using Spectre.Console;

namespace Outreach.Console;

/// <summary><c>outreach commands</c>: the schema of every case command, for people (--markdown writes docs/commands.md's reference) and machines.</summary>
internal static class CommandsVerb
{
    private static readonly Option<bool> Markdown = new("--markdown") { Description = Cli.Say("Xuất tài liệu tham chiếu dạng Markdown (nội dung của docs/commands.md).", "Write the reference as Markdown (the text of docs/commands.md).") };

    public static Command Build()
    {
        var commands = new Command("commands", Cli.Say("Liệt kê mọi lệnh hồ sơ cùng các trường của lệnh (lược đồ JSON-lines).", "List every case command with its fields (the JSON-lines schema).")) { Markdown };
        commands.SetAction(parse =>
        {
            var schema = OutreachCommands.All.Select(d => new
            {
                command = d.Name,
                console = $"outreach {d.Noun} {d.Verb}",
                summary = parse.GetValue(Markdown) ? d.Summary : d.SummaryIn(Cli.Text(parse).Culture),
                fields = CommandJson.Parameters(d.CommandType).Select(p => new
                {
                    name = CommandJson.JsonName(p),
                    required = CommandJson.IsRequired(p),
                    accepts = CommandJson.Describe(p.ParameterType),
                }),
            }).ToArray();
            if (parse.GetValue(Cli.Json))
            {
                Cli.WriteJson(schema);
            }
            else if (parse.GetValue(Markdown))
            {
                var md = new StringBuilder();
                foreach (var c in schema)
                {
                    md.Append("### `").Append(c.command).Append("`\n\n").Append(c.summary).Append(" Console: `").Append(c.console).Append("`.\n\n");
                    md.Append("| field | required | accepts |\n|---|---|---|\n");
                    foreach (var f in c.fields)
                    {
                        md.Append("| `").Append(f.name).Append("` | ").Append(f.required ? "yes" : "no").Append(" | ").Append(f.accepts).Append(" |\n");
                    }

                    md.Append('\n');
                }

                System.Console.Out.Write(md.ToString());
            }
            else
            {
                var table = new Table().Border(TableBorder.Rounded).AddColumns("command", "console", "fields (* required)");
                foreach (var c in schema)
                {
                    table.AddRow(c.command, c.console, string.Join(", ", c.fields.Select(f => f.name + (f.required ? "*" : ""))));
                }

                Cli.Out.Write(table);
            }

            return Cli.Ok;
        });
        return commands;
    }
}
