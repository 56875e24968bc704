using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Projections;

/// <summary>The identity map: costs go to the solver unchanged.</summary>
public sealed class NoProjection : ICostProjection
{
    internal NoProjection() { }

    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public Tensor Apply(Tensor costs) => costs.view_as(costs);

    /// <inheritdoc />
    public ICostProjection ResolveFor(ISolver solver) => this;
}
