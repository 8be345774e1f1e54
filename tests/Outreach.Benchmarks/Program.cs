using Outreach.Benchmarks;

// Micro-benchmarks of the pure domain functions, measured against a baseline in the same run so that results stay
// comparable on noisy machines. Usage: dotnet run --project tests/Outreach.Benchmarks -c Release -- rotation|chain [--runs N] | views [--scale K]
// speed [--quick] [--only GROUP] [--write FILE]. (chain, views and speed need PostgreSQL: OUTREACH_CONNECTION, or the private local cluster.)
var runs = args.Length >= 3 && args[1] == "--runs" && int.TryParse(args[2], out var n) && n > 0 ? n : 500;
switch (args.FirstOrDefault())
{
    case "noop":
        // The start-up baseline: a .NET console app that does nothing.
        return 0;
    case "rotation":
        return RotationBenchmark.Run(runs, Console.Out);
    case "chain":
        return await ChainBenchmark.RunAsync(args.Length >= 3 && args[1] == "--runs" ? runs : 5, 150, Console.Out);
    case "speed":
        var write = Array.IndexOf(args, "--write") is var w and >= 0 && w + 1 < args.Length ? args[w + 1] : null;
        var only = Array.IndexOf(args, "--only") is var o and >= 0 ? (o + 1 < args.Length ? args[o + 1] : "") : null;
        if (only is not null && !SpeedSettings.Groups.Contains(only))
        {
            Console.Error.WriteLine($"--only takes one of {string.Join(", ", SpeedSettings.Groups)}, not \"{only}\".");
            return 2;
        }

        await SpeedBenchmark.RunAsync(new SpeedSettings(args.Contains("--quick"), write, Only: only), Console.Out);
        return 0;
    case "views":
        return await ViewRowsBenchmark.RunAsync(args.Length >= 3 && args[1] == "--scale" && int.TryParse(args[2], out var k) && k > 1 ? k : 10, Console.Out);
    default:
        Console.Error.WriteLine("usage: Outreach.Benchmarks rotation|chain [--runs N] | views [--scale K] | speed [--quick] [--only GROUP] [--write docs/benchmarks.md]");
        Console.Error.WriteLine("  rotation  RotationPlanner.Plan for 52 weeks x 84 localities x 30 visitors, against a naive round robin");
        Console.Error.WriteLine("  chain     appending case steps with the hash chain, against the same store without it (N rounds, default 5)");
        Console.Error.WriteLine("  views     rows each dashboard query reads with the sample recorded once and K times (default 10), against a scan of the documents");
        Console.Error.WriteLine("  speed     commands, reads and audit reports against raw PostgreSQL in alternating rounds (issue 13); --write saves the Markdown table;");
        Console.Error.WriteLine("            --only commands|reads|back-fill|start-up|web|rebuild runs the commands and that group alone;");
        Console.Error.WriteLine("            BENCH_CONNECTION_EXTRA=\"No Reset On Close=true\" adds connection settings to Outreach's side, to measure a lever;");
        Console.Error.WriteLine("            BENCH_CASE_VIEW=async keeps the case view by the daemon instead of in each command's transaction (a lever measured)");
        return 2;
}
