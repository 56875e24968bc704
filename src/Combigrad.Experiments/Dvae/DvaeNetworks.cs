using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Dvae;

/// <summary>
/// The DVAE's fully connected networks (paper Suppl. 6.4, after Jang et al. 2017 and Niepert et al. 2021): encoder
/// pixels-512-256-(blocks x categories) with ReLU between layers, decoder (blocks x categories)-256-512-pixels.
/// Weights and biases are drawn from <c>U(-1/sqrt(fan_in), 1/sqrt(fan_in))</c> (PyTorch's default for linear layers)
/// with the caller's generator, so a seed fixes them without touching torch's global generator.
/// </summary>
public static class DvaeNetworks
{
    /// <summary>The encoder's hidden widths.</summary>
    public static readonly IReadOnlyList<int> EncoderHidden = [512, 256];

    /// <summary>The decoder's hidden widths.</summary>
    public static readonly IReadOnlyList<int> DecoderHidden = [256, 512];

    /// <summary>Maps images <c>[batch, pixels]</c> to latent logits <c>[batch, blocks, categories]</c>.</summary>
    public static Sequential Encoder(int pixels, int blocks, int categories, Generator generator) => nn.Sequential(
        ("fc1", Linear(pixels, EncoderHidden[0], generator)), ("relu1", nn.ReLU()),
        ("fc2", Linear(EncoderHidden[0], EncoderHidden[1], generator)), ("relu2", nn.ReLU()),
        ("logits", Linear(EncoderHidden[1], blocks * categories, generator)),
        ("blocks", nn.Unflatten(1, [blocks, categories])));

    /// <summary>Maps k-hot latents <c>[batch, blocks, categories]</c> to pixel logits <c>[batch, pixels]</c>.</summary>
    public static Sequential Decoder(int pixels, int blocks, int categories, Generator generator) => nn.Sequential(
        ("flatten", nn.Flatten()),
        ("fc1", Linear(blocks * categories, DecoderHidden[0], generator)), ("relu1", nn.ReLU()),
        ("fc2", Linear(DecoderHidden[0], DecoderHidden[1], generator)), ("relu2", nn.ReLU()),
        ("logits", Linear(DecoderHidden[1], pixels, generator)));

    private static Linear Linear(int inputs, int outputs, Generator generator)
    {
        var layer = nn.Linear(inputs, outputs);
        var bound = 1 / Math.Sqrt(inputs);
        using (no_grad())
        {
            layer.weight!.uniform_(-bound, bound, generator);
            layer.bias!.uniform_(-bound, bound, generator);
        }
        return layer;
    }
}
