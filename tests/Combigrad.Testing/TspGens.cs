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

    /// <summary>Great-circle distances between <paramref name="k"/> uniform random points on the unit sphere (height
    /// <c>z</c> and longitude uniform, which is uniform on the sphere by Archimedes' theorem).</summary>
    /// <remarks>Built from <c>Gen.Double.Unit</c>: CsCheck's ranged <c>Gen.Double[a, b]</c> favours special values (0,
    /// +-1, simple fractions, tiny exponents), so points built from it are not uniform; see
    /// <see cref="SphereWithTies"/>.</remarks>
    public static Gen<float[]> Sphere(int k) => Gen.Double.Unit.Array[2]
        .Select(u =>
        {
            var z = 2 * u[0] - 1;
            var radius = Math.Sqrt(Math.Max(0, 1 - z * z));
            var longitude = 2 * Math.PI * u[1];
            return new[] { radius * Math.Cos(longitude), radius * Math.Sin(longitude), z };
        })
        .Array[k]
        .Select(points => GreatCircleCosts(k, points));

    /// <summary>Great-circle distances between the directions of <paramref name="k"/> vectors drawn from CsCheck's
    /// <c>Gen.Double[-1, 1]</c> inside the unit ball: degenerate, not uniform. Its favoured values put many cities on
    /// the coordinate axes and planes: coincident cities (twins), exactly antipodal and orthogonal pairs, and many tours
    /// of equal or nearly equal length.</summary>
    public static Gen<float[]> SphereWithTies(int k) => Gen.Double[-1, 1].Array[3]
        .Where(p => Norm(p) is > MinPointNorm and <= 1)
        .Array[k]
        .Select(points => GreatCircleCosts(k, points));

    private static float[] GreatCircleCosts(int k, double[][] points)
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
    }

    /// <summary>Symmetric costs of one kind per sample: small integers in [0, 3] (many tied tours), uniform floats in
    /// [-10, 10], uniform sphere distances, or sphere distances with ties (<see cref="SphereWithTies"/>).</summary>
    public static Gen<float[]> Mixed(int k) => Gen.Int[0, 3].SelectMany(kind => kind switch
    {
        0 => Symmetric(k, Gen.Int[0, IntegerCostMax].Select(c => (float)c)),
        1 => Symmetric(k, Gen.Float[-SignedCostRange, SignedCostRange]),
        2 => Sphere(k),
        _ => SphereWithTies(k),
    });

    private static double Norm(double[] p) => Math.Sqrt(p[0] * p[0] + p[1] * p[1] + p[2] * p[2]);
}
