using Combigrad.Autograd;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// Straight-through estimator, STE (Bengio et al. 2013): the derivative of the discrete output with respect to the
/// scores is taken to be the identity, <c>dy/dtheta := I</c>. In the minimisation convention (<c>w = -theta</c>)
/// backward returns <c>dL/dw = -dL/dy</c>; forward is the exact <c>y(w)</c>.
/// </summary>
/// <remarks>
/// The backward formula coincides with <see cref="IdentityMethod"/>'s; the paper (Sec. 7, Fig. 8) locates the
/// difference in what surrounds it: STE applies the identity to the raw scores, Identity to scores passed through
/// <c>P_sphere o P_plane</c>. Use STE with <see cref="Projections.CostProjection.None"/> (as
/// <see cref="Methods.GradientMethods"/> configures it) to get the baseline. No hyperparameter; every solver.
/// </remarks>
public sealed class StraightThroughMethod : IGradientMethod
{
    /// <inheritdoc />
    public string Name => "ste";

    /// <inheritdoc />
    public Tensor Solve(Tensor costs, ISolver solver) => IdentityFunction.Apply(costs, solver);
}
