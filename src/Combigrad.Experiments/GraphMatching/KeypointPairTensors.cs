using Combigrad.Data.KeypointMatching;
using static TorchSharp.torch;

namespace Combigrad.Experiments.GraphMatching;

/// <summary>
/// The keypoint pairs of all splits as tensors the <see cref="KeypointMatchingNetwork"/> indexes into: images
/// <c>[P, 2, 3, S, S]</c> (uint8; source then target), keypoints in grid-sample coordinates <c>[P, n, 2]</c> and
/// <c>[P, m, 2]</c> (x then y in [-1, 1], image edges at +-1), and the Delaunay edge indicators over the edges of the
/// complete graphs, <c>[P, n(n-1)/2]</c> and <c>[P, m(m-1)/2]</c>. Not a module, so none of it lands in checkpoints.
/// </summary>
public sealed class KeypointPairTensors : IDisposable
{
    /// <summary>Packs <paramref name="pairs"/> (all with n source and m target keypoints and the same image side) into
    /// tensors on <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The pairs disagree in sizes, or there are none.</exception>
    public KeypointPairTensors(IReadOnlyList<KeypointPair> pairs, Device device)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0) throw new ArgumentException("No keypoint pairs.", nameof(pairs));
        var side = pairs[0].Side;
        var n = pairs[0].SourceKeypoints.Count;
        var m = pairs[0].TargetKeypoints.Count;
        if (pairs.Any(p => p.Side != side || p.SourceKeypoints.Count != n || p.TargetKeypoints.Count != m))
            throw new ArgumentException("All keypoint pairs must have the same image side and keypoint counts.", nameof(pairs));
        Side = side;
        SourceKeypointCount = n;
        TargetKeypointCount = m;
        var imageBytes = KeypointPair.Channels * side * side;
        var images = new byte[pairs.Count * 2 * imageBytes];
        var sourcePoints = new float[pairs.Count * n * 2];
        var targetPoints = new float[pairs.Count * m * 2];
        var c1 = n * (n - 1) / 2;
        var c2 = m * (m - 1) / 2;
        var sourceEdges = new float[pairs.Count * c1];
        var targetEdges = new float[pairs.Count * c2];
        for (var p = 0; p < pairs.Count; p++)
        {
            var pair = pairs[p];
            pair.SourceImage.CopyTo(images, 2 * p * imageBytes);
            pair.TargetImage.CopyTo(images, (2 * p + 1) * imageBytes);
            Normalize(pair.SourceKeypoints, side, sourcePoints.AsSpan(p * n * 2, n * 2));
            Normalize(pair.TargetKeypoints, side, targetPoints.AsSpan(p * m * 2, m * 2));
            MarkEdges(pair.SourceGraph, n, sourceEdges.AsSpan(p * c1, c1));
            MarkEdges(pair.TargetGraph, m, targetEdges.AsSpan(p * c2, c2));
        }
        Images = tensor(images, [pairs.Count, 2, KeypointPair.Channels, side, side], device: device);
        SourcePoints = tensor(sourcePoints, [pairs.Count, n, 2], device: device);
        TargetPoints = tensor(targetPoints, [pairs.Count, m, 2], device: device);
        SourceEdges = tensor(sourceEdges, [pairs.Count, c1], device: device);
        TargetEdges = tensor(targetEdges, [pairs.Count, c2], device: device);
    }

    /// <summary>The image side S.</summary>
    public int Side { get; }

    /// <summary>n: source keypoints per pair.</summary>
    public int SourceKeypointCount { get; }

    /// <summary>m: target keypoints per pair.</summary>
    public int TargetKeypointCount { get; }

    /// <summary>The number of pairs P.</summary>
    public long Count => Images.shape[0];

    /// <summary><c>[P, 2, 3, S, S]</c> uint8.</summary>
    public Tensor Images { get; }

    /// <summary><c>[P, n, 2]</c> source keypoints in grid-sample coordinates.</summary>
    public Tensor SourcePoints { get; }

    /// <summary><c>[P, m, 2]</c> target keypoints in grid-sample coordinates.</summary>
    public Tensor TargetPoints { get; }

    /// <summary><c>[P, n(n-1)/2]</c>: 1 where the complete-graph edge is a Delaunay edge of the source.</summary>
    public Tensor SourceEdges { get; }

    /// <summary><c>[P, m(m-1)/2]</c>: 1 where the complete-graph edge is a Delaunay edge of the target.</summary>
    public Tensor TargetEdges { get; }

    /// <summary>
    /// The grid-sample coordinate of pixel coordinate <paramref name="pixel"/> in an image of <paramref name="side"/>
    /// pixels (align_corners = false: the image spans [-1, 1] edge to edge, pixel centres at <c>(2 x + 1) / S - 1</c>).
    /// </summary>
    public static float ToGrid(double pixel, int side) => (float)((2 * pixel + 1) / side - 1);

    private static void Normalize(IReadOnlyList<(double X, double Y)> points, int side, Span<float> output)
    {
        for (var i = 0; i < points.Count; i++)
        {
            output[2 * i] = ToGrid(points[i].X, side);
            output[2 * i + 1] = ToGrid(points[i].Y, side);
        }
    }

    private static void MarkEdges(Solvers.UndirectedGraph graph, int n, Span<float> output)
    {
        for (var k = 0; k < graph.EdgeCount; k++)
        {
            var (u, v) = graph.GetEdge(k);
            output[PaddedGraphMatchingSolver.CompleteEdgeIndex(n, u, v)] = 1f;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        SourcePoints.Dispose();
        TargetPoints.Dispose();
        SourceEdges.Dispose();
        TargetEdges.Dispose();
    }
}
