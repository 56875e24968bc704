using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Dvae;

/// <summary>
/// The DVAE's fully connected networks (paper Suppl. 6.4, after Jang et al. 2017 and Niepert et al. 2021): encoder
/// pixels-512-256-(blocks x categories) with ReLU between layers, decoder (blocks x categories)-256-512-pixels.
/// </summary>
public static class DvaeNetworks
{
    /// <summary>The encoder's hidden widths.</summary>
    public static readonly IReadOnlyList<int> EncoderHidden = [512, 256];

    /// <summary>The decoder's hidden widths.</summary>
    public static readonly IReadOnlyList<int> DecoderHidden = [256, 512];

    /// <summary>Maps images <c>[batch, pixels]</c> to latent logits <c>[batch, blocks, categories]</c>.</summary>
    public static Sequential Encoder(int pixels, int blocks, int categories) => nn.Sequential(
        ("fc1", nn.Linear(pixels, EncoderHidden[0])), ("relu1", nn.ReLU()),
        ("fc2", nn.Linear(EncoderHidden[0], EncoderHidden[1])), ("relu2", nn.ReLU()),
        ("logits", nn.Linear(EncoderHidden[1], blocks * categories)),
        ("blocks", nn.Unflatten(1, [blocks, categories])));

    /// <summary>Maps k-hot latents <c>[batch, blocks, categories]</c> to pixel logits <c>[batch, pixels]</c>.</summary>
    public static Sequential Decoder(int pixels, int blocks, int categories) => nn.Sequential(
        ("flatten", nn.Flatten()),
        ("fc1", nn.Linear(blocks * categories, DecoderHidden[0])), ("relu1", nn.ReLU()),
        ("fc2", nn.Linear(DecoderHidden[0], DecoderHidden[1])), ("relu2", nn.ReLU()),
        ("logits", nn.Linear(DecoderHidden[1], pixels)));
}
