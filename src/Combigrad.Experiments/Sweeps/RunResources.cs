using Combigrad.Experiments.Slurm;

namespace Combigrad.Experiments.Sweeps;

/// <summary>
/// What one run of a preset needs from a cluster scheduler (the preset's optional <c>resources</c> block): wall time,
/// CPU cores and memory. <c>combigrad sweep --slurm</c> writes them as the array job's <c>#SBATCH</c> lines;
/// <c>--time</c>, <c>--cpus-per-task</c> and <c>--mem</c> override them. An unset value is left to the partition's
/// default.
/// </summary>
public sealed class RunResources
{
    /// <summary>Wall time per run in Slurm's format (<c>MM</c>, <c>HH:MM:SS</c>, <c>D-HH:MM:SS</c>, ...).</summary>
    public string? Time { get; init; }

    /// <summary>CPU cores per run.</summary>
    public int? CpusPerTask { get; init; }

    /// <summary>Memory per run in Slurm's format (a number with an optional K, M, G or T suffix; megabytes without one).</summary>
    public string? Mem { get; init; }

    /// <summary>Checks every set value; <paramref name="source"/> names where they came from in the message.</summary>
    /// <exception cref="ArgumentException">A value is not in Slurm's format or out of range.</exception>
    public void Validate(string source)
    {
        if (Time is not null) SlurmTime.Parse(Time, $"{source} time");
        if (CpusPerTask is < 1) throw new ArgumentException($"{source} cpusPerTask must be >= 1, got {CpusPerTask}.");
        if (Mem is not null) SlurmMemory.Validate(Mem, $"{source} mem");
    }
}
