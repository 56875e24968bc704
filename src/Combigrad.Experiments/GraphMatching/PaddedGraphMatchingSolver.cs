using Combigrad.Solvers;

namespace Combigrad.Experiments.GraphMatching;

/// <summary>
/// Graph matching (paper eq. 16) for instances whose edge sets differ, on one fixed cost layout: the layout of
/// <see cref="GraphMatchingSolver"/> for the complete graphs on <c>n1</c> and <c>n2</c> vertices, in which each
/// instance's actual graphs are given by the support of the edge block. Edge <c>k</c> of <c>K_n1</c> belongs to
/// <c>G1</c> when some entry of its row of edge-pair costs is non-zero, edge <c>l</c> of <c>K_n2</c> to <c>G2</c>
/// when some entry of its column is; zero entries are padding. The instance is then solved on <c>(G1, G2)</c> by
/// <see cref="GraphMatchingSolver"/> and its solution written back; padding entries of the solution are zero.
/// </summary>
/// <remarks>
/// <para>Layout: vertex pairs row-major over <c>V1 x V2</c> (<see cref="VertexPairIndex"/>), then edge pairs row-major
/// over the edges of <c>K_n1</c> x the edges of <c>K_n2</c>, edges <c>(i, j)</c>, <c>i &lt; j</c>, in lexicographic
/// order (<see cref="EdgePairIndex"/>).</para>
/// <para>Objective: padding entries are zero, so <c>&lt;c, y&gt;</c> equals the objective on <c>(G1, G2)</c>. An edge of
/// <c>G1</c> whose costs are all exactly zero is dropped, which changes neither the objective nor the optimum.</para>
/// <para>Use with a layer that keeps zero entries zero (sphere or no projection; margin noise with
/// <c>ZeroCostsArePadding</c>): the plane projection or unmasked noise would turn padding into costs and make both
/// graphs complete.</para>
/// <para>Allocates per call (the per-instance solver and buffers). Thread-safe.</para>
/// </remarks>
public sealed class PaddedGraphMatchingSolver : ISolver
{
    private readonly UndirectedGraph _firstComplete;
    private readonly UndirectedGraph _secondComplete;

    /// <summary>Creates the solver for <paramref name="firstVertices"/> x <paramref name="secondVertices"/> vertices.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A vertex count is below 1, or an option is out of range.</exception>
    public PaddedGraphMatchingSolver(int firstVertices, int secondVertices, GraphMatchingAlgorithm algorithm, GraphMatchingOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(firstVertices, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(secondVertices, 1);
        Options = options ?? new GraphMatchingOptions();
        Algorithm = algorithm;
        // Validates the algorithm and the options once, here.
        _ = GraphMatchingSolver.Create(new UndirectedGraph(1, []), new UndirectedGraph(1, []), algorithm, Options);
        _firstComplete = UndirectedGraph.Complete(firstVertices);
        _secondComplete = UndirectedGraph.Complete(secondVertices);
        FirstVertexCount = firstVertices;
        SecondVertexCount = secondVertices;
        VertexPairCount = firstVertices * secondVertices;
        Dimension = checked(VertexPairCount + _firstComplete.EdgeCount * _secondComplete.EdgeCount);
        InstanceShape = Array.AsReadOnly([Dimension]);
        Name = $"PaddedGraphMatching{algorithm}(|V1|={firstVertices}, |V2|={secondVertices})";
    }

    /// <summary>n1: vertices of the first graph.</summary>
    public int FirstVertexCount { get; }

    /// <summary>n2: vertices of the second graph.</summary>
    public int SecondVertexCount { get; }

    /// <summary>The number of vertex-pair entries <c>n1 n2</c> at the start of the layout.</summary>
    public int VertexPairCount { get; }

    /// <summary>The algorithm solving each instance.</summary>
    public GraphMatchingAlgorithm Algorithm { get; }

    /// <summary>The options of each instance's solver.</summary>
    public GraphMatchingOptions Options { get; }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc />
    public int Dimension { get; }

    /// <inheritdoc />
    /// <remarks>The number of matched edges varies, so no constant sum; costs of any sign.</remarks>
    public SolutionSetFacts Facts { get; } = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

    /// <summary>The layout index of matching vertex <paramref name="i"/> of G1 to vertex <paramref name="a"/> of G2.</summary>
    public int VertexPairIndex(int i, int a) => i * SecondVertexCount + a;

    /// <summary>The layout index of the pair of edges <c>{i, j}</c> of G1 and <c>{a, b}</c> of G2 (either orientation).</summary>
    /// <exception cref="ArgumentException">An edge is a self-loop or has an endpoint out of range.</exception>
    public int EdgePairIndex(int i, int j, int a, int b) =>
        VertexPairCount + CompleteEdgeIndex(FirstVertexCount, i, j) * _secondComplete.EdgeCount + CompleteEdgeIndex(SecondVertexCount, a, b);

    /// <summary>The index of edge <c>{i, j}</c> in the lexicographic edge order of the complete graph on <paramref name="n"/> vertices.</summary>
    /// <exception cref="ArgumentException">The edge is a self-loop or has an endpoint out of range.</exception>
    public static int CompleteEdgeIndex(int n, int i, int j)
    {
        if (i == j || (uint)i >= (uint)n || (uint)j >= (uint)n)
            throw new ArgumentException($"{{{i}, {j}}} is not an edge of the complete graph on {n} vertices.");
        if (i > j) (i, j) = (j, i);
        return i * (2 * n - i - 1) / 2 + (j - i - 1);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">Wrong lengths, or a NaN or infinite cost.</exception>
    /// <exception cref="SolverTimeLimitException">Exact solver only: no proven optimum within the time limit.</exception>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        if (costs.Length != Dimension || solution.Length != Dimension)
            throw new ArgumentException($"{Name}: expected {Dimension} costs and solution entries, got {costs.Length} and {solution.Length}.");
        var c1 = _firstComplete.EdgeCount;
        var c2 = _secondComplete.EdgeCount;
        var edgeCosts = costs[VertexPairCount..];
        var rows = new List<int>();
        var columns = new List<int>();
        var columnActive = new bool[c2];
        for (var k = 0; k < c1; k++)
        {
            var row = edgeCosts.Slice(k * c2, c2);
            var any = false;
            for (var l = 0; l < c2; l++)
            {
                if (row[l] == 0f) continue;
                any = true;
                columnActive[l] = true;
            }
            if (any) rows.Add(k);
        }
        for (var l = 0; l < c2; l++)
            if (columnActive[l]) columns.Add(l);

        var first = new UndirectedGraph(FirstVertexCount, rows.Select(_firstComplete.GetEdge));
        var second = new UndirectedGraph(SecondVertexCount, columns.Select(_secondComplete.GetEdge));
        var solver = GraphMatchingSolver.Create(first, second, Algorithm, Options);
        var compact = new float[solver.Dimension];
        costs[..VertexPairCount].CopyTo(compact);
        for (var a = 0; a < rows.Count; a++)
            for (var b = 0; b < columns.Count; b++)
                compact[VertexPairCount + a * columns.Count + b] = edgeCosts[rows[a] * c2 + columns[b]];
        var compactSolution = new float[solver.Dimension];
        solver.Solve(compact, compactSolution);

        solution.Clear();
        compactSolution.AsSpan(0, VertexPairCount).CopyTo(solution);
        var edgeSolution = solution[VertexPairCount..];
        for (var a = 0; a < rows.Count; a++)
            for (var b = 0; b < columns.Count; b++)
                edgeSolution[rows[a] * c2 + columns[b]] = compactSolution[VertexPairCount + a * columns.Count + b];
    }
}
