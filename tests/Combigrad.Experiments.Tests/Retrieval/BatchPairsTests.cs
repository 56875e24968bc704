using Combigrad.Experiments.Retrieval;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Tests.Retrieval;

public sealed class BatchPairsTests
{
    [Fact]
    public void OthersSimilaritiesRelevance_ThreeItems_ListEveryOtherItemInIndexOrder()
    {
        using var scope = NewDisposeScope();
        var embeddings = tensor(new[] { 1f, 0f, 0.6f, 0.8f, 0f, 1f }, [3, 2]);
        var labels = tensor(new long[] { 4, 2, 4 });

        var others = BatchPairs.Others(3, CPU).data<long>().ToArray();
        var similarities = BatchPairs.Similarities(embeddings).data<float>().ToArray();
        var relevance = BatchPairs.Relevance(labels).data<float>().ToArray();

        Assert.Equal([1L, 2, 0, 2, 0, 1], others);
        float[] expectedSimilarities = [0.6f, 0f, 0.6f, 0.8f, 0f, 0.8f];
        for (var i = 0; i < 6; i++) Assert.Equal(expectedSimilarities[i], similarities[i], 6);
        Assert.Equal([0f, 1f, 0f, 0f, 1f, 0f], relevance);
    }
}
