using Combigrad.Cli.Rendering;
using Combigrad.Experiments.Demo;
using Combigrad.Layers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad demo</c>: trains the shortest-path toy with Identity and with BB and prints a comparison table.</summary>
public sealed class DemoCommand : Command<DemoSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, DemoSettings settings, CancellationToken cancellationToken)
    {
        var options = settings.ToOptions();
        AnsiConsole.MarkupLine(
            $"[bold]Combigrad demo[/]: {options.GridSize}x{options.GridSize} grid shortest path, {options.TrainCount} train / {options.TestCount} test instances, " +
            $"{options.Epochs} epochs, seed {options.Seed}");
        using var experiment = new ShortestPathDemoExperiment(options);
        IGradientMethod[] methods = [new IdentityMethod(), new BlackboxMethod(options.BlackboxLambda)];
        var results = new List<DemoMethodResult>();
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(progressContext =>
            {
                foreach (var method in methods)
                {
                    var task = progressContext.AddTask(Describe(method), maxValue: options.Epochs);
                    var progress = new SynchronousProgress<DemoProgress>(p =>
                    {
                        task.Value = p.Epoch;
                        task.Description = $"{Describe(method)} [grey]loss {p.TrainLoss:F4}[/]";
                    });
                    results.Add(experiment.Run(method, progress, cancellationToken));
                }
            });
        AnsiConsole.Write(DemoTable.Build(results, options));
        return 0;
    }

    private static string Describe(IGradientMethod method) => method switch
    {
        BlackboxMethod bb => $"bb (lambda={bb.InterpolationStrength})",
        _ => method.Name,
    };
}
