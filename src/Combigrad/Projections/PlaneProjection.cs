using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Projections;

/// <summary>
/// <c>P_plane(w) = w - mean(w) 1</c> (paper eq. 13): removes the component of the costs along <c>1</c>, which no
/// solver whose solutions all have the same coordinate sum can see (eq. 12). Admissible only for solvers that
/// declare <see cref="SolutionSetFacts.HasConstantSum"/> and accept negative costs.
/// </summary>
public sealed class PlaneProjection : ICostProjection
{
    internal PlaneProjection() { }

    /// <inheritdoc />
    public string Name => "plane";

    /// <inheritdoc />
    public Tensor Apply(Tensor costs) => costs - costs.mean([-1], keepdim: true);

    /// <inheritdoc />
    public ICostProjection ResolveFor(ISolver solver)
    {
        if (!solver.Facts.HasConstantSum)
            throw new ArgumentException(
                $"The plane projection is not an invariance of {solver.Name}: its solutions do not all have the same " +
                "coordinate sum, so subtracting the mean would change the solution. Use CostProjection.Sphere or Auto.");
        if (solver.Facts.RequiresNonNegativeCosts)
            throw new ArgumentException(
                $"The plane projection makes costs negative, but {solver.Name} needs non-negative costs. Use CostProjection.Sphere or Auto.");
        return this;
    }
}
