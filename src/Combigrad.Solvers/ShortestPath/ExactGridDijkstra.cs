using System.Numerics;
using System.Runtime.InteropServices;

namespace Combigrad.Solvers;

/// <summary>
/// The exactness test of <see cref="GridShortestPathSolver"/>'s double-precision fast path, and its exact fallback:
/// Dijkstra on exact integer costs (<see cref="ExactCostUnits"/>) with the same tie-breaking, for costs whose path sums
/// could round in double (for example a big-M cell 1e15 times the others on an unavoidable cell).
/// </summary>
internal static class ExactGridDijkstra
{
    private const int DoubleMantissaBits = 53;

    /// <summary>
    /// Whether every path sum of these non-negative costs is exact in double: all costs are integer multiples of one
    /// power of two <c>u</c> and <c>cells max|c| &lt; 2^53 u</c>. Then the double Dijkstra computes exact distances. One
    /// vectorised pass: each cost times a power of two (exact) must be an integer.
    /// </summary>
    public static bool SumsAreExactInDouble(ReadOnlySpan<float> costs, float maxCost)
    {
        if (maxCost == 0f) return true;
        var budget = DoubleMantissaBits - BitOperations.Log2(BitOperations.RoundUpToPowerOf2((uint)costs.Length));
        var scale = Math.ScaleB(1.0, budget - 1 - Math.ILogB(maxCost));
        var i = 0;
        if (Vector.IsHardwareAccelerated && costs.Length >= Vector<float>.Count)
        {
            var scaleVector = new Vector<double>(scale);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(costs);
            var fractional = Vector<long>.Zero;
            foreach (var vector in vectors)
            {
                Vector.Widen(vector, out var low, out var high);
                low *= scaleVector;
                high *= scaleVector;
                fractional |= Vector.AsVectorInt64(Vector.OnesComplement(Vector.Equals(Vector.Floor(low), low)));
                fractional |= Vector.AsVectorInt64(Vector.OnesComplement(Vector.Equals(Vector.Floor(high), high)));
            }
            if (fractional != Vector<long>.Zero) return false;
            i = vectors.Length * Vector<float>.Count;
        }
        for (; i < costs.Length; i++)
        {
            var scaled = costs[i] * scale;
            if (Math.Floor(scaled) != scaled) return false;
        }
        return true;
    }

    /// <summary>
    /// Writes the shortest path's indicator for costs in exact integers of <typeparamref name="T"/> (wide enough for
    /// <c>cells</c> times the largest cost): cells settled in increasing <c>(distance, row-major index)</c>, each cell's
    /// predecessor the first settled neighbour reaching it, exactly as the fast path's documented tie-breaking.
    /// Allocates (a fallback for costs the fast path cannot sum exactly).
    /// </summary>
    public static void Solve<T>(int rows, int cols, ReadOnlySpan<float> costs, ExactCostUnits units, Span<float> solution)
        where T : struct, IBinaryInteger<T>
    {
        var n = rows * cols;
        var cost = new T[n];
        for (var i = 0; i < n; i++) cost[i] = units.ToInteger<T>(costs[i]);
        var distance = new T[n];
        var reached = new bool[n];
        var settled = new bool[n];
        var predecessor = new int[n];
        var queue = new PriorityQueue<int, (T Distance, int Cell)>();
        reached[0] = true;
        distance[0] = cost[0];
        predecessor[0] = -1;
        queue.Enqueue(0, (cost[0], 0));
        var target = n - 1;
        while (queue.TryDequeue(out var cell, out _))
        {
            settled[cell] = true;
            if (cell == target) break;
            int row = cell / cols, col = cell % cols;
            for (var dr = -1; dr <= 1; dr++)
            {
                for (var dc = -1; dc <= 1; dc++)
                {
                    int r = row + dr, c = col + dc;
                    if ((dr == 0 && dc == 0) || r < 0 || r >= rows || c < 0 || c >= cols) continue;
                    var neighbour = r * cols + c;
                    // Vertex costs: the first settled neighbour has the smallest distance, so the first reach is final.
                    if (reached[neighbour]) continue;
                    reached[neighbour] = true;
                    distance[neighbour] = distance[cell] + cost[neighbour];
                    predecessor[neighbour] = cell;
                    queue.Enqueue(neighbour, (distance[neighbour], neighbour));
                }
            }
        }
        solution.Clear();
        for (var cell = target; cell >= 0; cell = predecessor[cell]) solution[cell] = 1f;
    }
}
