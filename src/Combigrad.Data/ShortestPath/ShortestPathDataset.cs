using static TorchSharp.torch;

namespace Combigrad.Data.ShortestPath;

/// <summary>
/// A split of shortest-path instances: features <c>[N, p]</c>, true vertex costs <c>[N, k, k]</c> and the optimal
/// path indicators <c>[N, k, k]</c> under those costs. Owns its tensors.
/// </summary>
public sealed class ShortestPathDataset : IDisposable
{
    /// <summary>Wraps the three tensors; they must agree in their first dimension.</summary>
    /// <exception cref="ArgumentException">The tensors disagree in size.</exception>
    public ShortestPathDataset(Tensor features, Tensor costs, Tensor paths)
    {
        if (features.shape[0] != costs.shape[0] || costs.shape[0] != paths.shape[0])
            throw new ArgumentException($"Dataset tensors disagree in size: features {features.shape[0]}, costs {costs.shape[0]}, paths {paths.shape[0]}.");
        Features = features;
        Costs = costs;
        Paths = paths;
    }

    /// <summary>Features, <c>[N, p]</c>.</summary>
    public Tensor Features { get; }

    /// <summary>True vertex costs, <c>[N, k, k]</c>.</summary>
    public Tensor Costs { get; }

    /// <summary>Optimal path indicators under <see cref="Costs"/>, <c>[N, k, k]</c>.</summary>
    public Tensor Paths { get; }

    /// <summary>The number of instances N.</summary>
    public long Count => Features.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        Features.Dispose();
        Costs.Dispose();
        Paths.Dispose();
    }
}
