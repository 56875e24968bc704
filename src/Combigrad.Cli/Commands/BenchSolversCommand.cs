using System.Text.Json;
using Combigrad.Experiments.Benchmarks;
using Combigrad.Experiments.Faults;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad bench solvers</c>: times each solver against its reference, interleaved, in this process.</summary>
public sealed class BenchSolversCommand : Command<BenchSolversSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchSolversSettings settings, CancellationToken cancellationToken)
    {
        var all = SolverBenchmarkCatalog.All();
        var cases = all
            .Where(c => settings.Only is null || c.Solver.Contains(settings.Only, StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (cases.Count == 0)
            throw new FaultException(FaultKind.Usage,
                $"--only {settings.Only} matches no solver; solvers: {string.Join(", ", all.Select(c => c.Solver).Distinct())}.");
        var results = new List<SolverBenchmarkResult>();
        foreach (var benchmark in cases)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = SolverBenchmarkRunner.Run(benchmark, settings.Seed);
            results.Add(result);
            if (settings.Json) Console.WriteLine(JsonSerializer.Serialize(result));
        }
        if (!settings.Json) AnsiConsole.Write(BuildTable(results, settings.Seed));
        return 0;
    }

    private static Table BuildTable(IReadOnlyList<SolverBenchmarkResult> results, int seed)
    {
        var table = new Table()
            .Title($"Solver benchmarks (seed {seed}; medians of single calls, variant and reference interleaved)")
            .AddColumn("solver")
            .AddColumn("size")
            .AddColumn(new TableColumn("median").RightAligned())
            .AddColumn("reference")
            .AddColumn(new TableColumn("reference median").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned())
            .AddColumn("check");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Solver),
                Markup.Escape(r.Size),
                $"{r.MedianMicroseconds:F1} us",
                Markup.Escape(r.Reference),
                $"{r.ReferenceMedianMicroseconds:F1} us",
                $"{r.Ratio:F2}x",
                Markup.Escape(r.Check));
        }
        table.Caption("ratio = reference median / median: how many times faster the solver is");
        return table;
    }
}
