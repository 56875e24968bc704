namespace Combigrad.Noise;

/// <summary>
/// A seeded xoshiro256** generator (Blackman and Vigna, 2018) behind the <see cref="Random"/> API. <c>new Random(seed)</c>
/// falls back to .NET's legacy subtractive generator, which is several times slower per draw; the noise samplers that
/// draw hundreds of thousands of uniforms per batch use this instead. The state is expanded from the seed with SplitMix64,
/// so every seed (including 0) gives a valid, process-stable stream.
/// </summary>
public sealed class XoshiroRandom : Random
{
    private const double UnitScale = 1.0 / (1UL << 53);
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates the generator from a 64-bit seed.</summary>
    public XoshiroRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <inheritdoc />
    public override double NextDouble() => (NextUInt64() >> 11) * UnitScale;

    /// <inheritdoc />
    protected override double Sample() => NextDouble();

    /// <inheritdoc />
    public override int Next() => (int)(NextUInt64() >> 33);

    /// <inheritdoc />
    public override int Next(int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        return (int)NextInt64(maxValue);
    }

    /// <inheritdoc />
    public override int Next(int minValue, int maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return (int)(minValue + NextInt64((long)maxValue - minValue));
    }

    /// <inheritdoc />
    public override long NextInt64() => (long)(NextUInt64() >> 1);

    /// <inheritdoc />
    public override long NextInt64(long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxValue);
        if (maxValue <= 1) return 0;
        // Lemire's unbiased bounded draw: reject the few low products that would over-represent small values.
        var range = (ulong)maxValue;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold) return (long)product;
        }
    }

    /// <inheritdoc />
    public override long NextInt64(long minValue, long maxValue)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minValue, maxValue);
        return minValue + NextInt64(maxValue - minValue);
    }

    /// <inheritdoc />
    public override float NextSingle() => (NextUInt64() >> 40) * (1.0f / (1U << 24));

    /// <inheritdoc />
    public override void NextBytes(byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        NextBytes(buffer.AsSpan());
    }

    /// <inheritdoc />
    public override void NextBytes(Span<byte> buffer)
    {
        for (var i = 0; i < buffer.Length; i += 8)
        {
            var bits = NextUInt64();
            for (var j = i; j < Math.Min(i + 8, buffer.Length); j++, bits >>= 8) buffer[j] = (byte)bits;
        }
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong state)
    {
        unchecked
        {
            var z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
