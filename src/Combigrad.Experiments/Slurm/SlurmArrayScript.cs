using System.Globalization;
using System.Text;

namespace Combigrad.Experiments.Slurm;

/// <summary>
/// Writes the batch script of one array job: task <c>i</c> reads line <c>i</c> of the submission's runs file and runs
/// <c>combigrad run --resume</c> for it (as a job step, so <c>scancel --signal=TERM</c> reaches it) into the run's own
/// database. The script asks Slurm for SIGTERM <see cref="SignalLeadSeconds"/> before the time limit
/// (<c>--signal=B:TERM@...</c>, to the script alone), passes it on to the run's step with <c>scancel --signal=TERM</c>
/// (the run checkpoints and records itself
/// interrupted), and then requeues its own task (<c>--requeue</c>) when that allocation wrote a newer checkpoint, so a
/// run longer than the limit continues in the next allocation. A SIGTERM sent to the step alone (a user's
/// <c>scancel --signal=TERM</c>) stops the run without a requeue; submitting the sweep again continues it.
/// </summary>
public static class SlurmArrayScript
{
    /// <summary>
    /// Seconds before the time limit at which Slurm signals the task: Slurm checks the limits about once a minute, so the
    /// signal may come up to 60 s late, and the run then needs to finish its current batch and write its state.
    /// </summary>
    public const int SignalLeadSeconds = 120;

    /// <summary>The script text.</summary>
    /// <param name="directory">The sweep folder.</param>
    /// <param name="submission">The submission the script belongs to (its runs file and preset copy).</param>
    /// <param name="taskCount">The number of runs (array tasks).</param>
    /// <param name="resources">What each task asks for.</param>
    /// <param name="launcher">The command that starts the published command line (e.g. <c>dotnet …/Combigrad.Cli.dll</c>).</param>
    /// <param name="jobName">The Slurm job name.</param>
    public static string Render(SlurmSweepDirectory directory, SlurmSubmission submission, int taskCount, SlurmJobResources resources,
        IReadOnlyList<string> launcher, string jobName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taskCount, 1);
        var stem = Path.GetFileNameWithoutExtension(submission.ScriptPath);
        var array = $"0-{taskCount - 1}" + (resources.MaxParallel is { } max ? $"%{max}" : "");
        var s = new StringBuilder();
        s.AppendLine("#!/bin/bash");
        s.AppendLine(CultureInfo.InvariantCulture, $"# Written by 'combigrad sweep --slurm' (see docs/slurm.md): {taskCount} runs, one per array task.");
        s.AppendLine(CultureInfo.InvariantCulture, $"# Task i trains line i of {stem}.tsv into runs/<run key>.db with --resume. Slurm signals this script");
        s.AppendLine(CultureInfo.InvariantCulture, $"# {SignalLeadSeconds} s before the time limit; the run then checkpoints and the task requeues itself.");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --job-name={jobName}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --array={array}");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(directory.LogsDirectory, stem)}_%a.out");
        s.AppendLine("#SBATCH --open-mode=append");
        s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --signal=B:TERM@{SignalLeadSeconds}");
        s.AppendLine("#SBATCH --requeue");
        if (resources.Partition is { } partition) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --partition={partition}");
        if (resources.Time is { } time) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --time={time}");
        if (resources.CpusPerTask is { } cpus) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={cpus}");
        if (resources.Mem is { } mem) s.AppendLine(CultureInfo.InvariantCulture, $"#SBATCH --mem={mem}");
        s.AppendLine("set -u");
        s.AppendLine(CultureInfo.InvariantCulture, $"sweep={Quote(directory.Path)}");
        s.AppendLine(CultureInfo.InvariantCulture, $"IFS=$'\\t' read -r -a run < <(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" \"$sweep/{stem}.tsv\")");
        s.AppendLine("key=${run[0]}");
        s.AppendLine("sets=()");
        s.AppendLine("for assignment in \"${run[@]:1}\"; do sets+=(--set \"$assignment\"); done");
        s.AppendLine("checkpoint=\"$sweep/runs/checkpoints/$key.ckpt\"");
        s.AppendLine("stamp() { stat -c '%Y %s' \"$checkpoint\" 2>/dev/null || echo none; }");
        s.AppendLine("before=$(stamp)");
        s.AppendLine("echo \"$(date -u +%FT%TZ) task $SLURM_ARRAY_TASK_ID (job $SLURM_JOB_ID, restart ${SLURM_RESTART_COUNT:-0}) on $(hostname): run $key\"");
        s.AppendLine("stopping=0");
        // srun answers a SIGTERM of its own by killing the step; scancel without --batch sends SIGTERM to the step's
        // processes alone, as a user's 'scancel --signal=TERM' does, so the run stops cleanly.
        s.AppendLine("trap 'stopping=1; scancel --signal=TERM \"$SLURM_JOB_ID\"' TERM");
        s.Append("srun --ntasks=1 ${SLURM_CPUS_PER_TASK:+--cpus-per-task=\"$SLURM_CPUS_PER_TASK\"} ");
        s.Append(string.Join(' ', launcher.Select(Quote)));
        s.AppendLine(CultureInfo.InvariantCulture, $" run --config \"$sweep/{stem}.json\" --db \"$sweep/runs/$key.db\" --resume --quiet \"${{sets[@]}}\" &");
        s.AppendLine("child=$!");
        s.AppendLine("# The trap ends 'wait' early; wait again until the step has really ended.");
        s.AppendLine("while :; do wait \"$child\"; status=$?; kill -0 \"$child\" 2>/dev/null || break; done");
        s.AppendLine("echo \"$(date -u +%FT%TZ) task $SLURM_ARRAY_TASK_ID: run $key exited with $status\"");
        s.AppendLine("if [ \"$stopping\" -eq 1 ]; then");
        s.AppendLine("  if [ \"$(stamp)\" != \"$before\" ]; then");
        s.AppendLine("    echo \"stopped before the time limit after writing a newer checkpoint: requeueing task $SLURM_ARRAY_TASK_ID\"");
        s.AppendLine("    scontrol requeue \"$SLURM_JOB_ID\"");
        s.AppendLine("  else");
        s.AppendLine("    echo \"stopped before the time limit without finishing an epoch: not requeued; raise the time limit and submit the sweep again\" >&2");
        s.AppendLine("  fi");
        s.AppendLine("fi");
        s.AppendLine("exit \"$status\"");
        return s.ToString();
    }

    /// <summary>A word for bash, in single quotes when it needs any.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '_' or '-' or '+' or ',' or ':' or '=' or '@')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
