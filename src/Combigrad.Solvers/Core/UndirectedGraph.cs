namespace Combigrad.Solvers;

/// <summary>
/// A fixed simple undirected graph: vertices <c>0..n-1</c> and an ordered list of distinct edges <c>{u, v}</c>,
/// <c>u != v</c>. The edge order is the order of the cost and solution entries of solvers built on the graph.
/// </summary>
/// <remarks>Immutable and validated at construction; each edge is stored as given (its orientation is kept but has
/// no meaning). Adjacency lists are in increasing edge-index order.</remarks>
public sealed class UndirectedGraph
{
    private readonly int[] _edgeU;
    private readonly int[] _edgeV;
    private readonly int[] _adjacencyStart;
    private readonly int[] _adjacentEdge;

    /// <summary>Creates a graph on <paramref name="vertexCount"/> vertices with the given edges, in order.</summary>
    /// <param name="vertexCount">Number of vertices, at least 1.</param>
    /// <param name="edges">The edges as vertex pairs; no self-loops, no duplicates (in either orientation).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vertexCount"/> is below 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="edges"/> is null.</exception>
    /// <exception cref="ArgumentException">An edge has an endpoint outside <c>0..n-1</c>, is a self-loop, or repeats
    /// an earlier edge; the message names the edge index.</exception>
    public UndirectedGraph(int vertexCount, IEnumerable<(int U, int V)> edges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vertexCount, 1);
        ArgumentNullException.ThrowIfNull(edges);
        var list = edges.ToArray();
        VertexCount = vertexCount;
        _edgeU = new int[list.Length];
        _edgeV = new int[list.Length];
        var seen = new HashSet<long>();
        for (var e = 0; e < list.Length; e++)
        {
            var (u, v) = list[e];
            if ((uint)u >= (uint)vertexCount || (uint)v >= (uint)vertexCount)
                throw new ArgumentException(
                    $"Edge {e} = ({u}, {v}) has an endpoint outside 0..{vertexCount - 1}.", nameof(edges));
            if (u == v)
                throw new ArgumentException($"Edge {e} = ({u}, {v}) is a self-loop.", nameof(edges));
            if (!seen.Add(Key(u, v)))
                throw new ArgumentException($"Edge {e} = ({u}, {v}) repeats an earlier edge.", nameof(edges));
            _edgeU[e] = u;
            _edgeV[e] = v;
        }

        _adjacencyStart = new int[vertexCount + 1];
        foreach (var u in _edgeU) _adjacencyStart[u + 1]++;
        foreach (var v in _edgeV) _adjacencyStart[v + 1]++;
        for (var i = 0; i < vertexCount; i++) _adjacencyStart[i + 1] += _adjacencyStart[i];
        _adjacentEdge = new int[2 * list.Length];
        var fill = _adjacencyStart[..^1];
        for (var e = 0; e < list.Length; e++)
        {
            _adjacentEdge[fill[_edgeU[e]]++] = e;
            _adjacentEdge[fill[_edgeV[e]]++] = e;
        }
    }

    /// <summary>
    /// The <c>rows x cols</c> grid graph with the 4-neighbourhood (the matching graph of Vlastelica et al. 2020):
    /// vertex <c>r * cols + c</c> is cell <c>(r, c)</c>. Edge order: cells in row-major order, and for each cell first
    /// its edge to the right neighbour <c>(r, c + 1)</c>, then its edge to the lower neighbour <c>(r + 1, c)</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1 or the grid is too large.</exception>
    public static UndirectedGraph Grid(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        const int MaxCells = 1 << 24;
        if ((long)rows * cols > MaxCells)
            throw new ArgumentOutOfRangeException(nameof(rows), $"A {rows}x{cols} grid has more than {MaxCells} cells.");
        var edges = new List<(int, int)>(2 * rows * cols);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                var cell = r * cols + c;
                if (c + 1 < cols) edges.Add((cell, cell + 1));
                if (r + 1 < rows) edges.Add((cell, cell + cols));
            }
        }
        return new UndirectedGraph(rows * cols, edges);
    }

    /// <summary>The complete graph on <paramref name="vertexCount"/> vertices, edges <c>(i, j)</c>, <c>i &lt; j</c>, in
    /// lexicographic order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="vertexCount"/> is below 1.</exception>
    public static UndirectedGraph Complete(int vertexCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(vertexCount, 1);
        var edges = new List<(int, int)>();
        for (var i = 0; i < vertexCount; i++)
            for (var j = i + 1; j < vertexCount; j++)
                edges.Add((i, j));
        return new UndirectedGraph(vertexCount, edges);
    }

    /// <summary>The number of vertices <c>n</c>.</summary>
    public int VertexCount { get; }

    /// <summary>The number of edges <c>m</c>.</summary>
    public int EdgeCount => _edgeU.Length;

    /// <summary>The endpoints of edge <paramref name="edge"/>, as given at construction.</summary>
    public (int U, int V) GetEdge(int edge) => (_edgeU[edge], _edgeV[edge]);

    /// <summary>The indices of the edges incident to <paramref name="vertex"/>, in increasing order.</summary>
    public ReadOnlySpan<int> IncidentEdges(int vertex) =>
        _adjacentEdge.AsSpan(_adjacencyStart[vertex], _adjacencyStart[vertex + 1] - _adjacencyStart[vertex]);

    /// <summary>The number of edges incident to <paramref name="vertex"/>.</summary>
    public int Degree(int vertex) => _adjacencyStart[vertex + 1] - _adjacencyStart[vertex];

    /// <summary>The endpoint of <paramref name="edge"/> other than <paramref name="vertex"/>.</summary>
    public int Opposite(int edge, int vertex) => _edgeU[edge] == vertex ? _edgeV[edge] : _edgeU[edge];

    /// <summary>The index of the edge joining <paramref name="u"/> and <paramref name="v"/>, or -1 if there is none.</summary>
    public int FindEdge(int u, int v)
    {
        foreach (var e in IncidentEdges(u))
            if (Opposite(e, u) == v) return e;
        return -1;
    }

    internal ReadOnlySpan<int> EdgeU => _edgeU;

    internal ReadOnlySpan<int> EdgeV => _edgeV;

    private static long Key(int u, int v) => u < v ? ((long)u << 32) | (uint)v : ((long)v << 32) | (uint)u;
}
