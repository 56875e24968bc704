using Combigrad.Data.Warcraft;

namespace Combigrad.Data.KeypointMatching;

/// <summary>Generates a split of keypoint pairs: pair <c>i</c> warps source image <c>i</c> with a seed derived from (seed, i).</summary>
public static class KeypointPairSet
{
    /// <summary>
    /// Generates <paramref name="count"/> pairs in parallel (the result does not depend on the number of cores).
    /// <paramref name="sourceImage"/> returns the <c>[3, side, side]</c> source of a pair from the pair's seed.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The count or an option is out of range.</exception>
    public static KeypointPair[] Generate(Func<ulong, byte[]> sourceImage, int side, int count, KeypointPairOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(sourceImage);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        options.Validate();
        var pairs = new KeypointPair[count];
        Parallel.For(0, count, i =>
        {
            var pairSeed = PairSeed(seed, i);
            pairs[i] = KeypointPairGenerator.Generate(sourceImage(SplitMix64.Derive(pairSeed, ImageStream)), side, options, pairSeed);
        });
        return pairs;
    }

    /// <summary>The seed of pair <paramref name="index"/> of the split with <paramref name="seed"/>.</summary>
    public static ulong PairSeed(ulong seed, int index) => SplitMix64.Derive(seed, index);

    private const long ImageStream = 1;
}
