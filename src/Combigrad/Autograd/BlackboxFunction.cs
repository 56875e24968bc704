using Combigrad.Solvers;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Combigrad.Autograd;

/// <summary>
/// Blackbox backpropagation (Vlastelica et al. 2020; paper eq. 4): backward calls the solver once more on the
/// perturbed costs <c>w + lambda dL/dy</c> and returns <c>(y(w + lambda dL/dy) - y(w)) / lambda</c>, the gradient
/// of a piecewise-linear interpolation of the loss. The two-sided variant returns the central difference
/// <c>(y(w + lambda dL/dy) - y(w - lambda dL/dy)) / (2 lambda)</c> at the price of a second extra call. I-MLE
/// (Niepert et al. 2021) is this function applied to perturbed costs (see <see cref="Layers.ImleMethod"/>).
/// </summary>
/// <remarks>Stateless singleton: the solver, lambda and the variant travel through <see cref="Apply"/> and the context.</remarks>
public sealed class BlackboxFunction : SingleTensorFunction<BlackboxFunction>
{
    private const string SolverKey = "solver";
    private const string InterpolationStrengthKey = "lambda";
    private const string TwoSidedKey = "twoSided";

    /// <inheritdoc />
    public override string Name => "CombigradBlackbox";

    /// <summary>Solves each row of <paramref name="costs"/> (<c>[batch, n]</c>) with the Blackbox backward pass.</summary>
    /// <param name="costs">Costs of shape <c>[batch, n]</c>.</param>
    /// <param name="solver">The solver.</param>
    /// <param name="interpolationStrength">lambda &gt; 0 (validated by the method that calls this).</param>
    /// <param name="twoSided">Use the central difference.</param>
    public static Tensor Apply(Tensor costs, ISolver solver, double interpolationStrength, bool twoSided = false) =>
        apply(costs, solver, interpolationStrength, twoSided);

    /// <inheritdoc />
    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var costs = (Tensor)vars[0];
        var solver = (ISolver)vars[1];
        var solution = SolverBridge.Solve(solver, costs);
        ctx.save_for_backward([costs, solution]);
        ctx.save_data(SolverKey, solver);
        ctx.save_data(InterpolationStrengthKey, vars[2]);
        ctx.save_data(TwoSidedKey, vars[3]);
        return solution;
    }

    /// <inheritdoc />
    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var costs = saved[0];
        var solution = saved[1];
        var solver = (ISolver)ctx.get_data(SolverKey);
        var lambda = (double)ctx.get_data(InterpolationStrengthKey);
        var twoSided = (bool)ctx.get_data(TwoSidedKey);
        using var scope = NewDisposeScope();
        var up = costs + lambda * grad_output;
        var down = twoSided ? costs - lambda * grad_output : costs;
        // An exception thrown here would kill the process (backward runs in a native callback), so a batch row whose
        // perturbed costs are not finite gets a NaN gradient — the same propagation any autograd op gives NaN input.
        var finiteRows = up.isfinite().logical_and(down.isfinite()).all(-1, keepdim: true);
        var upSolution = SolverBridge.Solve(solver, where(finiteRows, up, zeros_like(up)));
        var gradient = twoSided
            ? (upSolution - SolverBridge.Solve(solver, where(finiteRows, down, zeros_like(down)))) / (2 * lambda)
            : (upSolution - solution) / lambda;
        return [where(finiteRows, gradient, full_like(gradient, double.NaN)).MoveToOuterDisposeScope(), null!, null!, null!];
    }
}
