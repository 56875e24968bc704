using Combigrad.Data.Reviews;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.L2x;

/// <summary>
/// The L2X explainer of Chen et al. (2018) as used by Niepert et al. (2021) and the paper (Suppl. 6.5): token ids
/// <c>[batch, length]</c> -&gt; per-token scores <c>[batch, length]</c> (higher = more likely selected). Word embeddings
/// (trained from scratch, padding row fixed at zero) feed a width-3 convolution; a global branch max-pools it over the
/// tokens into a dense layer, a local branch applies two more width-3 convolutions; both are concatenated per token and
/// mixed by a width-1 convolution, and a width-1 output layer gives one score per token (4 convolutions + 1 dense, ReLU
/// between). Padding positions get <see cref="PaddingScore"/>, so no sampler or relaxation ever selects them. Dropout
/// (0.2 in Chen et al.) is left out so that a seed fixes a run completely.
/// </summary>
public sealed class ExplainerNetwork : nn.Module<Tensor, Tensor>
{
    /// <summary>The score of padding positions: 1e4 below any learned score, so far that no noise or relaxation reaches it.</summary>
    public const float PaddingScore = -1e4f;

    /// <summary>Convolution width of the first and the local layers (Chen et al.: 3).</summary>
    public const int KernelSize = 3;

    private readonly Embedding embedding;
    private readonly Conv1d first;
    private readonly Linear global;
    private readonly Conv1d local1;
    private readonly Conv1d local2;
    private readonly Conv1d combine;
    private readonly Conv1d output;
    private readonly SharedEmbeddings _shared;

    /// <summary>Creates the explainer; its embeddings are left in <paramref name="shared"/> for the predictor.</summary>
    public ExplainerNetwork(int vocabularySize, int embeddingDims, int filters, SharedEmbeddings shared, Generator generator)
        : base(nameof(ExplainerNetwork))
    {
        ArgumentNullException.ThrowIfNull(shared);
        _shared = shared;
        embedding = nn.Embedding(vocabularySize, embeddingDims, padding_idx: ReviewVocabulary.PaddingId);
        first = nn.Conv1d(embeddingDims, filters, KernelSize, padding: KernelSize / 2);
        global = nn.Linear(filters, filters);
        local1 = nn.Conv1d(filters, filters, KernelSize, padding: KernelSize / 2);
        local2 = nn.Conv1d(filters, filters, KernelSize, padding: KernelSize / 2);
        combine = nn.Conv1d(2 * filters, filters, 1);
        output = nn.Conv1d(filters, 1, 1);
        using (no_grad())
        {
            embedding.weight!.normal_(generator: generator);
            embedding.weight[ReviewVocabulary.PaddingId].zero_();
        }
        foreach (var (weight, bias) in new (Tensor, Tensor?)[]
                 {
                     (first.weight!, first.bias), (global.weight!, global.bias), (local1.weight!, local1.bias),
                     (local2.weight!, local2.bias), (combine.weight!, combine.bias), (output.weight!, output.bias),
                 })
            SeededInitialization.Uniform(weight, bias, generator);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor tokens)
    {
        using var scope = NewDisposeScope();
        var embedded = embedding.call(tokens);
        _shared.Set(embedded.MoveToOuterDisposeScope());
        var firstLayer = nn.functional.relu(first.call(embedded.transpose(1, 2)));
        var globalInfo = nn.functional.relu(global.call(firstLayer.amax([2])));
        var localInfo = nn.functional.relu(local2.call(nn.functional.relu(local1.call(firstLayer))));
        var combined = cat([globalInfo.unsqueeze(-1).expand_as(localInfo), localInfo], 1);
        var scores = output.call(nn.functional.relu(combine.call(combined))).squeeze(1);
        return scores.masked_fill(tokens.eq(ReviewVocabulary.PaddingId), PaddingScore).MoveToOuterDisposeScope();
    }
}
