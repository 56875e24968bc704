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
            .AddColumn(new TableColumn("x no-op floor").RightAligned())
            .AddColumn(new TableColumn("solver layer alone").RightAligned());
        foreach (var v in report.Variants)
            table.AddRow(Markup.Escape(v.Variant), $"{v.MedianMilliseconds:F2} ms", $"{v.RatioToFloor:F3}", $"{v.LayerMedianMilliseconds:F3} ms");
        AnsiConsole.Write(table);
        var s = report.Solver;
        // Plain output: Spectre would wrap long lines at the console width.
        Console.WriteLine($"one batched solver call: {s.SolverBatchMilliseconds:F3} ms");
        Console.WriteLine($"BB - Identity: step {s.BlackboxExtraMilliseconds:F2} ms ({s.BlackboxExtraOverSolverBatch:F2} solver calls), " +
            $"solver layer {s.BlackboxLayerExtraMilliseconds:F3} ms ({s.BlackboxLayerExtraOverSolverBatch:F2} solver calls)");
        Console.WriteLine($"Identity - no-op: step {s.IdentityExtraMilliseconds:F2} ms, solver layer {s.IdentityLayerExtraMilliseconds:F3} ms");
        return 0;
    }
}
