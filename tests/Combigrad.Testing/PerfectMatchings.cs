using Combigrad.Solvers;

namespace Combigrad.Testing;

/// <summary>Brute-force perfect matchings of small graphs, independent of the blossom solver.</summary>
public static class PerfectMatchings
{
    /// <summary>The largest vertex count <see cref="Enumerate"/> accepts (K_12 has 10,395 perfect matchings).</summary>
    public const int MaxVertices = 12;

    /// <summary>
    /// Every perfect matching of <paramref name="graph"/> as a 0/1 edge indicator: the lowest uncovered vertex is
    /// matched with each of its uncovered neighbours in turn (edge-index order), recursively.
    /// </summary>
    public static IReadOnlyList<float[]> Enumerate(UndirectedGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.VertexCount > MaxVertices)
            throw new ArgumentOutOfRangeException(nameof(graph), $"Brute force handles at most {MaxVertices} vertices.");
        var result = new List<float[]>();
        var chosen = new float[graph.EdgeCount];
        Extend(graph, new bool[graph.VertexCount], chosen, result);
        return result;
    }

    /// <summary>Describes why <paramref name="indicator"/> is not a perfect matching of the graph, or null if it is.</summary>
    public static string? DescribeDefect(UndirectedGraph graph, ReadOnlySpan<float> indicator)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (indicator.Length != graph.EdgeCount) return $"length {indicator.Length}, expected {graph.EdgeCount}";
        var cover = new int[graph.VertexCount];
        for (var e = 0; e < indicator.Length; e++)
        {
            if (indicator[e] is not (0f or 1f)) return $"entry {e} is {indicator[e]}, not 0 or 1";
            if (indicator[e] == 0f) continue;
            var (u, v) = graph.GetEdge(e);
            cover[u]++;
            cover[v]++;
        }
        for (var v = 0; v < cover.Length; v++)
            if (cover[v] != 1) return $"vertex {v} is covered {cover[v]} times";
        return null;
    }

    private static void Extend(UndirectedGraph graph, bool[] covered, float[] chosen, List<float[]> result)
    {
        var first = Array.IndexOf(covered, false);
        if (first < 0)
        {
            result.Add((float[])chosen.Clone());
            return;
        }
        covered[first] = true;
        foreach (var e in graph.IncidentEdges(first))
        {
            var other = graph.Opposite(e, first);
            if (covered[other]) continue;
            covered[other] = true;
            chosen[e] = 1f;
            Extend(graph, covered, chosen, result);
            chosen[e] = 0f;
            covered[other] = false;
        }
        covered[first] = false;
    }
}
