using Combigrad.Layers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

/// <summary>Evaluates a trained backbone and solver layer on a split, in evaluation mode and without gradients.</summary>
public static class SplitEvaluator
{
    /// <summary>
    /// Returns the loss, exact-match and entry accuracy, cost norm and, when the split has true costs, normalized
    /// regret and cost ratio, keyed by <see cref="MetricNames"/>, plus the <paramref name="extraMetrics"/> of the problem.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Evaluate(
        nn.Module<Tensor, Tensor> backbone, SolverLayer layer, Func<Tensor, Tensor, Tensor> loss, LabeledSplit split, int batchSize,
        Func<Tensor, Tensor, IReadOnlyDictionary<string, double>>? extraMetrics = null)
    {
        backbone.eval();
        layer.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var predictions = new List<Tensor>();
        var costs = new List<Tensor>();
        for (long start = 0; start < split.Count; start += batchSize)
        {
            var length = Math.Min(batchSize, split.Count - start);
            var w = backbone.call(split.Inputs.narrow(0, start, length));
            costs.Add(w);
            predictions.Add(layer.call(w));
        }
        var predicted = cat(predictions, 0);
        var allCosts = cat(costs, 0);
        var targets = split.Targets;
        var metrics = new Dictionary<string, double>
        {
            [MetricNames.Loss] = ToDouble(loss(predicted, targets)),
            [MetricNames.ExactMatch] = ToDouble(predicted.flatten(1).eq(targets.flatten(1)).all(1).to(ScalarType.Float64).mean()),
            [MetricNames.EntryAccuracy] = ToDouble(predicted.eq(targets).to(ScalarType.Float64).mean()),
            [MetricNames.CostNorm] = ToDouble(allCosts.flatten(1).norm(1).mean()),
        };
        if (split.TrueCosts is { } trueCosts)
        {
            var c = trueCosts.flatten(1).to(ScalarType.Float64);
            var predictedCost = (c * predicted.flatten(1).to(ScalarType.Float64)).sum(1);
            var optimalCost = (c * targets.flatten(1).to(ScalarType.Float64)).sum(1);
            metrics[MetricNames.NormalizedRegret] = ToDouble((predictedCost - optimalCost).sum() / optimalCost.sum());
            metrics[MetricNames.CostRatio] = ToDouble((predictedCost / optimalCost).mean());
        }
        if (extraMetrics is not null)
            foreach (var (name, value) in extraMetrics(predicted, targets)) metrics[name] = value;
        return metrics;
    }

    private static double ToDouble(Tensor scalar) => scalar.to(ScalarType.Float64).item<double>();
}
