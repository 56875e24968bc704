namespace Combigrad.Solvers;

/// <summary>
/// Minimum-cost perfect matching on a fixed general graph: <c>y(w) = argmin &lt;w, y&gt;</c> over the 0/1 edge
/// indicators of perfect matchings (every vertex covered by exactly one chosen edge). This is the matching problem of
/// Blackbox Backprop (Vlastelica et al. 2020, Sec. 5), whose graph is the k x k grid (<see cref="UndirectedGraph.Grid"/>).
/// </summary>
/// <remarks>
/// <para>Costs: one per edge, in the graph's edge order; any sign. Output: the edge indicator of the matching.</para>
/// <para>Algorithm: the costs are first rounded to integers <c>c'_e = round(c_e 2^s)</c> with a power-of-two scale
/// chosen so that <c>max |c'|</c> is about <c>2^</c><see cref="ScaledCostBits"/>; both algorithms below are then exact in
/// 64-bit integers. The result is an exact minimiser of the rounded costs, so its float objective is within
/// <c>n 2^-</c><see cref="ScaledCostBits"/><c> max|c|</c> of the optimum (far below the float resolution of the
/// objective). Because the scale is a power of two, multiplying all costs by a power of two gives bit-identical
/// integers and the same output.
/// <list type="bullet">
/// <item>Bipartite graphs (detected at construction; every grid graph is bipartite): the Hungarian method as successive
/// shortest augmenting paths with Dijkstra on reduced costs, <c>O(n m log n)</c>; about 2 ms of CPU for the 16 x 16
/// grid.</item>
/// <item>Other graphs: Edmonds' primal-dual blossom algorithm (<see cref="PrimalDualBlossomWorkspace"/>: one
/// alternating tree at a time, blossoms shrunk and expanded, dual variables on vertices and blossoms), at most
/// <c>O(n^2 (n + m))</c>, on the rounded costs directly.</item>
/// </list></para>
/// <para>Tie-breaking: deterministic (the output depends only on the costs and the graph, never on threads or
/// history), but among equal-cost matchings there is no simple rule; it is whichever the algorithm, which scans
/// vertices and edges in index order, reaches.</para>
/// <para>Feasibility does not depend on the costs, so it is decided once, at construction: a graph without a perfect
/// matching (odd vertex count, an isolated vertex, or any other deficiency) throws
/// <see cref="InfeasibleProblemException"/> there.</para>
/// <para>Allocation: none per call in steady state (grow-only per-thread workspaces).</para>
/// <para>Facts: every perfect matching has <c>n / 2</c> edges (constant sum); costs of any sign are accepted.</para>
/// </remarks>
public sealed class MinCostPerfectMatchingSolver : ISolver
{
    /// <summary>
    /// The scaled costs satisfy <c>max |c'| = 2^(ScaledCostBits - 1)</c> to <c>2^ScaledCostBits</c>: the resolution of
    /// the integer rounding is <c>2^-ScaledCostBits</c> relative to the largest |cost|. Chosen so that the doubled
    /// costs and the dual variables of the blossom algorithm (bounded by a small multiple of <c>n</c> times the largest
    /// cost) stay far inside 64 bits for graphs of up to 2^16 vertices.
    /// </summary>
    public const int ScaledCostBits = 40;

    private static readonly SolutionSetFacts MatchingFacts = new(HasConstantSum: true, RequiresNonNegativeCosts: false);

    [ThreadStatic]
    private static long[]? t_weights;

    [ThreadStatic]
    private static int[]? t_mateEdge;

    private readonly UndirectedGraph _graph;
    private readonly bool[]? _isLeft;

    /// <summary>Creates a solver for perfect matchings of <paramref name="graph"/>.</summary>
    /// <param name="graph">The fixed graph; its edge order is the order of costs and solution entries.</param>
    /// <exception cref="ArgumentNullException"><paramref name="graph"/> is null.</exception>
    /// <exception cref="ArgumentException">The graph has more than 2^16 vertices.</exception>
    /// <exception cref="InfeasibleProblemException">The graph has no perfect matching; the message says why.</exception>
    public MinCostPerfectMatchingSolver(UndirectedGraph graph) : this(graph, useBipartiteAlgorithm: true)
    {
    }

    /// <summary>As the public constructor; <paramref name="useBipartiteAlgorithm"/> false forces the blossom algorithm
    /// even on bipartite graphs (for cross-checks in tests).</summary>
    internal MinCostPerfectMatchingSolver(UndirectedGraph graph, bool useBipartiteAlgorithm)
    {
        ArgumentNullException.ThrowIfNull(graph);
        const int MaxVertices = 1 << 16;
        if (graph.VertexCount > MaxVertices)
            throw new ArgumentException(
                $"MinCostPerfectMatching: {graph.VertexCount} vertices exceed the supported {MaxVertices}.", nameof(graph));
        _graph = graph;
        Dimension = graph.EdgeCount;
        InstanceShape = Array.AsReadOnly([graph.EdgeCount]);
        Name = $"MinCostPerfectMatching(n={graph.VertexCount}, m={graph.EdgeCount})";
        ThrowIfNoPerfectMatching();
        _isLeft = useBipartiteAlgorithm ? TwoColouring(graph) : null;
    }

