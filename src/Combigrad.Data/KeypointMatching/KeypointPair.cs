using Combigrad.Solvers;

namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// One keypoint-matching example: a source image, the target image made from it by a known affine warp (with
/// occluders drawn over some keypoints), keypoints on both, their Delaunay graphs, and the ground-truth
/// correspondence. Images are 8-bit RGB, channel-major <c>[3, Side, Side]</c>; keypoints are pixel coordinates
/// (x the column, y the row).
/// </summary>
public sealed class KeypointPair
{
    /// <summary>Colour channels of the images.</summary>
    public const int Channels = 3;

    /// <summary>The side of both (square) images, in pixels.</summary>
    public required int Side { get; init; }

    /// <summary>The source image, <c>[3, Side, Side]</c>.</summary>
    public required byte[] SourceImage { get; init; }

    /// <summary>The target image, <c>[3, Side, Side]</c>.</summary>
    public required byte[] TargetImage { get; init; }

    /// <summary>The warp that made the target from the source (source to target coordinates).</summary>
    public required AffineWarp Warp { get; init; }

    /// <summary>Keypoints on the source image (graph G1's vertices).</summary>
    public required IReadOnlyList<(double X, double Y)> SourceKeypoints { get; init; }

    /// <summary>Keypoints on the target image (graph G2's vertices): the warped source keypoints and the outliers, shuffled.</summary>
    public required IReadOnlyList<(double X, double Y)> TargetKeypoints { get; init; }

    /// <summary>For each source keypoint, the index of its partner among <see cref="TargetKeypoints"/>.</summary>
    public required IReadOnlyList<int> Correspondence { get; init; }

    /// <summary>Source keypoints whose partner is hidden under an occluder in the target.</summary>
    public required IReadOnlyList<int> OccludedKeypoints { get; init; }

    /// <summary>The Delaunay graph of the source keypoints.</summary>
    public required UndirectedGraph SourceGraph { get; init; }

    /// <summary>The Delaunay graph of the target keypoints.</summary>
    public required UndirectedGraph TargetGraph { get; init; }

    /// <summary>Target keypoints with no partner (outliers), in increasing index order.</summary>
    public IEnumerable<int> Outliers => Enumerable.Range(0, TargetKeypoints.Count).Except(Correspondence).Order();

    /// <summary>
    /// The edge matching the correspondence implies: for each source edge, the index of the target edge joining the
    /// partners of its endpoints, or -1 when the target graph has no such edge.
    /// </summary>
    public int[] EdgeCorrespondence()
    {
        var result = new int[SourceGraph.EdgeCount];
        for (var k = 0; k < result.Length; k++)
        {
            var (u, v) = SourceGraph.GetEdge(k);
            result[k] = TargetGraph.FindEdge(Correspondence[u], Correspondence[v]);
        }
        return result;
    }
}
