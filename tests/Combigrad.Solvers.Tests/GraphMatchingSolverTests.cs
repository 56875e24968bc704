using System.Diagnostics;
using Combigrad.Testing;
using CsCheck;
using Xunit.Abstractions;

namespace Combigrad.Solvers.Tests;

public sealed class GraphMatchingSolverTests(ITestOutputHelper output)
{
    private const int Seed = 16;

    [Theory]
    [InlineData(GraphMatchingAlgorithm.Exact)]
    [InlineData(GraphMatchingAlgorithm.Approximate)]
    public void Create_TwoTriangles_HasLayoutAndDeclaredFacts(GraphMatchingAlgorithm algorithm)
    {
        var solver = GraphMatchingSolver.Create(UndirectedGraph.Complete(3), UndirectedGraph.Complete(4), algorithm);

        Assert.Equal(3 * 4 + 3 * 6, solver.Dimension);
        Assert.Equal([30], solver.InstanceShape);
        Assert.Equal(12, solver.VertexPairCount);
        Assert.Equal(7, solver.VertexPairIndex(1, 3));
        Assert.Equal(12 + 2 * 6 + 5, solver.EdgePairIndex(2, 5));
        Assert.Equal(algorithm, solver.Algorithm);
        Assert.Equal(new SolutionSetFacts(HasConstantSum: false, RequiresNonNegativeCosts: false), solver.Facts);
    }

    [Fact]
    public void Create_GraphWithoutEdges_DeclaresConstantSum()
    {
        var solver = GraphMatchingSolver.Create(new UndirectedGraph(3, []), UndirectedGraph.Complete(4), GraphMatchingAlgorithm.Exact);

        Assert.True(solver.Facts.HasConstantSum);
        Assert.Equal(3f, solver.SolveToArray(RandomCosts.Uniform(new Random(Seed), solver.Dimension, -1f, 1f)).Sum());
    }

    [Fact]
    public void Create_InvalidArguments_Throw()
    {
        var g = UndirectedGraph.Complete(3);

        Assert.Throws<ArgumentNullException>(() => GraphMatchingSolver.Create(null!, g, GraphMatchingAlgorithm.Exact));
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphMatchingSolver.Create(g, g, (GraphMatchingAlgorithm)7));
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphMatchingSolver.Create(g, g, GraphMatchingAlgorithm.Exact,
            new GraphMatchingOptions { TimeLimit = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => GraphMatchingSolver.Create(g, g, GraphMatchingAlgorithm.Approximate,
            new GraphMatchingOptions { Restarts = -1 }));
    }

    [Theory]
    [InlineData(GraphMatchingAlgorithm.Exact)]
    [InlineData(GraphMatchingAlgorithm.Approximate)]
    public void Solve_EdgeCostRewardsCrossedMap_MatchesEdgeInEitherOrientation(GraphMatchingAlgorithm algorithm)
    {
        // G1: edge 0-1; G2: edge listed as (1, 0). Vertex costs prefer 0->0, 1->1 slightly; the edge pair rewards
        // any map of the edge onto the edge, so both orientations give e = 1.
        var g1 = new UndirectedGraph(2, [(0, 1)]);
        var g2 = new UndirectedGraph(3, [(1, 0)]);
        var solver = GraphMatchingSolver.Create(g1, g2, algorithm);
        float[] costs = [0f, 1f, -0.5f, 1f, 0f, -0.5f, -2f];

        var y = solver.SolveToArray(costs);

        Assert.Equal([1f, 0f, 0f, 0f, 1f, 0f, 1f], y);
    }

