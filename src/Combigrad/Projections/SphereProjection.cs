using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Projections;

/// <summary>
/// <c>P_sphere(w) = w / ||w||</c> (paper eq. 14), with the norm clamped below at <see cref="Epsilon"/> so that a
/// zero cost vector maps to zero instead of NaN. Every argmin is invariant to positive scaling, so this
/// projection is admissible for every solver. Its derivative is eq. 15.
/// </summary>
public sealed class SphereProjection : ICostProjection
{
    /// <summary>The default lower bound on the norm.</summary>
    public const double DefaultEpsilon = 1e-12;

    /// <summary>Creates the projection with the given lower bound on the norm.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is not positive and finite.</exception>
    public SphereProjection(double epsilon = DefaultEpsilon)
    {
        if (!(epsilon > 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The sphere projection's epsilon must be positive and finite.");
        Epsilon = epsilon;
    }

    /// <summary>The lower bound on the norm.</summary>
    public double Epsilon { get; }

    /// <inheritdoc />
    public string Name => "sphere";

    /// <inheritdoc />
    public Tensor Apply(Tensor costs)
    {
        return costs / costs.norm(-1, keepdim: true).clamp_min(Epsilon);
    }

    /// <inheritdoc />
    public ICostProjection ResolveFor(ISolver solver) => this;
}
