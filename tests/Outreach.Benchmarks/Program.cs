using Outreach.Benchmarks;

// Micro-benchmarks of the pure domain functions, measured against a baseline in the same run so that results stay
// comparable on noisy machines. Usage: dotnet run --project tests/Outreach.Benchmarks -c Release -- rotation|chain [--runs N] | views [--scale K]
// (chain and views need PostgreSQL: OUTREACH_CONNECTION, or the private local cluster.)
var runs = args.Length >= 3 && args[1] == "--runs" && int.TryParse(args[2], out var n) && n > 0 ? n : 500;
switch (args.FirstOrDefault())
{
    case "rotation":
        return RotationBenchmark.Run(runs, Console.Out);
    case "chain":
        return await ChainBenchmark.RunAsync(args.Length >= 3 && args[1] == "--runs" ? runs : 5, 150, Console.Out);
    case "views":
        return await ViewRowsBenchmark.RunAsync(args.Length >= 3 && args[1] == "--scale" && int.TryParse(args[2], out var k) && k > 1 ? k : 10, Console.Out);
    default:
        Console.Error.WriteLine("usage: Outreach.Benchmarks rotation|chain [--runs N] | views [--scale K]");
        Console.Error.WriteLine("  rotation  RotationPlanner.Plan for 52 weeks x 84 localities x 30 visitors, against a naive round robin");
        Console.Error.WriteLine("  chain     appending case steps with the hash chain, against the same store without it (N rounds, default 5)");
        Console.Error.WriteLine("  views     rows each dashboard query reads with the sample recorded once and K times (default 10), against a scan of the documents");
        return 2;
}
