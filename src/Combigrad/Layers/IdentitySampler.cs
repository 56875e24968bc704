using Combigrad.Noise;
using Combigrad.Projections;
using Combigrad.Solvers;

namespace Combigrad.Layers;

/// <summary>
/// The Identity sampler of paper Sec. 4.3 and 7: a perturb-and-MAP sampler <c>y = argmax &lt;theta + xi, y&gt;</c>
/// (eq. 17) differentiated with Identity after <c>P_sphere o P_plane</c>: scores <c>theta</c> -&gt; <c>+ xi</c> -&gt;
/// <c>P_sphere o P_plane</c> -&gt; argmax -&gt; identity backward. Built from the existing pieces: a
/// <see cref="SolverLayer"/> with <see cref="IdentityMethod"/>, <see cref="ObjectiveSense.Maximize"/>,
/// <see cref="CostProjection.PlaneThenSphere"/> and <see cref="SolverLayerOptions.PerturbationNoise"/>.
/// </summary>
/// <remarks>
/// The paper samples k-hot vectors with Sum-of-Gamma noise (k = 10, tau = 10, s = 10; Suppl. 6.4). The noise is drawn in
/// training mode only; the caller keeps ownership of it. Requires a solver with constant-sum solutions (top-k, ranking).
/// </remarks>
public static class IdentitySampler
{
    /// <summary>The sampler over <paramref name="solver"/>'s solutions.</summary>
    /// <exception cref="ArgumentException">The solver's solutions do not have a constant sum, or it needs non-negative costs.</exception>
    public static SolverLayer Create(ISolver solver, INoise noise, string name = "IdentitySampler")
    {
        ArgumentNullException.ThrowIfNull(noise);
        return new SolverLayer(solver, new IdentityMethod(), new SolverLayerOptions
        {
            Projection = CostProjection.PlaneThenSphere,
            Sense = ObjectiveSense.Maximize,
            PerturbationNoise = noise,
        }, name);
    }

    /// <summary>The k-hot sampler of length <paramref name="n"/> (top-k of the perturbed scores).</summary>
    public static SolverLayer CreateTopK(int n, int k, INoise noise) => Create(new TopKSolver(n, k), noise);
}