    [Fact]
    public void Solve_ExactSmallInstances_MatchBruteForce()
    {
        const int Instances = 150;

        SeededProperty.Check(PairsWithCosts(maxVertices: 5, CostGens.Signed), sample =>
        {
            var (g1, g2, costs) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact);

            var y = new float[solver.Dimension];
            var result = solver.SolveWithBound(costs, y);

            Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));
            var (_, minimum) = BruteForce.ArgMin(GraphMatchingReferences.EnumerateSolutions(g1, g2), costs);
            var objective = BruteForce.Objective(y, costs);
            Assert.True(objective <= minimum + GraphMatchingReferences.SummationTolerance(costs),
                $"objective {objective}, brute force {minimum}");
            Assert.True(Tolerances.ObjectivesAgree(objective, result.Objective));
            Assert.Equal(ExactSums.Minimum(GraphMatchingReferences.EnumerateSolutions(g1, g2), costs), ExactSums.Objective(y, costs));
            // The exact optimum rounded to nearest minus it rounded down: zero, or one unit in the last place.
            Assert.True(result.Gap <= Math.BitIncrement(Math.Abs(result.Objective)) - Math.Abs(result.Objective));
        }, seed: Seed, Instances);
    }

    [Fact]
    public void Solve_ExactExtremeMagnitudes_EqualsExactBruteForceWithHonestBound()
    {
        const int Instances = 2500;
        var arithmetics = new HashSet<string>();

        SeededProperty.Check(PairsWithCosts(maxVertices: 5, ExtremeCostGens.Signed), sample =>
        {
            var (g1, g2, costs) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact);

            var y = new float[solver.Dimension];
            var result = solver.SolveWithBound(costs, y);
            arithmetics.Add(ExactGraphMatchingSolver.LastArithmetic!.Name);

            Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));
            var minimum = ExactSums.Minimum(GraphMatchingReferences.EnumerateSolutions(g1, g2), costs);
            var objective = ExactSums.Objective(y, costs);
            Assert.True(objective == minimum,
                $"exact objective {ExactSums.ToDouble(objective):R}, exact optimum {ExactSums.ToDouble(minimum):R}");
            Assert.True(ExactSums.Scaled(result.LowerBound) <= minimum, $"bound {result.LowerBound:R} above the optimum");
            Assert.True(result.Gap <= Math.BitIncrement(Math.Abs(result.Objective)) - Math.Abs(result.Objective),
                $"gap {result.Gap} above one unit in the last place of {result.Objective}");
        }, seed: Seed + 11, Instances);
        // Every arithmetic of the solver was exercised.
        Assert.Equal(["BigInteger", "Int128", "Int64"], arithmetics.Order());
    }

    [Fact]
    public void Solve_ExactDenseSixVertexPairsWithTies_EqualsExactBruteForce()
    {
        // Dense graphs of 6 and 6-7 vertices (hundreds of edge pairs, 720-5040 maps) with small integer costs: many tied
        // optima and deep searches, beyond the random pairs above.
        const int Instances = 40;
        var gen = Gen.Int[6, 7].SelectMany(q => Gen.Select(GraphGens.Random(6, Gen.Double[0.6, 1.0]), GraphGens.Random(q, Gen.Double[0.6, 1.0])))
            .SelectMany(g => Gen.Int[-5, 5].Select(i => (float)i).Array[g.Item1.VertexCount * g.Item2.VertexCount + g.Item1.EdgeCount * g.Item2.EdgeCount]
                .Select(c => (g.Item1, g.Item2, c)));

        SeededProperty.Check(gen, sample =>
        {
            var (g1, g2, costs) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact);

            var y = solver.SolveToArray(costs);

            Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));
            Assert.Equal(ExactSums.Minimum(GraphMatchingReferences.EnumerateSolutions(g1, g2), costs), ExactSums.Objective(y, costs));
        }, seed: Seed + 13, Instances);
    }

    [Fact]
    public void Solve_ApproximateExtremeMagnitudes_BoundBelowExactOptimum()
    {
        const int Instances = 1500;

        SeededProperty.Check(PairsWithCosts(maxVertices: 5, ExtremeCostGens.Signed), sample =>
        {
            var (g1, g2, costs) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Approximate);

            var result = solver.SolveWithBound(costs, new float[solver.Dimension]);

            var minimum = ExactSums.Minimum(GraphMatchingReferences.EnumerateSolutions(g1, g2), costs);
            Assert.True(ExactSums.Scaled(result.LowerBound) <= minimum,
                $"bound {result.LowerBound:R} above the exact optimum {ExactSums.ToDouble(minimum):R}");
        }, seed: Seed + 12, Instances);
    }

    [Fact]
    public void Solve_ApproximateSmallInstances_FeasibleWithValidBoundAndHonestGap()
    {
        const int Instances = 2000;
        var optimal = 0;

        SeededProperty.Check(PairsWithCosts(maxVertices: 5, CostGens.Signed), sample =>
        {
            var (g1, g2, costs) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Approximate);

            var y = new float[solver.Dimension];
            var result = solver.SolveWithBound(costs, y);

            Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));
            var (_, minimum) = BruteForce.ArgMin(GraphMatchingReferences.EnumerateSolutions(g1, g2), costs);
            var objective = BruteForce.Objective(y, costs);
            Assert.True(Tolerances.ObjectivesAgree(objective, result.Objective));
            Assert.True(result.LowerBound <= minimum + 1e-9, $"bound {result.LowerBound} above optimum {minimum}");
            Assert.True(objective >= minimum - 1e-9);
            Assert.True(result.Gap >= objective - minimum - 1e-9, $"gap {result.Gap} below true gap {objective - minimum}");
            if (Tolerances.ObjectivesAgree(minimum, objective)) optimal++;
        }, seed: Seed + 1, Instances);
        output.WriteLine($"approximate solver optimal on {optimal} of {Instances} small instances");
        Assert.True(optimal > Instances * 9 / 10, $"optimal on only {optimal} of {Instances}");
    }

    [Theory]
    [InlineData(GraphMatchingAlgorithm.Exact, 40)]
    [InlineData(GraphMatchingAlgorithm.Approximate, 500)]
    public void Solve_ScaledByPowerOfTwo_SameSolution(GraphMatchingAlgorithm algorithm, int instances)
    {
        var gen = PairsWithCosts(maxVertices: 6, CostGens.Signed).Select(Gen.Int[-8, 8]);

        SeededProperty.Check(gen, sample =>
        {
            var ((g1, g2, costs), exponent) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, algorithm);
            var scale = MathF.ScaleB(1f, exponent);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }, seed: Seed + 2, instances);
    }

    [Fact]
    public void Solve_ExactScaledContinuousCosts_SameSolution()
    {
        const int Instances = 40;
        var gen = PairsWithCosts(maxVertices: 6, n => Gen.Float[-10f, 10f].Array[n])
            .Select(GraphGens.Uniform(Math.Log(DeclaredFacts.MinScale), Math.Log(DeclaredFacts.MaxScale)));

        SeededProperty.Check(gen, sample =>
        {
            var ((g1, g2, costs), logScale) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact);
            var scale = (float)Math.Exp(logScale);

            Assert.Equal(solver.SolveToArray(costs), solver.SolveToArray(costs.Select(c => c * scale).ToArray()));
        }, seed: Seed + 3, Instances);
    }

    [Theory]
    [InlineData(GraphMatchingAlgorithm.Exact, 40)]
    [InlineData(GraphMatchingAlgorithm.Approximate, 500)]
    public void Solve_RandomPairs_DeclaredFactsHold(GraphMatchingAlgorithm algorithm, int instances)
    {
        // Pairs where one graph has no edges (constant sum declared) come from density-0 graphs and one-vertex graphs.
        SeededProperty.Check(PairsWithCosts(maxVertices: 6, CostGens.Signed), sample =>
        {
            var (g1, g2, costs) = sample;
            var solver = GraphMatchingSolver.Create(g1, g2, algorithm);

            DeclaredFacts.AssertHold(solver, costs, solver.SolveToArray(costs));
        }, seed: Seed + 9, instances);
    }

    [Fact]
    public void Solve_ExactRandomPairs_PositiveScalingKeepsOptimum()
    {
        const int Instances = 40;
        var gen = PairsWithCosts(maxVertices: 6, CostGens.Signed).Select(RankingSolverTests.ScaleGen);

        SeededProperty.Check(gen, sample =>
        {
            var ((g1, g2, costs), scale) = sample;

            DeclaredFacts.AssertScalingKeepsOptimum(GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact), costs, scale);
        }, seed: Seed + 10, Instances);
    }

    [Fact]
    public void Solve_FirstGraphLarger_CoversSmallerSecondGraph()
    {
        const int Instances = 20;
        var gen = Gen.Select(GraphGens.Random(5, Gen.Const(0.6)), GraphGens.Random(3, Gen.Const(0.8)))
            .SelectMany(g => GraphGens.Uniform(-1.0, 1.0).Select(c => (float)c).Array[5 * 3 + g.Item1.EdgeCount * g.Item2.EdgeCount]
                .Select(costs => (g.Item1, g.Item2, costs)));
        foreach (var algorithm in new[] { GraphMatchingAlgorithm.Exact, GraphMatchingAlgorithm.Approximate })
        {
            SeededProperty.Check(gen, sample =>
            {
                var (g1, g2, costs) = sample;
                var solver = GraphMatchingSolver.Create(g1, g2, algorithm);

                var y = solver.SolveToArray(costs);

                Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));
                Assert.Equal(3f, y.AsSpan(0, solver.VertexPairCount).ToArray().Sum());
                if (algorithm == GraphMatchingAlgorithm.Exact)
                {
                    Assert.True(BruteForce.Objective(y, costs) <= BruteForce.ArgMin(GraphMatchingReferences.EnumerateSolutions(g1, g2), costs).Objective
                        + GraphMatchingReferences.SummationTolerance(costs));
                }
            }, seed: Seed + 4, Instances);
        }
    }

    [Fact]
    public void Solve_EightKeypointsDelaunay_ExactBelowApproximateAboveBound()
    {
        const int Instances = 4;

        SeededProperty.Check(KeypointInstances(8), sample =>
        {
            var (g1, g2, costs) = sample;
            var exact = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact);
            var approximate = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Approximate);
            var y = new float[exact.Dimension];

            var exactResult = exact.SolveWithBound(costs, y);
            Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));
            var approximateResult = approximate.SolveWithBound(costs, y);
            Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));

            var tolerance = GraphMatchingReferences.SummationTolerance(costs);
            Assert.True(exactResult.Objective <= approximateResult.Objective + tolerance);
            Assert.True(approximateResult.LowerBound <= exactResult.Objective + tolerance);
        }, seed: Seed + 5, Instances);
    }

    [Fact]
    public void Solve_ExactTinyTimeLimit_ThrowsSolverTimeLimitException()
    {
        var (g1, g2, costs) = FirstSample(KeypointInstances(12), Seed + 6);
        var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact,
            new GraphMatchingOptions { TimeLimit = TimeSpan.FromTicks(10) });

        var ex = Assert.Throws<SolverTimeLimitException>(() => solver.SolveToArray(costs));

        Assert.Contains("time limit", ex.Message);
        Assert.Equal(solver.Name, ex.SolverName);
    }

    [Theory]
    [InlineData(GraphMatchingAlgorithm.Exact, float.NaN, "NaN")]
    [InlineData(GraphMatchingAlgorithm.Approximate, float.PositiveInfinity, "infinite")]
    [InlineData(GraphMatchingAlgorithm.Exact, float.NegativeInfinity, "infinite")]
    public void Solve_InvalidCost_ThrowsArgumentExceptionNamingIndex(GraphMatchingAlgorithm algorithm, float bad, string defect)
    {
        var solver = GraphMatchingSolver.Create(UndirectedGraph.Complete(2), UndirectedGraph.Complete(2), algorithm);
        var costs = new float[solver.Dimension];
        costs[4] = bad;

        var ex = Assert.Throws<ArgumentException>(() => solver.SolveToArray(costs));

        Assert.Contains("index 4", ex.Message);
        Assert.Contains(defect, ex.Message);
    }

    [Theory]
    [InlineData(4, 5)]
    [InlineData(5, 4)]
    public void Solve_WrongSpanLength_ThrowsArgumentException(int costsLength, int solutionLength)
    {
        var solver = GraphMatchingSolver.Create(UndirectedGraph.Complete(2), UndirectedGraph.Complete(2), GraphMatchingAlgorithm.Approximate);

        Assert.Throws<ArgumentException>(() => solver.Solve(new float[costsLength], new float[solutionLength]));
    }

    [Fact]
    public void Solve_ApproximateSteadyState_AllocatesNothing()
    {
        var (g1, g2, costs) = FirstSample(KeypointInstances(10), Seed + 7);
        var solver = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Approximate);
        var solution = new float[solver.Dimension];

        for (var i = 0; i < 20; i++) solver.Solve(costs, solution);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++) solver.Solve(costs, solution);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Solve_TenKeypointsDelaunay_MedianTimesAndApproximateGapReported()
    {
        const int Instances = 5;
        var instances = new List<(UndirectedGraph, UndirectedGraph, float[])>();
        SeededProperty.Check(KeypointInstances(10), instances.Add, seed: Seed + 8, Instances);
        var exactTimes = new List<double>();
        var approximateTimes = new List<double>();
        var gaps = new List<double>();
        var relativeGaps = new List<double>();
        var boundGaps = new List<double>();

        foreach (var (g1, g2, costs) in instances)
        {
            var exact = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Exact);
            var approximate = GraphMatchingSolver.Create(g1, g2, GraphMatchingAlgorithm.Approximate);
            var y = new float[exact.Dimension];
            approximate.SolveWithBound(costs, y); // warm-up of this thread's workspace

            var start = Stopwatch.GetTimestamp();
            var exactResult = exact.SolveWithBound(costs, y);
            exactTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            start = Stopwatch.GetTimestamp();
            var approximateResult = approximate.SolveWithBound(costs, y);
            approximateTimes.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);

            Assert.Null(GraphMatchingReferences.DescribeDefect(g1, g2, y));
            var gap = approximateResult.Objective - exactResult.Objective;
            Assert.True(gap >= -GraphMatchingReferences.SummationTolerance(costs));
            gaps.Add(Math.Max(0, gap));
            relativeGaps.Add(Math.Max(0, gap) / Math.Abs(exactResult.Objective));
            boundGaps.Add(approximateResult.RelativeGap);
        }
        exactTimes.Sort();
        approximateTimes.Sort();
        output.WriteLine($"10 keypoints, Delaunay edges, {Instances} instances: exact median {exactTimes[Instances / 2]:F2} ms, " +
            $"approximate median {approximateTimes[Instances / 2]:F3} ms; approximate vs exact: mean gap {gaps.Average():G4} " +
            $"(mean relative {relativeGaps.Average():P2}, optimal on {gaps.Count(g => g == 0)}), " +
            $"mean reported relative gap to its lower bound {boundGaps.Average():P1}");
    }

    /// <summary>Two random graphs of 1..maxVertices vertices each (either may be the larger, the smaller at most 5),
    /// each of a uniform random density, with costs from <paramref name="costs"/> for the solver's dimension.</summary>
    private static Gen<(UndirectedGraph G1, UndirectedGraph G2, float[] Costs)> PairsWithCosts(int maxVertices,
        Func<int, Gen<float[]>> costs) =>
        Gen.Int[1, maxVertices].Select(Gen.Int[1, maxVertices])
            .SelectMany(n => Gen.Select(GraphGens.Random(Math.Min(n.Item1, n.Item2) > 5 ? 5 : n.Item1, Gen.Double.Unit),
                GraphGens.Random(n.Item2, Gen.Double.Unit)))
            .SelectMany(g => costs(g.Item1.VertexCount * g.Item2.VertexCount + g.Item1.EdgeCount * g.Item2.EdgeCount)
                .Select(c => (g.Item1, g.Item2, c)));

    /// <summary>
    /// Keypoint-matching instances: uniform random points, the second set a jittered copy in random order, Delaunay
    /// graphs, vertex costs = distances minus an offset plus noise, edge costs = differences of edge lengths minus an
    /// offset (negative rewards for similar edges), as produced by a learned affinity.
    /// </summary>
    private static Gen<(UndirectedGraph G1, UndirectedGraph G2, float[] Costs)> KeypointInstances(int keypoints)
    {
        const double Jitter = 0.05;
        const double VertexOffset = 0.3;
        const double EdgeOffset = 0.1;
        const double Noise = 0.1;
        return Gen.Select(GraphGens.Points(keypoints), GraphGens.Points(keypoints), GraphGens.Permutation(keypoints),
            Gen.Double.Unit.Array[keypoints * keypoints], (p1, jitter, order, noise) =>
            {
                var p2 = order.Select(i => (p1[i].X + Jitter * (jitter[i].X - 0.5), p1[i].Y + Jitter * (jitter[i].Y - 0.5))).ToArray();
                var g1 = Delaunay.Graph(p1);
                var g2 = Delaunay.Graph(p2);
                var costs = new float[keypoints * keypoints + g1.EdgeCount * g2.EdgeCount];
                for (var i = 0; i < keypoints; i++)
                    for (var a = 0; a < keypoints; a++)
                        costs[i * keypoints + a] = (float)(Distance(p1[i], p2[a]) - VertexOffset + Noise * noise[i * keypoints + a]);
                for (var k = 0; k < g1.EdgeCount; k++)
                {
                    var (i, j) = g1.GetEdge(k);
                    for (var l = 0; l < g2.EdgeCount; l++)
                    {
                        var (a, b) = g2.GetEdge(l);
                        costs[keypoints * keypoints + k * g2.EdgeCount + l] =
                            (float)(Math.Abs(Distance(p1[i], p1[j]) - Distance(p2[a], p2[b])) - EdgeOffset);
                    }
                }
                return (g1, g2, costs);
            });
    }

    /// <summary>The first sample of <paramref name="gen"/> for <paramref name="seed"/>: a fixed fixture.</summary>
    private static T FirstSample<T>(Gen<T> gen, ulong seed) => gen.Generate(new PCG(SeededProperty.Stream, seed), null, out _);

    private static double Distance((double X, double Y) a, (double X, double Y) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
}
