namespace Combigrad.Experiments.Slurm;

/// <summary>The resources an array job asks for; a null value is left to the partition's default.</summary>
/// <param name="Partition">The partition (<c>--partition</c>).</param>
/// <param name="Time">Wall time per task in Slurm's format (<c>--time</c>).</param>
/// <param name="CpusPerTask">Cores per task (<c>--cpus-per-task</c>).</param>
/// <param name="Mem">Memory per task in Slurm's format (<c>--mem</c>).</param>
/// <param name="MaxParallel">At most this many tasks at once (the <c>%N</c> of <c>--array</c>).</param>
public sealed record SlurmJobResources(string? Partition, string? Time, int? CpusPerTask, string? Mem, int? MaxParallel);
