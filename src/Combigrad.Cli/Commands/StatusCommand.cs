using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Slurm;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary>
/// <c>combigrad status</c>: the state of every run of a Slurm sweep folder (pending, running, completed, failed,
/// interrupted; epochs done; the last validation value of the headline metric; the Slurm task), or of every run in a
/// results database.
/// </summary>
public sealed class StatusCommand : Command<StatusSettings>
{
    private static readonly JsonSerializerOptions JsonLine = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <inheritdoc />
    public override int Execute(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        if (settings.Slurm is not null) return SlurmStatus(settings);
        var path = settings.Database ?? ResultsDatabase.DefaultPath;
        if (!File.Exists(path)) throw new FileNotFoundException($"no results database at {path}", path);
        using var database = new ResultsDatabase(path);
        var runs = database.GetRuns()
            .Select(r => RunProgress.Read(database, r, ExperimentCatalog.Get(r.Experiment).HeadlineMetric))
            .OrderBy(p => p.RunKey, StringComparer.Ordinal)
            .ToList();
        if (settings.Json)
        {
            foreach (var run in runs) Console.WriteLine(JsonSerializer.Serialize(Json(run.RunKey, null, run.Status, run, run.Epochs, null), JsonLine));
            return 0;
        }
        var table = new Table().AddColumns("run", "state", "epochs", "metric", "last validation", "test at best epoch");
        foreach (var run in runs)
            table.AddRow(run.RunKey, run.Status, Epochs(run, run.Epochs), run.Metric, Number(run.LastValidation), Number(Test(run)));
        AnsiConsole.Write(table);
        Console.WriteLine($"{runs.Count} runs in {database.Path}: {Counts(runs.Select(r => r.Status))}");
        return 0;
    }

    private static int SlurmStatus(StatusSettings settings)
    {
        var directory = new SlurmSweepDirectory(settings.Slurm!);
        var (runs, notes) = SlurmSweepStatus.Read(directory);
        if (settings.Json)
        {
            foreach (var run in runs)
                Console.WriteLine(JsonSerializer.Serialize(Json(run.RunKey, run.Label, run.State, run.Progress, run.Epochs,
                    run.Task is null ? null : new { task = run.Task, state = run.SlurmState, log = run.LogPath }), JsonLine));
            return 0;
        }
        var metric = runs.Select(r => r.Progress?.Metric).FirstOrDefault(m => m is not null) ?? "metric";
        var table = new Table().AddColumns("run", "state", "epochs", Markup.Escape($"validation {metric}"), Markup.Escape($"test {metric} (best epoch)"), "slurm task", "key");
        foreach (var run in runs)
        {
            table.AddRow(Markup.Escape(run.Label), Markup.Escape(run.State), Epochs(run.Progress, run.Epochs),
                Number(run.Progress?.LastValidation), Number(run.Progress is null ? null : Test(run.Progress)),
                Markup.Escape(run.Task is null ? "-" : $"{run.Task} {run.SlurmState ?? ""}".Trim()), run.RunKey);
        }
        AnsiConsole.Write(table);
        Console.WriteLine($"{runs.Count} runs in {directory.Path}: {Counts(runs.Select(r => r.State))}");
        // Plain lines, not Spectre markup: the console would wrap the long paths.
        foreach (var run in runs.Where(r => r.Note is not null || r.State == RunStatus.Failed))
            Console.WriteLine(run.Note is null ? $"{run.RunKey} failed: see {run.LogPath}" : $"{run.RunKey} ({run.State}): {run.Note}");
        if (runs.Any(r => r.State is RunStatus.Interrupted or RunStatus.Failed || (r.State == "pending" && r.Task is null)))
            Console.WriteLine($"to run what is not complete: combigrad sweep --config <preset> --slurm {directory.Path} --submit (with the same --seeds and --set)");
        foreach (var note in notes) Console.WriteLine($"note: {note}");
        return 0;
    }

    private static object Json(string key, string? label, string state, RunProgress? progress, int epochs, object? slurm) => new
    {
        run = key,
        label,
        state,
        epochsDone = progress?.EpochsDone ?? 0,
        epochs,
        bestEpoch = progress?.BestEpoch,
        metric = progress?.Metric,
        validation = progress?.Validation,
        trainLoss = progress?.TrainLoss,
        test = progress?.Test,
        slurm,
    };

    private static string Epochs(RunProgress? progress, int epochs) => $"{progress?.EpochsDone ?? 0}/{epochs}";

    private static double? Test(RunProgress run) =>
        run.Test.TryGetValue(run.Metric, out var value) ? value : null;

    private static string Number(double? value) => value is { } v ? v.ToString("0.0000", CultureInfo.InvariantCulture) : "-";

    private static string Counts(IEnumerable<string> states) =>
        string.Join(", ", states.GroupBy(s => s).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
}
