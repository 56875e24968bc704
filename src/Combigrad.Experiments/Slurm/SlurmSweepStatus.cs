using System.Text.Json.Nodes;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;

namespace Combigrad.Experiments.Slurm;

/// <summary>
/// The state of every run of a Slurm sweep folder: the runs of all its submissions (newest submission first for a run
/// submitted twice), each from its own database and from what Slurm says about the task that holds it.
/// </summary>
public static class SlurmSweepStatus
{
    /// <summary>Slurm states of a task that will still run or is running.</summary>
    private static readonly HashSet<string> Queued = ["PENDING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SUSPENDED"];
    private static readonly HashSet<string> Running = ["RUNNING", "CONFIGURING", "COMPLETING", "STAGE_OUT", "SIGNALING", "RESIZING"];

    /// <summary>Reads the state of every run in <paramref name="directory"/>, with notes on what could not be asked.</summary>
    /// <exception cref="ArgumentException">The folder holds no submission.</exception>
    public static (IReadOnlyList<SlurmRunStatus> Runs, IReadOnlyList<string> Notes) Read(SlurmSweepDirectory directory)
    {
        var submissions = directory.Submissions();
        if (submissions.Count == 0)
            throw new ArgumentException($"--slurm {directory.Path}: no sweep there (no array-*.tsv); write one with 'combigrad sweep --config FILE --slurm {directory.Path}'.");
        var notes = new List<string>();
        var jobIds = submissions.Select(s => s.JobId).OfType<string>().ToList();
        var (queue, queueNote) = SlurmScheduler.Queue(jobIds);
        if (queueNote is not null) notes.Add($"{queueNote}; states come from the run databases alone");
        var (accounting, accountingNote) = SlurmScheduler.Accounting(jobIds);
        if (accountingNote is not null && jobIds.Count > 0) notes.Add($"{accountingNote}; finished tasks' Slurm states are not shown");
        if (submissions.Any(s => s.JobId is null))
            notes.Add($"not submitted by 'sweep --submit' (no job id): {string.Join(", ", submissions.Where(s => s.JobId is null).Select(s => Path.GetFileName(s.ScriptPath)))}");

        // The newest submission of each run names its task.
        var latest = new Dictionary<string, (SlurmSubmission Submission, int Index, SlurmRunLine Line)>();
        foreach (var submission in submissions)
        {
            var lines = submission.Runs();
            for (var i = 0; i < lines.Count; i++) latest[lines[i].RunKey] = (submission, i, lines[i]);
        }
        var shared = latest.Values.Select(v => v.Line.Assignments).Aggregate((IEnumerable<string>)latest.Values.First().Line.Assignments, (a, b) => a.Intersect(b)).ToHashSet();
        var presets = new Dictionary<string, (Preset Preset, IExperiment Experiment)>();

        var runs = new List<SlurmRunStatus>();
        foreach (var (key, (submission, index, line)) in latest.OrderBy(p => p.Value.Submission.Number).ThenBy(p => p.Value.Index))
        {
            if (!presets.TryGetValue(submission.PresetPath, out var source))
            {
                var preset = Preset.Load(submission.PresetPath);
                presets[submission.PresetPath] = source = (preset, ExperimentCatalog.Get(preset.Experiment));
            }
            var label = string.Join(", ", line.Assignments.Where(a => !shared.Contains(a)).Select(a => a.Replace("\"", "", StringComparison.Ordinal)));
            var epochs = OptionsBinder.Bind(source.Experiment, (JsonObject)source.Preset.Options.DeepClone(), line.Assignments).Training.Epochs;
            var task = submission.JobId is { } job ? $"{job}_{index}" : null;
            SlurmTaskState? slurm = task is null ? null
                : queue?.GetValueOrDefault(task) ?? accounting?.GetValueOrDefault(task);
            var activeState = task is not null && queue?.GetValueOrDefault(task) is { } q ? q.State : null;

            RunProgress? progress = null;
            string? note = null;
            var databasePath = directory.RunDatabase(key);
            if (File.Exists(databasePath))
            {
                using var database = new ResultsDatabase(databasePath);
                if (database.FindRun(key) is { } run) progress = RunProgress.Read(database, run, source.Experiment.HeadlineMetric);
                else note = $"{databasePath} holds no run {key}: the task ended before it started training (see its log)";
            }
            var state = Resolve(progress?.Status, activeState, queueKnown: queue is not null);
            if (progress is null && note is not null && activeState is null) state = RunStatus.Failed;
            var log = submission.JobId is null ? null : Path.Combine(directory.LogsDirectory, $"{Path.GetFileNameWithoutExtension(submission.ScriptPath)}_{index}.out");
            runs.Add(new SlurmRunStatus(key, label.Length == 0 ? "(base)" : label, state, progress, epochs, task,
                slurm is null ? null : slurm.ExitCode is null ? slurm.State : $"{slurm.State} (exit {slurm.ExitCode})", log, note));
        }
        return (runs, notes);
    }

    /// <summary>
    /// One state from the run's database status and its task's Slurm state: completed once the database says so; else
    /// running or pending while Slurm holds the task; else what the database says (failed, interrupted), where a run the
    /// database calls running without a live task is interrupted (its process is gone); a run never started is pending.
    /// </summary>
    /// <param name="databaseStatus">The run's status in its database, or null when it has none.</param>
    /// <param name="queueState">The task's state in squeue, or null when squeue does not list it.</param>
    /// <param name="queueKnown">Whether squeue could be asked at all.</param>
    public static string Resolve(string? databaseStatus, string? queueState, bool queueKnown)
    {
        const string Pending = "pending";
        if (databaseStatus == RunStatus.Completed) return RunStatus.Completed;
        if (queueState is not null && Running.Contains(queueState)) return RunStatus.Running;
        if (queueState is not null && Queued.Contains(queueState)) return Pending;
        return databaseStatus switch
        {
            null => Pending,
            RunStatus.Running when queueKnown => RunStatus.Interrupted,
            _ => databaseStatus,
        };
    }
}
