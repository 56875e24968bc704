using Combigrad.Experiments.Retrieval;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.Retrieval;

public sealed class RecallAtKTests
{
    private static readonly int[] Levels = [1, 2, 3, 4, 8];

    /// <summary>Reference: for each query, sort the rest of the split by (similarity descending, index ascending), and check
    /// the first K for an item of the query's class.</summary>
    private static double[] BruteForce(float[,] embeddings, int[] labels, int[] ks)
    {
        var n = labels.Length;
        var d = embeddings.GetLength(1);
        var hits = new int[ks.Length];
        for (var q = 0; q < n; q++)
        {
            var gallery = Enumerable.Range(0, n).Where(j => j != q)
                .Select(j => (Index: j, Similarity: Enumerable.Range(0, d).Sum(c => embeddings[q, c] * embeddings[j, c])))
                .OrderByDescending(g => g.Similarity).ThenBy(g => g.Index).ToArray();
            for (var k = 0; k < ks.Length; k++)
                if (gallery.Take(ks[k]).Any(g => labels[g.Index] == labels[q])) hits[k]++;
        }
        return hits.Select(h => (double)h / n).ToArray();
    }

    private static double[] Fast(float[,] embeddings, int[] labels, int[] ks, int chunk)
    {
        using var e = tensor(embeddings);
        using var l = tensor(labels.Select(x => (long)x).ToArray());
        return RecallAtK.Compute(e, l, ks, chunk);
    }

    [Fact]
    public void Compute_HandMadeGalleryWithTies_MatchesBruteForceAndTheHandCount()
    {
        // Six items on two axes, classes a a b b c a. Items 2 and 3 have the same embedding as item 0's direction (ties).
        float[,] embeddings =
        {
            { 1, 0 }, // 0 a
            { 0, 1 }, // 1 a
            { 1, 0 }, // 2 b: ties with 0 and 3
            { 1, 0 }, // 3 b
            { 0, 1 }, // 4 c: ties with 1 and 5
            { 0, 1 }, // 5 a
        };
        int[] labels = [0, 0, 1, 1, 2, 0];
        // Query 0: gallery order 2, 3 (sim 1, lower index first), then 1, 4, 5 (sim 0): first relevant (1) at position 3.
        // Query 1: 4, 5 (sim 1): first relevant 5 at 2. Query 2: 0, 3: relevant 3 at 2. Query 3: 0, 2: relevant 2 at 2.
        // Query 4: 1, 5, then 0, 2, 3: no other c, never. Query 5: 1 (sim 1, relevant) at 1.
        // r@1 = 1/6, r@2 = 4/6, r@3 = r@4 = r@8 = 5/6.
        double[] expected = [1.0 / 6, 4.0 / 6, 5.0 / 6, 5.0 / 6, 5.0 / 6];

        var fast = Fast(embeddings, labels, Levels, chunk: 4);

        Assert.Equal(expected, BruteForce(embeddings, labels, Levels));
        Assert.Equal(expected, fast);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 7)]
    [InlineData(3, 64)]
    public void Compute_RandomCoarseEmbeddings_MatchesBruteForceForEveryChunkSize(int seed, int chunk)
    {
        // Entries in {-1, 0, 1}: many equal similarities, so the tie rule matters.
        var random = new Random(seed);
        const int n = 40;
        const int d = 3;
        var embeddings = new float[n, d];
        for (var i = 0; i < n; i++)
            for (var c = 0; c < d; c++)
                embeddings[i, c] = random.Next(-1, 2);
        var labels = Enumerable.Range(0, n).Select(_ => random.Next(4)).ToArray();

        Assert.Equal(BruteForce(embeddings, labels, Levels), Fast(embeddings, labels, Levels, chunk));
    }

    [Fact]
    public void Compute_BadInput_ThrowsArgumentException()
    {
        using var embeddings = zeros(3, 2);
        using var labels = zeros(new long[] { 2 }, dtype: ScalarType.Int64);
        using var three = zeros(new long[] { 3 }, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => RecallAtK.Compute(embeddings, labels, [1]));
        Assert.Throws<ArgumentException>(() => RecallAtK.Compute(embeddings, three, [0]));
        using var one = zeros(1, 2);
        using var oneLabel = zeros(new long[] { 1 }, dtype: ScalarType.Int64);
        Assert.Throws<ArgumentException>(() => RecallAtK.Compute(one, oneLabel, [1]));
    }
}
