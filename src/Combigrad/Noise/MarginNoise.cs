using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Noise;

/// <summary>
/// Margin-inducing noise (paper Sec. 3.5): <c>xi ~ Uniform{-alpha/2, +alpha/2}^n</c>, added to the costs before the
/// projection so that the network learns costs far from the boundaries of the solver's cones. Draws come from a
/// generator owned by this object and seeded explicitly, never from global state.
/// </summary>
public sealed class MarginNoise : INoise
{
    private readonly Generator _generator;

    /// <summary>Creates the noise with magnitude alpha and its own generator.</summary>
    /// <param name="magnitude">alpha &gt;= 0; each entry is <c>+alpha/2</c> or <c>-alpha/2</c> with equal probability.</param>
    /// <param name="seed">The generator's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="magnitude"/> is negative, NaN or infinite.</exception>
    public MarginNoise(double magnitude, ulong seed)
    {
        if (!(magnitude >= 0) || double.IsInfinity(magnitude))
            throw new ArgumentOutOfRangeException(nameof(magnitude), magnitude, "The margin noise magnitude alpha must be >= 0 and finite.");
        Magnitude = magnitude;
        _generator = new Generator(seed);
    }

    /// <summary>alpha: the distance between the two values an entry can take.</summary>
    public double Magnitude { get; }

    /// <inheritdoc />
    /// <remarks>Always <c>margin</c>. Mean 0, variance <c>alpha^2 / 4</c>.</remarks>
    public string Name => "margin";

    /// <summary>Draws a noise tensor with the shape, dtype and device of <paramref name="like"/>.</summary>
    public Tensor SampleLike(Tensor like)
    {
        using var scope = NewDisposeScope();
        var signs = randint(0, 2, like.shape, dtype: ScalarType.Int64, device: CPU, generator: _generator) * 2 - 1;
        return (signs.to(like.dtype, like.device) * (Magnitude / 2)).MoveToOuterDisposeScope();
    }

    /// <summary>The generator state, for checkpoints.</summary>
    public Tensor GetState() => _generator.get_state();

    /// <summary>Restores a generator state saved by <see cref="GetState"/>.</summary>
    public void SetState(Tensor state) => _generator.set_state(state);

    /// <inheritdoc />
    public void Dispose() => _generator.Dispose();

    /// <inheritdoc />
    public void Reseed(ulong seed) => _generator.manual_seed(unchecked((long)seed));
}