    /// <summary>A solver for the <c>rows x cols</c> grid graph with the 4-neighbourhood (see
    /// <see cref="UndirectedGraph.Grid"/> for the edge order).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    /// <exception cref="InfeasibleProblemException"><c>rows * cols</c> is odd (or 1).</exception>
    public static MinCostPerfectMatchingSolver ForGrid(int rows, int cols) => new(UndirectedGraph.Grid(rows, cols));

    /// <summary>A solver for the graph on <paramref name="vertexCount"/> vertices with the given edges, in order.</summary>
    /// <exception cref="ArgumentException">An edge is invalid (see <see cref="UndirectedGraph"/>).</exception>
    /// <exception cref="InfeasibleProblemException">The graph has no perfect matching.</exception>
    public static MinCostPerfectMatchingSolver ForEdges(int vertexCount, IEnumerable<(int U, int V)> edges) =>
        new(new UndirectedGraph(vertexCount, edges));

    /// <summary>The fixed graph.</summary>
    public UndirectedGraph Graph => _graph;

    /// <summary>Whether the graph is bipartite, so the faster successive-shortest-path algorithm is used.</summary>
    public bool IsBipartite => _isLeft is not null;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[edge count]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = true</c> (n / 2 edges), <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts => MatchingFacts;

    /// <inheritdoc/>
    /// <remarks>Writes 1 on the edges of a minimum-cost perfect matching and 0 elsewhere (ties: see class remarks).</remarks>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        var scaled = Rent(ref t_weights, Dimension);
        ScaleToIntegers(costs, scaled);
        var mateEdge = Rent(ref t_mateEdge, _graph.VertexCount);
        if (_isLeft is not null)
        {
            BipartiteMatchingWorkspace.ForCurrentThread().Solve(_graph, _isLeft, scaled, mateEdge);
        }
        else if (!PrimalDualBlossomWorkspace.ForCurrentThread().Solve(_graph, scaled, mateEdge))
        {
            throw new InvalidOperationException($"{Name}: internal error, no perfect matching found.");
        }

        solution.Clear();
        for (var v = 0; v < mateEdge.Length; v++)
        {
            var edge = mateEdge[v];
            if (edge < 0)
                throw new InvalidOperationException($"{Name}: internal error, vertex {v} left unmatched.");
            solution[edge] = 1f;
        }
    }

    /// <summary>
    /// Writes <c>c' = round(c 2^s)</c>, <c>s</c> the power of two putting the largest |cost| in <c>[2^(B-1), 2^B)</c>,
    /// <c>B = </c><see cref="ScaledCostBits"/>.
    /// </summary>
    private static void ScaleToIntegers(ReadOnlySpan<float> costs, Span<long> weights)
    {
        var scale = IntegerCostScaling.Scale(costs, ScaledCostBits);
        for (var e = 0; e < costs.Length; e++) weights[e] = IntegerCostScaling.Round(costs[e], scale);
    }

    /// <summary>A 2-colouring (true = left side) if the graph is bipartite, else null.</summary>
    private static bool[]? TwoColouring(UndirectedGraph graph)
    {
        var n = graph.VertexCount;
        var colour = new int[n];
        var stack = new Stack<int>();
        for (var root = 0; root < n; root++)
        {
            if (colour[root] != 0) continue;
            colour[root] = 1;
            stack.Push(root);
            while (stack.Count > 0)
            {
                var u = stack.Pop();
                foreach (var e in graph.IncidentEdges(u))
                {
                    var v = graph.Opposite(e, u);
                    if (colour[v] == colour[u]) return null;
                    if (colour[v] != 0) continue;
                    colour[v] = -colour[u];
                    stack.Push(v);
                }
            }
        }
        return Array.ConvertAll(colour, c => c > 0);
    }

    private void ThrowIfNoPerfectMatching()
    {
        var n = _graph.VertexCount;
        if (n % 2 != 0)
            throw new InfeasibleProblemException(
                $"{Name}: the graph has an odd number of vertices ({n}), so it has no perfect matching.");
        for (var v = 0; v < n; v++)
        {
            if (_graph.Degree(v) == 0)
                throw new InfeasibleProblemException(
                    $"{Name}: vertex {v} has no incident edge, so the graph has no perfect matching.");
        }
        // With all costs 0 the blossom algorithm is Edmonds' cardinality algorithm; it fails only on a Tutte barrier.
        if (!PrimalDualBlossomWorkspace.ForCurrentThread().Solve(_graph, new long[_graph.EdgeCount], new int[n]))
            throw new InfeasibleProblemException(
                $"{Name}: the graph has no perfect matching (an alternating tree got stuck: a set of its vertices " +
                "leaves more odd components than it has vertices).");
    }

    private static Span<T> Rent<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length) buffer = new T[length];
        return buffer.AsSpan(0, length);
    }
}
