using System.Text.Json;
using System.Text.Json.Nodes;
using Combigrad.Experiments.Benchmarks;
using Combigrad.Experiments.Catalog;
using Combigrad.Experiments.Options;
using Combigrad.Experiments.Sweeps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Combigrad.Cli.Commands;

/// <summary><c>combigrad bench train</c>: median time of a training step with Identity, BB and a no-op solver, interleaved, in this process.</summary>
public sealed class BenchTrainCommand : Command<BenchTrainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, BenchTrainSettings settings, CancellationToken cancellationToken)
    {
        var preset = Preset.Load(settings.Config);
        var experiment = ExperimentCatalog.Get(preset.Experiment);
        string[] counts = [$"trainCount={settings.Maps}", "validationCount=1", "testCount=1"];
        IExperimentOptions OptionsFor(string method) =>
            OptionsBinder.Bind(experiment, (JsonObject)preset.Options.DeepClone(), [.. counts, .. settings.Set, $"method={method}"]);
        var report = TrainingStepBenchmark.Run(experiment, OptionsFor, settings.Steps, settings.WarmUp, cancellationToken);
        if (settings.Json)
        {
            foreach (var variant in report.Variants) Console.WriteLine(JsonSerializer.Serialize(variant));
            Console.WriteLine(JsonSerializer.Serialize(report.Solver));
            return 0;
        }
        var table = new Table()
            .Title(Markup.Escape($"{experiment.Name}: training step (forward + backward + optimizer), batch {report.Solver.BatchSize}, " +
                $"median of {settings.Steps} steps after {settings.WarmUp} warm-up, variants interleaved"))
            .AddColumn("variant")
            .AddColumn(new TableColumn("median step").RightAligned())
            .AddColumn(new TableColumn("x no-op floor").RightAligned());
        foreach (var v in report.Variants)
            table.AddRow(Markup.Escape(v.Variant), $"{v.MedianMilliseconds:F2} ms", $"{v.RatioToFloor:F3}");
        table.Caption(Markup.Escape(
            $"one batched solver call: {report.Solver.SolverBatchMilliseconds:F2} ms; BB - Identity: {report.Solver.BlackboxExtraMilliseconds:F2} ms " +
            $"({report.Solver.BlackboxExtraOverSolverBatch:F2} solver calls); Identity - no-op: {report.Solver.IdentityExtraMilliseconds:F2} ms"));
        AnsiConsole.Write(table);
        return 0;
    }
}
