using Combigrad.Autograd;
using Combigrad.Noise;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// Differentiable perturbed optimizer, DPO (Berthet et al. 2020, <em>Learning with differentiable perturbed
/// optimizers</em>): in training mode forward returns the Monte-Carlo estimate
/// <c>y_eps(w) = 1/M sum_m y(w_m)</c> of <c>E[y(w + eps Z)]</c> (or the multiplicative <c>w ⊙ exp(eps Z - eps^2/2)</c>),
/// and backward the exact derivative of the smoothing, <c>dL/dw = 1/(eps M) sum_m &lt;y(w_m), dL/dy&gt; Z_m</c>
/// (divided by <c>w</c> entrywise for the multiplicative kind); see <see cref="PerturbedFunction"/>. In evaluation
/// mode it returns the exact <c>y(w)</c>.
/// </summary>
/// <remarks>
/// <para>Recommended: eps of the order of the cost differences that matter (0.1 to 1 for normalised costs; Berthet et
/// al. use 0.5 to 2), M = 5 to 100 samples (more samples, lower variance; cost M solver calls per instance).</para>
/// <para>The output is a point of the convex hull of <c>Y</c>, not a vertex. Compatible with every solver; use
/// <see cref="PerturbationKind.Multiplicative"/> for solvers that need non-negative costs. The Fenchel–Young loss
/// for this perturbation is <see cref="Losses.FenchelYoungLoss"/>.</para>
/// </remarks>
public sealed class PerturbedMethod : IGradientMethod, IDisposable, IReseedable
{
    private readonly GaussianNoise _noise;

    /// <summary>Creates the method.</summary>
    /// <param name="scale">eps &gt; 0, finite.</param>
    /// <param name="samples">M &gt;= 1.</param>
    /// <param name="kind">Additive or multiplicative.</param>
    /// <param name="seed">Seed of the method's own normal generator.</param>
    /// <exception cref="ArgumentOutOfRangeException">A parameter is out of range.</exception>
    public PerturbedMethod(double scale, int samples, PerturbationKind kind = PerturbationKind.Additive, ulong seed = 0)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The perturbation scale epsilon must be positive and finite; 0.1 to 2 is typical.");
        if (samples < 1)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "A perturbed optimizer needs at least one sample M; 5 to 100 is typical.");
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown perturbation kind.");
        Scale = scale;
        Samples = samples;
        Kind = kind;
        _noise = new GaussianNoise(1.0, seed);
    }

    /// <summary>eps.</summary>
    public double Scale { get; }

    /// <summary>M.</summary>
    public int Samples { get; }

    /// <summary>Additive or multiplicative.</summary>
    public PerturbationKind Kind { get; }

    /// <inheritdoc />
    public string Name => "dpo";

    /// <inheritdoc />
    /// <remarks>Behaves as in training mode.</remarks>
    public Tensor Solve(Tensor costs, ISolver solver) => Solve(costs, solver, training: true);

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Multiplicative perturbation of costs that are not all strictly positive.</exception>
    public Tensor Solve(Tensor costs, ISolver solver, bool training)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (!training) return IdentityFunction.Apply(costs, solver);
        using var scope = NewDisposeScope();
        var multiplicative = Kind == PerturbationKind.Multiplicative;
        if (multiplicative) ThrowIfNotPositive(costs, "PerturbedMethod");
        var z = DrawStandardNormal(costs);
        return PerturbedFunction.Apply(costs, z, solver, Scale, multiplicative).MoveToOuterDisposeScope();
    }

    /// <summary>Draws <c>Z</c> of shape <c>[M, *costs.shape]</c> from the method's generator.</summary>
    internal Tensor DrawStandardNormal(Tensor costs)
    {
        using var scope = NewDisposeScope();
        var like = empty([Samples, .. costs.shape], dtype: costs.dtype, device: costs.device);
        return _noise.SampleLike(like).MoveToOuterDisposeScope();
    }

    internal static void ThrowIfNotPositive(Tensor costs, string owner)
    {
        using var scope = NewDisposeScope();
        if (costs.detach().le(0).any().item<bool>())
            throw new ArgumentException(
                $"{owner}: the multiplicative perturbation needs strictly positive costs (it perturbs log w); " +
                "use softplus or exp on the network output, or the additive kind.", nameof(costs));
    }

    /// <inheritdoc />
    public void Dispose() => _noise.Dispose();

    /// <inheritdoc />
    public void Reseed(ulong seed) => _noise.Reseed(seed);
}
