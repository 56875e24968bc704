using System.Text.Json;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Slurm;
using Combigrad.Experiments.Sweeps;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>
/// <c>combigrad sweep --slurm DIR</c>: writes the runs of a preset that are neither complete nor queued as one Slurm
/// array job (see <see cref="SlurmArrayScript"/> and <see cref="SlurmSweepDirectory"/>) and, with <c>--submit</c>,
/// submits it. Run again, it writes and submits only what is still missing, so a whole sweep resumes with one command.
/// </summary>
internal static class SlurmSweep
{
    /// <summary>Whether the sweep goes to Slurm; an option that only applies with <c>--slurm</c> given without it is an error.</summary>
    /// <exception cref="ArgumentException">A Slurm option without --slurm.</exception>
    public static bool Applies(SweepSettings settings)
    {
        if (settings.Slurm is not null) return true;
        var stray = SlurmOnlyOptions(settings);
        if (stray.Count > 0)
            throw new ArgumentException($"{string.Join(", ", stray)} only {(stray.Count == 1 ? "applies" : "apply")} with --slurm DIR.");
        return false;
    }

    /// <summary>Writes (and with --submit submits) the array job.</summary>
    /// <exception cref="ArgumentException">Conflicting or malformed options.</exception>
    public static int Execute(CommandContext context, SweepSettings settings)
    {
        var conflicts = new List<string>();
        if (settings.EmitJobs is not null) conflicts.Add("--emit-jobs");
        if (Given(context, "--parallel")) conflicts.Add("--parallel (use --max-parallel)");
        if (Given(context, "--db")) conflicts.Add("--db (each run gets DIR/runs/<run key>.db)");
        if (conflicts.Count > 0) throw new ArgumentException($"--slurm does not take {string.Join(", ", conflicts)}.");
        if (settings.Slurm!.Length == 0 || settings.Slurm.Any(c => char.IsWhiteSpace(c) || c == '%'))
            throw new ArgumentException($"--slurm '{settings.Slurm}': the folder's path must be non-empty without spaces or '%' (sbatch directives cannot quote them).");
        if (settings.MaxParallel is < 1) throw new ArgumentException("--max-parallel must be >= 1.");

        var preset = Preset.Load(settings.Config);
        var resources = Resources(preset, settings);
        var directory = new SlurmSweepDirectory(settings.Slurm);
        Directory.CreateDirectory(directory.RunsDirectory);
        Directory.CreateDirectory(directory.LogsDirectory);

        // Every run of the grid, once per key.
        var runs = SweepPlan.Points(preset, settings.Seeds)
            .Select(p => new SlurmRunLine(SweepPlan.RunKey(preset, p, settings.Set), [.. p.Assignments.Concat(settings.Set)]))
            .DistinctBy(r => r.RunKey)
            .ToList();
        var complete = runs.Where(r => IsComplete(directory, r.RunKey)).Select(r => r.RunKey).ToHashSet();
        var (active, queueNote) = ActiveRuns(directory);
        var pending = runs.Where(r => !complete.Contains(r.RunKey) && !active.Contains(r.RunKey)).ToList();
        var queued = runs.Count(r => !complete.Contains(r.RunKey) && active.Contains(r.RunKey));

        if (pending.Count == 0)
        {
            Report(settings, $"sweep {Path.GetFileName(settings.Config)}: all {runs.Count} runs are complete ({complete.Count}) or queued ({queued}) in {directory.Path}; nothing to submit.",
                new { runs = runs.Count, complete = complete.Count, queued, submitted = 0 }, quiet: null);
            return 0;
        }

        var launcher = SlurmCliPublisher.Launcher(settings.Cli, directory.BinDirectory);
        var submission = directory.NextSubmission();
        File.WriteAllLines(submission.RunsPath, pending.Select(r => r.Format()));
        File.Copy(preset.SourcePath, submission.PresetPath);
        var jobName = "combigrad-" + Path.GetFileNameWithoutExtension(settings.Config);
        File.WriteAllText(submission.ScriptPath, SlurmArrayScript.Render(directory, submission, pending.Count, resources, launcher, jobName));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(submission.ScriptPath, File.GetUnixFileMode(submission.ScriptPath) | UnixFileMode.UserExecute);

        var summary = $"sweep {Path.GetFileName(settings.Config)}: {runs.Count} runs, {complete.Count} complete, {queued} queued, {pending.Count} in {submission.ScriptPath}";
        if (queueNote is not null) summary += $" ({queueNote}; runs queued by earlier submissions may be written again)";
        if (!settings.Submit)
        {
            Report(settings, $"{summary}\nsubmit it with 'combigrad sweep ... --slurm {directory.Path} --submit', or 'sbatch --parsable {submission.ScriptPath} > {submission.JobIdPath}' so that 'combigrad status --slurm {directory.Path}' can follow it.",
                new { runs = runs.Count, complete = complete.Count, queued, script = submission.ScriptPath, submitted = 0 }, quiet: submission.ScriptPath);
            return 0;
        }
        string jobId;
        try
        {
            jobId = SlurmScheduler.Submit(submission.ScriptPath);
        }
        catch
        {
            // Nothing refers to a submission Slurm refused: leave the folder as it was.
            foreach (var file in new[] { submission.ScriptPath, submission.RunsPath, submission.PresetPath }) File.Delete(file);
            throw;
        }
        File.WriteAllText(submission.JobIdPath, jobId + "\n");
        Report(settings, $"{summary}\nsubmitted array job {jobId} ({pending.Count} tasks); follow it with 'combigrad status --slurm {directory.Path}'.",
            new { runs = runs.Count, complete = complete.Count, queued, script = submission.ScriptPath, submitted = pending.Count, jobId }, quiet: jobId);
        return 0;
    }

