using static TorchSharp.torch;

namespace Combigrad.Experiments.Metrics;

/// <summary>Decision quality of predicted paths under the true costs.</summary>
/// <param name="NormalizedRegret">sum_i (&lt;c_i, y_hat_i&gt; - &lt;c_i, y*_i&gt;) / sum_i &lt;c_i, y*_i&gt;; 0 is perfect.</param>
/// <param name="PathAccuracy">The share of instances whose predicted path equals the true path exactly.</param>
/// <param name="CostRatio">sum_i &lt;c_i, y_hat_i&gt; / sum_i &lt;c_i, y*_i&gt; (paper Table 6 reports it per instance x 100); 1 is perfect.</param>
public sealed record ShortestPathMetrics(double NormalizedRegret, double PathAccuracy, double CostRatio)
{
    /// <summary>Computes the metrics from true costs, predicted paths and true paths, all of shape <c>[N, ...]</c>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static ShortestPathMetrics Compute(Tensor trueCosts, Tensor predictedPaths, Tensor truePaths)
    {
        if (!trueCosts.shape.SequenceEqual(predictedPaths.shape) || !trueCosts.shape.SequenceEqual(truePaths.shape))
            throw new ArgumentException("Costs, predicted paths and true paths must have the same shape.");
        using var scope = NewDisposeScope();
        var costs = trueCosts.flatten(1).to(ScalarType.Float64);
        var predicted = predictedPaths.flatten(1).to(ScalarType.Float64);
        var truth = truePaths.flatten(1).to(ScalarType.Float64);
        var predictedCost = (costs * predicted).sum().item<double>();
        var optimalCost = (costs * truth).sum().item<double>();
        var exact = predicted.eq(truth).all(1).to(ScalarType.Float64).mean().item<double>();
        return new ShortestPathMetrics((predictedCost - optimalCost) / optimalCost, exact, predictedCost / optimalCost);
    }
}
