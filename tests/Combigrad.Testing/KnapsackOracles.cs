using System.Numerics;
using Google.OrTools.Sat;
using OrToolsKnapsackSolver = Google.OrTools.Algorithms.KnapsackSolver;

namespace Combigrad.Testing;

/// <summary>Independent references for the 0/1 knapsack (minimisation convention): feasibility, brute force, OR-Tools.</summary>
public static class KnapsackOracles
{
    /// <summary>The largest number of items <see cref="BruteForceMinimum"/> accepts (it enumerates <c>2^n</c> subsets).</summary>
    public const int MaxBruteForceItems = 20;

    /// <summary>Describes why <paramref name="y"/> is not a feasible 0/1 selection, or returns null. Weight sums are
    /// accumulated in double, in item order.</summary>
    public static string? DescribeSelectionDefect(float[,] weights, ReadOnlySpan<float> capacities, ReadOnlySpan<float> y)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(1);
        if (y.Length != n) return $"length {y.Length}, expected {n}";
        for (var i = 0; i < n; i++)
            if (y[i] is not (0f or 1f)) return $"entry {i} is {y[i]}, not 0 or 1";
        for (var c = 0; c < weights.GetLength(0); c++)
        {
            var load = 0.0;
            for (var i = 0; i < n; i++) load += y[i] * (double)weights[c, i];
            if (load > capacities[c]) return $"constraint {c}: load {load} exceeds capacity {capacities[c]}";
        }
        return null;
    }

    /// <summary>The minimum of <c>&lt;w, y&gt;</c> over all feasible subsets (sums in double, in item order).</summary>
    public static double BruteForceMinimum(float[,] weights, ReadOnlySpan<float> capacities, ReadOnlySpan<float> costs)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(1);
        var m = weights.GetLength(0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxBruteForceItems);
        var best = 0.0;
        var loads = new double[m];
        for (var mask = 1; mask < 1 << n; mask++)
        {
            Array.Clear(loads);
            var objective = 0.0;
            for (var i = 0; i < n; i++)
            {
                if ((mask >> i & 1) == 0) continue;
                objective += costs[i];
                for (var c = 0; c < m; c++) loads[c] += weights[c, i];
            }
            var feasible = true;
            for (var c = 0; c < m; c++) feasible &= loads[c] <= capacities[c];
            if (feasible && objective < best) best = objective;
        }
        return best;
    }

    /// <summary>
    /// The minimum of <c>&lt;w, y&gt;</c> from OR-Tools' knapsack solver (values <c>-w</c> of the negative-cost items).
    /// Costs, weights and capacities must be integers (as floats). Uses OR-Tools' multi-dimensional branch-and-bound,
    /// or with <paramref name="dynamicProgramming"/> (one constraint only) its dynamic-programming solver, which is not
    /// exponential on subset-sum-like instances.
    /// </summary>
    public static long OrToolsMinimum(float[,] weights, ReadOnlySpan<float> capacities, ReadOnlySpan<float> costs, bool dynamicProgramming = false)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(1);
        var m = weights.GetLength(0);
        var values = new long[n];
        for (var i = 0; i < n; i++) values[i] = costs[i] < 0 ? -ToInteger(costs[i]) : 0;
        var weightRows = new long[m, n];
        var capacityValues = new long[m];
        for (var c = 0; c < m; c++)
        {
            for (var i = 0; i < n; i++) weightRows[c, i] = ToInteger(weights[c, i]);
            capacityValues[c] = ToInteger(capacities[c]);
        }
        var solver = new OrToolsKnapsackSolver(
            dynamicProgramming
                ? OrToolsKnapsackSolver.SolverType.KNAPSACK_DYNAMIC_PROGRAMMING_SOLVER
                : OrToolsKnapsackSolver.SolverType.KNAPSACK_MULTIDIMENSION_BRANCH_AND_BOUND_SOLVER,
            "reference");
        solver.Init(values, weightRows, capacityValues);
        return -solver.Solve();
    }

    private static long ToInteger(float value) =>
        value == MathF.Round(value) ? (long)value : throw new ArgumentException($"{value} is not an integer.", nameof(value));

    /// <summary>
    /// The minimum of <c>&lt;w, y&gt;</c> from a plain CP-SAT model over all items (one worker); costs, weights and
    /// capacities must be integers (as floats). For several constraints, where OR-Tools' knapsack branch-and-bound is
    /// too slow at 100 items.
    /// </summary>
    public static long CpSatMinimum(float[,] weights, ReadOnlySpan<float> capacities, ReadOnlySpan<float> costs)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(1);
        var model = new CpModel();
        var y = new BoolVar[n];
        for (var i = 0; i < n; i++) y[i] = model.NewBoolVar($"y{i}");
        for (var c = 0; c < weights.GetLength(0); c++)
        {
            var row = new long[n];
            for (var i = 0; i < n; i++) row[i] = ToInteger(weights[c, i]);
            model.Add(LinearExpr.WeightedSum(y, row) <= ToInteger(capacities[c]));
        }
        var objective = new long[n];
        for (var i = 0; i < n; i++) objective[i] = ToInteger(costs[i]);
        model.Minimize(LinearExpr.WeightedSum(y, objective));
        var solver = new CpSolver { StringParameters = "num_workers:1" };
        var status = solver.Solve(model);
        if (status != CpSolverStatus.Optimal) throw new InvalidOperationException($"CP-SAT status {status}.");
        return (long)Math.Round(solver.ObjectiveValue);
    }

    /// <summary>The exact minimum of <c>&lt;w, y&gt;</c> (times <c>2^1074</c>, see <see cref="ExactSums"/>) over all
    /// subsets that are feasible in exact arithmetic.</summary>
    public static BigInteger ExactBruteForceMinimum(float[,] weights, ReadOnlySpan<float> capacities, ReadOnlySpan<float> costs)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var n = weights.GetLength(1);
        var m = weights.GetLength(0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxBruteForceItems);
        var scaledWeights = new BigInteger[m, n];
        var scaledCapacities = new BigInteger[m];
        var scaledCosts = new BigInteger[n];
        for (var c = 0; c < m; c++)
        {
            scaledCapacities[c] = ExactSums.Scaled(capacities[c]);
            for (var i = 0; i < n; i++) scaledWeights[c, i] = ExactSums.Scaled(weights[c, i]);
        }
        for (var i = 0; i < n; i++) scaledCosts[i] = ExactSums.Scaled(costs[i]);
        var best = BigInteger.Zero;
        var loads = new BigInteger[m];
        for (var mask = 1; mask < 1 << n; mask++)
        {
            Array.Clear(loads);
            var objective = BigInteger.Zero;
            for (var i = 0; i < n; i++)
            {
                if ((mask >> i & 1) == 0) continue;
                objective += scaledCosts[i];
                for (var c = 0; c < m; c++) loads[c] += scaledWeights[c, i];
            }
            var feasible = true;
            for (var c = 0; c < m; c++) feasible &= loads[c] <= scaledCapacities[c];
            if (feasible && objective < best) best = objective;
        }
        return best;
    }

    /// <summary>The exact minimum of <c>&lt;w, y&gt;</c> (times <c>2^1074</c>) for one constraint with integer weights
    /// and capacity, by dynamic programming over capacities with exact values.</summary>
    public static BigInteger ExactDynamicProgrammingMinimum(ReadOnlySpan<float> weights, float capacity, ReadOnlySpan<float> costs)
    {
        var b = (int)ToInteger(capacity);
        var table = new BigInteger[b + 1];
        for (var i = 0; i < weights.Length; i++)
        {
            var a = ToInteger(weights[i]);
            var cost = ExactSums.Scaled(costs[i]);
            if (a > b || cost >= 0) continue;
            for (var c = b; c >= a; c--)
            {
                var candidate = table[c - a] + cost;
                if (candidate < table[c]) table[c] = candidate;
            }
        }
        return table[b];
    }
}
