using Combigrad.Autograd;
using Combigrad.Layers;
using Combigrad.Noise;
using Combigrad.Solvers;
using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Losses;

/// <summary>
/// The Fenchel–Young loss of the perturbed optimizer (Berthet et al. 2020, Sec. 4), written in the solvers'
/// minimisation convention for costs <c>w</c> and a target solution <c>y*</c>:
/// <code>
/// L(w; y*) = 1/M sum_m ( &lt;w_m, y*&gt; - min_y &lt;w_m, y&gt; ),   w_m = w + eps Z_m  (or w ⊙ exp(eps Z_m - eps^2/2))
/// dL/dw   = y* - 1/M sum_m y(w_m)                                (additive; Danskin)
/// </code>
/// the sample average of the suboptimality of <c>y*</c> under the perturbed costs.
/// </summary>
/// <remarks>
/// <para><b>Signs.</b> Berthet et al. state the loss for scores <c>theta</c> (maximisation):
/// <c>F_eps(theta) + Omega(y*) - &lt;theta, y*&gt;</c> with gradient <c>y_eps(theta) - y*</c>. With <c>theta = -w</c> and symmetric
/// <c>Z</c>, <c>F_eps(-w) = -E[min_y &lt;w + eps Z, y&gt;]</c>, so the cost gradient is <c>y* - E[y(w + eps Z)]</c>: gradient descent
/// lowers the costs of the target and raises those of the current solutions. With
/// <see cref="ObjectiveSense.Maximize"/> the input is <c>theta</c> and the gradient is <c>E[y(theta + eps Z)] - y*</c>, Berthet's form.
/// This estimator drops the constant <c>Omega(y*)</c> and adds <c>eps &lt;Z_m, y*&gt;</c> (mean zero), which leaves the gradient
/// unchanged and makes every sample non-negative.</para>
/// <para><b>Values.</b> <c>L &gt;= 0</c> for every draw (exactly, not only in expectation). <c>L = 0</c> if and only if <c>y*</c> is a
/// minimiser of every perturbed cost <c>w_m</c>; in particular when <c>y* = y(w)</c> with a margin larger than the
/// perturbations. In expectation, for <c>y* = y(w)</c>, <c>0 &lt;= E[L] &lt;= eps E[max_y &lt;Z, y - y*&gt;]</c>, which vanishes as eps -&gt; 0.</para>
/// <para><b>Multiplicative</b> (needs <c>w &gt; 0</c>): the same value, and gradient <c>1/M sum_m m_m ⊙ (y* - y(w_m))</c> with
/// <c>m_m = exp(eps Z_m - eps^2/2)</c>, <c>E[m_m] = 1</c>.</para>
/// <para>Recommended eps and M as for <see cref="PerturbedMethod"/>. The loss is the mean over instances. For solvers that
/// need non-negative costs, prefer the multiplicative kind: additive perturbations are clamped at 0 by the solver bridge.</para>
/// </remarks>
public sealed class FenchelYoungLoss : nn.Module<Tensor, Tensor, Tensor>, IReseedable
{
    private readonly ISolver _solver;
    private readonly ObjectiveSense _sense;
    private readonly bool _multiplicative;
    private readonly GaussianNoise _noise;

    /// <summary>Creates the loss.</summary>
    /// <param name="solver">The solver.</param>
    /// <param name="scale">eps &gt; 0, finite.</param>
    /// <param name="samples">M &gt;= 1.</param>
    /// <param name="kind">Additive or multiplicative perturbation.</param>
    /// <param name="seed">Seed of the loss's own normal generator.</param>
    /// <param name="sense">Whether the input is a cost (default) or a score.</param>
    /// <param name="name">The module name.</param>
    /// <exception cref="ArgumentOutOfRangeException">eps or M out of range.</exception>
    /// <exception cref="ArgumentException">Scores to maximise for a solver that needs non-negative costs.</exception>
    public FenchelYoungLoss(ISolver solver, double scale, int samples, PerturbationKind kind = PerturbationKind.Additive, ulong seed = 0,
        ObjectiveSense sense = ObjectiveSense.Minimize, string name = nameof(FenchelYoungLoss))
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(solver);
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The Fenchel–Young loss needs a perturbation scale epsilon > 0 (finite); 0.1 to 2 is typical.");
        if (samples < 1)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "The Fenchel–Young loss needs at least one sample M; 5 to 100 is typical.");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown perturbation kind.");
        if (sense == ObjectiveSense.Maximize && solver.Facts.RequiresNonNegativeCosts)
            throw new ArgumentException($"{name}: {solver.Name} needs non-negative costs, so its input cannot be a score to maximise.", nameof(sense));
        _solver = solver;
        Scale = scale;
        Samples = samples;
        Kind = kind;
        _sense = sense;
        _multiplicative = kind == PerturbationKind.Multiplicative;
        _noise = new GaussianNoise(1.0, seed);
        RegisterComponents();
    }

    /// <summary>eps.</summary>
    public double Scale { get; }

    /// <summary>M.</summary>
    public int Samples { get; }

    /// <summary>Additive or multiplicative.</summary>
    public PerturbationKind Kind { get; }

    /// <summary>The loss, averaged over the instances of <paramref name="costs"/> (shape <c>[..., *InstanceShape]</c>).</summary>
    /// <param name="costs">Predicted costs (or scores with <see cref="ObjectiveSense.Maximize"/>).</param>
    /// <param name="target">Target solutions <c>y*</c>, same shape.</param>
    /// <exception cref="ArgumentException">Shapes, NaN/Inf, negative costs for a solver that needs non-negative ones, or non-positive costs with the multiplicative kind.</exception>
    public override Tensor forward(Tensor costs, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(target);
        CostGuard.ThrowIfInvalid(GetName(), _solver, costs);
        LossGuard.ThrowIfShapesDiffer(GetName(), costs, target, "target");
        using var scope = NewDisposeScope();
        var n = _solver.Dimension;
        var w = _sense.ToCosts(costs.reshape(-1, n));
        if (_multiplicative) PerturbedMethod.ThrowIfNotPositive(w, GetName());
        var targetSolution = target.reshape(-1, n).detach().to(w.dtype);
        var like = empty([Samples, .. w.shape], dtype: w.dtype, device: w.device);
        var z = _noise.SampleLike(like);
        var perturbed = PerturbedFunction.Perturb(w, z, Scale, _multiplicative);
        var solutions = PerturbedFunction.SolveAll(_solver, perturbed.detach());
        var suboptimality = (perturbed * (targetSolution.unsqueeze(0) - solutions)).sum(-1);
        return suboptimality.mean().MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _noise.Dispose();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public void Reseed(ulong seed) => _noise.Reseed(seed);
}
