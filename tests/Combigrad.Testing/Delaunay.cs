using Combigrad.Solvers;

namespace Combigrad.Testing;

/// <summary>Delaunay graphs of random keypoints, as in keypoint matching (Rolínek et al. 2020b).</summary>
public static class Delaunay
{
    /// <summary>
    /// The Delaunay graph of <paramref name="points"/>: an edge for every side of a triangle whose circumcircle
    /// contains no other point strictly inside. <c>O(n^4)</c>; for the handful of keypoints of an image. Points in
    /// general position assumed (random floats).
    /// </summary>
    public static UndirectedGraph Graph(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var edges = new SortedSet<(int, int)>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                for (var k = j + 1; k < n; k++)
                {
                    if (!EmptyCircumcircle(points, i, j, k)) continue;
                    edges.Add((i, j));
                    edges.Add((i, k));
                    edges.Add((j, k));
                }
        if (n == 2) edges.Add((0, 1));
        return new UndirectedGraph(n, edges);
    }

    /// <summary>Uniform random points in the unit square.</summary>
    public static (double X, double Y)[] RandomPoints(Random random, int count)
    {
        ArgumentNullException.ThrowIfNull(random);
        var points = new (double, double)[count];
        for (var i = 0; i < count; i++) points[i] = (random.NextDouble(), random.NextDouble());
        return points;
    }

    private static bool EmptyCircumcircle(IReadOnlyList<(double X, double Y)> p, int i, int j, int k)
    {
        var (ax, ay) = p[i];
        var (bx, by) = p[j];
        var (cx, cy) = p[k];
        var d = 2 * (ax * (by - cy) + bx * (cy - ay) + cx * (ay - by));
        if (Math.Abs(d) < 1e-12) return false;
        var ux = ((ax * ax + ay * ay) * (by - cy) + (bx * bx + by * by) * (cy - ay) + (cx * cx + cy * cy) * (ay - by)) / d;
        var uy = ((ax * ax + ay * ay) * (cx - bx) + (bx * bx + by * by) * (ax - cx) + (cx * cx + cy * cy) * (bx - ax)) / d;
        var r2 = (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy);
        for (var m = 0; m < p.Count; m++)
        {
            if (m == i || m == j || m == k) continue;
            var dx = p[m].X - ux;
            var dy = p[m].Y - uy;
            if (dx * dx + dy * dy < r2 * (1 - 1e-12)) return false;
        }
        return true;
    }
}
