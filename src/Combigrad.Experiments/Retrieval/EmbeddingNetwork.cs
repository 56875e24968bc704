using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// The embedding network of the retrieval experiment: a small CNN in place of the paper's ResNet-50 (Rolínek et al. 2020a),
/// conv 3x3 (32) - ReLU - max-pool 2 - conv 3x3 (64) - ReLU - max-pool 2 - fully connected 128 - ReLU - fully connected d,
/// and the result scaled to unit length, so that the inner product of two embeddings is their cosine similarity.
/// </summary>
/// <remarks>Input: images <c>[batch, 1, 28, 28]</c> with grey values in [0, 1]. Output: <c>[batch, d]</c>, unit rows. Weights
/// and biases are drawn from <c>U(-1/sqrt(fan_in), 1/sqrt(fan_in))</c> with the caller's generator, so the seed fixes them
/// without touching torch's global generator.</remarks>
public sealed class EmbeddingNetwork : nn.Module<Tensor, Tensor>
{
    private const int FirstChannels = 32;
    private const int SecondChannels = 64;
    private const int Hidden = 128;
    private const int Kernel = 3;
    private const int PooledSide = 7;
    private const double PixelMean = 0.5;
    private const double PixelStd = 0.25;
    private const double NormFloor = 1e-12;

    private readonly Sequential features;
    private readonly Sequential head;

    /// <summary>Creates the network with embeddings of <paramref name="dimension"/> entries.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is below 2.</exception>
    public EmbeddingNetwork(int dimension, Generator initialization) : base(nameof(EmbeddingNetwork))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 2);
        ArgumentNullException.ThrowIfNull(initialization);
        Dimension = dimension;
        features = nn.Sequential(
            ("conv1", Initialized(nn.Conv2d(1, FirstChannels, Kernel, padding: 1), Kernel * Kernel, initialization)), ("relu1", nn.ReLU()),
            ("pool1", nn.MaxPool2d(2)),
            ("conv2", Initialized(nn.Conv2d(FirstChannels, SecondChannels, Kernel, padding: 1), FirstChannels * Kernel * Kernel, initialization)),
            ("relu2", nn.ReLU()), ("pool2", nn.MaxPool2d(2)), ("flatten", nn.Flatten()));
        const int flat = SecondChannels * PooledSide * PooledSide;
        head = nn.Sequential(
            ("fc1", Initialized(nn.Linear(flat, Hidden), flat, initialization)), ("relu3", nn.ReLU()),
            ("fc2", Initialized(nn.Linear(Hidden, dimension), Hidden, initialization)));
        RegisterComponents();
    }

    /// <summary>The number of entries of an embedding (d).</summary>
    public int Dimension { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        var embedding = head.call(features.call((images - PixelMean) / PixelStd));
        return nn.functional.normalize(embedding, p: 2, dim: 1, eps: NormFloor).MoveToOuterDisposeScope();
    }

    private static T Initialized<T>(T layer, int fanIn, Generator generator) where T : nn.Module
    {
        var bound = 1 / Math.Sqrt(fanIn);
        using (no_grad())
            foreach (var parameter in layer.parameters())
                parameter.uniform_(-bound, bound, generator);
        return layer;
    }
}
