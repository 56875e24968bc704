using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Warcraft;

/// <summary>
/// The Warcraft cost network (paper appendix 6.2, following Vlastelica et al. 2020): the first block of ResNet18,
/// not pretrained — conv1 (7 x 7, 64 channels, stride 2, padding 3), bn1, ReLU, max pooling (3, stride 2, padding 1)
/// and layer1 (two <see cref="ResNetBasicBlock"/>s of 64 channels) — then adaptive max pooling to k x k, the mean over
/// the 64 channels and a softplus, so the k x k vertex costs are positive as Dijkstra needs.
/// </summary>
/// <remarks>
/// Input: RGB images as bytes, <c>[batch, 3, 8k, 8k]</c> (<see cref="Data.Warcraft.WarcraftMapRenderer"/>); they are
/// scaled to [0, 1] and standardised per channel with the training split's mean and standard deviation (as Vlastelica
/// et al. do), which are buffers of the module and so travel with its checkpoints. Output: <c>[batch, k, k]</c>.
/// The network is fully convolutional up to the adaptive pooling, so only <c>k</c> fixes the output size.
/// </remarks>
public sealed class WarcraftCostNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>Channels of ResNet18's first block.</summary>
    public const int Channels = 64;

    private const int ImageChannels = 3;
    private const double PixelScale = 255.0;
    private const double MinimumStd = 1e-6;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly AdaptiveMaxPool2d pool;
    private readonly Softplus softplus;

    /// <summary>Builds the network for k x k grids with the given per-channel input statistics (of pixels scaled to [0, 1]).</summary>
    /// <param name="size">k.</param>
    /// <param name="channelMean">Mean of each of the 3 channels; null for 0.</param>
    /// <param name="channelStd">Standard deviation of each channel; null for 1.</param>
    /// <exception cref="ArgumentException">k below 1, or statistics without 3 finite entries (a std must be positive).</exception>
    public WarcraftCostNetwork(int size, IReadOnlyList<float>? channelMean = null, IReadOnlyList<float>? channelStd = null)
        : base(nameof(WarcraftCostNetwork))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        float[] mean = [.. channelMean ?? [0f, 0f, 0f]];
        float[] std = [.. channelStd ?? [1f, 1f, 1f]];
        if (mean.Length != ImageChannels || std.Length != ImageChannels || mean.Any(m => !float.IsFinite(m)) || std.Any(s => !(s > MinimumStd) || !float.IsFinite(s)))
            throw new ArgumentException($"Channel statistics need {ImageChannels} finite means and positive stds, got [{string.Join(", ", mean)}] and [{string.Join(", ", std)}].");
        Size = size;
        conv1 = nn.Conv2d(ImageChannels, Channels, 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(Channels);
        maxpool = nn.MaxPool2d(3, stride: 2, padding: 1);
        layer1 = nn.Sequential(("0", new ResNetBasicBlock(Channels)), ("1", new ResNetBasicBlock(Channels)));
        pool = nn.AdaptiveMaxPool2d([size, size]);
        softplus = nn.Softplus();
        InitializeConvolution(conv1);
        RegisterComponents();
        // Beside the parameters; the experiment moves the whole network to the training device.
        register_buffer("pixel_mean", tensor(mean, device: conv1.weight!.device).reshape(1, ImageChannels, 1, 1));
        register_buffer("pixel_std", tensor(std, device: conv1.weight!.device).reshape(1, ImageChannels, 1, 1));
    }

    /// <summary>k: the network outputs k x k costs.</summary>
    public int Size { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != ImageChannels)
            throw new ArgumentException($"{nameof(WarcraftCostNetwork)} expects images [batch, 3, H, W], got [{string.Join(", ", images.shape)}].", nameof(images));
        using var scope = NewDisposeScope();
        var pixels = (images.to(ScalarType.Float32) / PixelScale - get_buffer("pixel_mean")!) / get_buffer("pixel_std")!;
        var features = layer1.call(maxpool.call(nn.functional.relu(bn1.call(conv1.call(pixels)))));
        var costs = softplus.call(pool.call(features).mean([1]));
        return costs.MoveToOuterDisposeScope();
    }

    /// <summary>Per-channel mean and standard deviation of byte images <c>[N, 3, H, W]</c> scaled to [0, 1], computed in chunks.</summary>
    public static (float[] Mean, float[] Std) ChannelStatistics(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        const long Chunk = 500;
        var sum = new double[ImageChannels];
        var squares = new double[ImageChannels];
        long pixels = 0;
        for (long start = 0; start < images.shape[0]; start += Chunk)
        {
            using var scope = NewDisposeScope();
            var x = images.narrow(0, start, Math.Min(Chunk, images.shape[0] - start)).to(ScalarType.Float64) / PixelScale;
            var s = x.sum([0, 2, 3]).cpu().data<double>().ToArray();
            var q = x.square().sum([0, 2, 3]).cpu().data<double>().ToArray();
            for (var c = 0; c < ImageChannels; c++)
            {
                sum[c] += s[c];
                squares[c] += q[c];
            }
            pixels += x.shape[0] * x.shape[2] * x.shape[3];
        }
        var mean = sum.Select(s => s / pixels).ToArray();
        var std = squares.Select((q, c) => Math.Sqrt(Math.Max(q / pixels - mean[c] * mean[c], 0))).ToArray();
        return ([.. mean.Select(m => (float)m)], [.. std.Select(s => (float)Math.Max(s, 1e-3))]);
    }

    /// <summary>torchvision's ResNet initialisation of a convolution: Kaiming normal with fan-out and ReLU gain.</summary>
    internal static void InitializeConvolution(Conv2d convolution)
    {
        using var noGrad = no_grad();
        nn.init.kaiming_normal_(convolution.weight, mode: nn.init.FanInOut.FanOut, nonlinearity: nn.init.NonlinearityType.ReLU);
    }
}
