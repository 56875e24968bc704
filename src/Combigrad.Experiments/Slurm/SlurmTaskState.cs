namespace Combigrad.Experiments.Slurm;

/// <summary>What Slurm says about one array task.</summary>
/// <param name="TaskId">The task as Slurm names it, <c>&lt;array job id&gt;_&lt;task index&gt;</c>.</param>
/// <param name="State">Slurm's state, e.g. PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT.</param>
/// <param name="ExitCode">The exit code as <c>sacct</c> prints it (<c>code:signal</c>), when known.</param>
public sealed record SlurmTaskState(string TaskId, string State, string? ExitCode = null);
