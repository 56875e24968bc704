using System.Numerics;
using System.Runtime.InteropServices;

namespace Combigrad.Benchmarks.GridBaseline;

/// <summary>A vectorised check that costs are finite and non-negative, returning their maximum in the same pass.</summary>
internal static class NonNegativeCosts
{
    /// <summary>The bits of <see cref="float.PositiveInfinity"/>: finite floats with a clear sign bit have smaller bits,
    /// and among them the bit order is the numeric order.</summary>
    private const uint InfinityBits = 0x7F80_0000;

    /// <summary>The largest cost, or null when some entry is NaN, infinite or has its sign bit set (a negative number or
    /// <c>-0</c>; the caller decides what to do then).</summary>
    public static float? Max(ReadOnlySpan<float> costs)
    {
        var bits = MemoryMarshal.Cast<float, uint>(costs);
        var largest = 0u;
        var i = 0;
        if (Vector.IsHardwareAccelerated && bits.Length >= Vector<uint>.Count)
        {
            var vectors = MemoryMarshal.Cast<uint, Vector<uint>>(bits);
            var accumulator = Vector<uint>.Zero;
            foreach (var vector in vectors) accumulator = Vector.Max(accumulator, vector);
            for (var lane = 0; lane < Vector<uint>.Count; lane++) largest = Math.Max(largest, accumulator[lane]);
            i = vectors.Length * Vector<uint>.Count;
        }
        for (; i < bits.Length; i++) largest = Math.Max(largest, bits[i]);
        return largest < InfinityBits ? BitConverter.UInt32BitsToSingle(largest) : null;
    }
}
