using Combigrad.Solvers;
using static TorchSharp.torch;
using static TorchSharp.torch.autograd;

namespace Combigrad.Autograd;

/// <summary>
/// Perturbed optimizer of Berthet et al. (2020), in the minimisation convention, with <c>M</c> given standard normal
/// draws <c>Z_m</c>: forward returns <c>y_eps(w) = 1/M sum_m y(w_m)</c> with
/// <list type="bullet">
/// <item>additive: <c>w_m = w + eps Z_m</c>; backward <c>dL/dw = 1/(eps M) sum_m &lt;y(w_m), dL/dy&gt; Z_m</c>
/// (Berthet et al. Prop. 3.1: <c>J y_eps(w) = E[y(w + eps Z) Z^T] / eps</c>);</item>
/// <item>multiplicative: <c>w_m = w ⊙ exp(eps Z_m - eps^2/2)</c> (Dalle et al. 2022); the same formula in
/// <c>log w</c>, so <c>dL/dw = 1/(eps M) sum_m &lt;y(w_m), dL/dy&gt; Z_m ⊘ w</c> (needs <c>w &gt; 0</c>).</item>
/// </list>
/// </summary>
/// <remarks>
/// The Jacobian formula is the derivative of a Gaussian smoothing and has the same form in the minimisation and the
/// maximisation convention. Stateless singleton: draws travel as a tensor argument, scalars through the context.
/// </remarks>
public sealed class PerturbedFunction : SingleTensorFunction<PerturbedFunction>
{
    private const string ScaleKey = "epsilon";
    private const string MultiplicativeKey = "multiplicative";

    /// <inheritdoc />
    public override string Name => "CombigradPerturbed";

    /// <summary>Returns the Monte-Carlo mean of the perturbed solutions, shape <c>[batch, n]</c>.</summary>
    /// <param name="costs">Costs <c>[batch, n]</c>; strictly positive for the multiplicative perturbation.</param>
    /// <param name="standardNormal">Draws <c>Z</c> of shape <c>[M, batch, n]</c>, no gradient.</param>
    /// <param name="solver">The solver.</param>
    /// <param name="scale">eps &gt; 0 (validated by <see cref="Layers.PerturbedMethod"/>).</param>
    /// <param name="multiplicative">Multiplicative instead of additive perturbation.</param>
    public static Tensor Apply(Tensor costs, Tensor standardNormal, ISolver solver, double scale, bool multiplicative) =>
        apply(costs, standardNormal, solver, scale, multiplicative);

    /// <summary>The perturbed costs <c>w_m</c>, shape <c>[M, batch, n]</c>; shared with the Fenchel–Young loss.</summary>
    internal static Tensor Perturb(Tensor costs, Tensor standardNormal, double scale, bool multiplicative) =>
        multiplicative
            ? costs.unsqueeze(0) * (standardNormal * scale - scale * scale / 2).exp()
            : costs.unsqueeze(0) + standardNormal * scale;

    /// <summary>Solves every perturbed cost vector of shape <c>[M, batch, n]</c> in one parallel batch.</summary>
    internal static Tensor SolveAll(ISolver solver, Tensor perturbed)
    {
        using var scope = NewDisposeScope();
        var shape = perturbed.shape;
        return SolverBridge.Solve(solver, perturbed.reshape(-1, shape[^1])).reshape(shape).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(AutogradContext ctx, params object[] vars)
    {
        var costs = (Tensor)vars[0];
        var z = (Tensor)vars[1];
        var solver = (ISolver)vars[2];
        var scale = (double)vars[3];
        var multiplicative = (bool)vars[4];
        // Saved tensors must still be alive when forward returns (TorchSharp saves them after forward), so the
        // solutions leave this scope; the caller's scope owns them.
        Tensor solutions;
        using (NewDisposeScope())
            solutions = SolveAll(solver, Perturb(costs.detach(), z, scale, multiplicative)).MoveToOuterDisposeScope();
        ctx.save_for_backward([costs, z, solutions]);
        ctx.save_data(ScaleKey, scale);
        ctx.save_data(MultiplicativeKey, multiplicative);
        return solutions.mean([0]);
    }

    /// <inheritdoc />
    public override List<Tensor> backward(AutogradContext ctx, Tensor grad_output)
    {
        var saved = ctx.get_saved_variables();
        var costs = saved[0];
        var z = saved[1];
        var solutions = saved[2];
        var scale = (double)ctx.get_data(ScaleKey);
        var multiplicative = (bool)ctx.get_data(MultiplicativeKey);
        using var scope = NewDisposeScope();
        var weights = (solutions * grad_output.unsqueeze(0)).sum(-1, keepdim: true);
        var gradient = (weights * z).mean([0]) / scale;
        // Non-positive costs (excluded by PerturbedMethod's guard) would divide by zero: NaN/Inf propagates, nothing throws.
        if (multiplicative) gradient = gradient / costs;
        return [gradient.MoveToOuterDisposeScope(), null!, null!, null!, null!];
    }
}
