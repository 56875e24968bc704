using Combigrad.Data.KeypointMatching;
using Combigrad.Testing;

namespace Combigrad.Data.Tests.KeypointMatching;

public sealed class DelaunayTriangulationTests
{
    private const int Seed = 1934;

    [Fact]
    public void Graph_RandomPoints_MatchesBruteForceEmptyCircumcircleGraph()
    {
        const int Instances = 400;
        const int MaxPoints = 40;
        var random = new Random(Seed);

        for (var instance = 0; instance < Instances; instance++)
        {
            var points = Delaunay.RandomPoints(random, random.Next(3, MaxPoints + 1));

            var graph = DelaunayTriangulation.Graph(points);

            var expected = Delaunay.Graph(points);
            Assert.Equal(Edges(expected), Edges(graph));
        }
    }

    [Fact]
    public void Triangles_RandomPoints_CounterClockwiseWithEmptyCircumcircles()
    {
        var random = new Random(Seed + 1);
        var points = Delaunay.RandomPoints(random, 60);

        var triangles = DelaunayTriangulation.Triangles(points);

        // A triangulation of n points with h on the hull has 2n - 2 - h triangles; Euler gives 3n - 3 - h edges.
        var edgeCount = DelaunayTriangulation.Graph(points).EdgeCount;
        Assert.Equal(3 * points.Length - 3 - (2 * points.Length - 2 - triangles.Count), edgeCount);
        foreach (var (a, b, c) in triangles)
        {
            var (ax, ay) = points[a];
            var (bx, by) = points[b];
            var (cx, cy) = points[c];
            Assert.True((bx - ax) * (cy - ay) - (by - ay) * (cx - ax) > 0, $"triangle ({a}, {b}, {c}) is not counter-clockwise");
        }
    }

    [Fact]
    public void Graph_TwoPoints_OneEdge() =>
        Assert.Equal([(0, 1)], Edges(DelaunayTriangulation.Graph([(0, 0), (1, 1)])));

    [Fact]
    public void Graph_SquareWithCentre_FourSidesAndFourSpokes()
    {
        var graph = DelaunayTriangulation.Graph([(0, 0), (1, 0), (1, 1), (0, 1), (0.5, 0.5)]);

        Assert.Equal([(0, 1), (0, 3), (0, 4), (1, 2), (1, 4), (2, 3), (2, 4), (3, 4)], Edges(graph));
    }

    [Fact]
    public void Graph_CollinearPoints_NoEdges() =>
        Assert.Equal(0, DelaunayTriangulation.Graph([(0, 0), (1, 0), (2, 0), (3, 0)]).EdgeCount);

    [Theory]
    [InlineData(double.NaN, "not finite")]
    [InlineData(double.PositiveInfinity, "not finite")]
    [InlineData(0.0, "repeats")]
    public void Graph_InvalidPoint_ThrowsArgumentException(double x, string message)
    {
        var ex = Assert.Throws<ArgumentException>(() => DelaunayTriangulation.Graph([(0, 0), (1, 0), (x, 0)]));

        Assert.Contains(message, ex.Message);
    }

    private static List<(int, int)> Edges(Combigrad.Solvers.UndirectedGraph graph) =>
        Enumerable.Range(0, graph.EdgeCount)
            .Select(e => graph.GetEdge(e))
            .Select(e => (Math.Min(e.U, e.V), Math.Max(e.U, e.V)))
            .Order()
            .ToList();
}
