namespace Combigrad.Data.Warcraft;

/// <summary>
/// What to generate: map size k, split sizes and the seed. Map i of split s is generated from a seed derived from
/// <c>(Seed, k, s, i)</c> alone, so a smaller build is a prefix of a larger one with the same seed.
/// </summary>
public sealed record WarcraftDatasetOptions
{
    /// <summary>The sizes of the benchmark (Vlastelica et al. 2020 use 12, 18, 24, 30); any k in [2, 255] is accepted.</summary>
    public static readonly IReadOnlyList<int> StandardSizes = [12, 18, 24, 30];

    /// <summary>k: maps have k x k cells and render to 8k x 8k pixels.</summary>
    public int Size { get; init; } = 12;

    /// <summary>The number of training maps (benchmark: 10,000).</summary>
    public int TrainCount { get; init; } = 10_000;

    /// <summary>The number of validation maps (benchmark: 1,000).</summary>
    public int ValidationCount { get; init; } = 1_000;

    /// <summary>The number of test maps (benchmark: 1,000).</summary>
    public int TestCount { get; init; } = 1_000;

    /// <summary>The data seed.</summary>
    public long Seed { get; init; }

    /// <summary>The count of <paramref name="split"/>.</summary>
    public int Count(WarcraftSplit split) => split switch
    {
        WarcraftSplit.Train => TrainCount,
        WarcraftSplit.Validation => ValidationCount,
        WarcraftSplit.Test => TestCount,
        _ => throw new ArgumentOutOfRangeException(nameof(split), split, "Unknown split."),
    };

    /// <summary>Throws when an option is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">k outside [2, 255] or a count below 1.</exception>
    public void Validate()
    {
        const int MaximumSize = 255;
        if (Size < WarcraftMapGenerator.MinimumSize || Size > MaximumSize)
            throw new ArgumentOutOfRangeException(nameof(Size), Size, $"k must be in [{WarcraftMapGenerator.MinimumSize}, {MaximumSize}] (benchmark sizes: {string.Join(", ", StandardSizes)}).");
        if (TrainCount < 1) throw new ArgumentOutOfRangeException(nameof(TrainCount), TrainCount, "The training count must be at least 1.");
        if (ValidationCount < 1) throw new ArgumentOutOfRangeException(nameof(ValidationCount), ValidationCount, "The validation count must be at least 1.");
        if (TestCount < 1) throw new ArgumentOutOfRangeException(nameof(TestCount), TestCount, "The test count must be at least 1.");
    }
}
