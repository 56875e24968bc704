using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Autograd;

/// <summary>Moves a batch of costs from a tensor to a solver and the solutions back. No gradient logic.</summary>
internal static class SolverBridge
{
    /// <summary>
    /// Solves every row of <paramref name="costs"/> (shape <c>[batch, n]</c>) in parallel and returns the solutions
    /// with the same shape, dtype and device. For a solver that needs non-negative costs, negative entries are
    /// clamped to zero here: the layer rejects negative inputs, so negatives can only come from margin noise or
    /// a Blackbox perturbation, and a cost of zero is the closest admissible cost.
    /// </summary>
    public static Tensor Solve(ISolver solver, Tensor costs)
    {
        float[] input;
        using (NewDisposeScope())
            input = costs.detach().to(ScalarType.Float32, CPU).contiguous().data<float>().ToArray();
        if (solver.Facts.RequiresNonNegativeCosts) ClampNegativesToZero(input);
        var output = new float[input.Length];
        solver.SolveBatch(input, output);
        return tensor(output, costs.shape, dtype: ScalarType.Float32, device: CPU).to(costs.dtype, costs.device);
    }

    private static void ClampNegativesToZero(Span<float> costs)
    {
        for (var i = 0; i < costs.Length; i++)
            if (costs[i] < 0f) costs[i] = 0f;
    }
}
