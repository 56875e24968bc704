using Combigrad.Autograd;
using Combigrad.Layers;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>
/// The SPO+ loss (Elmachtoub and Grigas 2022, <em>Smart "predict, then optimize"</em>, eq. 8) for problems whose true
/// costs <c>c</c> are known, in the minimisation convention of the solvers (which is the paper's own):
/// <code>
/// L(w; c) = -min_y &lt;2w - c, y&gt; + 2 &lt;w, y*(c)&gt; - &lt;c, y*(c)&gt;      subgradient  2 (y*(c) - y(2w - c))
/// </code>
/// a convex upper bound of the regret <c>&lt;c, y(w)&gt; - &lt;c, y*(c)&gt;</c>; <c>L &gt;= 0</c> and <c>L(c; c) = 0</c>.
/// </summary>
/// <remarks>
/// <para>With <see cref="ObjectiveSense.Maximize"/> both inputs are scores <c>theta</c>, <c>theta*</c> and the loss is evaluated at
/// <c>w = -theta</c>, <c>c = -theta*</c> (the same sign flip as <see cref="SolverLayer"/>).</para>
/// <para>No hyperparameter; one solver call per instance (two when <c>y*(c)</c> is not supplied). For solvers that need
/// non-negative costs, the negative entries of <c>2w - c</c> are clamped at 0 by the solver bridge, which makes the loss a
/// surrogate whose non-negativity is no longer guaranteed.</para>
/// </remarks>
public sealed class SpoPlusLoss : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ISolver _solver;
    private readonly ObjectiveSense _sense;

    /// <summary>Creates the loss for <paramref name="solver"/>.</summary>
    /// <exception cref="ArgumentException">Scores to maximise for a solver that needs non-negative costs.</exception>
    public SpoPlusLoss(ISolver solver, ObjectiveSense sense = ObjectiveSense.Minimize, string name = nameof(SpoPlusLoss)) : base(name)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (sense == ObjectiveSense.Maximize && solver.Facts.RequiresNonNegativeCosts)
            throw new ArgumentException($"{name}: {solver.Name} needs non-negative costs, so its input cannot be a score to maximise.", nameof(sense));
        _solver = solver;
        _sense = sense;
        RegisterComponents();
    }

    /// <summary>The loss averaged over instances; <c>y*(c)</c> is computed by the solver.</summary>
    public override Tensor forward(Tensor costs, Tensor trueCosts) => Compute(costs, trueCosts, null);

    /// <summary>The loss averaged over the instances of <paramref name="costs"/> (shape <c>[..., *InstanceShape]</c>).</summary>
    /// <param name="costs">Predicted costs <c>w</c> (scores with <see cref="ObjectiveSense.Maximize"/>).</param>
    /// <param name="trueCosts">True costs <c>c</c>, same shape, no gradient.</param>
    /// <param name="trueSolution"><c>y*(c)</c> when known (saves a solver call); computed when null.</param>
    /// <exception cref="ArgumentException">Shapes differ, or invalid costs.</exception>
    public Tensor Compute(Tensor costs, Tensor trueCosts, Tensor? trueSolution)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(trueCosts);
        CostGuard.ThrowIfInvalid(GetName(), _solver, costs);
        LossGuard.ThrowIfShapesDiffer(GetName(), costs, trueCosts, nameof(trueCosts));
        if (trueSolution is not null) LossGuard.ThrowIfShapesDiffer(GetName(), costs, trueSolution, nameof(trueSolution));
        using var scope = NewDisposeScope();
        var n = _solver.Dimension;
        var w = _sense.ToCosts(costs.reshape(-1, n));
        var c = _sense.ToCosts(trueCosts.reshape(-1, n).detach().to(w.dtype));
        var optimal = trueSolution is null ? SolverBridge.Solve(_solver, c) : trueSolution.reshape(-1, n).detach().to(w.dtype);
        var shifted = 2 * w - c;
        var shiftedSolution = SolverBridge.Solve(_solver, shifted.detach());
        var loss = -(shifted * shiftedSolution).sum(-1) + 2 * (w * optimal).sum(-1) - (c * optimal).sum(-1);
        return loss.mean().MoveToOuterDisposeScope();
    }
}
