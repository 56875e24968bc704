using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// The reference for exact graph matching: enumerates every one-to-one map of the first graph's vertices into the
/// second's (depth first, the objective updated incrementally) and returns the smallest objective. <c>O(q!/(q-p)!)</c>
/// leaves: about 3.6 million for 10 keypoints.
/// </summary>
public static class ExhaustiveGraphMatching
{
    /// <summary>The optimal objective for integer-valued costs in <see cref="GraphMatchingSolver"/> layout.</summary>
    /// <exception cref="ArgumentException">The first graph has more vertices than the second, or the cost length is wrong.</exception>
    public static long OptimalObjective(UndirectedGraph first, UndirectedGraph second, float[] costs)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(costs);
        int p = first.VertexCount, q = second.VertexCount;
        if (p > q) throw new ArgumentException($"The first graph ({p} vertices) must not be larger than the second ({q}).", nameof(first));
        var vertexPairs = p * q;
        if (costs.Length != vertexPairs + first.EdgeCount * second.EdgeCount)
            throw new ArgumentException($"Expected {vertexPairs + first.EdgeCount * second.EdgeCount} costs, got {costs.Length}.", nameof(costs));

        var secondEdge = new int[q * q];
        Array.Fill(secondEdge, -1);
        for (var l = 0; l < second.EdgeCount; l++)
        {
            var (a, b) = second.GetEdge(l);
            secondEdge[a * q + b] = secondEdge[b * q + a] = l;
        }
        // For each vertex s of the first graph, its edges to vertices mapped before it: (neighbour, edge).
        var earlier = new List<(int Neighbour, int Edge)>[p];
        for (var s = 0; s < p; s++) earlier[s] = [];
        for (var k = 0; k < first.EdgeCount; k++)
        {
            var (i, j) = first.GetEdge(k);
            earlier[Math.Max(i, j)].Add((Math.Min(i, j), k));
        }

        var image = new int[p];
        var used = new bool[q];
        var best = long.MaxValue;
        void Extend(int s, long partial)
        {
            if (s == p)
            {
                best = Math.Min(best, partial);
                return;
            }
            for (var t = 0; t < q; t++)
            {
                if (used[t]) continue;
                var added = (long)costs[s * q + t];
                foreach (var (neighbour, k) in earlier[s])
                {
                    var l = secondEdge[t * q + image[neighbour]];
                    if (l >= 0) added += (long)costs[vertexPairs + k * second.EdgeCount + l];
                }
                used[t] = true;
                image[s] = t;
                Extend(s + 1, partial + added);
                used[t] = false;
            }
        }
        Extend(0, 0);
        return best;
    }
}
