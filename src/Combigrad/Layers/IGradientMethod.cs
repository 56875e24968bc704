using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>
/// How a <see cref="SolverLayer"/> differentiates through its solver: the forward pass always returns the exact
/// <c>y(w)</c>; the method decides what the backward pass returns in place of the true, zero derivative.
/// </summary>
public interface IGradientMethod
{
    /// <summary>The name used in options files and reports (for example <c>identity</c>, <c>bb</c>).</summary>
    string Name { get; }

    /// <summary>Solves each row of <paramref name="costs"/> (<c>[batch, n]</c>, already projected) with this method's backward pass.</summary>
    Tensor Solve(Tensor costs, ISolver solver);

    /// <summary>
    /// Like <see cref="Solve(Tensor, ISolver)"/>, told whether the calling layer is in training mode. Stochastic
    /// methods (I-MLE, perturbed optimizers, Gumbel-softmax) perturb only in training and return the exact
    /// <c>y(w)</c> in evaluation mode; deterministic methods ignore the flag (this default).
    /// </summary>
    Tensor Solve(Tensor costs, ISolver solver, bool training) => Solve(costs, solver);
}
