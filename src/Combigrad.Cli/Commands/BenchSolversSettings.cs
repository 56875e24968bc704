using System.ComponentModel;
using Combigrad.Experiments.Benchmarks;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>Command-line options of <c>combigrad bench solvers</c>.</summary>
public sealed class BenchSolversSettings : CommandSettings
{
    /// <summary>Print one JSON object per case instead of a table.</summary>
    [CommandOption("--json")]
    [Description("Print one JSON object per line (solver, size, median_us, reference, reference_median_us, ratio, check).")]
    public bool Json { get; init; }

    /// <summary>Seed of the benchmark instances.</summary>
    [CommandOption("--seed <SEED>")]
    [Description("Seed of the benchmark instances.")]
    public int Seed { get; init; } = SolverBenchmarkRunner.DefaultSeed;

    /// <summary>Only cases whose solver name contains this text.</summary>
    [CommandOption("--only <TEXT>")]
    [Description("Run only the cases whose solver name contains TEXT (case-insensitive).")]
    public string? Only { get; init; }
}
