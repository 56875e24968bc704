using Combigrad.Experiments.GraphMatching;
using Combigrad.Solvers;

namespace Combigrad.Experiments.Tests.GraphMatching;

public sealed class PaddedGraphMatchingSolverTests
{
    private const double ObjectiveTolerance = 1e-4;

    [Fact]
    public void CompleteEdgeIndex_FollowsTheCompleteGraphsEdgeOrder()
    {
        var complete = UndirectedGraph.Complete(7);
        for (var k = 0; k < complete.EdgeCount; k++)
        {
            var (i, j) = complete.GetEdge(k);
            Assert.Equal(k, PaddedGraphMatchingSolver.CompleteEdgeIndex(7, i, j));
            Assert.Equal(k, PaddedGraphMatchingSolver.CompleteEdgeIndex(7, j, i));
        }
        Assert.Throws<ArgumentException>(() => PaddedGraphMatchingSolver.CompleteEdgeIndex(7, 3, 3));
        Assert.Throws<ArgumentException>(() => PaddedGraphMatchingSolver.CompleteEdgeIndex(7, 3, 7));
    }

    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    public void Solve_PaddedDelaunayCosts_EqualsExactMatchingOfTheDelaunayGraphs(ulong seed)
    {
        var pair = TinyKeypointData.Generate(1, seed)[0];
        var padded = new PaddedGraphMatchingSolver(6, 7, GraphMatchingAlgorithm.Exact);
        var direct = GraphMatchingSolver.Create(pair.SourceGraph, pair.TargetGraph, GraphMatchingAlgorithm.Exact);
        var random = new Random((int)seed);
        var compact = Enumerable.Range(0, direct.Dimension).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var costs = new float[padded.Dimension];
        for (var i = 0; i < 6; i++)
            for (var a = 0; a < 7; a++)
                costs[padded.VertexPairIndex(i, a)] = compact[direct.VertexPairIndex(i, a)];
        for (var k = 0; k < pair.SourceGraph.EdgeCount; k++)
            for (var l = 0; l < pair.TargetGraph.EdgeCount; l++)
            {
                var (u, v) = pair.SourceGraph.GetEdge(k);
                var (a, b) = pair.TargetGraph.GetEdge(l);
                costs[padded.EdgePairIndex(u, v, a, b)] = compact[direct.EdgePairIndex(k, l)];
            }

        var solution = new float[padded.Dimension];
        padded.Solve(costs, solution);
        var expected = new float[direct.Dimension];
        var optimum = direct.SolveWithBound(compact, expected).Objective;

        Assert.Equal(optimum, costs.Zip(solution, (c, y) => (double)c * y).Sum(), ObjectiveTolerance);
        for (var i = 0; i < costs.Length; i++)
            if (costs[i] == 0f) Assert.Equal(0f, solution[i]);
        // The edge indicators are the ones the vertex matching induces on the Delaunay graphs.
        for (var k = 0; k < pair.SourceGraph.EdgeCount; k++)
            for (var l = 0; l < pair.TargetGraph.EdgeCount; l++)
            {
                var (u, v) = pair.SourceGraph.GetEdge(k);
                var (a, b) = pair.TargetGraph.GetEdge(l);
                var induced = solution[padded.VertexPairIndex(u, a)] * solution[padded.VertexPairIndex(v, b)]
                            + solution[padded.VertexPairIndex(u, b)] * solution[padded.VertexPairIndex(v, a)];
                Assert.Equal(induced, solution[padded.EdgePairIndex(u, v, a, b)]);
            }
    }

    [Fact]
    public void TargetSolution_IsTheOptimumOfItsOwnNegatedIndicators()
    {
        var padded = new PaddedGraphMatchingSolver(6, 7, GraphMatchingAlgorithm.Approximate);
        foreach (var pair in TinyKeypointData.Generate(4, 9))
        {
            var target = GraphMatchingExperiment.TargetSolution(padded, pair);
            Assert.Equal(6f, target.Take(padded.VertexPairCount).Sum());
            var costs = target.Select(t => -t).ToArray();
            // Every Delaunay edge pair needs a non-zero cost to be seen as present: a small positive one where the truth is 0.
            for (var k = 0; k < pair.SourceGraph.EdgeCount; k++)
                for (var l = 0; l < pair.TargetGraph.EdgeCount; l++)
                {
                    var (u, v) = pair.SourceGraph.GetEdge(k);
                    var (a, b) = pair.TargetGraph.GetEdge(l);
                    var index = padded.EdgePairIndex(u, v, a, b);
                    if (costs[index] == 0f) costs[index] = 0.01f;
                }
            var solution = new float[padded.Dimension];
            padded.Solve(costs, solution);
            Assert.Equal(target, solution);
        }
    }

    [Fact]
    public void Solve_WrongLengthOrNaN_Throws()
    {
        var padded = new PaddedGraphMatchingSolver(4, 5, GraphMatchingAlgorithm.Approximate);
        Assert.Throws<ArgumentException>(() => padded.Solve(new float[3], new float[3]));
        var costs = new float[padded.Dimension];
        costs[padded.Dimension - 1] = float.NaN;
        Assert.Throws<ArgumentException>(() => padded.Solve(costs, new float[padded.Dimension]));
    }
}
