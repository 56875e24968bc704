using Combigrad.Projections;

namespace Combigrad.Layers;

/// <summary>Configuration of a <see cref="SolverLayer"/>. Defaults follow the paper (Sec. 3.4, 3.5).</summary>
public sealed record SolverLayerOptions
{
    /// <summary>
    /// The invariance projection applied in the forward graph before the solver. Default
    /// <see cref="CostProjection.Auto"/>: <c>P_sphere o P_plane</c> when the solver's solutions have a constant sum,
    /// else <c>P_sphere</c> (the paper uses <c>P_sphere</c> in every experiment).
    /// </summary>
    public ICostProjection Projection { get; init; } = CostProjection.Auto;

    /// <summary>
    /// alpha of the margin noise <c>Uniform{-alpha/2, +alpha/2}^n</c> added before the projection in training mode
    /// (Sec. 3.5). 0 turns the noise off. The paper uses 0.1 to 0.5 (Table 5) and 0.2 for Warcraft (Table 6).
    /// </summary>
    public double NoiseMagnitude { get; init; }

    /// <summary>
    /// A perturb-and-MAP noise sampler (for example <see cref="Noise.GumbelNoise"/> or <see cref="Noise.SumOfGammaNoise"/>)
    /// used in training mode instead of the margin noise: the layer computes <c>y(P(w - xi))</c>, i.e.
    /// <c>argmax &lt;theta + xi, y&gt;</c> for scores <c>theta</c> with <see cref="ObjectiveSense.Maximize"/> (paper eq. 17,
    /// Sec. 7). Null (default) for none. The caller owns and disposes the sampler. Cannot be combined with
    /// <see cref="NoiseMagnitude"/> &gt; 0.
    /// </summary>
    public Noise.INoise? PerturbationNoise { get; init; }

    /// <summary>The seed of the layer's own noise generator.</summary>
    public ulong NoiseSeed { get; init; }

    /// <summary>Whether the input is a cost (default) or a score to maximise.</summary>
    public ObjectiveSense Sense { get; init; } = ObjectiveSense.Minimize;

    /// <summary>
    /// Cost entries that are exactly zero are padding, not costs: instances of varying size padded to the solver's fixed
    /// layout (for example graph matching with a different edge set per instance, the absent edge pairs set to zero).
    /// The margin and perturbation noise then leave them zero, so the solver still sees which terms are absent. Default
    /// false (noise on every entry, paper Sec. 3.5).
    /// </summary>
    public bool ZeroCostsArePadding { get; init; }
}
