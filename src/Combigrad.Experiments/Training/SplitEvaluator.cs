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
        Func<Tensor, Tensor, IReadOnlyDictionary<string, double>>? extraMetrics = null) =>
        Evaluate(backbone, layer, head: null, loss, costPenalty: null, split, batchSize, extraMetrics);

    /// <summary>
    /// Evaluates <paramref name="problem"/> on <paramref name="split"/>: as the overload above, plus its
    /// <see cref="TrainingProblem.Head"/> and <see cref="TrainingProblem.CostPenalty"/>. A sampler
    /// (<see cref="TrainingProblem.IsSampler"/>) keeps its layer in sampling mode, reseeded with
    /// <paramref name="samplingSeed"/> first, so the same seed gives the same samples, unless it samples only in
    /// training (<see cref="TrainingProblem.SamplesOnlyInTraining"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, double> Evaluate(TrainingProblem problem, LabeledSplit split, int batchSize, ulong samplingSeed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var layer = problem.Layer;
        var wasEnabled = layer.NoiseEnabled;
        var sample = problem.IsSampler && !problem.SamplesOnlyInTraining;
        try
        {
            if (sample)
            {
                layer.NoiseEnabled = true;
                layer.Reseed(samplingSeed);
            }
            return Evaluate(problem.Backbone, layer, problem.Head, problem.Loss, problem.CostPenalty, split, batchSize, problem.ExtraMetrics, sample);
        }
        finally
        {
            layer.NoiseEnabled = wasEnabled;
        }
    }

    private static IReadOnlyDictionary<string, double> Evaluate(
        nn.Module<Tensor, Tensor> backbone, SolverLayer layer, nn.Module<Tensor, Tensor>? head, Func<Tensor, Tensor, Tensor> loss,
        Func<Tensor, Tensor>? costPenalty, LabeledSplit split, int batchSize,
        Func<Tensor, Tensor, IReadOnlyDictionary<string, double>>? extraMetrics, bool sample = false)
    {
        backbone.eval();
        head?.eval();
        if (sample) layer.train();
        else layer.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var predictions = new List<Tensor>();
        var outputs = new List<Tensor>();
        var costs = new List<Tensor>();
        for (long start = 0; start < split.Count; start += batchSize)
        {
            var length = Math.Min(batchSize, split.Count - start);
            var w = backbone.call(split.Inputs.narrow(0, start, length));
            costs.Add(w);
            var y = layer.call(w);
            predictions.Add(y);
            if (head is not null) outputs.Add(head.call(y));
        }
        var predicted = cat(predictions, 0);
        var allCosts = cat(costs, 0);
        var targets = split.Targets;
        var totalLoss = loss(head is null ? predicted : cat(outputs, 0), targets);
        if (costPenalty is not null) totalLoss = totalLoss + costPenalty(allCosts);
        var metrics = new Dictionary<string, double> { [MetricNames.Loss] = ToDouble(totalLoss) };
        if (head is null)
        {
            // Solutions are compared with target solutions only when nothing sits between solver and loss.
            metrics[MetricNames.ExactMatch] = ToDouble(predicted.flatten(1).eq(targets.flatten(1)).all(1).to(ScalarType.Float64).mean());
            metrics[MetricNames.EntryAccuracy] = ToDouble(predicted.eq(targets).to(ScalarType.Float64).mean());
        }
        metrics[MetricNames.CostNorm] = ToDouble(allCosts.flatten(1).norm(1).mean());
        if (split.TrueCosts is { } trueCosts && head is null)
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
