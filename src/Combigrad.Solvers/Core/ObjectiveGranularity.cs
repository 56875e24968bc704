namespace Combigrad.Solvers;

/// <summary>
/// Exact pruning for branch-and-bound on float costs. Every float is an integer multiple of a power of two, so every
/// objective built from <c>0/1</c> selections of the costs is a multiple of the smallest such power <c>g</c> over the
/// costs: a solution strictly better than the incumbent is better by at least <c>g</c>. A bound can therefore prune
/// when it exceeds <c>incumbent - g</c>, after allowing for the double rounding of the bound and the incumbent.
/// </summary>
/// <remarks>Both quantities scale exactly with the costs under multiplication by a power of two, so the search
/// takes identical decisions on <c>w</c> and <c>2^s w</c>.</remarks>
internal static class ObjectiveGranularity
{
    /// <summary>The double rounding allowed per objective term, relative to the largest cost magnitude.</summary>
    /// <remarks>About 4500 times the unit roundoff of double: bounds are sums of at most a few hundred terms.</remarks>
    public const double RelativeRoundingPerTerm = 1e-12;

    private const int FloatMantissaBits = 23;
    private const int FloatExponentMask = 0xFF;
    private const uint FloatMantissaMask = 0x7F_FFFF;
    private const uint FloatImplicitBit = 0x80_0000;
    private const int FloatExponentBias = 127;

    /// <summary>
    /// The largest power of two of which every entry is an integer multiple, or <see cref="double.PositiveInfinity"/>
    /// when every entry is zero. Entries must be finite.
    /// </summary>
    public static double Of(ReadOnlySpan<float> values)
    {
        var smallestExponent = int.MaxValue;
        foreach (var value in values)
        {
            if (value == 0f) continue;
            smallestExponent = Math.Min(smallestExponent, LowestBitExponent(value));
        }
        return smallestExponent == int.MaxValue ? double.PositiveInfinity : Math.ScaleB(1.0, smallestExponent);
    }

    /// <summary>The exponent of the lowest set bit of a finite nonzero float: <c>value = m 2^e</c> with <c>m</c> odd.</summary>
    public static int LowestBitExponent(float value)
    {
        var bits = BitConverter.SingleToUInt32Bits(value);
        var biased = (int)(bits >> FloatMantissaBits) & FloatExponentMask;
        var mantissa = bits & FloatMantissaMask;
        var exponent = biased == 0 ? 1 - FloatExponentBias - FloatMantissaBits : biased - FloatExponentBias - FloatMantissaBits;
        if (biased != 0) mantissa |= FloatImplicitBit;
        return exponent + System.Numerics.BitOperations.TrailingZeroCount(mantissa);
    }

    /// <summary>
    /// How far below the incumbent a computed lower bound may lie and still prove that no strictly better solution
    /// exists: prune when <c>bound &gt; incumbent - PruneMargin</c>. Equals <c>g - max(g / 2, rounding)</c> where the
    /// rounding allowance is <see cref="RelativeRoundingPerTerm"/> times <paramref name="terms"/> times the largest
    /// cost magnitude. Zero or negative when rounding dominates (then only bounds above the incumbent prune).
    /// </summary>
    public static double PruneMargin(double granularity, int terms, double largestMagnitude)
    {
        var rounding = RelativeRoundingPerTerm * terms * largestMagnitude;
        return granularity - Math.Max(granularity / 2, rounding);
    }
}
