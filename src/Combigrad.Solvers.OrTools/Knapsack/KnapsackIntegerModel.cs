using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace Combigrad.Solvers;

/// <summary>
/// The exact fallback of <see cref="KnapsackSolver"/> for instances its branch-and-bound finds hard: the same problem,
/// restricted to the candidate items, as a CP-SAT model with integer data obtained by exact power-of-two scaling
/// (every float is an integer times a power of two). Weights and capacities are scaled once per constraint
/// (<see cref="TryCreate"/>), costs per call; when a scaled sum would exceed <see cref="MaxExactSum"/> the fallback is
/// not used.
/// </summary>
internal sealed class KnapsackIntegerModel
{
    /// <summary>Scaled sums stay below 2^53, so they are exact in double too and far from CP-SAT's int64 limits.</summary>
    public const double MaxExactSum = 9007199254740992.0;

    private readonly long[] _weights;
    private readonly long[] _capacities;
    private readonly int _itemCount;

    private KnapsackIntegerModel(long[] weights, long[] capacities, int itemCount)
    {
        _weights = weights;
        _capacities = capacities;
        _itemCount = itemCount;
    }

    /// <summary>The integer form of the constraints (constraint-major <paramref name="weights"/>), or null when a
    /// constraint's scaled weights would sum past <see cref="MaxExactSum"/>.</summary>
    public static KnapsackIntegerModel? TryCreate(ReadOnlySpan<float> weights, ReadOnlySpan<float> capacities, int itemCount)
    {
        var constraintCount = capacities.Length;
        var scaled = new long[weights.Length];
        var scaledCapacities = new long[constraintCount];
        for (var c = 0; c < constraintCount; c++)
        {
            var row = weights.Slice(c * itemCount, itemCount);
            var granularity = ObjectiveGranularity.Of(row);
            if (double.IsPositiveInfinity(granularity)) granularity = 1.0; // all weights zero
            var total = 0.0;
            foreach (var a in row) total += a / granularity;
            if (total > MaxExactSum) return null;
            for (var i = 0; i < itemCount; i++) scaled[c * itemCount + i] = (long)(row[i] / granularity);
            // The scaled left side is an integer, so "<= b / g" is "<= floor(b / g)"; beyond the total it never binds.
            scaledCapacities[c] = (long)Math.Min(Math.Floor(capacities[c] / granularity), total);
        }
        return new KnapsackIntegerModel(scaled, scaledCapacities, itemCount);
    }

    /// <summary>
    /// Maximises the value of the candidate items <paramref name="items"/> (values <paramref name="values"/>, indexed
    /// by item) under the constraints, starting from the hint <paramref name="take"/> (by position), and writes an
    /// optimal selection into <paramref name="take"/>. Returns false when the values cannot be scaled exactly (nothing
    /// written), or when <paramref name="deadline"/> passes first (then <paramref name="take"/> keeps the best selection
    /// known and <paramref name="upperBound"/> a proven bound on the value).
    /// </summary>
    public bool TrySolve(ReadOnlySpan<int> items, ReadOnlySpan<double> values, Span<bool> take, long deadline,
        out bool exact, out double upperBound)
    {
        upperBound = double.PositiveInfinity;
        var smallestExponent = int.MaxValue;
        foreach (var i in items) smallestExponent = Math.Min(smallestExponent, ObjectiveGranularity.LowestBitExponent((float)values[i]));
        var granularity = Math.ScaleB(1.0, smallestExponent);
        var total = 0.0;
        foreach (var i in items) total += values[i] / granularity;
        exact = total <= MaxExactSum;
        if (!exact) return false;

        var model = new CpModel();
        var chosen = new BoolVar[items.Length];
        var objective = new long[items.Length];
        for (var p = 0; p < items.Length; p++)
        {
            chosen[p] = model.NewBoolVar(string.Empty);
            objective[p] = (long)(values[items[p]] / granularity);
            model.AddHint(chosen[p], take[p]);
        }
        var coefficients = new long[items.Length];
        for (var c = 0; c < _capacities.Length; c++)
        {
            for (var p = 0; p < items.Length; p++) coefficients[p] = _weights[c * _itemCount + items[p]];
            model.Add(LinearExpr.WeightedSum(chosen, coefficients) <= _capacities[c]);
        }
        model.Maximize(LinearExpr.WeightedSum(chosen, objective));

        var seconds = Math.Max(0.0, (deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"num_workers:1,random_seed:0,max_time_in_seconds:{seconds}"),
        };
        var status = solver.Solve(model);
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
            for (var p = 0; p < items.Length; p++) take[p] = solver.BooleanValue(chosen[p]);
        if (status == CpSolverStatus.Optimal) return true;
        if (status == CpSolverStatus.Feasible) upperBound = solver.BestObjectiveBound * granularity;
        return false;
    }
}
