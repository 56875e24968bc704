using Combigrad.Experiments.Results;

namespace Combigrad.Experiments.Slurm;

/// <summary>The state of one run of a Slurm sweep, from its database and from Slurm.</summary>
/// <param name="RunKey">The run key.</param>
/// <param name="Label">The run's own assignments (those not shared by every run of the sweep).</param>
/// <param name="State">pending, running, completed, failed or interrupted (see <see cref="SlurmSweepStatus.Resolve"/>).</param>
/// <param name="Progress">What its database holds, or null when it has not started.</param>
/// <param name="Epochs">The run's epoch budget.</param>
/// <param name="Task">The Slurm task that last held it (<c>&lt;job&gt;_&lt;index&gt;</c>), when submitted.</param>
/// <param name="SlurmState">What squeue (or else sacct) says about that task, when known.</param>
/// <param name="LogPath">The task's log file, when written by a submission.</param>
/// <param name="Note">Something the state alone does not say (e.g. a database without the run).</param>
public sealed record SlurmRunStatus(
    string RunKey, string Label, string State, RunProgress? Progress, int Epochs, string? Task, string? SlurmState, string? LogPath, string? Note);
