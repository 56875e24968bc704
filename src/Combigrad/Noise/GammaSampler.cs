namespace Combigrad.Noise;

/// <summary>
/// Gamma variates from an explicit <see cref="Random"/>, reproducible from a seed in pure .NET (libtorch's
/// <c>_standard_gamma</c> is not faster per draw on CPU): Marsaglia and
/// Tsang (2000), <em>A simple method for generating gamma variables</em>, with their boost for shape &lt; 1,
/// <c>Gamma(a) = Gamma(a + 1) U^(1/a)</c>, with <c>U^(1/a)</c> evaluated as <c>exp(log U / a)</c>. Normals come from
/// Marsaglia's polar method (one logarithm and one square root per normal, no trigonometry).
/// </summary>
/// <remarks>Parameterisation: shape <c>a</c> and <em>scale</em> <c>theta</c>, mean <c>a theta</c>, variance <c>a theta^2</c>.</remarks>
public static class GammaSampler
{
    private const double MarsagliaTsangSqueeze = 0.0331;

    /// <summary>Draws one <c>Gamma(shape, scale)</c> variate.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="shape"/> or <paramref name="scale"/> is not positive and finite.</exception>
    public static double Sample(Random random, double shape, double scale)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (!(shape > 0) || double.IsInfinity(shape))
            throw new ArgumentOutOfRangeException(nameof(shape), shape, "The Gamma shape must be positive and finite.");
        if (!(scale > 0) || double.IsInfinity(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The Gamma scale must be positive and finite.");
        if (shape >= 1) return scale * SampleStandard(random, shape);
        var boosted = SampleStandard(random, shape + 1);
        return scale * boosted * Math.Exp(Math.Log(NextOpenUnit(random)) / shape);
    }

    /// <summary>A standard normal variate (Marsaglia's polar method; the second variate of each pair is discarded).</summary>
    public static double StandardNormal(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var u = 2 * random.NextDouble() - 1;
            var v = 2 * random.NextDouble() - 1;
            var radiusSquared = u * u + v * v;
            if (radiusSquared is > 0 and < 1) return u * Math.Sqrt(-2 * Math.Log(radiusSquared) / radiusSquared);
        }
    }

    /// <summary>Marsaglia–Tsang for shape &gt;= 1, scale 1.</summary>
    private static double SampleStandard(Random random, double shape)
    {
        var d = shape - 1.0 / 3.0;
        var c = 1.0 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = StandardNormal(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            var u = NextOpenUnit(random);
            var x2 = x * x;
            if (u < 1 - MarsagliaTsangSqueeze * x2 * x2) return d * v;
            if (Math.Log(u) < 0.5 * x2 + d * (1 - v + Math.Log(v))) return d * v;
        }
    }

    /// <summary>Uniform on (0, 1].</summary>
    private static double NextOpenUnit(Random random) => 1.0 - random.NextDouble();
}