    private static List<string> SlurmOnlyOptions(SweepSettings settings)
    {
        var given = new List<string>();
        if (settings.Partition is not null) given.Add("--partition");
        if (settings.Time is not null) given.Add("--time");
        if (settings.CpusPerTask is not null) given.Add("--cpus-per-task");
        if (settings.Mem is not null) given.Add("--mem");
        if (settings.MaxParallel is not null) given.Add("--max-parallel");
        if (settings.Submit) given.Add("--submit");
        if (settings.Cli is not null) given.Add("--cli");
        return given;
    }

    /// <summary>The preset's resources with the command line's values over them, all checked.</summary>
    private static SlurmJobResources Resources(Preset preset, SweepSettings settings)
    {
        var time = settings.Time ?? preset.Resources.Time;
        var cpus = settings.CpusPerTask ?? preset.Resources.CpusPerTask;
        var mem = settings.Mem ?? preset.Resources.Mem;
        string Source(object? flag, string option, string key) => flag is not null ? option : $"{preset.SourcePath}: resources.{key}";
        if (time is not null && SlurmTime.Parse(time, Source(settings.Time, "--time", "time")).TotalSeconds <= SlurmArrayScript.SignalLeadSeconds)
            throw new ArgumentException($"{Source(settings.Time, "--time", "time")} '{time}' must be longer than the {SlurmArrayScript.SignalLeadSeconds} s before the limit at which tasks are told to checkpoint.");
        if (cpus is < 1) throw new ArgumentException($"{Source(settings.CpusPerTask, "--cpus-per-task", "cpusPerTask")} must be >= 1, got {cpus}.");
        if (mem is not null) SlurmMemory.Validate(mem, Source(settings.Mem, "--mem", "mem"));
        if (settings.Partition is { Length: 0 } || settings.Partition?.Any(char.IsWhiteSpace) == true)
            throw new ArgumentException($"--partition '{settings.Partition}' is not a partition name.");
        return new SlurmJobResources(settings.Partition, time, cpus, mem, settings.MaxParallel);
    }

    private static bool IsComplete(SlurmSweepDirectory directory, string runKey)
    {
        var path = directory.RunDatabase(runKey);
        if (!File.Exists(path)) return false;
        using var database = new ResultsDatabase(path);
        return database.FindRun(runKey)?.Status == RunStatus.Completed;
    }

    /// <summary>The run keys of tasks Slurm still holds (queued, running or requeued), from squeue.</summary>
    private static (HashSet<string> Keys, string? Note) ActiveRuns(SlurmSweepDirectory directory)
    {
        var submitted = directory.Submissions().Where(s => s.JobId is not null).ToList();
        var (tasks, note) = SlurmScheduler.Queue([.. submitted.Select(s => s.JobId!)]);
        var keys = new HashSet<string>();
        if (tasks is null) return (keys, note);
        foreach (var submission in submitted)
        {
            var lines = submission.Runs();
            for (var i = 0; i < lines.Count; i++)
                if (tasks.ContainsKey($"{submission.JobId}_{i}")) keys.Add(lines[i].RunKey);
        }
        return (keys, null);
    }

    private static bool Given(CommandContext context, string option) =>
        context.Arguments.Any(a => a == option || a.StartsWith(option + "=", StringComparison.Ordinal));

    private static void Report(SweepSettings settings, string text, object json, string? quiet)
    {
        if (settings.Json) Console.WriteLine(JsonSerializer.Serialize(json));
        else if (settings.Quiet) { if (quiet is not null) Console.WriteLine(quiet); }
        // Plain lines, not Spectre markup: the console would wrap the long paths.
        else Console.WriteLine(text);
    }
}
