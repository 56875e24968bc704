namespace Combigrad.Solvers;

/// <summary>
/// Float costs as integers for integer solvers (CP-SAT, the integer-dual matching algorithm): multiply by the power of
/// two <c>2^s</c> that puts the largest |cost| in <c>[2^(bits-1), 2^bits)</c> and round to the nearest even. A power of
/// two keeps the rounding exact where it can be and makes the result identical for <c>w</c> and <c>2^t w</c>.
/// </summary>
internal static class IntegerCostScaling
{
    /// <summary>The power of two for <paramref name="costs"/> at <paramref name="bits"/> bits (1 when all are zero).</summary>
    public static double Scale(ReadOnlySpan<float> costs, int bits)
    {
        var maxAbs = 0f;
        foreach (var c in costs) maxAbs = Math.Max(maxAbs, Math.Abs(c));
        return maxAbs == 0f ? 1.0 : Math.ScaleB(1.0, bits - 1 - Math.ILogB(maxAbs));
    }

    /// <summary><paramref name="cost"/> times <paramref name="scale"/>, rounded to the nearest integer (ties to even).</summary>
    public static long Round(float cost, double scale) => (long)Math.Round(cost * scale, MidpointRounding.ToEven);
}
