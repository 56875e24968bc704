using System.Numerics;

namespace Combigrad.Testing;

/// <summary>
/// Exact arithmetic on floats and doubles for oracles: every finite double is an integer multiple of <c>2^-1074</c>, so
/// <see cref="Scaled(double)"/> (the value times <c>2^1074</c>, a <see cref="BigInteger"/>) adds and compares without
/// rounding. Written from the IEEE 754 definition, independent of the solvers' integer scalings.
/// </summary>
public static class ExactSums
{
    private const int DoubleMantissaBits = 52;
    private const int DoubleExponentBias = 1023;
    private const int ScaleExponent = 1074;

    /// <summary><paramref name="value"/> (finite) times <c>2^1074</c>, exactly.</summary>
    public static BigInteger Scaled(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(nameof(value), value, "Must be finite.");
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> DoubleMantissaBits) & 0x7FF);
        var mantissa = bits & ((1L << DoubleMantissaBits) - 1);
        // value = mantissa' 2^(exponent), mantissa' with the implicit bit for normal numbers.
        var exponent = biased == 0 ? 1 - DoubleExponentBias - DoubleMantissaBits : biased - DoubleExponentBias - DoubleMantissaBits;
        if (biased != 0) mantissa |= 1L << DoubleMantissaBits;
        var magnitude = new BigInteger(mantissa) << (exponent + ScaleExponent);
        return bits < 0 ? -magnitude : magnitude;
    }

    /// <summary>The exact <c>&lt;y, c&gt;</c> times <c>2^1074</c> for a 0/1 vector <paramref name="y"/>.</summary>
    /// <exception cref="ArgumentException">An entry of <paramref name="y"/> is not 0 or 1, or the lengths differ.</exception>
    public static BigInteger Objective(ReadOnlySpan<float> y, ReadOnlySpan<float> costs)
    {
        if (y.Length != costs.Length) throw new ArgumentException($"Lengths {y.Length} and {costs.Length} differ.", nameof(y));
        var sum = BigInteger.Zero;
        for (var i = 0; i < y.Length; i++)
        {
            if (y[i] == 0f) continue;
            if (y[i] != 1f) throw new ArgumentException($"Entry {i} is {y[i]}, not 0 or 1.", nameof(y));
            sum += Scaled(costs[i]);
        }
        return sum;
    }

    /// <summary>The exact minimum of <see cref="Objective"/> over <paramref name="solutions"/> (times <c>2^1074</c>).</summary>
    public static BigInteger Minimum(IEnumerable<float[]> solutions, ReadOnlySpan<float> costs)
    {
        ArgumentNullException.ThrowIfNull(solutions);
        BigInteger? best = null;
        foreach (var y in solutions)
        {
            var value = Objective(y, costs);
            if (best is null || value < best) best = value;
        }
        return best ?? throw new ArgumentException("No solutions.", nameof(solutions));
    }

    /// <summary>The exact value (times <c>2^1074</c>) as an approximate double, for messages.</summary>
    public static double ToDouble(BigInteger scaled)
    {
        const int Shift = 500;
        return Math.ScaleB((double)(scaled >> Shift), Shift - ScaleExponent) + Math.ScaleB((double)(scaled & ((BigInteger.One << Shift) - 1)), -ScaleExponent);
    }
}
