using Combigrad.Solvers;

namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// The Delaunay graph of a handful of keypoints (the graphs of Rolínek et al. 2020b): the sides of every triangle of
/// keypoints whose circumcircle has no keypoint strictly inside.
/// </summary>
/// <remarks>
/// <para>Brute force over all triangles, <c>O(n^4)</c> with exact-enough double predicates: meant for the ~10-20
/// keypoints of one image, not for large point sets. Edges are listed as <c>(i, j)</c>, <c>i &lt; j</c>, in
/// lexicographic order. Two points give one edge; collinear triples form no triangle, so collinear point sets give no
/// edges beyond the two-point case.</para>
/// <para>For points in general position (no four on a circle) this is the Delaunay triangulation, with
/// <c>3n - 3 - h</c> edges for <c>h</c> points on the convex hull. Four cocircular points keep both diagonals.</para>
/// </remarks>
public static class DelaunayGraph
{
    /// <summary>Relative tolerance of the orientation and in-circle tests (against rounding).</summary>
    private const double RelativeTolerance = 1e-12;

    /// <summary>Builds the Delaunay graph of <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentException">There are no points, or a coordinate is NaN or infinite.</exception>
    public static UndirectedGraph Build(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("The Delaunay graph needs at least one point.", nameof(points));
        foreach (var (x, y) in points)
            if (!double.IsFinite(x) || !double.IsFinite(y))
                throw new ArgumentException($"Keypoint ({x}, {y}) is not finite.", nameof(points));
        var n = points.Count;
        var scale = 0.0;
        foreach (var (x, y) in points) scale = Math.Max(scale, Math.Max(Math.Abs(x), Math.Abs(y)));
        scale = Math.Max(scale, 1.0);
        var adjacent = new bool[n, n];
        if (n == 2) adjacent[0, 1] = true;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                for (var k = j + 1; k < n; k++)
                {
                    if (!IsEmptyTriangle(points, i, j, k, scale)) continue;
                    adjacent[i, j] = true;
                    adjacent[i, k] = true;
                    adjacent[j, k] = true;
                }
        var edges = new List<(int, int)>();
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                if (adjacent[i, j]) edges.Add((i, j));
        return new UndirectedGraph(n, edges);
    }

    private static bool IsEmptyTriangle(IReadOnlyList<(double X, double Y)> p, int i, int j, int k, double scale)
    {
        var a = p[i];
        var b = p[j];
        var c = p[k];
        var orientation = (b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X);
        if (Math.Abs(orientation) <= RelativeTolerance * scale * scale) return false;
        if (orientation < 0) (b, c) = (c, b); // counter-clockwise from here on
        for (var m = 0; m < p.Count; m++)
        {
            if (m == i || m == j || m == k) continue;
            if (InCircle(a, b, c, p[m]) > RelativeTolerance * scale * scale * scale * scale) return false;
        }
        return true;
    }

    /// <summary>Positive when <paramref name="d"/> lies strictly inside the circle through the counter-clockwise
    /// triangle (<paramref name="a"/>, <paramref name="b"/>, <paramref name="c"/>).</summary>
    private static double InCircle((double X, double Y) a, (double X, double Y) b, (double X, double Y) c, (double X, double Y) d)
    {
        double adx = a.X - d.X, ady = a.Y - d.Y;
        double bdx = b.X - d.X, bdy = b.Y - d.Y;
        double cdx = c.X - d.X, cdy = c.Y - d.Y;
        var ad = adx * adx + ady * ady;
        var bd = bdx * bdx + bdy * bdy;
        var cd = cdx * cdx + cdy * cdy;
        return adx * (bdy * cd - bd * cdy) - ady * (bdx * cd - bd * cdx) + ad * (bdx * cdy - bdy * cdx);
    }
}
