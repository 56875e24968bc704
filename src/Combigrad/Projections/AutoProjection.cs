using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Projections;

/// <summary>
/// Chooses the strongest exact projection from what the solver declares: <c>P_sphere o P_plane</c> when every
/// solution has the same coordinate sum and negative costs are allowed (ranking, top-k, tours, perfect matchings),
/// otherwise <c>P_sphere</c> alone (paper Sec. 3.4: the sphere projection is always applicable).
/// </summary>
public sealed class AutoProjection : ICostProjection
{
    internal AutoProjection() { }

    /// <inheritdoc />
    public string Name => "auto";

    /// <summary>Not callable: resolve the projection for a solver first.</summary>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public Tensor Apply(Tensor costs) =>
        throw new InvalidOperationException("CostProjection.Auto must be resolved for a solver (ResolveFor) before it is applied.");

    /// <inheritdoc />
    public ICostProjection ResolveFor(ISolver solver) =>
        solver.Facts.HasConstantSum && !solver.Facts.RequiresNonNegativeCosts
            ? CostProjection.PlaneThenSphere
            : CostProjection.Sphere;
}
