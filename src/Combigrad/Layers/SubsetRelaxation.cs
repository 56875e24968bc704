using Combigrad.Autograd;
using Combigrad.Solvers;
using static TorchSharp.torch;

namespace Combigrad.Layers;

/// <summary>What the k-subset relaxations (<see cref="ConcreteSubsetMethod"/>, <see cref="SoftSubsetMethod"/>) share:
/// k read from the solver's exact solution, and the guard that the solution set has a constant sum.</summary>
internal static class SubsetRelaxation
{
    /// <summary>k, the constant coordinate sum of <paramref name="solver"/>'s solutions, read from the exact solution of the first row.</summary>
    /// <exception cref="ArgumentException">The solver's solutions do not have a constant sum (not a k-subset problem).</exception>
    public static int SubsetSize(string method, Tensor costs, ISolver solver)
    {
        if (!solver.Facts.HasConstantSum)
            throw new ArgumentException($"{method} relaxes k-subset selection; {solver.Name}'s solutions do not have a constant sum.", nameof(solver));
        using var scope = NewDisposeScope();
        var first = SolverBridge.Solve(solver, costs.narrow(0, 0, 1).detach());
        return (int)Math.Round(first.sum().to(ScalarType.Float64).item<double>());
    }

    /// <summary>Throws unless <paramref name="temperature"/> is positive and finite.</summary>
    public static double CheckTemperature(string method, double temperature, string typical) =>
        temperature > 0 && !double.IsInfinity(temperature)
            ? temperature
            : throw new ArgumentOutOfRangeException(nameof(temperature), temperature, $"The {method} temperature must be positive and finite; {typical} is typical.");
}
