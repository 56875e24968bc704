using static TorchSharp.torch;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// The batch-based ranking of Rolínek et al. (2020a): every element of a batch of <c>B</c> is a query, and the other
/// <c>B - 1</c> elements are its gallery. Row <c>i</c> of a <c>[B, B - 1]</c> matrix lists the elements <c>j != i</c> in
/// increasing order of <c>j</c>.
/// </summary>
public static class BatchPairs
{
    /// <summary>The <c>[B, B - 1]</c> int64 matrix on <paramref name="device"/> whose row <c>i</c> holds <c>0..B-1</c> without <c>i</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batch"/> is below 2.</exception>
    public static Tensor Others(long batch, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 2);
        using var scope = NewDisposeScope();
        var column = arange(batch - 1, dtype: ScalarType.Int64, device: device).unsqueeze(0);
        var row = arange(batch, dtype: ScalarType.Int64, device: device).unsqueeze(1);
        return (column + column.ge(row).to(ScalarType.Int64)).MoveToOuterDisposeScope();
    }

    /// <summary>The similarities <c>&lt;e_i, e_j&gt;</c>, <c>j != i</c>, of embeddings <c>[B, d]</c>: <c>[B, B - 1]</c>.</summary>
    public static Tensor Similarities(Tensor embeddings)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        using var scope = NewDisposeScope();
        var all = embeddings.matmul(embeddings.t());
        return all.gather(1, Others(embeddings.shape[0], embeddings.device)).MoveToOuterDisposeScope();
    }

    /// <summary>The relevance <c>1[label_i == label_j]</c>, <c>j != i</c>, of labels <c>[B]</c>: <c>[B, B - 1]</c> as float32.</summary>
    public static Tensor Relevance(Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        using var scope = NewDisposeScope();
        var batch = labels.shape[0];
        var others = labels.index_select(0, Others(batch, labels.device).flatten()).reshape(batch, batch - 1);
        return others.eq(labels.unsqueeze(1)).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }
}
