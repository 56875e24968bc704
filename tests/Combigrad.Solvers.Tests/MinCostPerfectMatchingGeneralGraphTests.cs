using Combigrad.Testing;
using CsCheck;
using Xunit.Abstractions;

namespace Combigrad.Solvers.Tests;

/// <summary>
/// Property tests of the blossom algorithm of <see cref="MinCostPerfectMatchingSolver"/> on general (non-bipartite)
/// graphs: brute-force enumeration of perfect matchings on thousands of seeded small instances, blossom-heavy families,
/// ties, infeasible graphs and a CP-SAT reference on larger ones.
/// </summary>
public sealed class MinCostPerfectMatchingGeneralGraphTests(ITestOutputHelper output)
{
    private const int Seed = 4242;

    [Fact]
    public void Solve_ThousandsOfRandomGeneralGraphs_MatchBruteForce()
    {
        const int Graphs = 2000;
        const int CostsPerGraph = 3;
        var checkedInstances = 0;
        var infeasible = 0;
        var gen = GraphFamilies.SelectMany(graph => CostGens.Signed(graph.EdgeCount).Array[CostsPerGraph]
            .Select(costSets => (graph, costSets)));

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costSets) = sample;
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0)
            {
                Assert.Throws<InfeasibleProblemException>(() => new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false));
                infeasible++;
                return;
            }
            var solver = new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false);
            for (var c = 0; c < CostsPerGraph; c++)
            {
                var y = solver.SolveToArray(costSets[c]);

                AssertOptimal(graph, matchings, costSets[c], y, $"n={graph.VertexCount}, m={graph.EdgeCount}, costs {c}");
                checkedInstances++;
            }
        }, seed: Seed, Graphs);
        output.WriteLine($"{checkedInstances} instances checked against brute force, {infeasible} infeasible graphs rejected");
        Assert.True(checkedInstances > 3000, $"only {checkedInstances} instances");
        Assert.True(infeasible > 20, $"only {infeasible} infeasible graphs");
    }

    [Fact]
    public void Solve_TrianglesJoinedByEdges_CheapOddCyclesMatchBruteForce()
    {
        // Cheap triangle edges make the algorithm shrink every triangle (and cycles of them) into blossoms and later
        // expand them again when the connecting edges decide the matching.
        const int Instances = 600;
        var gen = Gen.Int[1, 2].Select(Gen.Int[0, 3]).SelectMany(t => GraphGens.JoinedTriangles(2 * t.Item1, t.Item2)
            .SelectMany(graph => Gen.Int[-6, -3].Select(c => (float)c).Array[3 * 2 * t.Item1]
                .Select(GraphGens.Uniform(-3.0, 7.0).Select(c => (float)c).Array[graph.EdgeCount - 3 * 2 * t.Item1])
                .Select(parts => (graph, parts.Item1.Concat(parts.Item2).ToArray()))));
        var solved = 0;

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costs) = sample;
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0) return;
            var solver = new MinCostPerfectMatchingSolver(graph);
            Assert.False(solver.IsBipartite);

            var y = solver.SolveToArray(costs);

            AssertOptimal(graph, matchings, costs, y, $"{graph.VertexCount / 3} triangles");
            solved++;
        }, seed: Seed + 1, Instances);
        Assert.True(solved > Instances / 2, $"only {solved} feasible of {Instances}");
    }

    [Fact]
    public void Solve_NestedOddCycles_MatchBruteForce()
    {
        // A 5-cycle of triangles-with-tails (nested blossoms), 12 vertices, with random and tied costs.
        const int Instances = 400;
        (int, int)[] edges =
        [
            (0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (5, 6), (6, 7), (7, 8), (8, 6), (8, 0),
            (1, 9), (4, 10), (7, 11), (9, 10), (10, 11), (11, 9),
        ];
        var graph = new UndirectedGraph(12, edges);
        var matchings = PerfectMatchings.Enumerate(graph);
        var solver = new MinCostPerfectMatchingSolver(graph);

        var gen = Gen.Bool.SelectMany(uniform => uniform
            ? Gen.Float[-10f, 10f].Array[graph.EdgeCount]
            : Gen.Int[-1, 1].Select(c => (float)c).Array[graph.EdgeCount]);

        SeededProperty.Check(gen, costs =>
            AssertOptimal(graph, matchings, costs, solver.SolveToArray(costs), "nested odd cycles"), seed: Seed + 2, Instances);
    }

    [Fact]
    public void Solve_TiedCosts_OptimalAndDeterministicAcrossThreads()
    {
        const int Instances = 300;
        var (graph, costSets) = FirstSample(GraphGens.Delaunay(10).SelectMany(g =>
            Gen.Int[0, 1].Select(c => (float)c).Array[g.EdgeCount].Array[Instances].Select(c => (g, c))), Seed + 3);
        var matchings = PerfectMatchings.Enumerate(graph);
        var solver = new MinCostPerfectMatchingSolver(graph);

        var here = costSets.Select(c => solver.SolveToArray(c)).ToArray();
        float[][] elsewhere = [];
        var thread = new Thread(() => elsewhere = costSets.Select(c => solver.SolveToArray(c)).ToArray());
        thread.Start();
        thread.Join();

        for (var i = 0; i < Instances; i++)
        {
            AssertOptimal(graph, matchings, costSets[i], here[i], $"instance {i}");
            Assert.Equal(here[i], solver.SolveToArray(costSets[i]));
            Assert.Equal(here[i], elsewhere[i]);
        }
    }

    [Fact]
    public void Solve_PowerOfTwoScaledCosts_SameSolution()
    {
        const int Instances = 300;
        var graph = FirstSample(GraphGens.Delaunay(30), Seed + 4);
        var solver = new MinCostPerfectMatchingSolver(graph);

        SeededProperty.Check(CostGens.Signed(graph.EdgeCount).Select(Gen.Int[-8, 8]), sample =>
        {
            var (costs, exponent) = sample;
            var powerOfTwo = MathF.ScaleB(1f, exponent);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * powerOfTwo).ToArray()));
        }, seed: Seed + 4, Instances);
    }

    [Fact]
    public void Solve_RandomGraphFamilies_DeclaredFactsHoldAndPositiveScalingKeepsOptimum()
    {
        const int Instances = 600;
        MinCostPerfectMatchingSolverTests.AssertFactsAndScalingOn(GraphFamilies, useBipartiteAlgorithm: false, seed: Seed + 7, Instances);
    }

    [Fact]
    public void Constructor_ThreeTrianglesOnOneVertex_ThrowsInfeasible()
    {
        // Removing vertex 9 leaves three odd components (Tutte barrier); 10 vertices, no isolated vertex.
        (int, int)[] edges = [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (6, 7), (7, 8), (8, 6), (9, 0), (9, 3), (9, 6)];

        var ex = Assert.Throws<InfeasibleProblemException>(() => MinCostPerfectMatchingSolver.ForEdges(10, edges));

        Assert.Contains("no perfect matching", ex.Message);
    }

    [Fact]
    public void Constructor_RandomTutteBarriers_ThrowInfeasible()
    {
        // Removing 1..4 barrier vertices leaves barrier + 2 odd components: even vertex count, no isolated vertex,
        // yet no perfect matching. Brute force confirms each graph is infeasible (up to 12 vertices).
        const int Instances = 300;
        var gen = Gen.Int[1, 4].SelectMany(GraphGens.TutteBarrier);

        SeededProperty.Check(gen, graph =>
        {
            Assert.Equal(0, graph.VertexCount % 2);
            if (graph.VertexCount <= PerfectMatchings.MaxVertices) Assert.Empty(PerfectMatchings.Enumerate(graph));

            var ex = Assert.Throws<InfeasibleProblemException>(() => new MinCostPerfectMatchingSolver(graph));

            Assert.Contains("no perfect matching", ex.Message);
        }, seed: Seed + 8, Instances);
    }

    [Fact]
    public void Constructor_TrianglesJoinedByOneEdge_FeasibleThoughGreedyNeedsBlossom()
    {
        // Two triangles joined by 2-3: the only perfect matching uses the joining edge.
        var solver = MinCostPerfectMatchingSolver.ForEdges(6, [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3), (2, 3)]);

        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f, 1f], solver.SolveToArray([-5f, -5f, -5f, -5f, -5f, -5f, 100f]));
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void Solve_GeneralGraphInvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        var solver = MinCostPerfectMatchingSolver.ForEdges(4, [(0, 1), (1, 2), (2, 0), (2, 3)]);
        Assert.False(solver.IsBipartite);

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray([1f, bad, 2f, 3f]));

        Assert.Contains("index 1", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Theory]
    [InlineData(40, 0.15)]
    [InlineData(60, 0.1)]
    public void Solve_LargerRandomGraphs_MatchCpSatReference(int vertexCount, double density)
    {
        const int Instances = 3;
        var gen = GraphGens.WithPerfectMatching(vertexCount, density)
            .SelectMany(graph => CostGens.Signed(graph.EdgeCount).Select(costs => (graph, costs)));

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costs) = sample;
            var solver = new MinCostPerfectMatchingSolver(graph);

            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.MinCostPerfectMatchingObjective(graph, costs);
            var objective = BruteForce.Objective(y, costs);
            Assert.True(Math.Abs(objective - reference) <= OrToolsReferences.ObjectiveTolerance(costs),
                $"objective {objective}, CP-SAT {reference}");
        }, seed: (ulong)(Seed + vertexCount), Instances);
    }

    [Fact]
    public void Solve_DelaunayTriangulationOf30Points_MatchesCpSatReference()
    {
        var graph = FirstSample(GraphGens.Delaunay(30), Seed + 5);
        var solver = new MinCostPerfectMatchingSolver(graph);

        SeededProperty.Check(GraphGens.Uniform(-1.0, 1.0).Select(c => (float)c).Array[graph.EdgeCount], costs =>
        {
            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.MinCostPerfectMatchingObjective(graph, costs);
            Assert.True(Math.Abs(BruteForce.Objective(y, costs) - reference) <= OrToolsReferences.ObjectiveTolerance(costs));
        }, seed: Seed + 5, iterations: 3);
    }

    [Fact]
    public void Solve_GeneralGraphSteadyState_AllocatesNothing()
    {
        var random = new Random(Seed + 6);
        var graph = Delaunay.Graph(Delaunay.RandomPoints(random, 40));
        var solver = new MinCostPerfectMatchingSolver(graph);
        var costs = RandomCosts.Uniform(random, solver.Dimension, -1f, 1f);
        var solution = new float[solver.Dimension];

        for (var i = 0; i < 20; i++) solver.Solve(costs, solution);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++) solver.Solve(costs, solution);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void AssertOptimal(UndirectedGraph graph, IReadOnlyList<float[]> matchings, float[] costs, float[] y, string what)
    {
        Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
        var (_, minimum) = BruteForce.ArgMin(matchings, costs);
        var objective = BruteForce.Objective(y, costs);
        Assert.True(Tolerances.ObjectivesAgree(minimum, objective), $"{what}: objective {objective}, brute force {minimum}");
    }

    /// <summary>Small graphs of four families, one per sample: sparse/dense random (up to 10 vertices), Delaunay
    /// triangulations (up to 10), complete graphs (up to 8), and one to three triangles joined by random edges; even and
    /// odd vertex counts alike.</summary>
    private static Gen<UndirectedGraph> GraphFamilies { get; } = Gen.Int[2, PerfectMatchings.MaxVertices].Select(Gen.Int[0, 3])
        .SelectMany(p => p.Item2 switch
        {
            0 => GraphGens.Random(Math.Min(p.Item1, 10), GraphGens.Uniform(0.15, 1.0)),
            1 => GraphGens.Delaunay(Math.Min(p.Item1, 10)),
            2 => Gen.Const(UndirectedGraph.Complete(Math.Min(p.Item1, 8))),
            _ => Gen.Int[1, 3].Select(Gen.Int[0, 4]).SelectMany(t => GraphGens.JoinedTriangles(t.Item1, t.Item2)),
        });

    /// <summary>The first sample of <paramref name="gen"/> for <paramref name="seed"/>: a fixed fixture.</summary>
    private static T FirstSample<T>(Gen<T> gen, ulong seed) => gen.Generate(new PCG(SeededProperty.Stream, seed), null, out _);
}
