using Combigrad.Data.KeypointMatching;
using Combigrad.Solvers;

namespace Combigrad.Experiments.Benchmarks;

/// <summary>
/// A seeded keypoint graph-matching instance (paper eq. 16, Rolínek et al. 2020b): keypoints uniform in the unit square,
/// the second image's keypoints a jittered, shuffled copy, both graphs their Delaunay triangulations. Costs are integers
/// (so every solver sees exactly the same instance): vertex pairs <c>round(Scale (distance - VertexOffset + noise))</c>,
/// edge pairs <c>round(Scale (|length difference| - EdgeOffset))</c>, i.e. negative (rewarding) for similar edges, as a
/// learned affinity would produce.
/// </summary>
/// <param name="First">The first keypoint graph (rows of the cost layout).</param>
/// <param name="Second">The second keypoint graph.</param>
/// <param name="Costs">The costs in <see cref="GraphMatchingSolver"/> layout (vertex pairs, then edge pairs).</param>
public sealed record KeypointGraphMatchingInstance(UndirectedGraph First, UndirectedGraph Second, float[] Costs)
{
    /// <summary>Cost units per unit of length.</summary>
    public const double Scale = 1000;

    /// <summary>How far each keypoint of the second image moves, at most, per coordinate.</summary>
    public const double Jitter = 0.05;

    /// <summary>Subtracted from vertex distances, so that close keypoints reward a match.</summary>
    public const double VertexOffset = 0.3;

    /// <summary>The largest uniform noise added to vertex costs (in length units).</summary>
    public const double VertexNoise = 0.1;

    /// <summary>Subtracted from edge length differences, so that similar edges reward a match.</summary>
    public const double EdgeOffset = 0.1;

    /// <summary>Draws an instance with <paramref name="keypoints"/> keypoints per image.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keypoints"/> is below 3.</exception>
    public static KeypointGraphMatchingInstance Create(Random random, int keypoints) => Create(random, keypoints, complete: false);

    /// <summary>Draws an instance with <paramref name="keypoints"/> keypoints per image whose graphs are complete (every
    /// pair of keypoints joined: the dense case) instead of Delaunay triangulations.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="keypoints"/> is below 3.</exception>
    public static KeypointGraphMatchingInstance CreateComplete(Random random, int keypoints) => Create(random, keypoints, complete: true);

    private static KeypointGraphMatchingInstance Create(Random random, int keypoints, bool complete)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(keypoints, 3);
        var first = Enumerable.Range(0, keypoints).Select(_ => (X: random.NextDouble(), Y: random.NextDouble())).ToArray();
        var second = first
            .Select(p => (X: p.X + Jitter * (2 * random.NextDouble() - 1), Y: p.Y + Jitter * (2 * random.NextDouble() - 1)))
            .ToArray();
        random.Shuffle(second);
        var g1 = complete ? UndirectedGraph.Complete(keypoints) : DelaunayTriangulation.Graph(first);
        var g2 = complete ? UndirectedGraph.Complete(keypoints) : DelaunayTriangulation.Graph(second);
        var vertexPairs = keypoints * keypoints;
        var costs = new float[vertexPairs + g1.EdgeCount * g2.EdgeCount];
        for (var i = 0; i < keypoints; i++)
            for (var a = 0; a < keypoints; a++)
                costs[i * keypoints + a] = Quantise(Distance(first[i], second[a]) - VertexOffset + VertexNoise * random.NextDouble());
        for (var k = 0; k < g1.EdgeCount; k++)
        {
            var (i, j) = g1.GetEdge(k);
            for (var l = 0; l < g2.EdgeCount; l++)
            {
                var (a, b) = g2.GetEdge(l);
                var difference = Math.Abs(Distance(first[i], first[j]) - Distance(second[a], second[b]));
                costs[vertexPairs + k * g2.EdgeCount + l] = Quantise(difference - EdgeOffset);
            }
        }
        return new KeypointGraphMatchingInstance(g1, g2, costs);
    }

    private static float Quantise(double value) => (float)Math.Round(Scale * value);

    private static double Distance((double X, double Y) p, (double X, double Y) q) =>
        Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y));
}
