using Combigrad.Testing;
using Xunit.Abstractions;

namespace Combigrad.Solvers.Tests;

public sealed class MinCostPerfectMatchingSolverTests(ITestOutputHelper output)
{
    private const int Seed = 2020;
    private const int MaxBruteForceVertices = 10;

    [Fact]
    public void Constructor_Grid_HasShapeAndDeclaredFacts()
    {
        var solver = MinCostPerfectMatchingSolver.ForGrid(4, 4);

        Assert.Equal(24, solver.Dimension);
        Assert.Equal([24], solver.InstanceShape);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: true, RequiresNonNegativeCosts: false), solver.Facts);
    }

    [Fact]
    public void Constructor_OddVertexCount_ThrowsInfeasibleNamingOddCount()
    {
        var ex = Assert.Throws<InfeasibleProblemException>(() => MinCostPerfectMatchingSolver.ForGrid(3, 3));

        Assert.Contains("odd number of vertices (9)", ex.Message);
    }

    [Fact]
    public void Constructor_IsolatedVertex_ThrowsInfeasibleNamingVertex()
    {
        var ex = Assert.Throws<InfeasibleProblemException>(
            () => MinCostPerfectMatchingSolver.ForEdges(4, [(0, 1), (1, 2)]));

        Assert.Contains("vertex 3 has no incident edge", ex.Message);
    }

    [Fact]
    public void Constructor_TwoDisjointTriangles_ThrowsInfeasible()
    {
        // Even vertex count, every vertex has edges, but each component is odd.
        var ex = Assert.Throws<InfeasibleProblemException>(
            () => MinCostPerfectMatchingSolver.ForEdges(6, [(0, 1), (1, 2), (2, 0), (3, 4), (4, 5), (5, 3)]));

        Assert.Contains("no perfect matching", ex.Message);
    }

    [Fact]
    public void Solve_DisconnectedGraphWithEvenComponents_MatchesEachComponent()
    {
        // Two components: the path 0-1-2-3 and the edge 4-5.
        var solver = MinCostPerfectMatchingSolver.ForEdges(6, [(0, 1), (1, 2), (2, 3), (4, 5)]);

        Assert.Equal([1f, 0f, 1f, 1f], solver.SolveToArray([5f, -100f, 5f, 1f]));
    }

    [Fact]
    public void Constructor_StarWithPendantVertices_ThrowsInfeasible() =>
        Assert.Throws<InfeasibleProblemException>(
            () => MinCostPerfectMatchingSolver.ForEdges(4, [(0, 1), (0, 2), (0, 3)]));

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(2, 0, 0)]
    [InlineData(2, 0, 3)]
    [InlineData(2, -1, 1)]
    public void Constructor_InvalidEdge_ThrowsArgumentException(int n, int u, int v) =>
        Assert.Throws<ArgumentException>(() => MinCostPerfectMatchingSolver.ForEdges(n, [(u, v)]));

    [Fact]
    public void Constructor_DuplicateEdgeReversed_ThrowsArgumentExceptionNamingEdge()
    {
        var ex = Assert.Throws<ArgumentException>(() => MinCostPerfectMatchingSolver.ForEdges(2, [(0, 1), (1, 0)]));

        Assert.Contains("Edge 1", ex.Message);
    }

    [Fact]
    public void Solve_SquareWithCheapDiagonalPair_PicksCheaperPair()
    {
        // 4-cycle 0-1-2-3-0: matchings {01, 23} and {12, 30}.
        var solver = MinCostPerfectMatchingSolver.ForEdges(4, [(0, 1), (1, 2), (2, 3), (3, 0)]);

        Assert.Equal([0f, 1f, 0f, 1f], solver.SolveToArray([1f, -2f, 1f, 0.5f]));
        Assert.Equal([1f, 0f, 1f, 0f], solver.SolveToArray([1f, 2f, -1f, 0.5f]));
    }

    [Fact]
    public void Solve_OddCycleNeedsBlossom_FindsOptimum()
    {
        // A triangle 0-1-2 with pendant 3 at 2 and a 5-cycle 4..8 with pendant 9 at 8, joined by 2-4.
        (int, int)[] edges = [(0, 1), (1, 2), (2, 0), (2, 3), (2, 4), (4, 5), (5, 6), (6, 7), (7, 8), (8, 4), (8, 9)];
        var graph = new UndirectedGraph(10, edges);
        var solver = new MinCostPerfectMatchingSolver(graph);
        var matchings = PerfectMatchings.Enumerate(graph);
        var random = new Random(Seed);

        for (var instance = 0; instance < 200; instance++)
        {
            var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);
            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            Assert.True(Tolerances.ObjectivesAgree(BruteForce.ArgMin(matchings, costs).Objective, BruteForce.Objective(y, costs)));
        }
    }

    [Fact]
    public void Solve_RandomGraphs_MatchBruteForceAndAreFeasible()
    {
        const int Graphs = 400;
        const int CostsPerGraph = 8;
        var random = new Random(Seed);
        var solved = 0;
        var infeasible = 0;

        for (var g = 0; g < Graphs; g++)
        {
            var n = 2 * random.Next(1, MaxBruteForceVertices / 2 + 1);
            var graph = PerfectMatchings.RandomGraph(random, n, density: 0.2 + 0.8 * random.NextDouble());
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0)
            {
                Assert.Throws<InfeasibleProblemException>(() => new MinCostPerfectMatchingSolver(graph));
                infeasible++;
                continue;
            }
            var solver = new MinCostPerfectMatchingSolver(graph);
            for (var c = 0; c < CostsPerGraph; c++)
            {
                var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);

                var y = solver.SolveToArray(costs);

                Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
                Assert.Equal(n / 2, y.Sum());
                var (_, minimum) = BruteForce.ArgMin(matchings, costs);
                Assert.True(Tolerances.ObjectivesAgree(minimum, BruteForce.Objective(y, costs)),
                    $"graph {g} (n={n}, m={graph.EdgeCount}), costs {c}: objective {BruteForce.Objective(y, costs)}, brute force {minimum}");
                solved++;
            }
        }
        output.WriteLine($"{solved} instances checked against brute force, {infeasible} infeasible graphs rejected");
        Assert.True(solved > 1000);
        Assert.True(infeasible > 10);
    }

    [Theory]
    [InlineData(6, 6)]
    [InlineData(8, 10)]
    [InlineData(16, 16)]
    public void Solve_LargerGrids_MatchLinearSumAssignmentReference(int rows, int cols)
    {
        const int Instances = 20;
        var graph = UndirectedGraph.Grid(rows, cols);
        var solver = new MinCostPerfectMatchingSolver(graph);
        var random = new Random(Seed + rows);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);

            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.GridPerfectMatchingObjective(rows, cols, costs);
            var objective = BruteForce.Objective(y, costs);
            Assert.True(objective <= reference + OrToolsReferences.ObjectiveTolerance(costs),
                $"instance {instance}: objective {objective}, LinearSumAssignment {reference}");
        }
    }

    [Fact]
    public void Solve_RandomGraphOf24Vertices_MatchesCpSatReference()
    {
        var random = new Random(Seed);
        for (var instance = 0; instance < 4; instance++)
        {
            var graph = PerfectMatchings.RandomGraph(random, 24, density: 0.3);
            var solver = new MinCostPerfectMatchingSolver(graph);
            var costs = RandomCosts.Uniform(random, graph.EdgeCount, -5f, 5f);

            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.MinCostPerfectMatchingObjective(graph, costs);
            Assert.True(BruteForce.Objective(y, costs) <= reference + OrToolsReferences.ObjectiveTolerance(costs));
        }
    }

    [Fact]
    public void Solve_RandomBipartiteGraphs_BothAlgorithmsMatchBruteForce()
    {
        const int Graphs = 200;
        const int CostsPerGraph = 6;
        var random = new Random(Seed + 3);
        var checkedInstances = 0;

        for (var g = 0; g < Graphs; g++)
        {
            var half = random.Next(1, MaxBruteForceVertices / 2 + 1);
            var graph = RandomBipartiteGraph(random, half, density: 0.3 + 0.7 * random.NextDouble());
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0) continue;
            var bipartite = new MinCostPerfectMatchingSolver(graph);
            var blossom = new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false);
            Assert.True(bipartite.IsBipartite);
            Assert.False(blossom.IsBipartite);
            for (var c = 0; c < CostsPerGraph; c++)
            {
                var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);
                var (_, minimum) = BruteForce.ArgMin(matchings, costs);
                foreach (var solver in new[] { bipartite, blossom })
                {
                    var y = solver.SolveToArray(costs);

                    Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
                    Assert.True(Tolerances.ObjectivesAgree(minimum, BruteForce.Objective(y, costs)),
                        $"graph {g}, bipartite={solver.IsBipartite}: objective {BruteForce.Objective(y, costs)}, brute force {minimum}");
                }
                checkedInstances++;
            }
        }
        Assert.True(checkedInstances > 500);
    }

    [Fact]
    public void Solve_Grid16BothAlgorithms_SameOptimalCost()
    {
        var graph = UndirectedGraph.Grid(16, 16);
        var bipartite = new MinCostPerfectMatchingSolver(graph);
        var blossom = new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false);
        var random = new Random(Seed + 4);

        for (var instance = 0; instance < 10; instance++)
        {
            var costs = RandomCosts.MixedSigned(random, graph.EdgeCount);
            var a = bipartite.SolveToArray(costs);
            var b = blossom.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, a));
            Assert.True(Math.Abs(BruteForce.Objective(a, costs) - BruteForce.Objective(b, costs)) <= OrToolsReferences.ObjectiveTolerance(costs));
        }
    }

    [Fact]
    public void Solve_ScaledCosts_SameSolution()
    {
        const int Instances = 300;
        var random = new Random(Seed);
        var solver = MinCostPerfectMatchingSolver.ForGrid(6, 6);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.Uniform(random, solver.Dimension, -10f, 10f);
            var scale = (float)Math.Exp(-4.6 + 9.2 * random.NextDouble());
            var tiedCosts = RandomCosts.SmallIntegers(random, solver.Dimension, -3, 3);
            var powerOfTwo = MathF.ScaleB(1f, random.Next(-8, 9));

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
            Assert.Equal(solver.SolveToArray(tiedCosts), solver.SolveToArray(tiedCosts.Select(c => c * powerOfTwo).ToArray()));
        }
    }

    [Fact]
    public void Solve_MeanSubtracted_SameObjectiveOrder()
    {
        // Constant sum: subtracting the mean changes every matching's cost by the same amount.
        const int Instances = 300;
        var random = new Random(Seed + 1);
        var solver = MinCostPerfectMatchingSolver.ForGrid(4, 6);

        for (var instance = 0; instance < Instances; instance++)
        {
            var costs = RandomCosts.Uniform(random, solver.Dimension, -10f, 10f);
            var mean = costs.Average(c => (double)c);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => (float)(c - mean)).ToArray()));
        }
    }

    [Fact]
    public void Solve_AllCostsEqualOrZero_ReturnsPerfectMatching()
    {
        var solver = MinCostPerfectMatchingSolver.ForGrid(4, 4);

        Assert.Null(PerfectMatchings.DescribeDefect(solver.Graph, solver.SolveToArray(new float[solver.Dimension])));
        Assert.Equal(solver.SolveToArray(Enumerable.Repeat(3f, solver.Dimension).ToArray()),
            solver.SolveToArray(Enumerable.Repeat(3f, solver.Dimension).ToArray()));
    }

    [Fact]
    public void Solve_DirtySolutionBuffer_FullyOverwritten()
    {
        var solver = MinCostPerfectMatchingSolver.ForEdges(4, [(0, 1), (1, 2), (2, 3), (3, 0)]);
        var solution = new[] { 7f, 7f, 7f, 7f };

        solver.Solve([0f, 1f, 0f, 1f], solution);

        Assert.Equal([1f, 0f, 1f, 0f], solution);
    }

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "infinite")]
    [InlineData(float.NegativeInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(float bad, string defect)
    {
        var solver = MinCostPerfectMatchingSolver.ForGrid(2, 2);
        float[] costs = [1f, 2f, bad, 3f];

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray(costs));

        Assert.Contains("index 2", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Theory]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void Solve_WrongSpanLength_ThrowsArgumentException(int costsLength, int solutionLength) =>
        Assert.Throws<ArgumentException>(
            () => MinCostPerfectMatchingSolver.ForGrid(2, 2).Solve(new float[costsLength], new float[solutionLength]));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Solve_SteadyState_AllocatesNothing(bool bipartite)
    {
        var solver = new MinCostPerfectMatchingSolver(UndirectedGraph.Grid(8, 8), bipartite);
        var costs = RandomCosts.Uniform(new Random(Seed), solver.Dimension, -1f, 1f);
        var solution = new float[solver.Dimension];

        for (var i = 0; i < 50; i++) solver.Solve(costs, solution);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 50; i++) solver.Solve(costs, solution);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>A random bipartite graph with <paramref name="half"/> vertices per side, sides interleaved in random
    /// vertex order, edges in random order.</summary>
    private static UndirectedGraph RandomBipartiteGraph(Random random, int half, double density)
    {
        var order = Enumerable.Range(0, 2 * half).ToArray();
        random.Shuffle(order);
        var edges = new List<(int, int)>();
        for (var i = 0; i < half; i++)
            for (var j = half; j < 2 * half; j++)
                if (random.NextDouble() < density) edges.Add((order[i], order[j]));
        var shuffled = edges.ToArray();
        random.Shuffle(shuffled);
        return new UndirectedGraph(2 * half, shuffled);
    }
}
