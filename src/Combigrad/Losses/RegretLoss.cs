using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>
/// Regret under the true costs as a differentiable loss of the solutions: <c>mean_i (&lt;c_i, y_i&gt; - &lt;c_i, y*_i&gt;)</c>, or,
/// normalised, <c>sum_i (&lt;c_i, y_i&gt; - &lt;c_i, y*_i&gt;) / sum_i |&lt;c_i, y*_i&gt;|</c>. <c>dL/dy = c</c> (up to the normalisation), so a
/// solver layer with Identity or BB receives the true costs as incoming gradient. Costs are in the minimisation
/// convention; for scores pass their negation. See <see cref="Metrics.DecisionMetrics"/> for the detached metrics.
/// </summary>
public sealed class RegretLoss : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    /// <summary>Creates the loss.</summary>
    /// <param name="normalized">Divide by the total optimal cost.</param>
    /// <param name="name">The module name.</param>
    public RegretLoss(bool normalized = false, string name = nameof(RegretLoss)) : base(name)
    {
        Normalized = normalized;
        RegisterComponents();
    }

    /// <summary>Whether the regret is normalised by the optimal cost.</summary>
    public bool Normalized { get; }

    /// <summary>The regret of <paramref name="solutions"/> (shape <c>[N, ...]</c>) under <paramref name="trueCosts"/> against <paramref name="optimalSolutions"/>.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public override Tensor forward(Tensor solutions, Tensor trueCosts, Tensor optimalSolutions)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        ArgumentNullException.ThrowIfNull(trueCosts);
        ArgumentNullException.ThrowIfNull(optimalSolutions);
        LossGuard.ThrowIfShapesDiffer(GetName(), solutions, trueCosts, nameof(trueCosts));
        LossGuard.ThrowIfShapesDiffer(GetName(), solutions, optimalSolutions, nameof(optimalSolutions));
        using var scope = NewDisposeScope();
        var c = trueCosts.detach().to(solutions.dtype).flatten(1);
        var y = solutions.flatten(1);
        var optimalCost = (c * optimalSolutions.detach().to(solutions.dtype).flatten(1)).sum(-1);
        var regret = (c * y).sum(-1) - optimalCost;
        var loss = Normalized ? regret.sum() / optimalCost.abs().sum() : regret.mean();
        return loss.MoveToOuterDisposeScope();
    }
}
