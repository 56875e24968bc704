using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.GlobeTsp;

/// <summary>
/// The Globe TSP backbone (appendix 6.1): a CNN shared over the k flags of an example — conv (20 channels, kernel 4,
/// stride 2), conv (50, 4, 2), a fully connected layer of 500 and a linear map to 3 values per flag — whose
/// 3-vectors are projected onto the unit sphere; the k x k matrix of pairwise distances between the points is the
/// cost matrix of the TSP. Input: country indices <c>[batch, k]</c> into the flag images held by the network;
/// output <c>[batch, k, k]</c>. Each distinct country of a batch is embedded once.
/// </summary>
public sealed class FlagCoordinateNetwork : nn.Module<Tensor, Tensor>
{
    private const int Coordinates = 3;
    private const double SphereEpsilon = 1e-12;

    private readonly Sequential features;
    private readonly Sequential head;
    private readonly Tensor _flags;

    /// <summary>Builds the network over <paramref name="flags"/> (<c>[countries, 3, H, W]</c>, not trained).</summary>
    public FlagCoordinateNetwork(Tensor flags) : base(nameof(FlagCoordinateNetwork))
    {
        _flags = flags;
        var height = (int)flags.shape[2];
        var width = (int)flags.shape[3];
        features = nn.Sequential(
            ("conv1", nn.Conv2d(3, 20, 4, stride: 2)), ("relu1", nn.ReLU()),
            ("conv2", nn.Conv2d(20, 50, 4, stride: 2)), ("relu2", nn.ReLU()),
            ("flatten", nn.Flatten()));
        var flat = 50 * Output(Output(height)) * Output(Output(width));
        head = nn.Sequential(("fc", nn.Linear(flat, 500)), ("relu", nn.ReLU()), ("coordinates", nn.Linear(500, Coordinates)));
        RegisterComponents();
    }

    private static int Output(int size) => (size - 4) / 2 + 1;

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) _flags.Dispose();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor countries)
    {
        using var scope = NewDisposeScope();
        var batch = countries.shape[0];
        var k = countries.shape[1];
        // Each distinct country of the batch goes through the CNN once and its point is shared by every example that
        // contains it: the same function and gradient as running the CNN per flag, with up to k times fewer convolutions.
        var (distinct, position, _) = countries.flatten().to(ScalarType.Int64).unique(sorted: true, return_inverse: true);
        var distinctPoints = head.call(features.call(_flags.index_select(0, distinct)));
        var points = distinctPoints.index_select(0, position!).reshape(batch, k, Coordinates);
        var onSphere = points / points.norm(-1, keepdim: true).clamp_min(SphereEpsilon);
        // Euclidean chord length between points on the unit sphere; monotone in the great-circle distance.
        var difference = onSphere.unsqueeze(2) - onSphere.unsqueeze(1);
        var distances = (difference.pow(2).sum(-1) + SphereEpsilon).sqrt();
        return distances.MoveToOuterDisposeScope();
    }
}
