using System.Text.Json.Nodes;
using Combigrad.Cli.Rendering;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Faults;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad run</c>: trains one configuration of an experiment, recording it in the results database.</summary>
public sealed class RunCommand : Command<RunSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, RunSettings settings, CancellationToken cancellationToken)
    {
        var (experiment, options) = Bind(settings);
        using var database = new ResultsDatabase(settings.Database);
        var runner = new ExperimentRunner(database);
        var label = $"{experiment.Name} {options.Method} seed {options.Training.Seed}";
        using var signals = new StopSignals(cancellationToken);
        RunOutcome outcome;
        try
        {
            outcome = TrainingSession.Run(runner, experiment, options, label, settings.Mode, settings.Resume, settings.Restart, settings.Force, signals.Token);
        }
        catch (OperationCanceledException) when (signals.Received is { } stopped)
        {
            var key = RunIdentity.Key(experiment.Name, OptionsBinder.Serialize(experiment, options));
            var epoch = database.FindRun(key) is { } run ? database.LastEpoch(run.Id) : -1;
            throw new FaultException(stopped,
                $"stopped by {signals.SignalName}: run {key} ({label}) is recorded as interrupted after epoch {epoch} in {database.Path}; run the same command with --resume to continue it.");
        }
        foreach (var warning in outcome.Warnings) Console.Error.WriteLine($"warning: {warning}");
        if (outcome.Skipped)
        {
            if (settings.Mode != OutputMode.Json) AnsiConsole.MarkupLine($"run {outcome.RunKey} is already complete in {Markup.Escape(database.Path)}; use --force to train again.");
            return 0;
        }
        var best = outcome.Result!.Best;
        var headline = best.Test.TryGetValue(experiment.HeadlineMetric, out var v) ? v : double.NaN;
        if (settings.Mode == OutputMode.Json)
            Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(new { run = outcome.RunKey, bestEpoch = best.Epoch, metric = experiment.HeadlineMetric, test = headline }));
        else
            AnsiConsole.MarkupLine($"run {outcome.RunKey}: best epoch {best.Epoch}, test {experiment.HeadlineMetric} {headline:F4} (recorded in {Markup.Escape(database.Path)})");
        return 0;
    }

    internal static (IExperiment Experiment, IExperimentOptions Options) Bind(RunSettings settings)
    {
        if (settings.Config is not null)
        {
            var preset = Preset.Load(settings.Config);
            var experiment = ExperimentCatalog.Get(preset.Experiment);
            return (experiment, OptionsBinder.Bind(experiment, (JsonObject)preset.Options.DeepClone(), settings.Set));
        }
        if (settings.Experiment is null)
            throw new ArgumentException($"give --config FILE or --experiment NAME (experiments: {string.Join(", ", ExperimentCatalog.Names)}).");
        var named = ExperimentCatalog.Get(settings.Experiment);
        return (named, OptionsBinder.Bind(named, null, settings.Set));
    }
}
