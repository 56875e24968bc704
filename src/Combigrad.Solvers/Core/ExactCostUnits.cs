using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>Which integer type an exact solver runs in: the narrowest one in which no intermediate value can overflow.</summary>
internal enum ExactIntegerWidth
{
    /// <summary><see cref="long"/>: the fast path, taken by well-scaled costs.</summary>
    Int64,
    /// <summary><see cref="System.Int128"/>: costs spanning up to about 2^100 (for example a big-M entry 1e15 times the rest).</summary>
    Int128,
    /// <summary><see cref="System.Numerics.BigInteger"/>: any finite floats (subnormals next to 1e38); slow but exact.</summary>
    Big,
}

/// <summary>
/// Float costs as exact integers. A finite float is <c>m 2^e</c> with an integer <c>m</c> of at most 24 bits, so every
/// cost is an integer multiple of <c>2^unit</c>, <c>unit</c> the smallest exponent of a lowest set bit among the costs;
/// in that unit sums of costs are exact integer sums, with no rounding at any magnitude. The width of the integer type is
/// chosen from <see cref="MagnitudeBits"/> (how many bits the largest |cost| needs in that unit) plus the solver's
/// headroom, so the common, well-scaled case runs in <see cref="long"/>.
/// </summary>
/// <remarks>Multiplying every cost by a power of two shifts <c>unit</c> and leaves the integers unchanged, so solvers
/// built on this take identical decisions on <c>w</c> and <c>2^t w</c>.</remarks>
internal readonly record struct ExactCostUnits(int UnitExponent, int MagnitudeBits)
{
    /// <summary>The bits of <see cref="long"/> available to magnitudes (one is the sign).</summary>
    public const int Int64ValueBits = 62;

    /// <summary>The bits of <see cref="System.Int128"/> available to magnitudes.</summary>
    public const int Int128ValueBits = 126;

    private const int FloatMantissaBits = 23;
    private const int FloatExponentMask = 0xFF;
    private const uint FloatMantissaMask = 0x7F_FFFF;
    private const uint FloatImplicitBit = 0x80_0000;
    private const int FloatExponentBias = 127;

    /// <summary>The units of <paramref name="costs"/> (finite). With <paramref name="diagonalSide"/> <c>k &gt; 0</c> the
    /// costs are a <c>k x k</c> matrix whose diagonal is ignored. All-zero costs give unit <c>2^0</c> and 0 magnitude
    /// bits.</summary>
    public static ExactCostUnits Of(ReadOnlySpan<float> costs, int diagonalSide = 0)
    {
        var lowest = int.MaxValue;
        var highest = int.MinValue;
        for (var i = 0; i < costs.Length; i++)
        {
            var c = costs[i];
            if (c == 0f || (diagonalSide > 0 && i % (diagonalSide + 1) == 0)) continue;
            Decompose(c, out var mantissa, out var exponent);
            lowest = Math.Min(lowest, exponent + BitOperations.TrailingZeroCount(mantissa));
            highest = Math.Max(highest, exponent + 32 - BitOperations.LeadingZeroCount(mantissa));
        }
        return lowest == int.MaxValue ? new ExactCostUnits(0, 0) : new ExactCostUnits(lowest, highest - lowest);
    }

    /// <summary>These units refined by <c>2^-extraBits</c>: every integer is multiplied by <c>2^extraBits</c>.</summary>
    public ExactCostUnits Refined(int extraBits) => new(UnitExponent - extraBits, MagnitudeBits + extraBits);

    /// <summary>The narrowest width holding magnitudes of <see cref="MagnitudeBits"/> + <paramref name="headroomBits"/> bits.</summary>
    public ExactIntegerWidth WidthFor(int headroomBits) =>
        MagnitudeBits + headroomBits <= Int64ValueBits ? ExactIntegerWidth.Int64
        : MagnitudeBits + headroomBits <= Int128ValueBits ? ExactIntegerWidth.Int128
        : ExactIntegerWidth.Big;

    /// <summary><paramref name="value"/> (finite, a multiple of the unit) as an exact integer number of units.</summary>
    public T ToInteger<T>(float value) where T : IBinaryInteger<T>
    {
        if (value == 0f) return T.Zero;
        Decompose(value, out var mantissa, out var exponent);
        var trailingZeros = BitOperations.TrailingZeroCount(mantissa);
        var magnitude = T.CreateTruncating(mantissa >> trailingZeros) << (exponent + trailingZeros - UnitExponent);
        return value < 0f ? -magnitude : magnitude;
    }

    /// <summary>An integer number of units back as a double (rounded when it needs more than 53 bits).</summary>
    public double ToDouble<T>(T units) where T : IBinaryInteger<T> => Math.ScaleB(double.CreateSaturating(units), UnitExponent);

    /// <summary>An integer number of units as a double no larger than it (for reporting a proven lower bound).</summary>
    public double ToDoubleAtMost<T>(T units) where T : IBinaryInteger<T>
    {
        var value = double.CreateSaturating(units);
        if (T.CreateSaturating(value) > units) value = Math.BitDecrement(value);
        var scaled = Math.ScaleB(value, UnitExponent);
        return Math.ScaleB(scaled, -UnitExponent) > value ? Math.BitDecrement(scaled) : scaled;
    }

    /// <summary>|value| = <paramref name="mantissa"/> 2^<paramref name="exponent"/> for a finite nonzero float.</summary>
    private static void Decompose(float value, out uint mantissa, out int exponent)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var biased = (int)(bits >> FloatMantissaBits) & FloatExponentMask;
        mantissa = bits & FloatMantissaMask;
        if (biased != 0) mantissa |= FloatImplicitBit;
        exponent = (biased == 0 ? 1 : biased) - FloatExponentBias - FloatMantissaBits;
    }
}
