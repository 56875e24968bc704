namespace Combigrad.Testing;

/// <summary>
/// Brute-force oracles: explicit enumeration of small solution sets and the argmin over them.
/// Exponential; only for tiny instances.
/// </summary>
public static class BruteForce
{
    /// <summary>The largest grid (in cells) the path enumerators accept; each cell is a bit of a 64-bit mask.</summary>
    public const int MaxGridCells = 64;

    /// <summary>
    /// The solution set of the grid shortest-path problem: the distinct row-major 0/1 indicators of the cells visited
    /// by simple paths from cell <c>(0, 0)</c> to cell <c>(rows - 1, cols - 1)</c> on the <c>rows x cols</c> grid
    /// with the 8-neighbourhood. Paths visiting the same cells in a different order give one indicator (the
    /// objective <c>&lt;w, y&gt;</c> only sees the indicator), in order of first discovery by depth-first search.
    /// </summary>
    public static IReadOnlyList<float[]> EnumerateSimpleGridPaths(int rows, int cols)
    {
        var cellSets = new HashSet<ulong>();
        var indicators = new List<float[]>();
        foreach (var mask in SimplePathCellMasks(rows, cols))
        {
            if (!cellSets.Add(mask)) continue;
            var indicator = new float[rows * cols];
            for (var cell = 0; cell < indicator.Length; cell++)
                if ((mask >> cell & 1ul) != 0) indicator[cell] = 1f;
            indicators.Add(indicator);
        }
        return indicators;
    }

    /// <summary>The number of simple 8-neighbour paths (as cell sequences) from corner to corner.</summary>
    public static long CountSimpleGridPaths(int rows, int cols) => SimplePathCellMasks(rows, cols).LongCount();

    /// <summary>All permutations of <c>(1, ..., n)</c>, as float vectors, in lexicographic order.</summary>
    public static IEnumerable<float[]> EnumeratePermutations(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var current = new int[n];
        for (var i = 0; i < n; i++) current[i] = i + 1;
        do
        {
            yield return Array.ConvertAll(current, v => (float)v);
        }
        while (NextPermutation(current));
    }

    /// <summary>All 0/1 vectors of length <paramref name="n"/> with exactly <paramref name="k"/> ones.</summary>
    public static IEnumerable<float[]> EnumerateKSubsets(int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        for (var mask = 0L; mask < 1L << n; mask++)
        {
            if (long.PopCount(mask) != k) continue;
            var y = new float[n];
            for (var i = 0; i < n; i++)
                if ((mask >> i & 1) != 0) y[i] = 1f;
            yield return y;
        }
    }

    /// <summary>The objective <c>&lt;w, y&gt;</c>, accumulated in double.</summary>
    public static double Objective(ReadOnlySpan<float> solution, ReadOnlySpan<float> costs)
    {
        if (solution.Length != costs.Length)
            throw new ArgumentException($"Solution has {solution.Length} entries, costs {costs.Length}.", nameof(solution));
        var sum = 0.0;
        for (var i = 0; i < costs.Length; i++) sum += (double)solution[i] * costs[i];
        return sum;
    }

    /// <summary>
    /// The first solution (in enumeration order) with the smallest objective <c>&lt;w, y&gt;</c>, and that objective.
    /// </summary>
    public static (float[] Solution, double Objective) ArgMin(IEnumerable<float[]> solutions, ReadOnlySpan<float> costs)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        float[]? best = null;
        var bestObjective = double.PositiveInfinity;
        foreach (var y in solutions)
        {
            var objective = Objective(y, costs);
            if (best is null || objective < bestObjective)
            {
                best = y;
                bestObjective = objective;
            }
        }
        return best is null
            ? throw new ArgumentException("The solution set is empty.", nameof(solutions))
            : (best, bestObjective);
    }

    /// <summary>The cell set of every simple path, as a bit mask, one per path (depth-first order).</summary>
    private static IEnumerable<ulong> SimplePathCellMasks(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        if ((long)rows * cols > MaxGridCells)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Brute force handles at most {MaxGridCells} cells.");
        var masks = new List<ulong>();
        ExtendPath(rows, cols, 0, 1ul, masks);
        return masks;
    }

    private static void ExtendPath(int rows, int cols, int cell, ulong onPath, List<ulong> masks)
    {
        if (cell == rows * cols - 1)
        {
            masks.Add(onPath);
            return;
        }
        foreach (var next in GridPaths.Neighbours(rows, cols, cell))
        {
            var bit = 1ul << next;
            if ((onPath & bit) == 0) ExtendPath(rows, cols, next, onPath | bit, masks);
        }
    }

    /// <summary>Advances <paramref name="values"/> to the next permutation in lexicographic order; false after the last.</summary>
    internal static bool NextPermutation(int[] values)
    {
        var i = values.Length - 2;
        while (i >= 0 && values[i] >= values[i + 1]) i--;
        if (i < 0) return false;
        var j = values.Length - 1;
        while (values[j] <= values[i]) j--;
        (values[i], values[j]) = (values[j], values[i]);
        Array.Reverse(values, i + 1, values.Length - i - 1);
        return true;
    }
}
