using Combigrad.Solvers;
using CsCheck;

namespace Combigrad.Testing;

/// <summary>CsCheck generators of (solver, costs) pairs over the solvers with fast exact references, for properties
/// that every solver must satisfy (declared facts, invariances).</summary>
public static class SolverCaseGens
{
    private const int MaxGridSide = 12;
    private const int MaxOrderDimension = 50;
    private const int MaxAssignmentSide = 10;
    private const int MaxKnapsackItems = 30;
    private const int MaxKnapsackWeight = 10;
    private const int MaxTspCities = 8;

    /// <summary>One solver of a random kind and size with costs it accepts (non-negative where required; symmetric
    /// for the TSP). The solver is fresh per sample.</summary>
    public static Gen<(ISolver Solver, float[] Costs)> Any { get; } = Gen.OneOf(
        Grid, Ranking, TopK, Assignment, PartialAssignment, Knapsack, Tsp);

    /// <summary>Grid shortest paths up to 12 x 12 with <see cref="CostGens.NonNegative"/> costs.</summary>
    public static Gen<(ISolver Solver, float[] Costs)> Grid => Gen.Int[1, MaxGridSide].Select(Gen.Int[1, MaxGridSide])
        .SelectMany(s => CostGens.NonNegative(s.Item1 * s.Item2)
            .Select(costs => ((ISolver)new GridShortestPathSolver(s.Item1, s.Item2), costs)));

    /// <summary>Rankings of up to 50 items with signed costs.</summary>
    public static Gen<(ISolver Solver, float[] Costs)> Ranking => Gen.Int[1, MaxOrderDimension]
        .SelectMany(n => CostGens.Signed(n).Select(costs => ((ISolver)new RankingSolver(n), costs)));

    /// <summary>Top-k selections of up to 50 items with signed costs.</summary>
    public static Gen<(ISolver Solver, float[] Costs)> TopK => Gen.Int[1, MaxOrderDimension]
        .SelectMany(n => Gen.Int[1, n].Select(CostGens.Signed(n))
            .Select(p => ((ISolver)new TopKSolver(n, p.Item1), p.Item2)));

    /// <summary>Rectangular assignments up to 10 x 12 with signed costs.</summary>
    public static Gen<(ISolver Solver, float[] Costs)> Assignment => Gen.Int[1, MaxAssignmentSide]
        .SelectMany(rows => Gen.Int[rows, rows + 2].SelectMany(columns => CostGens.Signed(rows * columns)
            .Select(costs => ((ISolver)new LinearAssignmentSolver(rows, columns), costs))));

    /// <summary>Assignments with unmatched (dustbin) costs up to 10 x 10, signed costs.</summary>
    public static Gen<(ISolver Solver, float[] Costs)> PartialAssignment => Gen.Int[1, MaxAssignmentSide]
        .Select(Gen.Int[1, MaxAssignmentSide])
        .SelectMany(s => CostGens.Signed((s.Item1 + 1) * (s.Item2 + 1))
            .Select(costs => ((ISolver)new PartialAssignmentSolver(s.Item1, s.Item2), costs)));

    /// <summary>Knapsacks of up to 30 items with one to three constraints, integer weights, capacities a random share of
    /// the totals, signed costs.</summary>
    public static Gen<(ISolver Solver, float[] Costs)> Knapsack => Gen.Int[1, MaxKnapsackItems].Select(Gen.Int[1, 3])
        .SelectMany(s => Gen.Int[0, MaxKnapsackWeight].Select(w => (float)w).Array[s.Item2 * s.Item1]
            .Select(Gen.Double[0.0, 1.0].Array[s.Item2], CostGens.Signed(s.Item1))
            .Select(p => ((ISolver)CreateKnapsack(s.Item1, s.Item2, p.Item1, p.Item2), p.Item3)));

    /// <summary>Symmetric TSPs of 3 to 8 cities with costs in [-10, 10] or small integers (ties).</summary>
    public static Gen<(ISolver Solver, float[] Costs)> Tsp => Gen.Int[3, MaxTspCities]
        .SelectMany(k => CostGens.Signed(k * (k - 1) / 2).Select(upper => ((ISolver)new TspSolver(k), Symmetric(k, upper))));

    private static KnapsackSolver CreateKnapsack(int items, int constraints, float[] flatWeights, double[] shares)
    {
        var weights = new float[constraints, items];
        var capacities = new float[constraints];
        for (var c = 0; c < constraints; c++)
        {
            var total = 0f;
            for (var i = 0; i < items; i++) total += weights[c, i] = flatWeights[c * items + i];
            capacities[c] = MathF.Floor(total * (float)shares[c]);
        }
        return new KnapsackSolver(weights, capacities);
    }

    private static float[] Symmetric(int k, float[] upper)
    {
        var costs = new float[k * k];
        var next = 0;
        for (var i = 0; i < k; i++)
            for (var j = i + 1; j < k; j++) costs[i * k + j] = costs[j * k + i] = upper[next++];
        return costs;
    }
}
