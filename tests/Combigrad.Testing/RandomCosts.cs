namespace Combigrad.Testing;

/// <summary>Seeded cost generators. Every method takes the generator explicitly; there is no global seed.</summary>
public static class RandomCosts
{
    /// <summary>Independent uniform costs in <c>[min, max)</c>.</summary>
    public static float[] Uniform(Random random, int n, float min, float max)
    {
        ArgumentNullException.ThrowIfNull(random);
        var costs = new float[n];
        for (var i = 0; i < n; i++) costs[i] = min + (float)random.NextDouble() * (max - min);
        return costs;
    }

    /// <summary>Integer-valued costs in <c>[min, max]</c>: many exact ties.</summary>
    public static float[] SmallIntegers(Random random, int n, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(random);
        var costs = new float[n];
        for (var i = 0; i < n; i++) costs[i] = random.Next(min, max + 1);
        return costs;
    }

    /// <summary>
    /// Distinct costs at least <paramref name="gap"/> apart: a random permutation of <c>offset + gap * j</c>,
    /// <c>j = 0..n-1</c>. Order-preserving float operations cannot create ties among them.
    /// </summary>
    public static float[] WellSeparated(Random random, int n, float offset, float gap)
    {
        ArgumentNullException.ThrowIfNull(random);
        var costs = new float[n];
        for (var j = 0; j < n; j++) costs[j] = offset + gap * j;
        random.Shuffle(costs);
        return costs;
    }

    /// <summary>
    /// A mix for grid tests: uniform floats, small integers (ties), or uniform with a fraction of exact zeros,
    /// chosen at random per instance. All non-negative.
    /// </summary>
    public static float[] MixedNonNegative(Random random, int n)
    {
        ArgumentNullException.ThrowIfNull(random);
        const int Kinds = 3;
        const float UniformMax = 10f;
        const int IntegerMax = 3;
        const double ZeroFraction = 0.3;
        switch (random.Next(Kinds))
        {
            case 0:
                return Uniform(random, n, 0f, UniformMax);
            case 1:
                return SmallIntegers(random, n, 0, IntegerMax);
            default:
                var costs = Uniform(random, n, 0f, UniformMax);
                for (var i = 0; i < n; i++)
                    if (random.NextDouble() < ZeroFraction) costs[i] = 0f;
                return costs;
        }
    }

    /// <summary>Uniform floats in <c>[-10, 10)</c> or small integers in <c>[-3, 3]</c> (ties), chosen per instance.</summary>
    public static float[] MixedSigned(Random random, int n)
    {
        ArgumentNullException.ThrowIfNull(random);
        const float Range = 10f;
        const int IntegerRange = 3;
        return random.Next(2) == 0
            ? Uniform(random, n, -Range, Range)
            : SmallIntegers(random, n, -IntegerRange, IntegerRange);
    }
}
