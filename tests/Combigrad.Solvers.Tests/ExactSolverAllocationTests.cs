using Combigrad.Testing;

namespace Combigrad.Solvers.Tests;

/// <summary>The TSP, assignment and knapsack solvers allocate nothing per call once the thread's workspace has grown.</summary>
public sealed class ExactSolverAllocationTests
{
    private const int WarmUpCalls = 50;
    private const int MeasuredCalls = 50;
    private const int Seed = 11;

    [Theory]
    [InlineData("tsp")]
    [InlineData("assignment")]
    [InlineData("rectangular-assignment")]
    [InlineData("knapsack")]
    [InlineData("knapsack-dp")]
    [InlineData("knapsack-two-constraints")]
    public void Solve_SteadyState_AllocatesNothing(string kind)
    {
        var random = new Random(Seed);
        var (solver, costs) = Instance(kind, random);
        var solution = new float[solver.Dimension];

        for (var i = 0; i < WarmUpCalls; i++) solver.Solve(costs, solution);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < MeasuredCalls; i++) solver.Solve(costs, solution);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (ISolver Solver, float[] Costs) Instance(string kind, Random random)
    {
        const int Items = 100;
        switch (kind)
        {
            case "tsp":
                return (new TspSolver(20), TspOracles.SphereCosts(random, 20));
            case "assignment":
                return (new LinearAssignmentSolver(50), RandomCosts.Uniform(random, 2500, -1f, 1f));
            case "rectangular-assignment":
                return (new LinearAssignmentSolver(10, 30), RandomCosts.Uniform(random, 300, -1f, 1f));
            case "knapsack":
                return (new KnapsackSolver(RandomCosts.Uniform(random, Items, 0.1f, 1f), 20f), RandomCosts.Uniform(random, Items, -1f, 0.2f));
            case "knapsack-dp":
                // Equal value per weight and an unreachable odd capacity: the search always falls back to the dynamic program.
                var weights = RandomCosts.SmallIntegers(random, Items, 1, 50).Select(w => 2 * w).ToArray();
                return (new KnapsackSolver(weights, 1001f), weights.Select(w => -w).ToArray());
            default:
                // Kept small: the multi-constraint search (no dynamic programming) is exponential on large instances.
                const int TwoConstraintItems = 30;
                var twoRows = new float[2, TwoConstraintItems];
                for (var i = 0; i < TwoConstraintItems; i++) (twoRows[0, i], twoRows[1, i]) = (random.Next(1, 30), random.Next(1, 30));
                return (new KnapsackSolver(twoRows, [100f, 120f]), RandomCosts.Uniform(random, TwoConstraintItems, -1f, 0.2f));
        }
    }
}
