using Combigrad.Experiments.Retrieval;

namespace Combigrad.Experiments.Tests.Retrieval;

public sealed class ClassBalancedSamplerTests
{
    /// <summary>Unbalanced labels: class c has 20 + 7c examples, classes interleaved.</summary>
    private static byte[] Labels()
    {
        var labels = Enumerable.Range(0, 6).SelectMany(c => Enumerable.Repeat((byte)c, 20 + 7 * c)).ToArray();
        new Random(5).Shuffle(labels);
        return labels;
    }

    [Fact]
    public void Batches_EveryBatch_HasTheSameNumberOfExamplesOfEachOfItsClassesAndNoExampleTwice()
    {
        var labels = Labels();
        var sampler = new ClassBalancedSampler(labels, classesPerBatch: 3, examplesPerClass: 4);

        var batches = sampler.Batches(seed: 1, epoch: 1);

        Assert.NotEmpty(batches);
        foreach (var batch in batches)
        {
            Assert.Equal(12, batch.Length);
            var perClass = batch.GroupBy(i => labels[i]).ToArray();
            Assert.Equal(3, perClass.Length);
            Assert.All(perClass, g => Assert.Equal(4, g.Count()));
        }
        var used = batches.SelectMany(b => b).ToArray();
        Assert.Equal(used.Length, used.Distinct().Count());
        // Classes have 20..55 examples (225 in all); batches stop only when fewer than 3 classes have 4 unused examples left.
        Assert.True(used.Length > labels.Length - 2 * 55, $"{used.Length} of {labels.Length} examples used");
    }

    [Fact]
    public void Batches_SameSeedAndEpoch_Repeat_OtherEpochDiffers()
    {
        var sampler = new ClassBalancedSampler(Labels(), 3, 4);

        var first = sampler.Batches(7, 2);
        var again = sampler.Batches(7, 2);
        var next = sampler.Batches(7, 3);

        Assert.Equal(first, again);
        Assert.NotEqual(first.SelectMany(b => b), next.SelectMany(b => b));
    }

    [Fact]
    public void Constructor_TooFewClassesWithEnoughExamples_ThrowsArgumentException()
    {
        byte[] labels = [0, 0, 0, 1, 1, 2];
        var error = Assert.Throws<ArgumentException>(() => new ClassBalancedSampler(labels, classesPerBatch: 2, examplesPerClass: 3));
        Assert.Contains("classes", error.Message);
    }
}
