using Combigrad.Autograd;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// Identity with projection (the paper's method): backward returns <c>-dL/dy</c> through the solver, so with the
/// layer's projection <c>P</c> the cost gradient is <c>-P'(w)^T dL/dy</c> (eq. 3, 11). Compatible with every solver;
/// no hyperparameter, no extra solver call.
/// </summary>
public sealed class IdentityMethod : IGradientMethod
{
    /// <inheritdoc />
    public string Name => "identity";

    /// <inheritdoc />
    public Tensor Solve(Tensor costs, ISolver solver) => IdentityFunction.Apply(costs, solver);
}
