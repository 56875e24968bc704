using CsCheck;

namespace Combigrad.Testing;

/// <summary>CsCheck generators of TSP cost matrices (row-major <c>k x k</c>, zero diagonal).</summary>
public static class TspGens
{
    private const float SignedCostRange = 10f;
    private const int IntegerCostMax = 3;
    private const double MinPointNorm = 1e-3;

    /// <summary>Symmetric costs whose entries above the diagonal come from <paramref name="entry"/>.</summary>
    public static Gen<float[]> Symmetric(int k, Gen<float> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Array[k * (k - 1) / 2].Select(upper =>
        {
            var costs = new float[k * k];
            var next = 0;
            for (var i = 0; i < k; i++)
                for (var j = i + 1; j < k; j++) costs[i * k + j] = costs[j * k + i] = upper[next++];
            return costs;
        });
    }

    /// <summary>Great-circle distances between <paramref name="k"/> uniform random points on the unit sphere.</summary>
    public static Gen<float[]> Sphere(int k) => Gen.Double[-1, 1].Array[3]
        .Where(p => Norm(p) is > MinPointNorm and <= 1)
        .Array[k]
        .Select(points =>
        {
            var costs = new float[k * k];
            for (var i = 0; i < k; i++)
            {
                for (var j = i + 1; j < k; j++)
                {
                    var dot = (points[i][0] * points[j][0] + points[i][1] * points[j][1] + points[i][2] * points[j][2])
                              / (Norm(points[i]) * Norm(points[j]));
                    costs[i * k + j] = costs[j * k + i] = (float)Math.Acos(Math.Clamp(dot, -1, 1));
                }
            }
            return costs;
        });

    /// <summary>Symmetric costs of one kind per sample: small integers in [0, 3] (many tied tours), uniform floats in
    /// [-10, 10], or sphere distances.</summary>
    public static Gen<float[]> Mixed(int k) => Gen.Int[0, 2].SelectMany(kind => kind switch
    {
        0 => Symmetric(k, Gen.Int[0, IntegerCostMax].Select(c => (float)c)),
        1 => Symmetric(k, Gen.Float[-SignedCostRange, SignedCostRange]),
        _ => Sphere(k),
    });

    private static double Norm(double[] p) => Math.Sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
}
