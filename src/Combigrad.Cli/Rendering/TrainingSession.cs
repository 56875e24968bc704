using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Training;
using Spectre.Console;

namespace Combigrad.Cli.Rendering;

/// <summary>Runs experiments through the <see cref="ExperimentRunner"/> with the output mode the user chose.</summary>
internal static class TrainingSession
{
    public static RunOutcome Run(ExperimentRunner runner, IExperiment experiment, IExperimentOptions options, string label,
        OutputMode mode, bool resume, bool restart, bool restartCompleted, CancellationToken cancellationToken)
    {
        switch (mode)
        {
            case OutputMode.Json:
                return runner.Run(experiment, options, resume, new JsonLinesObserver(label), restartCompleted, cancellationToken, restart);
            case OutputMode.Quiet:
                return runner.Run(experiment, options, resume, null, restartCompleted, cancellationToken, restart);
            default:
                RunOutcome? outcome = null;
                AnsiConsole.Progress()
                    .AutoClear(false)
                    .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                        new ElapsedTimeColumn(), new RemainingTimeColumn())
                    .Start(context =>
                    {
                        var epochs = context.AddTask(Markup.Escape(label), maxValue: options.Training.Epochs);
                        var batches = context.AddTask("  batches");
                        var observer = new TrainingProgressObserver(epochs, batches, label, experiment.HeadlineMetric);
                        outcome = runner.Run(experiment, options, resume, observer, restartCompleted, cancellationToken, restart);
                        epochs.Value = epochs.MaxValue;
                        batches.Value = batches.MaxValue;
                    });
                return outcome!;
        }
    }
}
