using Combigrad.Testing;
using CsCheck;
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

        SeededProperty.Check(CostGens.Signed(graph.EdgeCount), costs =>
        {
            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            Assert.True(Tolerances.ObjectivesAgree(BruteForce.ArgMin(matchings, costs).Objective, BruteForce.Objective(y, costs)));
        }, seed: Seed, iterations: 200);
    }

    [Fact]
    public void Solve_RandomGraphs_MatchBruteForceAndAreFeasible()
    {
        const int Graphs = 400;
        const int CostsPerGraph = 8;
        var solved = 0;
        var infeasible = 0;
        var gen = Gen.Int[1, MaxBruteForceVertices / 2]
            .SelectMany(half => GraphGens.Random(2 * half, GraphGens.Uniform(0.2, 1.0)))
            .SelectMany(graph => CostGens.Signed(graph.EdgeCount).Array[CostsPerGraph].Select(costSets => (graph, costSets)));

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costSets) = sample;
            var n = graph.VertexCount;
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0)
            {
                Assert.Throws<InfeasibleProblemException>(() => new MinCostPerfectMatchingSolver(graph));
                infeasible++;
                return;
            }
            var solver = new MinCostPerfectMatchingSolver(graph);
            for (var c = 0; c < CostsPerGraph; c++)
            {
                var costs = costSets[c];

                var y = solver.SolveToArray(costs);

                Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
                Assert.Equal(n / 2, y.Sum());
                var (_, minimum) = BruteForce.ArgMin(matchings, costs);
                Assert.True(Tolerances.ObjectivesAgree(minimum, BruteForce.Objective(y, costs)),
                    $"n={n}, m={graph.EdgeCount}, costs {c}: objective {BruteForce.Objective(y, costs)}, brute force {minimum}");
                solved++;
            }
        }, seed: Seed, Graphs);
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

        SeededProperty.Check(CostGens.Signed(graph.EdgeCount), costs =>
        {
            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.GridPerfectMatchingObjective(rows, cols, costs);
            var objective = BruteForce.Objective(y, costs);
            Assert.True(objective <= reference + OrToolsReferences.ObjectiveTolerance(costs),
                $"objective {objective}, LinearSumAssignment {reference}");
        }, seed: (ulong)(Seed + rows), Instances);
    }

    [Fact]
    public void Solve_RandomGraphOf24Vertices_MatchesCpSatReference()
    {
        var gen = GraphGens.Random(24, Gen.Const(0.3))
            .SelectMany(graph => Gen.Float[-5f, 5f].Array[graph.EdgeCount].Select(costs => (graph, costs)));

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costs) = sample;
            var solver = new MinCostPerfectMatchingSolver(graph);

            var y = solver.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
            var reference = OrToolsReferences.MinCostPerfectMatchingObjective(graph, costs);
            Assert.True(BruteForce.Objective(y, costs) <= reference + OrToolsReferences.ObjectiveTolerance(costs));
        }, seed: Seed + 5, iterations: 4);
    }

    [Fact]
    public void Solve_RandomBipartiteGraphs_BothAlgorithmsMatchBruteForce()
    {
        const int Graphs = 200;
        const int CostsPerGraph = 6;
        var checkedInstances = 0;
        var gen = Gen.Int[1, MaxBruteForceVertices / 2]
            .SelectMany(half => GraphGens.Bipartite(half, GraphGens.Uniform(0.3, 1.0)))
            .SelectMany(graph => CostGens.Signed(graph.EdgeCount).Array[CostsPerGraph].Select(costSets => (graph, costSets)));

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costSets) = sample;
            var matchings = PerfectMatchings.Enumerate(graph);
            if (matchings.Count == 0) return;
            var bipartite = new MinCostPerfectMatchingSolver(graph);
            var blossom = new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false);
            Assert.True(bipartite.IsBipartite);
            Assert.False(blossom.IsBipartite);
            foreach (var costs in costSets)
            {
                var (_, minimum) = BruteForce.ArgMin(matchings, costs);
                foreach (var solver in new[] { bipartite, blossom })
                {
                    var y = solver.SolveToArray(costs);

                    Assert.Null(PerfectMatchings.DescribeDefect(graph, y));
                    Assert.True(Tolerances.ObjectivesAgree(minimum, BruteForce.Objective(y, costs)),
                        $"bipartite={solver.IsBipartite}: objective {BruteForce.Objective(y, costs)}, brute force {minimum}");
                }
                checkedInstances++;
            }
        }, seed: Seed + 3, Graphs);
        Assert.True(checkedInstances > 500);
    }

    [Fact]
    public void Solve_Grid16BothAlgorithms_SameOptimalCost()
    {
        var graph = UndirectedGraph.Grid(16, 16);
        var bipartite = new MinCostPerfectMatchingSolver(graph);
        var blossom = new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm: false);

        SeededProperty.Check(CostGens.Signed(graph.EdgeCount), costs =>
        {
            var a = bipartite.SolveToArray(costs);
            var b = blossom.SolveToArray(costs);

            Assert.Null(PerfectMatchings.DescribeDefect(graph, a));
            Assert.Null(PerfectMatchings.DescribeDefect(graph, b));
            Assert.True(Math.Abs(BruteForce.Objective(a, costs) - BruteForce.Objective(b, costs)) <= OrToolsReferences.ObjectiveTolerance(costs));
        }, seed: Seed + 4, iterations: 10);
    }

    [Fact]
    public void Solve_ScaledCosts_SameSolution()
    {
        const int Instances = 300;
        var solver = MinCostPerfectMatchingSolver.ForGrid(6, 6);
        var gen = Gen.Select(Gen.Float[-10f, 10f].Array[solver.Dimension],
            GraphGens.Uniform(Math.Log(DeclaredFacts.MinScale), Math.Log(DeclaredFacts.MaxScale)),
            Gen.Int[-3, 3].Select(c => (float)c).Array[solver.Dimension], Gen.Int[-8, 8]);

        SeededProperty.Check(gen, sample =>
        {
            var (costs, logScale, tiedCosts, exponent) = sample;
            var scale = (float)Math.Exp(logScale);
            var powerOfTwo = MathF.ScaleB(1f, exponent);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
            Assert.Equal(solver.SolveToArray(tiedCosts), solver.SolveToArray(tiedCosts.Select(c => c * powerOfTwo).ToArray()));
        }, seed: Seed, Instances);
    }

    [Fact]
    public void Solve_MeanSubtracted_SameObjectiveOrder()
    {
        // Constant sum: subtracting the mean changes every matching's cost by the same amount (up to float rounding).
        const int Instances = 300;
        var solver = MinCostPerfectMatchingSolver.ForGrid(4, 6);

        var uniform = GraphGens.Uniform(-10.0, 10.0).Select(c => (float)c).Array[solver.Dimension];
        var gen = Gen.Bool.SelectMany(continuous => (continuous ? uniform : Gen.Float[-10f, 10f].Array[solver.Dimension])
            .Select(costs => (continuous, costs)));

        SeededProperty.Check(gen, sample =>
        {
            var (continuous, costs) = sample;
            var mean = costs.Average(c => (double)c);

            var y = solver.SolveToArray(costs);
            var shifted = solver.SolveToArray(costs.Select(c => (float)(c - mean)).ToArray());

            // Continuous costs: no tied matchings, so the same solution; CsCheck's ranged floats favour special values
            // (ties), where the rounding of c - mean may break a tie the other way: still optimal for the costs.
            if (continuous) Assert.Equal(y, shifted);
            Assert.True(Tolerances.ObjectivesAgreeAfterFloatRounding(BruteForce.Objective(y, costs), BruteForce.Objective(shifted, costs), costs));
        }, seed: Seed + 1, Instances);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Solve_RandomGraphs_DeclaredFactsHoldAndPositiveScalingKeepsOptimum(bool bipartiteFamily)
    {
        const int Instances = 400;
        var graphs = Gen.Int[1, MaxBruteForceVertices / 2].SelectMany(half => bipartiteFamily
            ? GraphGens.Bipartite(half, GraphGens.Uniform(0.3, 1.0))
            : GraphGens.Random(2 * half, GraphGens.Uniform(0.2, 1.0)));
        AssertFactsAndScalingOn(graphs, useBipartiteAlgorithm: bipartiteFamily, seed: Seed + (bipartiteFamily ? 7UL : 8UL), Instances);
    }

    /// <summary>On the graphs of <paramref name="graphs"/> that have a perfect matching, with signed costs: the declared
    /// solution-set facts hold and a positive scaling keeps the optimum.</summary>
    internal static void AssertFactsAndScalingOn(Gen<UndirectedGraph> graphs, bool useBipartiteAlgorithm, ulong seed, int instances)
    {
        var gen = graphs.Where(graph => PerfectMatchings.Enumerate(graph).Count > 0)
            .SelectMany(graph => CostGens.Signed(graph.EdgeCount).Select(RankingSolverTests.ScaleGen)
                .Select(p => (graph, p.Item1, p.Item2)));

        SeededProperty.Check(gen, sample =>
        {
            var (graph, costs, scale) = sample;
            var solver = new MinCostPerfectMatchingSolver(graph, useBipartiteAlgorithm);

            DeclaredFacts.AssertHold(solver, costs, solver.SolveToArray(costs));
            DeclaredFacts.AssertScalingKeepsOptimum(solver, costs, scale);
        }, seed, instances);
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
}
