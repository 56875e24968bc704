using static TorchSharp.torch;

namespace Combigrad.Experiments.L2x;

/// <summary>
/// The link between the L2X explainer and predictor: the explainer embeds a batch of tokens and leaves the embeddings
/// here; the predictor, called next on the mask for the same batch, multiplies them by the mask (Chen et al. 2018 share
/// one embedding layer between the two). The trainer and evaluator always call the backbone, the layer and the head in
/// that order on one batch, so the predictor reads the embeddings of its own batch.
/// </summary>
public sealed class SharedEmbeddings
{
    private Tensor? _embeddings;

    /// <summary>Stores the embeddings <c>[batch, length, dims]</c> of the batch being processed.</summary>
    public void Set(Tensor embeddings) => _embeddings = embeddings;

    /// <summary>The embeddings of the batch being processed.</summary>
    /// <exception cref="InvalidOperationException">The explainer has not embedded a batch yet, or it was of another size.</exception>
    public Tensor For(Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (_embeddings is null || _embeddings.IsInvalid || _embeddings.shape[0] != mask.shape[0] || _embeddings.shape[1] != mask.shape[1])
            throw new InvalidOperationException(
                $"L2X predictor: no embeddings of a batch of shape [{string.Join(", ", mask.shape)}]; call the explainer on the same batch first.");
        return _embeddings;
    }
}
