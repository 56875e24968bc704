using Combigrad.Solvers;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Combigrad.Autograd;

/// <summary>
/// Identity (paper eq. 3): forward solves <c>y(w)</c>, backward treats the solver as a negated identity,
/// <c>dL/dw := -dL/dy</c>. No extra solver call and no hyperparameter. Projections applied before this function
/// in the forward graph turn the result into <c>-P'(w)^T dL/dy</c> (eq. 11).
/// </summary>
/// <remarks>Stateless singleton, as TorchSharp requires: the solver travels through <see cref="Apply"/>.</remarks>
public sealed class IdentityFunction : SingleTensorFunction<IdentityFunction>
{
    /// <inheritdoc />
    public override string Name => "CombigradIdentity";

    /// <summary>Solves each row of <paramref name="costs"/> (<c>[batch, n]</c>) with the Identity backward pass.</summary>
    public static Tensor Apply(Tensor costs, ISolver solver) => apply(costs, solver);

    /// <inheritdoc />
    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var costs = (Tensor)vars[0];
        var solver = (ISolver)vars[1];
        return SolverBridge.Solve(solver, costs);
    }

    /// <inheritdoc />
    /// <remarks>One gradient per argument of <see cref="Apply"/>; the solver gets none.</remarks>
    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output) => [grad_output.neg(), null!];
}
