namespace Combigrad.Solvers;

/// <summary>
/// The canonical view of a graph matching problem used by the algorithms: the smaller graph <c>S</c> (p vertices) is
/// mapped injectively into the larger graph <c>L</c> (q &gt;= p vertices) by <c>assignment[s] = t</c>. When the first
/// graph is the larger one the roles are swapped here, and only here; the cost accessors translate indices back.
/// </summary>
internal sealed class GraphMatchingLayout
{
    private readonly int[] _largeEdgeLookup;

    public GraphMatchingLayout(UndirectedGraph first, UndirectedGraph second)
    {
        First = first;
        Second = second;
        Swapped = first.VertexCount > second.VertexCount;
        Small = Swapped ? second : first;
        Large = Swapped ? first : second;
        P = Small.VertexCount;
        Q = Large.VertexCount;
        VertexPairCount = first.VertexCount * second.VertexCount;
        EdgePairCount = first.EdgeCount * second.EdgeCount;
        _largeEdgeLookup = new int[Q * Q];
        Array.Fill(_largeEdgeLookup, -1);
        for (var l = 0; l < Large.EdgeCount; l++)
        {
            var (a, b) = Large.GetEdge(l);
            _largeEdgeLookup[a * Q + b] = l;
            _largeEdgeLookup[b * Q + a] = l;
        }
    }

    public UndirectedGraph First { get; }

    public UndirectedGraph Second { get; }

    /// <summary>True when the first graph is the larger one, so <c>S</c> is the second graph.</summary>
    public bool Swapped { get; }

    public UndirectedGraph Small { get; }

    public UndirectedGraph Large { get; }

    public int P { get; }

    public int Q { get; }

    public int VertexPairCount { get; }

    public int EdgePairCount { get; }

    /// <summary>The cost index of matching small vertex <paramref name="s"/> to large vertex <paramref name="t"/>.</summary>
    public int VertexIndex(int s, int t) => Swapped ? t * Second.VertexCount + s : s * Second.VertexCount + t;

    /// <summary>The cost index of the pair (small edge <paramref name="k"/>, large edge <paramref name="l"/>).</summary>
    public int EdgeIndex(int k, int l) => VertexPairCount + (Swapped ? l * Second.EdgeCount + k : k * Second.EdgeCount + l);

    /// <summary>The large edge joining <paramref name="a"/> and <paramref name="b"/>, or -1.</summary>
    public int LargeEdge(int a, int b) => _largeEdgeLookup[a * Q + b];

    /// <summary>The objective of <paramref name="assignment"/> (small vertex to large vertex), in double.</summary>
    public double Objective(ReadOnlySpan<float> costs, ReadOnlySpan<int> assignment)
    {
        var sum = 0.0;
        for (var s = 0; s < P; s++) sum += costs[VertexIndex(s, assignment[s])];
        for (var k = 0; k < Small.EdgeCount; k++)
        {
            var (s1, s2) = Small.GetEdge(k);
            var l = LargeEdge(assignment[s1], assignment[s2]);
            if (l >= 0) sum += costs[EdgeIndex(k, l)];
        }
        return sum;
    }

    /// <summary>Writes the vertex and (consistent) edge indicators of <paramref name="assignment"/>.</summary>
    public void WriteIndicators(ReadOnlySpan<int> assignment, Span<float> solution)
    {
        solution.Clear();
        for (var s = 0; s < P; s++) solution[VertexIndex(s, assignment[s])] = 1f;
        for (var k = 0; k < Small.EdgeCount; k++)
        {
            var (s1, s2) = Small.GetEdge(k);
            var l = LargeEdge(assignment[s1], assignment[s2]);
            if (l >= 0) solution[EdgeIndex(k, l)] = 1f;
        }
    }
}
