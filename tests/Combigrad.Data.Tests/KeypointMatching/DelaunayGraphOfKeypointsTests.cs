using Combigrad.Data.KeypointMatching;
using Combigrad.Testing;

namespace Combigrad.Data.Tests.KeypointMatching;

public sealed class DelaunayGraphOfKeypointsTests
{
    [Theory]
    [InlineData(3, 1)]
    [InlineData(10, 2)]
    [InlineData(12, 3)]
    [InlineData(20, 4)]
    public void Build_RandomPoints_MatchesTheEmptyCircleOracleAndHasThreeNMinusThreeMinusHullEdges(int n, int seed)
    {
        var points = Delaunay.RandomPoints(new Random(seed), n).Select(p => (p.X * 64, p.Y * 64)).ToArray();

        var graph = DelaunayTriangulation.Graph(points);

        var oracle = Delaunay.Graph(points);
        var edges = Enumerable.Range(0, graph.EdgeCount).Select(graph.GetEdge).ToHashSet();
        var expected = Enumerable.Range(0, oracle.EdgeCount).Select(oracle.GetEdge).Select(e => (Math.Min(e.U, e.V), Math.Max(e.U, e.V))).ToHashSet();
        Assert.True(expected.SetEquals(edges.Select(e => (e.U, e.V))));
        Assert.Equal(3 * n - 3 - HullSize(points), graph.EdgeCount);
    }

    [Fact]
    public void Build_TwoPoints_GiveOneEdge_AndCollinearPointsNone()
    {
        Assert.Equal(1, DelaunayTriangulation.Graph([(0, 0), (1, 1)]).EdgeCount);
        Assert.Equal(0, DelaunayTriangulation.Graph([(0, 0), (1, 1), (2, 2)]).EdgeCount);
    }

    [Fact]
    public void Build_NonFiniteOrNoPoints_Throws()
    {
        Assert.Throws<ArgumentException>(() => DelaunayTriangulation.Graph([(0, 0), (double.NaN, 1), (2, 0)]));
        Assert.ThrowsAny<ArgumentException>(() => DelaunayTriangulation.Graph([]));
    }

    /// <summary>Points on the convex hull (Andrew's monotone chain; general position).</summary>
    private static int HullSize(IReadOnlyList<(double X, double Y)> points)
    {
        var sorted = points.OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        static double Cross((double X, double Y) o, (double X, double Y) a, (double X, double Y) b) =>
            (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
        var hull = new List<(double X, double Y)>();
        foreach (var pass in new[] { sorted, Enumerable.Reverse(sorted).ToList() })
        {
            var start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }
            hull.RemoveAt(hull.Count - 1);
        }
        return hull.Count;
    }
}
