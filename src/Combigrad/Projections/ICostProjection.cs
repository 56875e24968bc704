using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Projections;

/// <summary>
/// An invariance projection <c>P</c> applied to the costs in the forward graph before the solver, so that
/// autograd returns <c>-P'(w)^T dL/dy</c> on the way back (paper Sec. 3.4, eq. 11). A projection is only
/// admissible when <c>y(P(w)) = y(w)</c> for every cost <c>w</c> (eq. 7).
/// </summary>
public interface ICostProjection
{
    /// <summary>The name shown in reports and error messages.</summary>
    string Name { get; }

    /// <summary>
    /// Projects a batch of cost vectors of shape <c>[batch, n]</c> along the last dimension. Always returns a new
    /// tensor handle (never <paramref name="costs"/> itself); intermediates are left to the caller's dispose scope.
    /// </summary>
    Tensor Apply(Tensor costs);

    /// <summary>
    /// Returns the concrete projection to use with <paramref name="solver"/>: itself when it is an invariance of
    /// the solver, the solver-specific choice for <see cref="CostProjection.Auto"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The projection would change the solver's solutions.</exception>
    ICostProjection ResolveFor(ISolver solver);
}
