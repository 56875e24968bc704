using System.Numerics;
using Combigrad.Solvers;

namespace Combigrad.Testing;

/// <summary>
/// Exact objectives for oracles at any float magnitudes: every finite float is an integer multiple of <c>2^-149</c>
/// (the smallest subnormal), so <c>value 2^149</c> is an integer, and sums of such integers never round. Independent of
/// the solvers' own exact arithmetic (it goes through <see cref="double"/> and <see cref="BigInteger"/> only).
/// </summary>
public static class ExactObjectives
{
    private const int SubnormalExponent = 149;

    /// <summary><paramref name="value"/> (finite) times <c>2^149</c>, exactly.</summary>
    public static BigInteger Units(float value) =>
        new(Math.ScaleB((double)value, SubnormalExponent));

    /// <summary><c>&lt;w, y&gt;</c> times <c>2^149</c>, exactly, for a 0/1 <paramref name="solution"/>.</summary>
    public static BigInteger Objective(ReadOnlySpan<float> solution, ReadOnlySpan<float> costs)
    {
        var sum = BigInteger.Zero;
        for (var i = 0; i < costs.Length; i++)
        {
            if (solution[i] == 1f) sum += Units(costs[i]);
            else if (solution[i] != 0f) throw new ArgumentException($"solution entry {i} is {solution[i]}, not 0 or 1");
        }
        return sum;
    }

    /// <summary>The optimal tour objective <c>&lt;w, y&gt;</c> (times <c>2^149</c>) of a <c>k x k</c> cost matrix of any
    /// symmetry, <c>k &gt;= 3</c>: Held–Karp dynamic program over subsets on the exact edge costs
    /// <c>w[i, j] + w[j, i]</c>.</summary>
    public static BigInteger OptimalTour(int k, ReadOnlySpan<float> costs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 3);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, TspOracles.MaxHeldKarpCities);
        var edge = new BigInteger[k, k];
        for (var i = 0; i < k; i++)
            for (var j = 0; j < k; j++)
                if (i != j) edge[i, j] = Units(costs[i * k + j]) + Units(costs[j * k + i]);
        // best[S, j]: shortest path from city 0 through the cities of S (a subset of 1..k-1, bit j-1) ending at j in S.
        var subsets = 1 << (k - 1);
        var best = new BigInteger?[subsets, k];
        for (var j = 1; j < k; j++) best[1 << (j - 1), j] = edge[0, j];
        for (var s = 1; s < subsets; s++)
        {
            for (var j = 1; j < k; j++)
            {
                if (best[s, j] is not { } length) continue;
                for (var next = 1; next < k; next++)
                {
                    var bit = 1 << (next - 1);
                    if ((s & bit) != 0) continue;
                    var candidate = length + edge[j, next];
                    if (best[s | bit, next] is not { } known || candidate < known) best[s | bit, next] = candidate;
                }
            }
        }
        BigInteger? optimum = null;
        for (var j = 1; j < k; j++)
        {
            var closed = best[subsets - 1, j]!.Value + edge[j, 0];
            if (optimum is null || closed < optimum) optimum = closed;
        }
        return optimum!.Value;
    }

    /// <summary>The optimal perfect-matching objective (times <c>2^149</c>) by enumerating every perfect matching
    /// (<see cref="PerfectMatchings.Enumerate"/>); null when the graph has none.</summary>
    public static BigInteger? OptimalPerfectMatching(UndirectedGraph graph, ReadOnlySpan<float> costs)
    {
        BigInteger? optimum = null;
        foreach (var matching in PerfectMatchings.Enumerate(graph))
        {
            var objective = Objective(matching, costs);
            if (optimum is null || objective < optimum) optimum = objective;
        }
        return optimum;
    }

    /// <summary>The cost of the cheapest path (times <c>2^149</c>) on a vertex-weighted <c>rows x cols</c> grid with the
    /// 8-neighbourhood from the top-left to the bottom-right cell, both counted: Bellman–Ford rounds until nothing
    /// improves (non-negative costs assumed).</summary>
    public static BigInteger OptimalGridPath(int rows, int cols, ReadOnlySpan<float> costs)
    {
        var n = rows * cols;
        var cost = new BigInteger[n];
        for (var i = 0; i < n; i++) cost[i] = Units(costs[i]);
        var distance = new BigInteger?[n];
        distance[0] = cost[0];
        for (var changed = true; changed;)
        {
            changed = false;
            for (var cell = 0; cell < n; cell++)
            {
                if (distance[cell] is not { } d) continue;
                foreach (var neighbour in GridPaths.Neighbours(rows, cols, cell))
                {
                    var candidate = d + cost[neighbour];
                    if (distance[neighbour] is { } known && known <= candidate) continue;
                    distance[neighbour] = candidate;
                    changed = true;
                }
            }
        }
        return distance[n - 1]!.Value;
    }

    /// <summary>An exact objective (times <c>2^149</c>) as a readable double, for messages.</summary>
    public static double ToDouble(BigInteger units) => Math.ScaleB((double)units, -SubnormalExponent);
}
