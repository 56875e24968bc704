namespace Combigrad.Experiments.Benchmarks;

/// <summary>Seeded instance generators shared by the benchmark cases (and the BenchmarkDotNet suite).</summary>
public static class BenchmarkInstances
{
    /// <summary>Great-circle distances on the unit sphere are quantised to this many units per radian, so that
    /// OR-Tools (integer costs) and Combigrad solve exactly the same instance.</summary>
    public const float SphereUnitsPerRadian = 10_000f;

    /// <summary>
    /// The Globe TSP instance of the benchmark: <paramref name="k"/> uniform random points on the unit sphere,
    /// symmetric great-circle distances rounded to integers (<see cref="SphereUnitsPerRadian"/>), diagonal 0.
    /// </summary>
    public static float[] SphereTspCosts(Random random, int k)
    {
        ArgumentNullException.ThrowIfNull(random);
        var points = new double[k * 3];
        for (var i = 0; i < k; i++)
        {
            // A normalised Gaussian vector is uniform on the sphere.
            double x = Gaussian(random), y = Gaussian(random), z = Gaussian(random);
            var norm = Math.Sqrt(x * x + y * y + z * z);
            (points[3 * i], points[3 * i + 1], points[3 * i + 2]) = (x / norm, y / norm, z / norm);
        }
        var costs = new float[k * k];
        for (var i = 0; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                var dot = points[3 * i] * points[3 * j] + points[3 * i + 1] * points[3 * j + 1] + points[3 * i + 2] * points[3 * j + 2];
                costs[i * k + j] = costs[j * k + i] = MathF.Round((float)Math.Acos(Math.Clamp(dot, -1, 1)) * SphereUnitsPerRadian);
            }
        }
        return costs;
    }

    /// <summary>Sets one random off-diagonal pair <c>{i, j}</c> of a <c>k x k</c> cost matrix to <paramref name="bigM"/> in
    /// both directions: a "forbidden" TSP edge.</summary>
    public static void SetBigMEdge(Random random, float[] costs, int k, float bigM)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(costs);
        var i = random.Next(k);
        var j = (i + 1 + random.Next(k - 1)) % k;
        costs[i * k + j] = costs[j * k + i] = bigM;
    }

    /// <summary>Integer costs uniform in <c>[min, max]</c>, as floats.</summary>
    public static float[] IntegerCosts(Random random, int n, int min, int max)
    {
        ArgumentNullException.ThrowIfNull(random);
        var costs = new float[n];
        for (var i = 0; i < n; i++) costs[i] = random.Next(min, max + 1);
        return costs;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
