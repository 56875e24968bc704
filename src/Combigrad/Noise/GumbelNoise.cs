using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Noise;

/// <summary>
/// Gumbel noise <c>beta G</c> with <c>G = -log(-log U)</c>, <c>U ~ Uniform(0, 1)</c>: by the Gumbel-max trick,
/// <c>argmax_i (theta_i + G_i)</c> is a sample of <c>softmax(theta)</c> (Jang et al. 2017; Niepert et al. 2021).
/// Mean <c>beta gamma_Euler</c>, variance <c>beta^2 pi^2 / 6</c>. Draws come from an owned, explicitly seeded generator.
/// </summary>
public sealed class GumbelNoise : INoise
{
    /// <summary>The Euler–Mascheroni constant, the mean of the standard Gumbel distribution.</summary>
    public const double EulerGamma = 0.57721566490153286;

    // Keeps U strictly inside (0, 1) so that both logarithms are finite.
    private const double UniformFloor = 1e-300;
    private const double UniformCeiling = 1 - 1.1102230246251565e-16;

    private readonly Generator _generator;

    /// <summary>Creates the noise with scale beta (1 for the standard Gumbel) and its own generator.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive and finite.</exception>
    public GumbelNoise(double scale, ulong seed)
    {
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The Gumbel scale (temperature) must be positive and finite; 1 gives the standard Gumbel.");
        Scale = scale;
        _generator = new Generator(seed);
    }

    /// <summary>beta.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public string Name => "gumbel";

    /// <inheritdoc />
    public Tensor SampleLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        using var scope = NewDisposeScope();
        var uniform = rand(like.shape, ScalarType.Float64, device: CPU, generator: _generator).clamp(UniformFloor, UniformCeiling);
        var gumbel = uniform.log().neg().log().neg() * Scale;
        return gumbel.to(like.dtype, like.device).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _generator.Dispose();

    /// <inheritdoc />
    public void Reseed(ulong seed) => _generator.manual_seed(unchecked((long)seed));
}
