using Combigrad.Solvers;

namespace Combigrad.Testing;

/// <summary>Conveniences for calling solvers from tests.</summary>
public static class SolverTestExtensions
{
    /// <summary>Solves one instance into a fresh array.</summary>
    public static float[] SolveToArray(this ISolver solver, ReadOnlySpan<float> costs)
    {
        ArgumentNullException.ThrowIfNull(solver);
        var solution = new float[solver.Dimension];
        solver.Solve(costs, solution);
        return solution;
    }
}
