using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.GraphMatching;

/// <summary>
/// The cost network of keypoint graph matching (after Rolínek et al. 2020b, with a small CNN instead of VGG16 +
/// SplineCNN): a CNN shared by both images (two 3x3 convolutions with 32 channels at full resolution; then pool, a 3x3
/// conv to 64, pool and two more 3x3 convs at 1/4 resolution), features sampled bilinearly at the keypoints from both
/// depths, vertex costs <c>c^v_(i,a) = -cos(u(f_i), u(g_a))</c> over V1 x V2 and
/// edge costs <c>c^e_(k,l) = -cos(e(k), e(l))</c> over E1 x E2, where an edge's feature <c>e</c> is an MLP of
/// the symmetric functions <c>|f_i - f_j|</c>, <c>f_i + f_j</c> and <c>(dx^2, dy^2, dx dy)</c> of its endpoints (so the
/// orientation in which an edge is listed does not matter).
/// </summary>
/// <remarks>
/// <para>Cost scale: every entry lies in <c>[-1, 1]</c>, the order of magnitude of Rolínek et al.'s costs (similarities
/// of channel-normalised features through a softplus, about 0.2-1 per entry), which is the scale their margin (1.0) and
/// the paper's margin noise (alpha 0.05, 0.1, absolute) were set for. An unbounded inner product, as this network
/// first used (<c>-&lt;u, v&gt; / sqrt(d)</c>, entries about 0.04 at initialisation), let noise of alpha 0.05 swamp the
/// costs: under P_sphere, Identity inflated the cost norm to about 1e5 within one epoch (the paper's "the network may
/// suppress the noise by increasing the cost magnitude", but along directions that do not preserve the matching;
/// the Hamming gradient is nearly parallel to the all-ones vector on the active entries) and matching accuracy fell
/// below the untrained network's (22 % vs 45 %), while alpha 0.005 trained normally.</para>
/// </remarks>
/// <remarks>Input: pair indices <c>[batch]</c> (int64) into the <see cref="KeypointPairTensors"/> held by the network.
/// Output: costs <c>[batch, n m + C(n,2) C(m,2)]</c> in the layout of <see cref="PaddedGraphMatchingSolver"/>; edge
/// pairs that are not Delaunay edges on both sides are exactly zero (padding).</remarks>
public sealed class KeypointMatchingNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Feature dimension of vertices and edges (d).</summary>
    public const int EmbeddingSize = 64;

    private const int FineChannels = 32;
    private const int CoarseChannels = 64;
    private const int PointFeatures = FineChannels + CoarseChannels;
    private const int GeometryFeatures = 3;
    private const double PixelMean = 0.5;
    private const double PixelStd = 0.25;
    private const double NormEpsilon = 1e-8;

    private readonly Sequential fine;
    private readonly Sequential coarse;
    private readonly Linear vertexEmbedding;
    private readonly Sequential edgeEmbedding;
    private readonly KeypointPairTensors _data;
    private readonly Tensor _firstEnds1;
    private readonly Tensor _firstEnds2;
    private readonly Tensor _secondEnds1;
    private readonly Tensor _secondEnds2;

    /// <summary>Builds the network over <paramref name="data"/>, which it owns (disposed with the network).</summary>
    public KeypointMatchingNetwork(KeypointPairTensors data) : base(nameof(KeypointMatchingNetwork))
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
        fine = nn.Sequential(
            ("conv1", nn.Conv2d(3, FineChannels, 3, padding: 1)), ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(FineChannels, FineChannels, 3, padding: 1)), ("relu2", nn.ReLU()));
        coarse = nn.Sequential(
            ("pool1", nn.MaxPool2d(2)),
            ("conv3", nn.Conv2d(FineChannels, CoarseChannels, 3, padding: 1)), ("relu3", nn.ReLU()),
            ("pool2", nn.MaxPool2d(2)),
            ("conv4", nn.Conv2d(CoarseChannels, CoarseChannels, 3, padding: 1)), ("relu4", nn.ReLU()),
            ("conv5", nn.Conv2d(CoarseChannels, CoarseChannels, 3, padding: 1)));
        vertexEmbedding = nn.Linear(PointFeatures, EmbeddingSize);
        edgeEmbedding = nn.Sequential(
            ("fc1", nn.Linear(2 * PointFeatures + GeometryFeatures, EmbeddingSize)), ("relu", nn.ReLU()),
            ("fc2", nn.Linear(EmbeddingSize, EmbeddingSize)));
        (_firstEnds1, _firstEnds2) = CompleteEdgeEnds(data.SourceKeypointCount, data.Images.device);
        (_secondEnds1, _secondEnds2) = CompleteEdgeEnds(data.TargetKeypointCount, data.Images.device);
        RegisterComponents();
    }

    /// <summary>Image features at <paramref name="points"/> (<c>[B, k, 2]</c> grid coordinates): <c>[B, k, 96]</c>.</summary>
    public Tensor SampleFeatures(Tensor images, Tensor points)
    {
        using var scope = NewDisposeScope();
        var fineMap = fine.call(images);
        var coarseMap = coarse.call(fineMap);
        var grid = points.unsqueeze(1); // [B, 1, k, 2]
        var atFine = nn.functional.grid_sample(fineMap, grid, align_corners: false); // [B, C, 1, k]
        var atCoarse = nn.functional.grid_sample(coarseMap, grid, align_corners: false);
        return cat([atFine, atCoarse], 1).squeeze(2).transpose(1, 2).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor pairs)
    {
        using var scope = NewDisposeScope();
        var index = pairs.to(ScalarType.Int64);
        var batch = index.shape[0];
        var images = (_data.Images.index_select(0, index).to(ScalarType.Float32) / 255.0 - PixelMean) / PixelStd;
        var sourcePoints = _data.SourcePoints.index_select(0, index);
        var targetPoints = _data.TargetPoints.index_select(0, index);
        var sourceFeatures = SampleFeatures(images.select(1, 0), sourcePoints);
        var targetFeatures = SampleFeatures(images.select(1, 1), targetPoints);
        var vertexCosts = -CosineSimilarities(vertexEmbedding.call(sourceFeatures), vertexEmbedding.call(targetFeatures));
        var sourceEdges = EdgeFeatures(sourceFeatures, sourcePoints, _firstEnds1, _firstEnds2);
        var targetEdges = EdgeFeatures(targetFeatures, targetPoints, _secondEnds1, _secondEnds2);
        var mask = _data.SourceEdges.index_select(0, index).unsqueeze(2) * _data.TargetEdges.index_select(0, index).unsqueeze(1);
        var edgeCosts = -CosineSimilarities(sourceEdges, targetEdges) * mask;
        return cat([vertexCosts.reshape(batch, -1), edgeCosts.reshape(batch, -1)], 1).MoveToOuterDisposeScope();
    }

    /// <summary>Cosine similarities of every row of <paramref name="first"/> (<c>[B, p, d]</c>) with every row of
    /// <paramref name="second"/> (<c>[B, q, d]</c>): <c>[B, p, q]</c>.</summary>
    private static Tensor CosineSimilarities(Tensor first, Tensor second) =>
        matmul(nn.functional.normalize(first, dim: 2, eps: NormEpsilon), nn.functional.normalize(second, dim: 2, eps: NormEpsilon).transpose(1, 2));

    private Tensor EdgeFeatures(Tensor features, Tensor points, Tensor ends1, Tensor ends2)
    {
        var f1 = features.index_select(1, ends1);
        var f2 = features.index_select(1, ends2);
        var d = points.index_select(1, ends2) - points.index_select(1, ends1);
        var dx = d.select(2, 0);
        var dy = d.select(2, 1);
        var geometry = stack([dx * dx, dy * dy, dx * dy], 2);
        return edgeEmbedding.call(cat([(f1 - f2).abs(), f1 + f2, geometry], 2));
    }

    private static (Tensor, Tensor) CompleteEdgeEnds(int n, Device device)
    {
        var first = new List<long>();
        var second = new List<long>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
            {
                first.Add(i);
                second.Add(j);
            }
        return (tensor(first.ToArray(), device: device), tensor(second.ToArray(), device: device));
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _firstEnds1.Dispose();
            _firstEnds2.Dispose();
            _secondEnds1.Dispose();
            _secondEnds2.Dispose();
            _data.Dispose();
        }
        base.Dispose(disposing);
    }
}
