using CsCheck;

namespace Combigrad.Testing;

/// <summary>CsCheck generators of cost vectors: continuous, tie-heavy, with zeros, with outliers and signed.</summary>
public static class CostGens
{
    private const float UniformMax = 10f;
    private const int IntegerMax = 3;
    private const float OutlierCost = 1e6f;
    private const float TinyCost = 1e-40f;
    private static readonly float[] SignedZerosAndOnes = [0f, -0f, 1f, -1f];

    /// <summary>Non-negative costs of length <paramref name="n"/>, of one kind per sample: uniform floats, small
    /// integers (exact ties), uniform with ~30% exact zeros, all zero, uniform with a few huge outliers, or subnormal
    /// tiny values.</summary>
    public static Gen<float[]> NonNegative(int n) => Gen.Int[0, 5].SelectMany(kind => kind switch
    {
        0 => Gen.Float[0f, UniformMax].Array[n],
        1 => Gen.Int[0, IntegerMax].Select(i => (float)i).Array[n],
        2 => Gen.Float[0f, UniformMax].Select(Gen.Int[0, 9]).Select(p => p.Item2 < 3 ? 0f : p.Item1).Array[n],
        3 => Gen.Const(0f).Array[n],
        4 => Gen.Float[0f, UniformMax].Select(Gen.Int[0, 19]).Select(p => p.Item2 == 0 ? OutlierCost : p.Item1).Array[n],
        _ => Gen.Int[0, IntegerMax].Select(i => i * TinyCost).Array[n],
    });

    /// <summary>Signed costs of length <paramref name="n"/>, of one kind per sample, for order-based solvers whose
    /// tie-break is pinned: uniform floats in [-10, 10], small integers in [-3, 3] (many ties), all equal, or only
    /// <c>0</c>, <c>-0</c>, <c>1</c> and <c>-1</c> (ties between the two zeros).</summary>
    public static Gen<float[]> SignedWithTies(int n) => Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        0 => Gen.Float[-UniformMax, UniformMax].Array[n],
        1 => Gen.Int[-IntegerMax, IntegerMax].Select(i => (float)i).Array[n],
        2 => Gen.Float[-UniformMax, UniformMax].Select(c => Enumerable.Repeat(c, n).ToArray()),
        _ => Gen.Int[0, 3].Select(i => SignedZerosAndOnes[i]).Array[n],
    });

    /// <summary>Signed costs of length <paramref name="n"/>: uniform floats in [-10, 10] or small integers in [-3, 3]
    /// (ties), one kind per sample.</summary>
    public static Gen<float[]> Signed(int n) => Gen.Bool.SelectMany(uniform => uniform
        ? Gen.Float[-UniformMax, UniformMax].Array[n]
        : Gen.Int[-IntegerMax, IntegerMax].Select(i => (float)i).Array[n]);
}
