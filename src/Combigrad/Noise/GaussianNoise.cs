using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Noise;

/// <summary>
/// Gaussian noise <c>sigma Z</c>, <c>Z ~ N(0, I)</c> (the perturbation of Berthet et al. 2020). Mean 0, variance
/// <c>sigma^2</c>. Draws come from an owned, explicitly seeded generator.
/// </summary>
public sealed class GaussianNoise : INoise
{
    private readonly Generator _generator;

    /// <summary>Creates the noise with standard deviation sigma and its own generator.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="standardDeviation"/> is not positive and finite.</exception>
    public GaussianNoise(double standardDeviation, ulong seed)
    {
        if (!(standardDeviation > 0) || double.IsInfinity(standardDeviation))
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The Gaussian standard deviation must be positive and finite.");
        StandardDeviation = standardDeviation;
        _generator = new Generator(seed);
    }

    /// <summary>sigma.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public string Name => "gaussian";

    /// <inheritdoc />
    public Tensor SampleLike(Tensor like)
    {
        ArgumentNullException.ThrowIfNull(like);
        using var scope = NewDisposeScope();
        var z = randn(like.shape, ScalarType.Float64, device: CPU, generator: _generator) * StandardDeviation;
        return z.to(like.dtype, like.device).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public void Dispose() => _generator.Dispose();

    /// <inheritdoc />
    public void Reseed(ulong seed) => _generator.manual_seed(unchecked((long)seed));
}
