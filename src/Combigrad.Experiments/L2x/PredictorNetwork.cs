using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.L2x;

/// <summary>
/// The L2X predictor (Chen et al. 2018; Niepert et al. 2021): a k-hot (or relaxed) token mask <c>[batch, length]</c>
/// -&gt; the predicted aspect rating <c>[batch]</c> in (0, 1). It multiplies the explainer's embeddings of the same batch
/// (<see cref="SharedEmbeddings"/>) by the mask, sums over the tokens and divides by k (the mean of the k selected
/// embeddings; Chen et al. divide by the review length instead, which only rescales the first layer's input by k/length
/// and slows training from scratch), and applies dense(hidden, ReLU) and dense(1, sigmoid).
/// </summary>
public sealed class PredictorNetwork : nn.Module<Tensor, Tensor>
{
    private readonly Linear hidden;
    private readonly Linear rating;
    private readonly SharedEmbeddings _shared;
    private readonly int _k;

    /// <summary>Creates the predictor reading embeddings of <paramref name="embeddingDims"/> from <paramref name="shared"/>
    /// for masks of <paramref name="k"/> selected tokens.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is below 1.</exception>
    public PredictorNetwork(int embeddingDims, int hiddenDims, int k, SharedEmbeddings shared, Generator generator)
        : base(nameof(PredictorNetwork))
    {
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        _shared = shared;
        _k = k;
        hidden = nn.Linear(embeddingDims, hiddenDims);
        rating = nn.Linear(hiddenDims, 1);
        SeededInitialization.Uniform(hidden.weight!, hidden.bias, generator);
        SeededInitialization.Uniform(rating.weight!, rating.bias, generator);
        RegisterComponents();
    }

    /// <inheritdoc />
    public override Tensor forward(Tensor mask)
    {
        using var scope = NewDisposeScope();
        var selected = (_shared.For(mask) * mask.unsqueeze(-1)).sum([1]) / _k;
        var result = rating.call(nn.functional.relu(hidden.call(selected))).sigmoid().squeeze(-1);
        return result.MoveToOuterDisposeScope();
    }
}
