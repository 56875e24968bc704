using CsCheck;

namespace Combigrad.Testing;

/// <summary>
/// Costs at extreme magnitudes for the exact solvers: a base of one kind (small integers, signed uniform floats,
/// floats spread over 30 binary orders of magnitude, subnormals, or a mix with zeros and subnormals) plus one to three
/// "big-M" entries at <c>10^6</c> to <c>10^15</c> times the largest base magnitude (one sample in eight up to
/// <c>10^36</c>), one in five of them negative.
/// </summary>
public static class ExtremeCostGens
{
    /// <summary>The smallest and largest decimal exponent of the big-M ratio in the common case.</summary>
    public const int SmallestRatioExponent = 6;

    /// <inheritdoc cref="SmallestRatioExponent"/>
    public const int LargestRatioExponent = 15;

    /// <summary>The largest decimal exponent of the rare extra-wide ratio (still a finite float).</summary>
    public const int LargestWideRatioExponent = 36;

    private const float Subnormal = 1e-40f;
    private const int MaxBigEntries = 3;

    /// <summary>Base costs of length <paramref name="n"/> (no big-M entries), one kind per sample.</summary>
    public static Gen<float[]> Base(int n) => Gen.Int[0, 4].SelectMany(kind => kind switch
    {
        0 => Gen.Int[0, 3].Select(i => (float)i).Array[n],
        1 => Gen.Float[-1f, 1f].Array[n],
        2 => Gen.Float[0f, 1f].Select(Gen.Int[-30, 0]).Select(p => MathF.ScaleB(p.Item1, p.Item2)).Array[n],
        3 => Gen.Int[-3, 3].Select(i => i * Subnormal).Array[n],
        _ => Gen.Float[-1f, 1f].Select(Gen.Int[0, 9]).Select(p => p.Item2 switch
        {
            0 => 0f,
            1 => p.Item1 * Subnormal,
            _ => p.Item1,
        }).Array[n],
    });

    /// <summary><see cref="Base"/> costs with one to three big-M entries at random positions; <paramref name="n"/> at least 1.</summary>
    public static Gen<float[]> WithBigM(int n) =>
        from costs in Base(n)
        from count in Gen.Int[1, MaxBigEntries]
        from positions in Gen.Int[0, n - 1].Array[MaxBigEntries]
        from wide in Gen.Int[0, 7]
        from exponents in Gen.Int[SmallestRatioExponent, wide == 0 ? LargestWideRatioExponent : LargestRatioExponent].Array[MaxBigEntries]
        from signs in Gen.Int[0, 4].Array[MaxBigEntries]
        select AddBigM(costs, count, positions, exponents, signs);

    /// <summary>A <c>k x k</c> TSP cost matrix from <see cref="WithBigM"/>: asymmetric, or (every other sample) made
    /// symmetric by mirroring the upper triangle; the diagonal is random too (the solver must ignore it).</summary>
    public static Gen<float[]> Tsp(int k) =>
        from costs in WithBigM(k * k)
        from symmetric in Gen.Bool
        select symmetric ? MirrorUpper(costs, k) : costs;

    private static float[] AddBigM(float[] costs, int count, int[] positions, int[] exponents, int[] signs)
    {
        var largest = 0f;
        foreach (var c in costs) largest = Math.Max(largest, Math.Abs(c));
        if (largest == 0f) largest = 1f;
        var result = (float[])costs.Clone();
        for (var b = 0; b < count; b++)
        {
            var big = (float)(largest * Math.Pow(10, exponents[b]));
            if (float.IsInfinity(big)) big = float.MaxValue;
            result[positions[b]] = signs[b] == 0 ? -big : big;
        }
        return result;
    }

    private static float[] MirrorUpper(float[] costs, int k)
    {
        var result = (float[])costs.Clone();
        for (var i = 0; i < k; i++)
            for (var j = i + 1; j < k; j++)
                result[j * k + i] = result[i * k + j];
        return result;
    }

    // Signed families (graph matching, knapsack, CP-SAT, MILP properties).
    private const int SmallIntegerMax = 3;

    /// <summary>
    /// Signed costs of length <paramref name="n"/>: (0) uniform in [-1, 1] with one to three entries replaced by
    /// <c>±10^r</c>, <c>r</c> in 6..15 (mostly positive: a forbidden pair); (1) small integers with ties and big-M entries
    /// (the small costs decide among the big-M ties); (2) uniform with some subnormal entries and possibly a big-M entry;
    /// (3) log-uniform magnitudes over <c>1e-6 .. 1e15</c> with random signs.
    /// </summary>
    public static Gen<float[]> Signed(int n) => Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        0 => WithBigMEntries(Gen.Float[-1f, 1f].Array[n], n),
        1 => WithBigMEntries(Gen.Int[-SmallIntegerMax, SmallIntegerMax].Select(i => (float)i).Array[n], n),
        2 => WithSubnormals(n),
        _ => Gen.Select(Gen.Double[-6, 15], Gen.Bool).Select(t => (float)(Math.Pow(10, t.Item1) * (t.Item2 ? 1 : -1))).Array[n],
    });

    /// <summary>Like <see cref="Signed"/>, but non-negative (for solvers that require it).</summary>
    public static Gen<float[]> NonNegative(int n) => Signed(n).Select(c => c.Select(MathF.Abs).ToArray());

    private static Gen<float[]> WithBigMEntries(Gen<float[]> baseCosts, int n) =>
        Gen.Select(baseCosts, Gen.Int[1, 3], Gen.Int[0, Math.Max(0, n - 1)].Array[3], Gen.Int[SmallestRatioExponent, LargestRatioExponent].Array[3],
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
            Gen.Int[SmallestRatioExponent, LargestRatioExponent], (costs, mantissas, kinds, bigM, exponent) =>
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
