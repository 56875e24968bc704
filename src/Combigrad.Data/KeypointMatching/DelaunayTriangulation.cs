using Combigrad.Solvers;

namespace Combigrad.Data.KeypointMatching;

/// <summary>
/// The Delaunay triangulation of points in the plane by incremental insertion (Bowyer–Watson): each point removes the
/// triangles whose circumcircle contains it and re-triangulates the hole as a fan from the point. <c>O(n^2)</c> in the
/// worst case; a few hundred points take milliseconds.
/// </summary>
/// <remarks>
/// <para>The insertion starts from one triangle, <see cref="EnclosingTriangleScale"/> times larger than the points'
/// bounding box, whose triangles are dropped at the end. A convex-hull edge can therefore be missed only when another
/// point lies within about <c>size / EnclosingTriangleScale</c> of the hull line through it, which does not happen
/// for keypoints in general position.</para>
/// <para>Output: the graph of the triangles' sides, edges <c>(i, j)</c> with <c>i &lt; j</c> in lexicographic order.
/// Two points give one edge; collinear point sets (no proper triangle) give no edges otherwise. With four or more
/// cocircular points the choice of diagonal depends on the insertion order.</para>
/// </remarks>
public static class DelaunayTriangulation
{
    /// <summary>How much larger than the bounding box of the points the initial enclosing triangle is.</summary>
    public const double EnclosingTriangleScale = 1e6;

    /// <summary>The Delaunay graph of <paramref name="points"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite, or two points coincide.</exception>
    public static UndirectedGraph Graph(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        ThrowIfInvalid(points);
        var n = points.Count;
        if (n == 2) return new UndirectedGraph(2, [(0, 1)]);
        var edges = new SortedSet<(int, int)>();
        foreach (var (a, b, c) in Triangles(points))
        {
            edges.Add((Math.Min(a, b), Math.Max(a, b)));
            edges.Add((Math.Min(b, c), Math.Max(b, c)));
            edges.Add((Math.Min(a, c), Math.Max(a, c)));
        }
        return new UndirectedGraph(n, edges);
    }

    /// <summary>The triangles of the Delaunay triangulation, as point indices in counter-clockwise order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">A coordinate is NaN or infinite, or two points coincide.</exception>
    public static IReadOnlyList<(int A, int B, int C)> Triangles(IReadOnlyList<(double X, double Y)> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        ThrowIfInvalid(points);
        var n = points.Count;
        if (n < 3) return [];

        // All points plus the three corners of the enclosing triangle (indices n, n+1, n+2).
        var vertices = new (double X, double Y)[n + 3];
        for (var i = 0; i < n; i++) vertices[i] = points[i];
        double minX = points.Min(p => p.X), maxX = points.Max(p => p.X);
        double minY = points.Min(p => p.Y), maxY = points.Max(p => p.Y);
        var size = Math.Max(Math.Max(maxX - minX, maxY - minY), double.Epsilon);
        var reach = EnclosingTriangleScale * size;
        double centreX = (minX + maxX) / 2, centreY = (minY + maxY) / 2;
        vertices[n] = (centreX - reach, centreY - reach);
        vertices[n + 1] = (centreX + reach, centreY - reach);
        vertices[n + 2] = (centreX, centreY + reach);

        var triangles = new List<(int A, int B, int C)> { (n, n + 1, n + 2) };
        var cavityEdges = new List<(int From, int To)>();
        for (var p = 0; p < n; p++)
        {
            cavityEdges.Clear();
            var kept = 0;
            for (var i = 0; i < triangles.Count; i++)
            {
                var t = triangles[i];
                if (CircumcircleContains(vertices, t, vertices[p]))
                {
                    ToggleEdge(cavityEdges, t.A, t.B);
                    ToggleEdge(cavityEdges, t.B, t.C);
                    ToggleEdge(cavityEdges, t.C, t.A);
                }
                else
                {
                    triangles[kept++] = t;
                }
            }
            triangles.RemoveRange(kept, triangles.Count - kept);
            // The cavity is star-shaped from p and its boundary keeps the counter-clockwise orientation.
            foreach (var (from, to) in cavityEdges) triangles.Add((from, to, p));
        }
        triangles.RemoveAll(t => t.A >= n || t.B >= n || t.C >= n);
        return triangles;
    }

    /// <summary>Adds the directed edge, or removes it when the opposite edge is present (an interior edge of the
    /// cavity, shared by two removed triangles).</summary>
    private static void ToggleEdge(List<(int From, int To)> edges, int from, int to)
    {
        var opposite = edges.IndexOf((to, from));
        if (opposite >= 0) edges.RemoveAt(opposite);
        else edges.Add((from, to));
    }

    /// <summary>Whether <paramref name="d"/> lies strictly inside the circumcircle of the counter-clockwise triangle
    /// <paramref name="t"/> (the in-circle determinant, in coordinates relative to <paramref name="d"/>).</summary>
    private static bool CircumcircleContains((double X, double Y)[] v, (int A, int B, int C) t, (double X, double Y) d)
    {
        double adx = v[t.A].X - d.X, ady = v[t.A].Y - d.Y;
        double bdx = v[t.B].X - d.X, bdy = v[t.B].Y - d.Y;
        double cdx = v[t.C].X - d.X, cdy = v[t.C].Y - d.Y;
        var ad = adx * adx + ady * ady;
        var bd = bdx * bdx + bdy * bdy;
        var cd = cdx * cdx + cdy * cdy;
        return adx * (bdy * cd - bd * cdy) - ady * (bdx * cd - bd * cdx) + ad * (bdx * cdy - bdy * cdx) > 0;
    }

    private static void ThrowIfInvalid(IReadOnlyList<(double X, double Y)> points)
    {
        var seen = new HashSet<(double, double)>();
        for (var i = 0; i < points.Count; i++)
        {
            var (x, y) = points[i];
            if (!double.IsFinite(x) || !double.IsFinite(y))
                throw new ArgumentException($"Point {i} ({x}, {y}) is not finite.", nameof(points));
            if (!seen.Add((x, y)))
                throw new ArgumentException($"Point {i} ({x}, {y}) repeats an earlier point.", nameof(points));
        }
    }
}
