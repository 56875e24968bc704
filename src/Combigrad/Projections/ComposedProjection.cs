using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Projections;

/// <summary>
/// <c>outer o inner</c>: applies <see cref="Inner"/> first, then <see cref="Outer"/>. The paper's usual choice is
/// <c>P_sphere o P_plane</c> (<see cref="CostProjection.PlaneThenSphere"/>).
/// </summary>
public sealed class ComposedProjection : ICostProjection
{
    /// <summary>Composes two projections; <paramref name="inner"/> runs first.</summary>
    public ComposedProjection(ICostProjection outer, ICostProjection inner)
    {
        Outer = outer ?? throw new ArgumentNullException(nameof(outer));
        Inner = inner ?? throw new ArgumentNullException(nameof(inner));
    }

    /// <summary>The projection applied second.</summary>
    public ICostProjection Outer { get; }

    /// <summary>The projection applied first.</summary>
    public ICostProjection Inner { get; }

    /// <inheritdoc />
    public string Name => $"{Outer.Name}∘{Inner.Name}";

    /// <inheritdoc />
    public Tensor Apply(Tensor costs) => Outer.Apply(Inner.Apply(costs));

    /// <inheritdoc />
    public ICostProjection ResolveFor(ISolver solver)
    {
        var outer = Outer.ResolveFor(solver);
        var inner = Inner.ResolveFor(solver);
        return ReferenceEquals(outer, Outer) && ReferenceEquals(inner, Inner) ? this : new ComposedProjection(outer, inner);
    }
}
