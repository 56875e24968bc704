using Combigrad.Experiments.Training;
using Combigrad.Noise;

namespace Combigrad.Experiments.Retrieval;

/// <summary>
/// Class-balanced mini-batches for batch-based ranking losses (Rolínek et al. 2020a sample a fixed number of images per
/// class): every batch holds <c>examplesPerClass</c> examples of each of <c>classesPerBatch</c> different classes, so every
/// query has <c>examplesPerClass - 1</c> relevant items among the other batch elements.
/// </summary>
/// <remarks>An epoch shuffles the examples of each class, then repeatedly draws <c>classesPerBatch</c> classes at random
/// among those with at least <c>examplesPerClass</c> unused examples and takes that many from each, until too few classes
/// remain. Every batch has the same size (the ranking solver's dimension is fixed), no example occurs twice in an epoch,
/// the few examples left over differ from epoch to epoch, and the positions within a batch are shuffled. Depends only on <c>(seed, epoch)</c>.</remarks>
public sealed class ClassBalancedSampler : IBatchSampler
{
    private readonly int[][] _examplesByClass;

    /// <summary>Creates the sampler over the training labels.</summary>
    /// <exception cref="ArgumentException">Fewer than <paramref name="classesPerBatch"/> classes have <paramref name="examplesPerClass"/> examples.</exception>
    public ClassBalancedSampler(IReadOnlyList<byte> labels, int classesPerBatch, int examplesPerClass)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classesPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(examplesPerClass, 1);
        if (classesPerBatch * examplesPerClass < 2)
            throw new ArgumentException("ClassBalancedSampler: a batch needs at least two examples (a query and a gallery).");
        _examplesByClass = Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key).Select(g => g.ToArray()).ToArray();
        var usable = _examplesByClass.Count(c => c.Length >= examplesPerClass);
        if (usable < classesPerBatch)
            throw new ArgumentException(
                $"ClassBalancedSampler: {classesPerBatch} classes per batch need {classesPerBatch} classes with >= {examplesPerClass} examples each; the data has {usable}.");
        ClassesPerBatch = classesPerBatch;
        ExamplesPerClass = examplesPerClass;
    }

    /// <summary>Different classes in every batch.</summary>
    public int ClassesPerBatch { get; }

    /// <summary>Examples of each of those classes in every batch.</summary>
    public int ExamplesPerClass { get; }

    /// <summary>The batch size, <c>ClassesPerBatch * ExamplesPerClass</c>.</summary>
    public int BatchSize => ClassesPerBatch * ExamplesPerClass;

    /// <inheritdoc />
    public IReadOnlyList<long[]> Batches(int seed, int epoch)
    {
        var random = new Random(SeedMixer.MixToInt(seed, epoch));
        var queues = _examplesByClass.Select(examples =>
        {
            var shuffled = examples.ToArray();
            random.Shuffle(shuffled);
            return new Queue<int>(shuffled);
        }).ToArray();
        var batches = new List<long[]>();
        while (true)
        {
            var open = Enumerable.Range(0, queues.Length).Where(c => queues[c].Count >= ExamplesPerClass).ToArray();
            if (open.Length < ClassesPerBatch) return batches;
            random.Shuffle(open);
            var batch = new long[BatchSize];
            var next = 0;
            foreach (var c in open.Take(ClassesPerBatch))
                for (var e = 0; e < ExamplesPerClass; e++)
                    batch[next++] = queues[c].Dequeue();
            // Mixed positions: the ranking solver breaks ties by position, which must not favour one class.
            random.Shuffle(batch);
            batches.Add(batch);
        }
    }
}
