namespace Combigrad.Solvers;

/// <summary>
/// Graph matching (paper eq. 16; Rolínek et al. 2020b): given two fixed graphs <c>G1 = (V1, E1)</c> and
/// <c>G2 = (V2, E2)</c>, find <c>argmin &lt;c^v, v&gt; + &lt;c^e, e&gt;</c> over vertex-matching indicators
/// <c>v in {0,1}^(|V1| |V2|)</c> and the edge-matching indicators <c>e in {0,1}^(|E1| |E2|)</c> they induce.
/// Create one with <see cref="Create"/>.
/// </summary>
/// <remarks>
/// <para>Costs (and solution) layout: the concatenation of the vertex part, row-major over <c>V1 x V2</c>
/// (entry <c>i |V2| + a</c> for <c>i</c> in V1, <c>a</c> in V2), and the edge part, row-major over <c>E1 x E2</c>
/// (entry <c>|V1||V2| + k |E2| + l</c> for edge <c>k</c> of G1, edge <c>l</c> of G2, in the graphs' edge order).
/// See <see cref="VertexPairIndex"/> and <see cref="EdgePairIndex"/>.</para>
/// <para>Feasible set (as in Rolínek et al. 2020b): a one-to-one matching that covers every vertex of the smaller
/// graph (each vertex of the larger graph used at most once; with equal sizes, a bijection). Edges are undirected:
/// <c>e_(k,l) = 1</c> exactly when the matching maps the endpoints of <c>k = {i, j}</c> onto the endpoints of
/// <c>l = {a, b}</c> in either orientation, i.e. <c>e_(k,l) = v_(i,a) v_(j,b) + v_(i,b) v_(j,a)</c> (the two terms
/// cannot both be 1). The orientation in which an edge was listed never matters.</para>
/// <para>Facts: the number of matched vertices is constant but the number of matched edges is not, so
/// <c>HasConstantSum</c> holds only when one graph has no edges; costs of any sign are accepted.</para>
/// <para>Thread safety: <see cref="Solve"/> and <see cref="SolveWithBound"/> may be called concurrently.</para>
/// </remarks>
public abstract class GraphMatchingSolver : ISolver
{
    private protected GraphMatchingSolver(UndirectedGraph first, UndirectedGraph second, GraphMatchingOptions options,
        GraphMatchingAlgorithm algorithm)
    {
        Layout = new GraphMatchingLayout(first, second);
        Options = options;
        Algorithm = algorithm;
        var dimension = (long)Layout.VertexPairCount + Layout.EdgePairCount;
        if (dimension > Array.MaxLength)
            throw new ArgumentException($"GraphMatching: {dimension} cost entries exceed the largest array.", nameof(second));
        Dimension = (int)dimension;
        InstanceShape = Array.AsReadOnly([Dimension]);
        Name = $"GraphMatching{algorithm}(|V1|={first.VertexCount}, |E1|={first.EdgeCount}, " +
               $"|V2|={second.VertexCount}, |E2|={second.EdgeCount})";
        Facts = new SolutionSetFacts(HasConstantSum: first.EdgeCount == 0 || second.EdgeCount == 0,
            RequiresNonNegativeCosts: false);
    }

    /// <summary>Creates a solver for matching <paramref name="first"/> with <paramref name="second"/>.</summary>
    /// <param name="first">The graph <c>G1</c> (rows of the cost layout).</param>
    /// <param name="second">The graph <c>G2</c> (columns of the cost layout).</param>
    /// <param name="algorithm">Exact (branch-and-bound, exact at any cost magnitude) or approximate (fast, reports its gap).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <exception cref="ArgumentNullException">A graph is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range, or the algorithm is unknown.</exception>
    /// <exception cref="ArgumentException">The cost vector would exceed the largest array.</exception>
    public static GraphMatchingSolver Create(UndirectedGraph first, UndirectedGraph second,
        GraphMatchingAlgorithm algorithm, GraphMatchingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        options ??= new GraphMatchingOptions();
        options.Validate();
        return algorithm switch
        {
            GraphMatchingAlgorithm.Exact => new ExactGraphMatchingSolver(first, second, options),
            GraphMatchingAlgorithm.Approximate => new ApproximateGraphMatchingSolver(first, second, options),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown graph matching algorithm."),
        };
    }

    /// <summary>The first graph <c>G1</c>.</summary>
    public UndirectedGraph First => Layout.First;

    /// <summary>The second graph <c>G2</c>.</summary>
    public UndirectedGraph Second => Layout.Second;

    /// <summary>The algorithm this solver runs.</summary>
    public GraphMatchingAlgorithm Algorithm { get; }

    /// <summary>The settings this solver was created with.</summary>
    public GraphMatchingOptions Options { get; }

    /// <summary>The number of vertex-pair entries <c>|V1| |V2|</c> at the start of the cost vector.</summary>
    public int VertexPairCount => Layout.VertexPairCount;

    /// <summary>The number of edge-pair entries <c>|E1| |E2|</c> at the end of the cost vector.</summary>
    public int EdgePairCount => Layout.EdgePairCount;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[|V1| |V2| + |E1| |E2|]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum</c> only when a graph has no edges; <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts { get; }

    private protected GraphMatchingLayout Layout { get; }

    /// <summary>The cost index of matching vertex <paramref name="i"/> of G1 to vertex <paramref name="a"/> of G2.</summary>
    public int VertexPairIndex(int i, int a)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)i, (uint)First.VertexCount, nameof(i));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)a, (uint)Second.VertexCount, nameof(a));
        return i * Second.VertexCount + a;
    }

    /// <summary>The cost index of the pair (edge <paramref name="k"/> of G1, edge <paramref name="l"/> of G2).</summary>
    public int EdgePairIndex(int k, int l)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)k, (uint)First.EdgeCount, nameof(k));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)l, (uint)Second.EdgeCount, nameof(l));
        return VertexPairCount + k * Second.EdgeCount + l;
    }

    /// <inheritdoc/>
    /// <remarks>Writes the vertex and induced edge indicators (see class remarks).</remarks>
    /// <exception cref="SolverTimeLimitException">Exact solver only: no proven optimum within the time limit.</exception>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution) => SolveWithBound(costs, solution);

    /// <summary>
    /// Solves like <see cref="Solve"/> and also returns the objective of the solution and a proven lower bound on the
    /// optimum (their difference is the gap: zero for the exact solver).
    /// </summary>
    /// <exception cref="ArgumentException">Wrong lengths, or a NaN or infinite cost.</exception>
    /// <exception cref="SolverTimeLimitException">Exact solver only: no proven optimum within the time limit.</exception>
    public GraphMatchingResult SolveWithBound(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);
        Span<int> assignment = Layout.P <= MaxStackVertices ? stackalloc int[Layout.P] : new int[Layout.P];
        var (objective, lowerBound) = SolveCore(costs, assignment);
        Layout.WriteIndicators(assignment, solution);
        return new GraphMatchingResult(objective, Math.Min(lowerBound, objective));
    }

    /// <summary>
    /// Writes into <paramref name="assignment"/> an injective map from the smaller graph's vertices into the larger
    /// graph's (see <see cref="GraphMatchingLayout"/>) and returns its objective and a proven lower bound on the optimal
    /// objective.
    /// </summary>
    private protected abstract (double Objective, double LowerBound) SolveCore(ReadOnlySpan<float> costs, Span<int> assignment);

    private const int MaxStackVertices = 256;
}
