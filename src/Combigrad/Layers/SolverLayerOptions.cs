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

    /// <summary>The seed of the layer's own noise generator.</summary>
    public ulong NoiseSeed { get; init; }

    /// <summary>Whether the input is a cost (default) or a score to maximise.</summary>
    public ObjectiveSense Sense { get; init; } = ObjectiveSense.Minimize;
}
