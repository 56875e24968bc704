using Combigrad.Autograd;
using Combigrad.Noise;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// Implicit maximum-likelihood estimation, I-MLE (Niepert et al. 2021, <em>Implicit MLE: Backpropagating through
/// discrete exponential family distributions</em>), with the perturb-and-MAP target distribution. In training mode
/// forward draws <c>xi</c> from <see cref="Noise"/> and returns the sample <c>y(w - xi)</c> (<c>argmax &lt;theta + xi, y&gt;</c>
/// for scores <c>theta = -w</c>); backward returns
/// <c>(y(w - xi + lambda dL/dy) - y(w - xi)) / lambda</c> (one-sided) or
/// <c>(y(w - xi + lambda dL/dy) - y(w - xi - lambda dL/dy)) / (2 lambda)</c> (two-sided), with the same <c>xi</c>.
/// In evaluation mode it returns the noiseless MAP <c>y(w)</c>.
/// </summary>
/// <remarks>
/// <para>Niepert et al.'s Algorithm 2 returns <c>mu(theta) - mu(theta')</c> and folds <c>1/lambda</c> into the step size;
/// dividing by lambda, as here, makes I-MLE the BB update of paper eq. 4 at the perturbed costs (paper Sec. 4.3).</para>
/// <para>Recommended: lambda in [1, 100] relative to the cost scale (Niepert et al. use 10 to 1000 with SoG noise of
/// temperature 1 to 10); Gumbel noise for general solvers, Sum-of-Gamma (k = the k of top-k) for k-subset sampling.
/// Compatible with every solver; two solver calls per backward (three two-sided).</para>
/// <para>The method owns <see cref="Noise"/> and disposes it.</para>
/// </remarks>
public sealed class ImleMethod : IGradientMethod, IDisposable, IReseedable
{
    /// <summary>Creates the method.</summary>
    /// <param name="interpolationStrength">lambda &gt; 0, finite.</param>
    /// <param name="noise">The perturb-and-MAP noise (ownership passes to the method).</param>
    /// <param name="twoSided">Central instead of forward difference.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interpolationStrength"/> is not positive and finite.</exception>
    public ImleMethod(double interpolationStrength, INoise noise, bool twoSided = false)
    {
        ArgumentNullException.ThrowIfNull(noise);
        if (!(interpolationStrength > 0) || double.IsInfinity(interpolationStrength))
            throw new ArgumentOutOfRangeException(nameof(interpolationStrength), interpolationStrength,
                "I-MLE needs an interpolation strength lambda > 0 (finite); 1 to 100 relative to the cost scale is typical.");
        InterpolationStrength = interpolationStrength;
        Noise = noise;
        TwoSided = twoSided;
    }

    /// <summary>lambda.</summary>
    public double InterpolationStrength { get; }

    /// <summary>The perturb-and-MAP noise.</summary>
    public INoise Noise { get; }

    /// <summary>Whether the central difference is used.</summary>
    public bool TwoSided { get; }

    /// <inheritdoc />
    public string Name => "imle";

    /// <inheritdoc />
    /// <remarks>Behaves as in training mode.</remarks>
    public Tensor Solve(Tensor costs, ISolver solver) => Solve(costs, solver, training: true);

    /// <inheritdoc />
    public Tensor Solve(Tensor costs, ISolver solver, bool training)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (!training) return BlackboxFunction.Apply(costs, solver, InterpolationStrength, TwoSided);
        using var scope = NewDisposeScope();
        var perturbed = costs - Noise.SampleLike(costs);
        return BlackboxFunction.Apply(perturbed, solver, InterpolationStrength, TwoSided).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => Noise.Dispose();

    /// <inheritdoc />
    public void Reseed(ulong seed) => Noise.Reseed(seed);
}
