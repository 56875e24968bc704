using Combigrad.Experiments.Training;
using static TorchSharp.torch;

namespace Combigrad.Experiments.GraphMatching;

/// <summary>
/// Matching accuracy (Rolínek et al. 2020b; paper Table 2): the share of source keypoints matched to their true partner,
/// read from the vertex block of the solutions (the first <c>n m</c> entries of the layout).
/// </summary>
public static class MatchingAccuracy
{
    /// <summary>The accuracy over all pairs of <paramref name="predicted"/> against <paramref name="targets"/> (both <c>[N, D]</c>).</summary>
    /// <exception cref="ArgumentException">The shapes differ or are too small for the vertex block.</exception>
    public static double Compute(Tensor predicted, Tensor targets, int sourceKeypoints, int targetKeypoints)
    {
        var vertexPairs = sourceKeypoints * targetKeypoints;
        if (!predicted.shape.SequenceEqual(targets.shape) || predicted.dim() != 2 || predicted.shape[1] < vertexPairs)
            throw new ArgumentException($"Matching accuracy needs two [N, >= {vertexPairs}] tensors of one shape, got [{string.Join(", ", predicted.shape)}] and [{string.Join(", ", targets.shape)}].");
        using var scope = NewDisposeScope();
        var p = predicted.narrow(1, 0, vertexPairs).to(ScalarType.Float64);
        var t = targets.narrow(1, 0, vertexPairs).to(ScalarType.Float64);
        return ((p * t).sum() / (predicted.shape[0] * (double)sourceKeypoints)).item<double>();
    }

    /// <summary>The metric as the trainer's extra metrics: <see cref="MetricNames.MatchingAccuracy"/>.</summary>
    public static Func<Tensor, Tensor, IReadOnlyDictionary<string, double>> AsMetric(int sourceKeypoints, int targetKeypoints) =>
        (predicted, targets) => new Dictionary<string, double>
        {
            [MetricNames.MatchingAccuracy] = Compute(predicted, targets, sourceKeypoints, targetKeypoints),
        };
}
