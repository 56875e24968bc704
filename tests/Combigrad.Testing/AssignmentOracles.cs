using System.Numerics;
using Google.OrTools.Graph;

namespace Combigrad.Testing;

/// <summary>Independent references for linear assignment: validity, brute force and OR-Tools.</summary>
public static class AssignmentOracles
{
    /// <summary>The largest number of columns <see cref="BruteForceMinimum"/> accepts.</summary>
    public const int MaxBruteForceColumns = 8;

    /// <summary>
    /// Describes why <paramref name="y"/> (row-major <c>n x m</c>) is not an assignment (0/1 entries, one 1 per row,
    /// at most one per column), or returns null.
    /// </summary>
    public static string? DescribeAssignmentDefect(int rows, int columns, ReadOnlySpan<float> y)
    {
        if (y.Length != rows * columns) return $"length {y.Length}, expected {rows * columns}";
        var columnUse = new int[columns];
        for (var i = 0; i < rows; i++)
        {
            var ones = 0;
            for (var j = 0; j < columns; j++)
            {
                var entry = y[i * columns + j];
                if (entry is not (0f or 1f)) return $"entry [{i}, {j}] is {entry}, not 0 or 1";
                if (entry == 0f) continue;
                ones++;
                if (++columnUse[j] > 1) return $"column {j} is assigned twice";
            }
            if (ones != 1) return $"row {i} has {ones} ones";
        }
        return null;
    }

