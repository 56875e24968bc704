using static TorchSharp.torch;

namespace Combigrad.Experiments.Dvae;

/// <summary>
/// The discrete VAE's loss, the negative evidence lower bound (paper Sec. 4.3; Jang et al. 2017; Niepert et al. 2021):
/// the Bernoulli reconstruction loss of the pixels plus the KL divergence of the latent marginals to the uniform
/// distribution, both summed over their dimensions and averaged over the batch.
/// </summary>
/// <remarks>
/// As in Niepert et al.'s DVAE code, the marginals of a latent block are the softmax of its logits, and the KL term is
/// <c>sum_blocks sum_c q_c (log q_c - log(1/C))</c> with <c>q = softmax(logits)</c> over the C categories of a block.
/// </remarks>
public static class NegativeElbo
{
    /// <summary>Binary cross-entropy between <c>sigmoid(logits)</c> and grey values in [0, 1], summed over pixels, averaged over the batch.</summary>
    /// <param name="logits">Decoder outputs <c>[batch, pixels]</c>.</param>
    /// <param name="pixels">Targets <c>[batch, pixels]</c> in [0, 1].</param>
    public static Tensor Reconstruction(Tensor logits, Tensor pixels)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(pixels);
        if (!logits.shape.SequenceEqual(pixels.shape))
            throw new ArgumentException($"Reconstruction: logits [{string.Join(", ", logits.shape)}] and pixels [{string.Join(", ", pixels.shape)}] differ in shape.");
        using var scope = NewDisposeScope();
        var perPixel = nn.functional.binary_cross_entropy_with_logits(logits, pixels, reduction: nn.Reduction.None);
        return perPixel.flatten(1).sum(1).mean().MoveToOuterDisposeScope();
    }

    /// <summary>The KL divergence of <c>softmax(logits)</c> of each block to the uniform distribution, summed over blocks, averaged over the batch.</summary>
    /// <param name="logits">Encoder outputs <c>[batch, blocks, categories]</c>.</param>
    public static Tensor KlToUniform(Tensor logits)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.dim() != 3)
            throw new ArgumentException($"KlToUniform: logits must be [batch, blocks, categories], not [{string.Join(", ", logits.shape)}].");
        using var scope = NewDisposeScope();
        var categories = logits.shape[2];
        var logQ = logits.log_softmax(-1);
        var kl = (logQ.exp() * (logQ + Math.Log(categories))).sum([1, 2]);
        return kl.mean().MoveToOuterDisposeScope();
    }
}
