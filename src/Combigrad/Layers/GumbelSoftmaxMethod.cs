using Combigrad.Autograd;
using Combigrad.Noise;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// Gumbel-softmax and straight-through Gumbel (Jang et al. 2017; Maddison et al. 2017) as a relaxation baseline. In
/// training mode it draws standard Gumbel <c>G</c> and forms the relaxed sample
/// <c>y_soft = |y_hard| softmax((-w + G) / tau)</c> with <c>y_hard = y(w - G) = argmax &lt;theta + G, y&gt;</c> and
/// <c>|y_hard|</c> its coordinate sum; forward returns <c>y_soft</c>, or with <see cref="Hard"/> the exact sample
/// <c>y_hard</c> whose backward is that of <c>y_soft</c> (straight-through Gumbel). Evaluation mode returns <c>y(w)</c>.
/// </summary>
/// <remarks>
/// <para>For one-hot solution sets (top-1, categorical) this is exactly Jang et al.'s estimator, and
/// <c>E[y_hard] = softmax(-w)</c> (Gumbel-max trick). For k-hot sets it is the usual k-scaled softmax relaxation; for
/// other solvers (paths) it is a heuristic coordinate relaxation, offered only as a baseline.</para>
/// <para>Recommended: tau in [0.1, 1] (Jang et al. anneal from 1 to 0.5); smaller tau, less bias, more variance.</para>
/// </remarks>
public sealed class GumbelSoftmaxMethod : IGradientMethod, IDisposable, IReseedable
{
    private readonly GumbelNoise _noise;

    /// <summary>Creates the method.</summary>
    /// <param name="temperature">tau &gt; 0, finite.</param>
    /// <param name="hard">Straight-through (exact forward sample) instead of the soft sample.</param>
    /// <param name="seed">Seed of the method's own Gumbel generator.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public GumbelSoftmaxMethod(double temperature, bool hard = true, ulong seed = 0)
    {
        if (!(temperature > 0) || double.IsInfinity(temperature))
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The Gumbel-softmax temperature tau must be positive and finite; 0.1 to 1 is typical.");
        Temperature = temperature;
        Hard = hard;
        _noise = new GumbelNoise(1.0, seed);
    }

    /// <summary>tau.</summary>
    public double Temperature { get; }

    /// <summary>Whether forward returns the exact sample (straight-through Gumbel).</summary>
    public bool Hard { get; }

    /// <inheritdoc />
    public string Name => "gumbel";

    /// <inheritdoc />
    /// <remarks>Behaves as in training mode.</remarks>
    public Tensor Solve(Tensor costs, ISolver solver) => Solve(costs, solver, training: true);

    /// <inheritdoc />
    public Tensor Solve(Tensor costs, ISolver solver, bool training)
    {
        ArgumentNullException.ThrowIfNull(costs);
        if (!training) return IdentityFunction.Apply(costs, solver);
        using var scope = NewDisposeScope();
        var gumbel = _noise.SampleLike(costs);
        var hard = SolverBridge.Solve(solver, (costs - gumbel).detach());
        var soft = hard.sum(-1, keepdim: true) * ((gumbel - costs) / Temperature).softmax(-1);
        var result = Hard ? hard + (soft - soft.detach()) : soft;
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _noise.Dispose();

    /// <inheritdoc />
    public void Reseed(ulong seed) => _noise.Reseed(seed);
}
