using System.Text.Json.Nodes;

namespace Combigrad.Experiments.Results;

/// <summary>
/// How far one recorded run got: its status, epochs done out of its budget, and its metrics (the headline metric on the
/// validation split per epoch, the train loss per epoch, and every test metric at the best epoch once completed).
/// </summary>
/// <param name="RunKey">The run key.</param>
/// <param name="Status">The run's status in its database (see <see cref="RunStatus"/>).</param>
/// <param name="EpochsDone">The last recorded epoch (0 = only the untrained model was evaluated).</param>
/// <param name="Epochs">The run's epoch budget (<c>training.epochs</c> of its options).</param>
/// <param name="BestEpoch">The early-stopping epoch, once completed.</param>
/// <param name="Metric">The headline metric.</param>
/// <param name="Validation">The headline metric on the validation split, per recorded epoch (epoch 0 first).</param>
/// <param name="TrainLoss">The mean training loss per recorded epoch (epoch 0 first; NaN for epoch 0).</param>
/// <param name="Test">Every test metric at the best epoch, once completed; empty otherwise.</param>
public sealed record RunProgress(
    string RunKey, string Status, int EpochsDone, int Epochs, int? BestEpoch, string Metric, IReadOnlyList<double> Validation,
    IReadOnlyList<double> TrainLoss, IReadOnlyDictionary<string, double> Test)
{
    /// <summary>The headline metric on the validation split at the last recorded epoch, if any.</summary>
    public double? LastValidation => Validation.Count == 0 ? null : Validation[^1];

    /// <summary>Reads the progress of <paramref name="run"/> from <paramref name="database"/>.</summary>
    /// <param name="database">The database holding the run.</param>
    /// <param name="run">The run.</param>
    /// <param name="metric">The headline metric to follow.</param>
    public static RunProgress Read(ResultsDatabase database, RunInfo run, string metric)
    {
        var rows = database.GetMetrics(run.Id);
        var last = rows.Count == 0 ? -1 : rows.Max(r => r.Epoch);
        double Value(int epoch, string split, string name) =>
            rows.FirstOrDefault(r => r.Epoch == epoch && r.Split == split && r.Name == name)?.Value ?? double.NaN;
        var epochs = Enumerable.Range(0, last + 1).ToArray();
        var test = run.Status == RunStatus.Completed && run.BestEpoch is { } best
            ? rows.Where(r => r.Epoch == best && r.Split == ResultsDatabase.TestSplit).ToDictionary(r => r.Name, r => r.Value)
            : [];
        var budget = JsonNode.Parse(run.OptionsJson)?["training"]?["epochs"]?.GetValue<int>() ?? 0;
        return new RunProgress(run.RunKey, run.Status, Math.Max(last, 0), budget, run.BestEpoch, metric,
            [.. epochs.Select(e => Value(e, ResultsDatabase.ValidationSplit, metric))],
            [.. epochs.Select(e => Value(e, ResultsDatabase.TrainSplit, Training.MetricNames.Loss))],
            test);
    }
}
