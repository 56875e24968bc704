using static TorchSharp.torch;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// Recall at K of a retrieval split (paper eq. 20, the metric of Table 4): every item is a query once, its gallery is the
/// rest of the split ranked by similarity <c>&lt;e_q, e_j&gt;</c> (most similar first), and <c>r@K</c> is the share of queries
/// with an item of their own class among the first K of their gallery.
/// </summary>
/// <remarks>
/// <para>Ties are broken deterministically: among equal similarities the gallery item with the lower index in the split
/// comes first (the same rule as <see cref="Solvers.RankingSolver"/>). A query whose class has no other item in the split
/// counts as a miss.</para>
/// <para>Computation: one matrix product per chunk of queries gives their similarities to the whole split; the position of
/// a query's first relevant item in that order is one plus the number of irrelevant items before it (greater similarity,
/// or equal similarity and lower index). <c>r@K = 1</c> exactly when this position is at most K, so no sort or
/// <c>topk</c> is needed (and <c>topk</c> leaves the order of equal values unspecified). Cost: <c>O(N^2 d)</c> time,
/// <c>O(chunk N)</c> memory.</para>
/// </remarks>
public static class RecallAtK
{
    /// <summary>The recall levels reported for Table 4 (Rolínek et al. 2020a report r@1, 2, 4, 8 on CUB-200-2011).</summary>
    public static readonly IReadOnlyList<int> TableLevels = [1, 2, 4, 8];

    private const int DefaultChunk = 512;

    /// <summary>The recall at each of <paramref name="ks"/> for embeddings <c>[N, d]</c> and class labels <c>[N]</c>.</summary>
    /// <exception cref="ArgumentException">Shapes disagree, fewer than two items, or a K below 1.</exception>
    public static double[] Compute(Tensor embeddings, Tensor labels, IReadOnlyList<int> ks, int chunk = DefaultChunk)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(ks);
        if (embeddings.dim() != 2 || labels.dim() != 1 || labels.shape[0] != embeddings.shape[0])
            throw new ArgumentException($"RecallAtK: embeddings [N, d] and labels [N] expected, got [{string.Join(", ", embeddings.shape)}] and [{string.Join(", ", labels.shape)}].");
        if (embeddings.shape[0] < 2) throw new ArgumentException("RecallAtK: a split needs at least two items (a query and a gallery).");
        if (ks.Count == 0 || ks.Any(k => k < 1)) throw new ArgumentException($"RecallAtK: every K must be >= 1, got [{string.Join(", ", ks)}].");
        ArgumentOutOfRangeException.ThrowIfLessThan(chunk, 1);

        var positions = FirstRelevantPositions(embeddings, labels, chunk);
        return ks.Select(k => (double)positions.Count(p => p <= k) / positions.Length).ToArray();
    }

    /// <summary>For every query, the 1-based position of its first relevant gallery item (<see cref="long.MaxValue"/> when it has none).</summary>
    public static long[] FirstRelevantPositions(Tensor embeddings, Tensor labels, int chunk = DefaultChunk)
    {
        ArgumentNullException.ThrowIfNull(embeddings);
        ArgumentNullException.ThrowIfNull(labels);
        var count = embeddings.shape[0];
        var result = new long[count];
        using var noGrad = no_grad();
        for (long start = 0; start < count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(chunk, count - start);
            var queries = arange(start, start + length, dtype: ScalarType.Int64, device: embeddings.device);
            var similarity = embeddings.narrow(0, start, length).matmul(embeddings.t()); // [Q, N]
            var index = arange(count, dtype: ScalarType.Int64, device: embeddings.device).unsqueeze(0).expand(length, count);
            var self = index.eq(queries.unsqueeze(1));
            var relevant = labels.narrow(0, start, length).unsqueeze(1).eq(labels.unsqueeze(0)).logical_and(self.logical_not());
            var best = where(relevant, similarity, full_like(similarity, double.NegativeInfinity)).max(1, keepdim: true).values;
            var bestIndex = where(relevant.logical_and(similarity.eq(best)), index, full_like(index, count)).min(1, keepdim: true).values;
            var irrelevant = relevant.logical_or(self).logical_not();
            var before = similarity.gt(best).logical_or(similarity.eq(best).logical_and(index.lt(bestIndex)));
            var position = irrelevant.logical_and(before).sum(1) + 1;
            var hasRelevant = relevant.any(1);
            var values = where(hasRelevant, position, full_like(position, long.MaxValue)).cpu().data<long>().ToArray();
            values.CopyTo(result, start);
        }
        return result;
    }
}
