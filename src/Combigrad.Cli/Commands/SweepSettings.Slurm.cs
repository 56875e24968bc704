using System.ComponentModel;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>The options of <c>combigrad sweep</c> that run the sweep as Slurm array jobs (see <see cref="SlurmSweep"/>).</summary>
public sealed partial class SweepSettings
{
    /// <summary>The sweep folder on a file system the cluster's nodes share.</summary>
    [CommandOption("--slurm <DIR>")]
    [Description("Write the pending runs as a Slurm array job into DIR (one task and one results database per run, see docs/slurm.md) instead of running them here.")]
    public string? Slurm { get; init; }

    /// <summary>The Slurm partition.</summary>
    [CommandOption("--partition <NAME>")]
    [Description("With --slurm: the partition (default: the cluster's default partition).")]
    public string? Partition { get; init; }

    /// <summary>Wall time per run.</summary>
    [CommandOption("--time <TIME>")]
    [Description("With --slurm: wall time per run in Slurm's format, e.g. 30, 2:00:00, 1-12:00:00 (default: the preset's resources.time).")]
    public string? Time { get; init; }

    /// <summary>Cores per run.</summary>
    [CommandOption("--cpus-per-task <N>")]
    [Description("With --slurm: cores per run (default: the preset's resources.cpusPerTask).")]
    public int? CpusPerTask { get; init; }

    /// <summary>Memory per run.</summary>
    [CommandOption("--mem <SIZE>")]
    [Description("With --slurm: memory per run, e.g. 4G (default: the preset's resources.mem).")]
    public string? Mem { get; init; }

    /// <summary>Tasks at once.</summary>
    [CommandOption("--max-parallel <N>")]
    [Description("With --slurm: at most N runs at once (default: as many as the cluster allows).")]
    public int? MaxParallel { get; init; }

    /// <summary>Submit the array job.</summary>
    [CommandOption("--submit")]
    [Description("With --slurm: submit the array job with sbatch and print its job id. Again later, it submits only the runs neither complete nor queued.")]
    public bool Submit { get; init; }

    /// <summary>The command line the tasks run.</summary>
    [CommandOption("--cli <PATH>")]
    [Description("With --slurm: the combigrad the tasks run (an installed 'combigrad', a published Combigrad.Cli or Combigrad.Cli.dll). Default: a copy of this one in DIR/bin.")]
    public string? Cli { get; init; }
}
