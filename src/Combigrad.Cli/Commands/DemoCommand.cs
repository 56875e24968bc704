using Combigrad.Cli.Rendering;
using Combigrad.Experiments.Demo;
using Combigrad.Experiments.Results;
using Combigrad.Experiments.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad demo</c>: trains the shortest-path toy with each method through the Trainer, records the runs
/// in the results database, and prints a comparison table.</summary>
public sealed class DemoCommand : Command<DemoSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var experiment = new ShortestPathDemoExperiment();
        var first = settings.ToOptions(settings.MethodNames[0]);
        if (settings.Mode == OutputMode.Interactive)
            AnsiConsole.MarkupLine(
                $"[bold]Combigrad demo[/]: {first.GridSize}x{first.GridSize} grid shortest path, {first.TrainCount} train / {first.ValidationCount} validation / " +
                $"{first.TestCount} test instances, {first.Training.Epochs} epochs, seed {first.Training.Seed}");
        using var database = new ResultsDatabase(settings.Database);
        var runner = new ExperimentRunner(database);
        var results = new List<(string Method, TrainingResult Result)>();
        foreach (var method in settings.MethodNames)
        {
            var options = settings.ToOptions(method);
            var label = method;
            var outcome = TrainingSession.Run(runner, experiment, options, label, settings.Mode, resume: false, restart: true, restartCompleted: true, cancellationToken);
            results.Add((label, outcome.Result!));
        }
        if (settings.Mode == OutputMode.Json) return 0;
        AnsiConsole.Write(DemoTable.Build(results, first.TestCount));
        AnsiConsole.MarkupLine($"[grey]runs recorded in {Markup.Escape(database.Path)}[/]");
        return 0;
    }
}
