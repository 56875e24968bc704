using Combigrad.Autograd;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// Blackbox backpropagation, BB (Vlastelica et al. 2020; paper eq. 4): backward returns
/// <c>(y(w + lambda dL/dy) - y(w)) / lambda</c> at the price of one extra batched solver call. lambda controls the
/// locality of the interpolation; the paper uses 20 (Globe TSP, Warcraft), 80 (graph matching), 0.05-0.5 (ranking).
/// </summary>
public sealed class BlackboxMethod : IGradientMethod
{
    /// <summary>Creates the method with interpolation strength lambda.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="interpolationStrength"/> is not positive and finite.</exception>
    public BlackboxMethod(double interpolationStrength)
    {
        if (!(interpolationStrength > 0) || double.IsInfinity(interpolationStrength))
            throw new ArgumentOutOfRangeException(nameof(interpolationStrength), interpolationStrength,
                "Blackbox backpropagation needs an interpolation strength lambda > 0 (finite); the paper uses 20 for TSP and Warcraft.");
        InterpolationStrength = interpolationStrength;
    }

    /// <summary>lambda in eq. 4.</summary>
    public double InterpolationStrength { get; }

    /// <inheritdoc />
    public string Name => "bb";

    /// <inheritdoc />
    public Tensor Solve(Tensor costs, ISolver solver) => BlackboxFunction.Apply(costs, solver, InterpolationStrength);
}
