namespace Combigrad.Data.Warcraft;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014): a tiny, fully specified generator, so a seed gives the same maps on every
/// platform and .NET version. Also used to derive independent per-map seeds.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="exclusiveMax"/>).</summary>
    public int NextInt(int exclusiveMax) => (int)(NextDouble() * exclusiveMax);

    /// <summary>The SplitMix64 output function: a bijective 64-bit mixer.</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Derives a seed from a parent seed and a list of coordinates (size, split, index, ...).</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<long> coordinates)
    {
        var z = Mix(seed);
        foreach (var c in coordinates) z = Mix(z ^ Mix((ulong)c + 0x9E3779B97F4A7C15UL));
        return z;
    }
}
