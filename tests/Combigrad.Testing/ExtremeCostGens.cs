using CsCheck;

namespace Combigrad.Testing;

/// <summary>
/// Cost vectors with extreme magnitudes for the exactness properties of issue 18: big-M entries at ratios
/// <c>1e6 .. 1e15</c> to the rest, mixed signs, subnormals, and magnitudes spread over many decades, one kind per
/// sample.
/// </summary>
public static class ExtremeCostGens
{
    /// <summary>The smallest big-M ratio, as a power of ten.</summary>
    public const int MinRatioExponent = 6;

    /// <summary>The largest big-M ratio, as a power of ten.</summary>
    public const int MaxRatioExponent = 15;

    private const int SmallIntegerMax = 3;

    /// <summary>
    /// Signed costs of length <paramref name="n"/>: (0) uniform in [-1, 1] with one to three entries replaced by
    /// <c>±10^r</c>, <c>r</c> in 6..15 (mostly positive: a forbidden pair); (1) small integers with ties and big-M entries
    /// (the small costs decide among the big-M ties); (2) uniform with some subnormal entries and possibly a big-M entry;
    /// (3) log-uniform magnitudes over <c>1e-6 .. 1e15</c> with random signs.
    /// </summary>
    public static Gen<float[]> Signed(int n) => Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        0 => WithBigM(Gen.Float[-1f, 1f].Array[n], n),
        1 => WithBigM(Gen.Int[-SmallIntegerMax, SmallIntegerMax].Select(i => (float)i).Array[n], n),
        2 => WithSubnormals(n),
        _ => Gen.Select(Gen.Double[-6, 15], Gen.Bool).Select(t => (float)(Math.Pow(10, t.Item1) * (t.Item2 ? 1 : -1))).Array[n],
    });

    /// <summary>Like <see cref="Signed"/>, but non-negative (for solvers that require it).</summary>
    public static Gen<float[]> NonNegative(int n) => Signed(n).Select(c => c.Select(MathF.Abs).ToArray());

    private static Gen<float[]> WithBigM(Gen<float[]> baseCosts, int n) =>
        Gen.Select(baseCosts, Gen.Int[1, 3], Gen.Int[0, Math.Max(0, n - 1)].Array[3], Gen.Int[MinRatioExponent, MaxRatioExponent].Array[3],
            Gen.Int[0, 3].Array[3], (costs, count, at, exponents, signs) =>
            {
                var result = costs.ToArray();
                for (var j = 0; j < count && n > 0; j++)
                {
                    // One in four big-M entries is negative: a large reward, the mirror case.
                    var magnitude = MathF.Pow(10f, exponents[j]);
                    result[at[j]] = signs[j] == 0 ? -magnitude : magnitude;
                }
                return result;
            });

    private static Gen<float[]> WithSubnormals(int n) =>
        Gen.Select(Gen.Float[-1f, 1f].Array[n], Gen.Int[1, 1 << 20].Array[n], Gen.Int[0, 2].Array[n], Gen.Bool,
            Gen.Int[MinRatioExponent, MaxRatioExponent], (costs, mantissas, kinds, bigM, exponent) =>
            {
                var result = costs.ToArray();
                for (var i = 0; i < n; i++)
                {
                    // A third of the entries subnormal (signed), the rest as drawn.
                    if (kinds[i] == 0) result[i] = BitConverter.Int32BitsToSingle(mantissas[i]) * (costs[i] < 0 ? -1f : 1f);
                }
                if (bigM && n > 0) result[0] = MathF.Pow(10f, exponent);
                return result;
            });
}
