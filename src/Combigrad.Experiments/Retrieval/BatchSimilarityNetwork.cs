using TorchSharp;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// The backbone of batch-based retrieval training: embeds a batch of images and returns, for every query in the batch, its
/// cosine similarities to the other batch elements (<see cref="BatchPairs.Similarities"/>), the scores that the ranking
/// solver orders (paper eq. 19: the most similar gets rank 1).
/// </summary>
/// <remarks>Input <c>[B, 1, 28, 28]</c>, output <c>[B, B - 1]</c>. The embedding network is owned.</remarks>
public sealed class BatchSimilarityNetwork : nn.Module<Tensor, Tensor>
{
    private readonly EmbeddingNetwork embedding;

    /// <summary>Wraps <paramref name="embeddingNetwork"/> (owned).</summary>
    public BatchSimilarityNetwork(EmbeddingNetwork embeddingNetwork) : base(nameof(BatchSimilarityNetwork))
    {
        ArgumentNullException.ThrowIfNull(embeddingNetwork);
        embedding = embeddingNetwork;
        RegisterComponents();
    }

    /// <summary>The embedding network (evaluation embeds whole splits with it).</summary>
    public EmbeddingNetwork Embedding => embedding;

    /// <inheritdoc />
    public override Tensor forward(Tensor images)
    {
        using var scope = NewDisposeScope();
        return BatchPairs.Similarities(embedding.call(images)).MoveToOuterDisposeScope();
    }
}