    /// <summary>The minimum of <c>&lt;w, y&gt;</c> over all assignments, by enumerating injective row-to-column maps.</summary>
    public static double BruteForceMinimum(int rows, int columns, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, MaxBruteForceColumns);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, columns);
        return Extend(costs.ToArray(), rows, columns, 0, 0, 0.0);
    }

    private static double Extend(float[] costs, int rows, int columns, int row, int usedColumns, double sum)
    {
        if (row == rows) return sum;
        var best = double.PositiveInfinity;
        for (var j = 0; j < columns; j++)
        {
            if ((usedColumns >> j & 1) != 0) continue;
            best = Math.Min(best, Extend(costs, rows, columns, row + 1, usedColumns | 1 << j, sum + costs[row * columns + j]));
        }
        return best;
    }

    /// <summary>The optimal cost from OR-Tools' <see cref="LinearSumAssignment"/>; costs must be integers (as floats).</summary>
    public static long OrToolsMinimum(int size, ReadOnlySpan<float> costs) => OrToolsMinimum(size, size, costs);

    /// <summary>
    /// The optimal cost of a <paramref name="rows"/> x <paramref name="columns"/> assignment (<c>rows &lt;= columns</c>)
    /// from OR-Tools' <see cref="LinearSumAssignment"/>, made square with <c>columns - rows</c> zero-cost stand-in rows (a
    /// different treatment of the spare columns from the solver's); costs must be integers (as floats).
    /// </summary>
    public static long OrToolsMinimum(int rows, int columns, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, columns);
        var assignment = new LinearSumAssignment();
        for (var i = 0; i < rows; i++)
            for (var j = 0; j < columns; j++)
                assignment.AddArcWithCost(i, j, Integer(costs[i * columns + j]));
        for (var i = rows; i < columns; i++)
            for (var j = 0; j < columns; j++)
                assignment.AddArcWithCost(i, j, 0);
        var status = assignment.Solve();
        if (status != LinearSumAssignment.Status.OPTIMAL) throw new InvalidOperationException($"LinearSumAssignment status {status}.");
        return assignment.OptimalCost();
    }

    /// <summary>
    /// Describes why <paramref name="y"/> (row-major <c>(n + 1) x (m + 1)</c>, last row and column the dustbins) is
    /// not a partial assignment (0/1 entries; every real row has exactly one 1, every real column exactly one 1,
    /// counting the dustbins; the corner is 0), or returns null.
    /// </summary>
    public static string? DescribePartialAssignmentDefect(int rows, int columns, ReadOnlySpan<float> y)
    {
        var stride = columns + 1;
        if (y.Length != (rows + 1) * stride) return $"length {y.Length}, expected {(rows + 1) * stride}";
        foreach (var entry in y)
            if (entry is not (0f or 1f)) return $"an entry is {entry}, not 0 or 1";
        if (y[rows * stride + columns] != 0f) return "the dustbin corner is set";
        for (var i = 0; i < rows; i++)
        {
            var ones = 0;
            for (var j = 0; j <= columns; j++) ones += (int)y[i * stride + j];
            if (ones != 1) return $"row {i} has {ones} ones (matches plus dustbin)";
        }
        for (var j = 0; j < columns; j++)
        {
            var ones = 0;
            for (var i = 0; i <= rows; i++) ones += (int)y[i * stride + j];
            if (ones != 1) return $"column {j} has {ones} ones (matches plus dustbin)";
        }
        return null;
    }

    /// <summary>The minimum of <c>&lt;w, y&gt;</c> over all partial assignments (dustbin layout), by enumerating every
    /// row's choice of a free column or its dustbin.</summary>
    public static double BruteForcePartialMinimum(int rows, int columns, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, MaxBruteForceColumns);
        return ExtendPartial(costs.ToArray(), rows, columns, 0, 0, 0.0);
    }

    private static double ExtendPartial(float[] costs, int rows, int columns, int row, int usedColumns, double sum)
    {
        var stride = columns + 1;
        if (row == rows)
        {
            for (var j = 0; j < columns; j++)
                if ((usedColumns >> j & 1) == 0) sum += costs[rows * stride + j];
            return sum;
        }
        var best = ExtendPartial(costs, rows, columns, row + 1, usedColumns, sum + costs[row * stride + columns]);
        for (var j = 0; j < columns; j++)
        {
            if ((usedColumns >> j & 1) != 0) continue;
            best = Math.Min(best, ExtendPartial(costs, rows, columns, row + 1, usedColumns | 1 << j, sum + costs[row * stride + j]));
        }
        return best;
    }

    /// <summary>
    /// The optimal partial-assignment cost from OR-Tools' <see cref="LinearSumAssignment"/> on the textbook square
    /// reduction (a different one from the solver's): left nodes are the rows and one stand-in per column, right nodes
    /// the columns and one stand-in per row; a row may take its own stand-in (its unmatched cost), a column's stand-in
    /// its own column (that column's unmatched cost), stand-ins pair freely at cost 0. Costs must be integers.
    /// </summary>
    public static long OrToolsPartialMinimum(int rows, int columns, ReadOnlySpan<float> costs)
    {
        var stride = columns + 1;
        var assignment = new LinearSumAssignment();
        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++) assignment.AddArcWithCost(i, j, Integer(costs[i * stride + j]));
            assignment.AddArcWithCost(i, columns + i, Integer(costs[i * stride + columns]));
        }
        for (var j = 0; j < columns; j++)
        {
            assignment.AddArcWithCost(rows + j, j, Integer(costs[rows * stride + j]));
            for (var i = 0; i < rows; i++) assignment.AddArcWithCost(rows + j, columns + i, 0);
        }
        var status = assignment.Solve();
        if (status != LinearSumAssignment.Status.OPTIMAL) throw new InvalidOperationException($"LinearSumAssignment status {status}.");
        return assignment.OptimalCost();
    }

    private static long Integer(float cost) =>
        cost == MathF.Round(cost) ? (long)cost : throw new ArgumentException($"Cost {cost} is not an integer.", nameof(cost));

    /// <summary>The largest number of columns the exact minima (<see cref="ExactMinimum"/>,
    /// <see cref="ExactPartialMinimum"/>) accept.</summary>
    public const int MaxExactColumns = 12;

    /// <summary>The power of two every finite float is an integer multiple of (the smallest subnormal).</summary>
    private const int FloatGridExponent = 149;

    /// <summary>The exact value of <paramref name="cost"/> times <c>2^149</c>, an integer for every finite float.</summary>
    public static BigInteger ExactScaled(float cost) => new(Math.ScaleB((double)cost, FloatGridExponent));

    /// <summary>The exact objective <c>&lt;w, y&gt;</c> of a 0/1 <paramref name="solution"/>, times <c>2^149</c>.</summary>
    public static BigInteger ExactObjective(ReadOnlySpan<float> solution, ReadOnlySpan<float> costs)
    {
        var sum = BigInteger.Zero;
        for (var k = 0; k < costs.Length; k++)
            if (solution[k] == 1f) sum += ExactScaled(costs[k]);
        return sum;
    }

    /// <summary>The objective <c>&lt;w, y&gt;</c> of a 0/1 <paramref name="solution"/> of integer-valued costs, exactly.</summary>
    /// <exception cref="ArgumentException">The objective is not an integer in the range of long.</exception>
    public static long ExactIntegerObjective(ReadOnlySpan<float> solution, ReadOnlySpan<float> costs)
    {
        var quotient = BigInteger.DivRem(ExactObjective(solution, costs), BigInteger.Pow(2, FloatGridExponent), out var remainder);
        if (!remainder.IsZero || quotient < long.MinValue || quotient > long.MaxValue)
            throw new ArgumentException("The objective is not an integer in the range of long.", nameof(costs));
        return (long)quotient;
    }

    /// <summary>
    /// The exact minimum of <c>&lt;w, y&gt;</c> over all assignments, times <c>2^149</c>: dynamic programming over the
    /// sets of used columns (row <c>r</c> takes one more column), in arbitrary-precision integers.
    /// </summary>
    public static BigInteger ExactMinimum(int rows, int columns, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, MaxExactColumns);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rows, columns);
        var best = new BigInteger?[1 << columns];
        best[0] = BigInteger.Zero;
        BigInteger? answer = null;
        for (var mask = 0; mask < best.Length; mask++)
        {
            if (best[mask] is not { } sum) continue;
            var row = BitOperations.PopCount((uint)mask);
            if (row == rows)
            {
                answer = answer is { } a && a <= sum ? a : sum;
                continue;
            }
            for (var j = 0; j < columns; j++)
            {
                if ((mask >> j & 1) != 0) continue;
                var extended = sum + ExactScaled(costs[row * columns + j]);
                var next = mask | 1 << j;
                if (best[next] is not { } current || extended < current) best[next] = extended;
            }
        }
        return answer!.Value;
    }

    /// <summary>
    /// The exact minimum of <c>&lt;w, y&gt;</c> over all partial assignments (dustbin layout of
    /// <see cref="DescribePartialAssignmentDefect"/>), times <c>2^149</c>: dynamic programming over rows and the sets of
    /// matched columns, each unmatched column paying its cost at the end.
    /// </summary>
    public static BigInteger ExactPartialMinimum(int rows, int columns, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(columns, MaxExactColumns);
        var stride = columns + 1;
        var layer = new BigInteger?[1 << columns];
        layer[0] = BigInteger.Zero;
        for (var row = 0; row < rows; row++)
        {
            var next = new BigInteger?[layer.Length];
            for (var mask = 0; mask < layer.Length; mask++)
            {
                if (layer[mask] is not { } sum) continue;
                Relax(next, mask, sum + ExactScaled(costs[row * stride + columns]));
                for (var j = 0; j < columns; j++)
                    if ((mask >> j & 1) == 0) Relax(next, mask | 1 << j, sum + ExactScaled(costs[row * stride + j]));
            }
            layer = next;
        }
        BigInteger? answer = null;
        for (var mask = 0; mask < layer.Length; mask++)
        {
            if (layer[mask] is not { } sum) continue;
            for (var j = 0; j < columns; j++)
                if ((mask >> j & 1) == 0) sum += ExactScaled(costs[rows * stride + j]);
            if (answer is not { } a || sum < a) answer = sum;
        }
        return answer!.Value;

        static void Relax(BigInteger?[] values, int mask, BigInteger candidate)
        {
            if (values[mask] is not { } current || candidate < current) values[mask] = candidate;
        }
    }
}
