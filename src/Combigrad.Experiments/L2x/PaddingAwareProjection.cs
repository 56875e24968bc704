using Combigrad.Projections;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Experiments.L2x;

/// <summary>
/// <c>P_sphere o P_plane</c> (paper eq. 13, 14) over the real tokens of a padded review: costs at or above
/// <see cref="PaddingThreshold"/> are padding (the explainer gives padding the score <see cref="ExplainerNetwork.PaddingScore"/>,
/// i.e. the cost 1e4, before noise); the mean and the norm are taken over the other entries only, and padding is set to
/// <see cref="PaddingCost"/>, above every projected real cost (which lie in [-1, 1]), so top-k never selects it. An
/// invariance of the top-k solver as long as a review has at least k real tokens: every solution then selects only real
/// tokens and has k ones among them, so shifting and positively scaling their costs leaves it unchanged.
/// </summary>
public sealed class PaddingAwareProjection : ICostProjection
{
    /// <summary>Costs at or above this are padding.</summary>
    public const float PaddingThreshold = 1e3f;

    /// <summary>The cost padding gets after the projection.</summary>
    public const float PaddingCost = 2f;

    private const double NormFloor = 1e-12;

    /// <inheritdoc />
    public string Name => "plane+sphere over non-padding";

    /// <inheritdoc />
    public Tensor Apply(Tensor costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var real = costs.detach().lt(PaddingThreshold).to(costs.dtype);
        var count = real.sum(-1, keepdim: true).clamp_min(1);
        var centered = (costs - (costs * real).sum(-1, keepdim: true) / count) * real;
        var norm = centered.square().sum(-1, keepdim: true).sqrt().clamp_min(NormFloor);
        return centered / norm + (1 - real) * PaddingCost;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The solver's solutions do not have a constant sum.</exception>
    public ICostProjection ResolveFor(ISolver solver)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (!solver.Facts.HasConstantSum)
            throw new ArgumentException($"{Name} needs solutions of constant sum (top-k); {solver.Name} has none.", nameof(solver));
        return this;
    }
}
