using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Minimum-cost perfect matching on a fixed general graph: <c>y(w) = argmin &lt;w, y&gt;</c> over the 0/1 edge
/// indicators of perfect matchings (every vertex covered by exactly one chosen edge). This is the matching problem of
/// Blackbox Backprop (Vlastelica et al. 2020, Sec. 5), whose graph is the k x k grid (<see cref="UndirectedGraph.Grid"/>).
/// </summary>
/// <remarks>
/// <para>Costs: one per edge, in the graph's edge order; any sign. Output: the edge indicator of the matching.</para>
/// <para>Guarantee: the output is an exact minimiser of <c>&lt;w, y&gt;</c> for every finite float input, at any cost
/// magnitudes (a big-M cost of 1e30 next to costs of 1e-3, subnormals, mixed signs). Every float is an integer multiple
/// of <c>2^u</c>, <c>u</c> the lowest set bit over all costs, so the costs are converted to those integers without any
/// rounding and both algorithms below run in exact integer arithmetic: in <see cref="long"/> when the largest cost needs
/// at most 62 - (<c>ceil(log2 n)</c> + 6) bits in that unit (for example float costs in <c>[0, 1]</c> with no cost below
/// about <c>1e-7</c> on the 16 x 16 grid), else in <see cref="Int128"/>, else in <see cref="BigInteger"/> (much slower,
/// and allocating). Because the unit is a power of two, multiplying all costs by a power of two gives bit-identical
/// integers and the same output.
/// <list type="bullet">
/// <item>Bipartite graphs (detected at construction; every grid graph is bipartite): the Hungarian method as successive
/// shortest augmenting paths with Dijkstra on reduced costs, <c>O(n m log n)</c>; for timings on the 16 x 16 grid see
/// <c>combigrad bench solvers</c> (docs/solvers.md).</item>
/// <item>Other graphs: Edmonds' primal-dual blossom algorithm (<see cref="PrimalDualBlossomWorkspace{T}"/>: one
/// alternating tree at a time, blossoms shrunk and expanded, dual variables on vertices and blossoms), at most
/// <c>O(n^2 (n + m))</c>, on the exact integer costs.</item>
/// </list></para>
/// <para>Tie-breaking: deterministic (the output depends only on the costs and the graph, never on threads or
/// history), but among equal-cost matchings there is no simple rule; it is whichever the algorithm, which scans
/// vertices and edges in index order, reaches.</para>
/// <para>Feasibility does not depend on the costs, so it is decided once, at construction: a graph without a perfect
/// matching (odd vertex count, an isolated vertex, or any other deficiency) throws
/// <see cref="InfeasibleProblemException"/> there.</para>
/// <para>Allocation: none per call in steady state (grow-only per-thread workspaces) on the <see cref="long"/> and
/// <see cref="Int128"/> paths; the <see cref="BigInteger"/> path allocates.</para>
/// <para>Facts: every perfect matching has <c>n / 2</c> edges (constant sum); costs of any sign are accepted.</para>
/// </remarks>
public sealed class MinCostPerfectMatchingSolver : ISolver
{
    /// <summary>Bits kept free above the largest integer cost, on top of <c>ceil(log2 n)</c>: the blossom algorithm doubles
    /// the costs, and the duals stay within a small multiple of <c>n</c> times the largest cost.</summary>
    internal const int HeadroomBits = 6;

    private static readonly SolutionSetFacts MatchingFacts = new(HasConstantSum: true, RequiresNonNegativeCosts: false);

    [ThreadStatic]
    private static long[]? t_weights;

    [ThreadStatic]
    private static Int128[]? t_wideWeights;

    [ThreadStatic]
    private static BigInteger[]? t_bigWeights;

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

        var mateEdge = Rent(ref t_mateEdge, _graph.VertexCount);
        var units = ExactCostUnits.Of(costs);
        var headroom = HeadroomBits + (int)Math.Ceiling(Math.Log2(_graph.VertexCount));
        switch (units.WidthFor(headroom))
        {
            case ExactIntegerWidth.Int64:
                SolveExact(costs, units, Rent(ref t_weights, Dimension), 1L << ExactCostUnits.Int64ValueBits, mateEdge);
                break;
            case ExactIntegerWidth.Int128:
                SolveExact(costs, units, Rent(ref t_wideWeights, Dimension), Int128.One << ExactCostUnits.Int128ValueBits, mateEdge);
                break;
            default:
                SolveExact(costs, units, Rent(ref t_bigWeights, Dimension), BigInteger.One << (units.MagnitudeBits + headroom), mateEdge);
                break;
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

    /// <summary>Converts the costs to exact integers in <paramref name="units"/> and runs the algorithm in
    /// <typeparamref name="T"/>; <paramref name="infinity"/> exceeds every value the run can reach.</summary>
    private void SolveExact<T>(ReadOnlySpan<float> costs, ExactCostUnits units, Span<T> weights, T infinity, Span<int> mateEdge)
        where T : struct, IBinaryInteger<T>
    {
        for (var e = 0; e < costs.Length; e++) weights[e] = units.ToInteger<T>(costs[e]);
        if (_isLeft is not null)
        {
            BipartiteMatchingWorkspace<T>.ForCurrentThread().Solve(_graph, _isLeft, weights, infinity, mateEdge);
        }
        else if (!PrimalDualBlossomWorkspace<T>.ForCurrentThread().Solve(_graph, weights, infinity, mateEdge))
        {
            throw new InvalidOperationException($"{Name}: internal error, no perfect matching found.");
        }
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
        if (!PrimalDualBlossomWorkspace<long>.ForCurrentThread().Solve(_graph, new long[_graph.EdgeCount], long.MaxValue, new int[n]))
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
