using Outreach.Benchmarks;

// Micro-benchmarks of the pure domain functions, measured against a baseline in the same run so that results stay
// comparable on noisy machines. Usage: dotnet run --project tests/Outreach.Benchmarks -c Release -- rotation [--runs N]
var runs = args.Length >= 3 && args[1] == "--runs" && int.TryParse(args[2], out var n) && n > 0 ? n : 500;
switch (args.FirstOrDefault())
{
    case "rotation":
        return RotationBenchmark.Run(runs, Console.Out);
    default:
        Console.Error.WriteLine("usage: Outreach.Benchmarks rotation [--runs N]");
        Console.Error.WriteLine("  rotation  RotationPlanner.Plan for 52 weeks x 84 localities x 30 visitors, against a naive round robin");
        return 2;
}
