using Combigrad.Testing;
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
        var random = new Random(Seed);
        var checkedInstances = 0;
        var infeasible = 0;

        for (var g = 0; g < Graphs; g++)
        {
            var graph = RandomGraphFamily(random, g % 4);
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0)
            {
                Assert.Throws<InfeasibleProblemException>(() => new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false));
                infeasible++;
                continue;
            }
            var solver = new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false);
            for (var c = 0; c < CostsPerGraph; c++)
            {
                var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);

                var y = solver.SolveToArray(costs);

                AssertOptimal(graph, matchings, costs, y, $"graph {g} (family {g % 4}, n={graph.VertexCount}, m={graph.EdgeCount}), costs {c}");
                checkedInstances++;
            }
        }
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
        var random = new Random(Seed + 1);

        for (var instance = 0; instance < Instances; instance++)
        {
            var triangles = 2 * random.Next(1, 3);
            var graph = JoinedTriangles(random, triangles, extraLinks: random.Next(0, 4));
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0) continue;
            var solver = new MinCostPerfectMatchingSolver(graph);
            Assert.False(solver.IsBipartite);
            var costs = new float[graph.EdgeCount];
            for (var e = 0; e < costs.Length; e++)
                costs[e] = e < 3 * triangles ? random.Next(-6, -2) : (float)(10 * random.NextDouble() - 3);

            var y = solver.SolveToArray(costs);

            AssertOptimal(graph, matchings, costs, y, $"instance {instance} ({triangles} triangles)");
        }
    }

    [Fact]
    public void Solve_NestedOddCycles_MatchBruteForce()
    {
        // A 5-cycle of triangles-with-tails (nested blossoms), 12 vertices, with random and tied costs.
        const int Instances = 400;
        var random = new Random(Seed + 2);
        (int, int)[] edges =
        [
            (0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 5), (5, 3), (5, 6), (6, 7), (7, 8), (8, 6), (8, 0),
            (1, 9), (4, 10), (7, 11), (9, 10), (10, 11), (11, 9),
        ];
        var graph = new UndirectedGraph(12, edges);
        var matchings = PerfectMatchings.Enumerate(graph);
        var solver = new MinCostPerfectMatchingSolver(graph);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = instance % 2 == 0
                ? RandomCosts.Uniform(random, graph.EdgeCount, -10f, 10f)
                : RandomCosts.SmallIntegers(random, graph.EdgeCount, -1, 1);

            AssertOptimal(graph, matchings, costs, solver.SolveToArray(costs), $"instance {instance}");
        }
    }

    [Fact]
    public void Solve_TiedCosts_OptimalAndDeterministicAcrossThreads()
    {
        const int Instances = 300;
        var random = new Random(Seed + 3);
        var graph = Delaunay.Graph(Delaunay.RandomPoints(random, 10));
        var matchings = PerfectMatchings.Enumerate(graph);
        var solver = new MinCostPerfectMatchingSolver(graph);
        var costSets = Enumerable.Range(0, Instances)
            .Select(_ => RandomCosts.SmallIntegers(random, graph.EdgeCount, 0, 1))
            .ToArray();

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
        var random = new Random(Seed + 4);
        var graph = Delaunay.Graph(Delaunay.RandomPoints(random, 30));
        var solver = new MinCostPerfectMatchingSolver(graph);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);
            var powerOfTwo = MathF.ScaleB(1f, random.Next(-8, 9));

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * powerOfTwo).ToArray()));
        }
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
        var random = new Random(Seed + vertexCount);
        for (var instance = 0; instance < Instances; instance++)
        {
            var graph = RandomFeasibleGraph(random, vertexCount, density);
            var solver = new MinCostPerfectMatchingSolver(graph);
            var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);

            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.MinCostPerfectMatchingObjective(graph, costs);
            var objective = BruteForce.Objective(y, costs);
            Assert.True(Math.Abs(objective - reference) <= OrToolsReferences.ObjectiveTolerance(costs),
                $"instance {instance}: objective {objective}, CP-SAT {reference}");
        }
    }

    [Fact]
    public void Solve_DelaunayTriangulationOf30Points_MatchesCpSatReference()
    {
        var random = new Random(Seed + 5);
        var graph = Delaunay.Graph(Delaunay.RandomPoints(random, 30));
        var solver = new MinCostPerfectMatchingSolver(graph);

        for (var instance = 0; instance < 3; instance++)
        {
            var costs = RandomCosts.Uniform(random, graph.EdgeCount, -1f, 1f);

            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.MinCostPerfectMatchingObjective(graph, costs);
            Assert.True(Math.Abs(BruteForce.Objective(y, costs) - reference) <= OrToolsReferences.ObjectiveTolerance(costs));
        }
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

    /// <summary>Small graphs of four families: sparse/dense random, Delaunay triangulations, complete graphs, and
    /// triangles joined by random edges; even and odd vertex counts alike.</summary>
    private static UndirectedGraph RandomGraphFamily(Random random, int family)
    {
        var n = random.Next(2, PerfectMatchings.MaxVertices + 1);
        return family switch
        {
            0 => PerfectMatchings.RandomGraph(random, Math.Min(n, 10), density: 0.15 + 0.85 * random.NextDouble()),
            1 => Delaunay.Graph(Delaunay.RandomPoints(random, Math.Min(n, 10))),
            2 => UndirectedGraph.Complete(Math.Min(n, 8)),
            _ => JoinedTriangles(random, random.Next(1, 4), extraLinks: random.Next(0, 5)),
        };
    }

    /// <summary><paramref name="triangles"/> disjoint triangles (edges 0..3t-1) joined by a random spanning path of
    /// triangle-to-triangle edges plus <paramref name="extraLinks"/> random edges, vertices relabelled at random.</summary>
    private static UndirectedGraph JoinedTriangles(Random random, int triangles, int extraLinks)
    {
        var n = 3 * triangles;
        var label = Enumerable.Range(0, n).ToArray();
        random.Shuffle(label);
        var edges = new List<(int, int)>();
        var present = new HashSet<(int, int)>();
        void Add(int a, int b)
        {
            if (a == b || !present.Add((Math.Min(a, b), Math.Max(a, b)))) return;
            edges.Add((label[a], label[b]));
        }
        for (var t = 0; t < triangles; t++)
        {
            Add(3 * t, 3 * t + 1);
            Add(3 * t + 1, 3 * t + 2);
            Add(3 * t + 2, 3 * t);
        }
        for (var t = 1; t < triangles; t++) Add(3 * (t - 1) + random.Next(3), 3 * t + random.Next(3));
        for (var i = 0; i < extraLinks; i++) Add(random.Next(n), random.Next(n));
        return new UndirectedGraph(n, edges);
    }

    /// <summary>A random graph plus a random perfect matching, so that it is feasible.</summary>
    private static UndirectedGraph RandomFeasibleGraph(Random random, int vertexCount, double density)
    {
        var order = Enumerable.Range(0, vertexCount).ToArray();
        random.Shuffle(order);
        var edges = new HashSet<(int, int)>();
        for (var i = 0; i < vertexCount; i += 2) edges.Add((Math.Min(order[i], order[i + 1]), Math.Max(order[i], order[i + 1])));
        for (var u = 0; u < vertexCount; u++)
            for (var v = u + 1; v < vertexCount; v++)
                if (random.NextDouble() < density) edges.Add((u, v));
        var shuffled = edges.ToArray();
        random.Shuffle(shuffled);
        return new UndirectedGraph(vertexCount, shuffled);
    }
}
