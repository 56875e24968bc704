using static TorchSharp.torch;

namespace Combigrad.Metrics;

/// <summary>
/// Decision-quality metrics of predicted solutions <c>y_hat</c> against optimal solutions <c>y*</c> under true costs <c>c</c>
/// (minimisation convention; for scores pass their negation). All inputs have shape <c>[N, ...]</c>; nothing is
/// differentiated (see <see cref="Losses.RegretLoss"/> for the loss). Each returns a double.
/// </summary>
public static class DecisionMetrics
{
    /// <summary>Mean regret <c>1/N sum_i (&lt;c_i, y_hat_i&gt; - &lt;c_i, y*_i&gt;)</c>; 0 is perfect.</summary>
    public static double Regret(Tensor trueCosts, Tensor predicted, Tensor optimal)
    {
        var (predictedCost, optimalCost) = Objectives(trueCosts, predicted, optimal);
        return predictedCost.Zip(optimalCost, (p, o) => p - o).Average();
    }

    /// <summary>Normalised regret <c>sum_i (&lt;c_i, y_hat_i&gt; - &lt;c_i, y*_i&gt;) / sum_i |&lt;c_i, y*_i&gt;|</c>; 0 is perfect.</summary>
    public static double NormalizedRegret(Tensor trueCosts, Tensor predicted, Tensor optimal)
    {
        var (predictedCost, optimalCost) = Objectives(trueCosts, predicted, optimal);
        return (predictedCost.Sum() - optimalCost.Sum()) / optimalCost.Sum(Math.Abs);
    }

    /// <summary>Cost ratio <c>sum_i &lt;c_i, y_hat_i&gt; / sum_i &lt;c_i, y*_i&gt;</c> (paper Table 6 reports it x 100); 1 is perfect.</summary>
    public static double CostRatio(Tensor trueCosts, Tensor predicted, Tensor optimal)
    {
        var (predictedCost, optimalCost) = Objectives(trueCosts, predicted, optimal);
        return predictedCost.Sum() / optimalCost.Sum();
    }

    /// <summary>The share of instances whose prediction equals the target in every entry.</summary>
    public static double ExactMatchAccuracy(Tensor predicted, Tensor target)
    {
        ThrowIfShapesDiffer(predicted, target);
        using var scope = NewDisposeScope();
        var p = predicted.detach().flatten(1).to(ScalarType.Float64);
        var t = target.detach().flatten(1).to(ScalarType.Float64);
        return p.eq(t).all(1).to(ScalarType.Float64).mean().item<double>();
    }

    /// <summary>Mean absolute difference over all entries (the normalised Hamming distance for 0/1 solutions).</summary>
    public static double Hamming(Tensor predicted, Tensor target)
    {
        ThrowIfShapesDiffer(predicted, target);
        using var scope = NewDisposeScope();
        return (predicted.detach().to(ScalarType.Float64) - target.detach().to(ScalarType.Float64)).abs().mean().item<double>();
    }

    private static (double[] Predicted, double[] Optimal) Objectives(Tensor trueCosts, Tensor predicted, Tensor optimal)
    {
        ThrowIfShapesDiffer(trueCosts, predicted);
        ThrowIfShapesDiffer(trueCosts, optimal);
        using var scope = NewDisposeScope();
        var c = trueCosts.detach().flatten(1).to(ScalarType.Float64);
        var p = (c * predicted.detach().flatten(1).to(ScalarType.Float64)).sum(1);
        var o = (c * optimal.detach().flatten(1).to(ScalarType.Float64)).sum(1);
        return (p.cpu().data<double>().ToArray(), o.cpu().data<double>().ToArray());
    }

    private static void ThrowIfShapesDiffer(Tensor a, Tensor b)
    {
        if (!a.shape.SequenceEqual(b.shape))
            throw new ArgumentException($"DecisionMetrics: shapes [{string.Join(", ", a.shape)}] and [{string.Join(", ", b.shape)}] differ.");
    }
}
