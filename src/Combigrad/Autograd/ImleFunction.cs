using Combigrad.Solvers;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Combigrad.Autograd;

/// <summary>
/// The backward pass of I-MLE (Niepert et al. 2021) with the perturb-and-MAP target distribution, on already
/// perturbed costs <c>w~ = w - xi</c>: forward solves <c>y(w~)</c>; backward returns the finite difference
/// <list type="bullet">
/// <item>one-sided: <c>(y(w~ + lambda dL/dy) - y(w~)) / lambda</c>,</item>
/// <item>two-sided (central): <c>(y(w~ + lambda dL/dy) - y(w~ - lambda dL/dy)) / (2 lambda)</c>,</item>
/// </list>
/// with the same noise sample in every solver call. In the minimisation convention the target costs
/// <c>w~ + lambda dL/dy</c> are the scores <c>theta - lambda dL/dz</c> of Niepert et al.'s target distribution.
/// </summary>
/// <remarks>Stateless singleton: the solver, lambda and the variant travel through <see cref="Apply"/> and the context.</remarks>
public sealed class ImleFunction : SingleTensorFunction<ImleFunction>
{
    private const string SolverKey = "solver";
    private const string InterpolationStrengthKey = "lambda";
    private const string TwoSidedKey = "twoSided";

    /// <inheritdoc />
    public override string Name => "CombigradImle";

    /// <summary>Solves each row of the perturbed costs (<c>[batch, n]</c>) with the I-MLE backward pass.</summary>
    /// <param name="perturbedCosts">Costs minus noise, shape <c>[batch, n]</c>.</param>
    /// <param name="solver">The solver.</param>
    /// <param name="interpolationStrength">lambda &gt; 0 (validated by <see cref="Layers.ImleMethod"/>).</param>
    /// <param name="twoSided">Whether to use the central difference.</param>
    public static Tensor Apply(Tensor perturbedCosts, ISolver solver, double interpolationStrength, bool twoSided) =>
        apply(perturbedCosts, solver, interpolationStrength, twoSided);

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
        // Never throw here (native callback): rows whose target costs are not finite get a NaN gradient.
        var finiteRows = up.isfinite().logical_and(down.isfinite()).all(-1, keepdim: true);
        var upSolution = SolverBridge.Solve(solver, where(finiteRows, up, zeros_like(up)));
        var gradient = twoSided
            ? (upSolution - SolverBridge.Solve(solver, where(finiteRows, down, zeros_like(down)))) / (2 * lambda)
            : (upSolution - solution) / lambda;
        return [where(finiteRows, gradient, full_like(gradient, double.NaN)).MoveToOuterDisposeScope(), null!, null!, null!];
    }
}
