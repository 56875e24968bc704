using Combigrad.Solvers;
using CsCheck;

namespace Combigrad.Testing;

/// <summary>CsCheck generators of small undirected graphs for the matching solvers: random (Erdős–Rényi), bipartite,
/// triangles joined by edges (blossom-heavy), Delaunay triangulations of random points, and random graphs that contain a
/// perfect matching. Edge order and orientation are random so that solvers cannot rely on them.</summary>
/// <remarks>Probabilities and coordinates are built from <c>Gen.Double.Unit</c> (uniform); CsCheck's ranged
/// <c>Gen.Double[a, b]</c> favours special values, which would break the general position Delaunay assumes.</remarks>
public static class GraphGens
{
    /// <summary>A uniform double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public static Gen<double> Uniform(double min, double max) => Gen.Double.Unit.Select(u => min + (max - min) * u);

    /// <summary>A uniformly random permutation of <c>0..n-1</c> (ranks of uniform keys).</summary>
    public static Gen<int[]> Permutation(int n) => Gen.Double.Unit.Array[n]
        .Select(keys => Enumerable.Range(0, n).OrderBy(i => keys[i]).ToArray());

    /// <summary>A graph on <paramref name="vertexCount"/> vertices in which each pair is an edge with probability
    /// <paramref name="density"/> (drawn once per graph); edges in random order and orientation.</summary>
    public static Gen<UndirectedGraph> Random(int vertexCount, Gen<double> density)
    {
        ArgumentNullException.ThrowIfNull(density);
        var pairs = vertexCount * (vertexCount - 1) / 2;
        return density.Select(Gen.Double.Unit.Select(Gen.Bool, Gen.Double.Unit).Array[pairs], (d, draws) =>
        {
            var edges = new List<((int, int) Edge, double Key)>();
            var next = 0;
            for (var i = 0; i < vertexCount; i++)
            {
                for (var j = i + 1; j < vertexCount; j++)
                {
                    var (u, flip, key) = draws[next++];
                    if (u < d) edges.Add((flip ? (j, i) : (i, j), key));
                }
            }
            return new UndirectedGraph(vertexCount, edges.OrderBy(e => e.Key).Select(e => e.Edge).ToArray());
        });
    }

    /// <summary>A bipartite graph with <paramref name="half"/> vertices per side, the sides interleaved in random vertex
    /// order, each cross pair an edge with probability <paramref name="density"/>, edges in random order.</summary>
    public static Gen<UndirectedGraph> Bipartite(int half, Gen<double> density)
    {
        ArgumentNullException.ThrowIfNull(density);
        return Gen.Select(density, Permutation(2 * half), Gen.Double.Unit.Select(Gen.Double.Unit).Array[half * half],
            (d, order, draws) =>
            {
                var edges = new List<((int, int) Edge, double Key)>();
                for (var i = 0; i < half; i++)
                {
                    for (var j = 0; j < half; j++)
                    {
                        var (u, key) = draws[i * half + j];
                        if (u < d) edges.Add(((order[i], order[half + j]), key));
                    }
                }
                return new UndirectedGraph(2 * half, edges.OrderBy(e => e.Key).Select(e => e.Edge).ToArray());
            });
    }

    /// <summary><paramref name="triangles"/> disjoint triangles (edges <c>0..3t-1</c>) joined by a spanning path of
    /// triangle-to-triangle edges between random corners plus <paramref name="extraLinks"/> random vertex pairs
    /// (self-loops and repeats dropped), vertices relabelled at random: many odd cycles, so many blossoms.</summary>
    public static Gen<UndirectedGraph> JoinedTriangles(int triangles, int extraLinks)
    {
        var n = 3 * triangles;
        return Gen.Select(Permutation(n), Gen.Int[0, 2].Select(Gen.Int[0, 2]).Array[Math.Max(0, triangles - 1)],
            Gen.Int[0, n - 1].Select(Gen.Int[0, n - 1]).Array[extraLinks], (label, path, links) =>
            {
                var edges = new List<(int, int)>();
                var present = new HashSet<(int, int)>();
                void Add(int a, int b)
                {
                    if (a == b || !present.Add((Math.Min(a, b), Math.Max(a, b)))) return;
                    edges.Add((label[a], label[b]));
                }
                for (var t = 0; t < triangles; t++)
                {
                    Add(3 * t, 3 * t + 1);
                    Add(3 * t + 1, 3 * t + 2);
                    Add(3 * t + 2, 3 * t);
                }
                for (var t = 1; t < triangles; t++) Add(3 * (t - 1) + path[t - 1].Item1, 3 * t + path[t - 1].Item2);
                foreach (var (a, b) in links) Add(a, b);
                return new UndirectedGraph(n, edges);
            });
    }

    /// <summary><paramref name="count"/> uniform random points in the unit square.</summary>
    public static Gen<(double X, double Y)[]> Points(int count) => Gen.Double.Unit.Select(Gen.Double.Unit).Array[count];

    /// <summary>The Delaunay graph (<see cref="Delaunay.Graph"/>) of <paramref name="count"/> uniform random points.</summary>
    public static Gen<UndirectedGraph> Delaunay(int count) => Points(count).Select(p => Testing.Delaunay.Graph(p));

    /// <summary>A random graph of density <paramref name="density"/> plus a random perfect matching, so it is feasible
    /// (even <paramref name="vertexCount"/>); edges in random order.</summary>
    public static Gen<UndirectedGraph> WithPerfectMatching(int vertexCount, double density) =>
        Gen.Select(Permutation(vertexCount), Random(vertexCount, Gen.Const(density)), Gen.UInt, (order, random, shuffle) =>
        {
            var edges = new HashSet<(int, int)>();
            for (var i = 0; i + 1 < vertexCount; i += 2)
                edges.Add((Math.Min(order[i], order[i + 1]), Math.Max(order[i], order[i + 1])));
            for (var e = 0; e < random.EdgeCount; e++)
            {
                var (u, v) = random.GetEdge(e);
                edges.Add((Math.Min(u, v), Math.Max(u, v)));
            }
            var shuffled = edges.ToArray();
            new System.Random((int)shuffle).Shuffle(shuffled);
            return new UndirectedGraph(vertexCount, shuffled);
        });

    /// <summary>A graph with no perfect matching by Tutte's theorem: <paramref name="barrier"/> (at least one) vertices
    /// whose removal leaves <c>barrier + 2</c> odd components (single vertices, triangles or 5-cycles), each joined to a
    /// random non-empty subset of the barrier, random edges among the barrier; the vertex count is even (the odd sizes
    /// sum to the parity of <c>barrier</c>), no vertex is isolated, vertices and edges are in random order.</summary>
    public static Gen<UndirectedGraph> TutteBarrier(int barrier) =>
        Gen.Int[0, 2].Select(Gen.Int[1, (1 << barrier) - 1]).Array[barrier + 2]
            .Select(Gen.Double.Unit.Array[barrier * barrier])
            .SelectMany(p =>
            {
                var (components, barrierDraws) = p;
                var sizes = components.Select(c => 2 * c.Item1 + 1).ToArray();
                var n = barrier + sizes.Sum();
                return Gen.Select(Permutation(n), Gen.Double.Unit.Array[n * n], (label, keys) =>
                {
                    var edges = new List<(int, int)>();
                    void Add(int a, int b) => edges.Add((label[a], label[b]));
                    var start = barrier;
                    for (var c = 0; c < sizes.Length; c++)
                    {
                        if (sizes[c] > 1)
                            for (var i = 0; i < sizes[c]; i++) Add(start + i, start + (i + 1) % sizes[c]);
                        for (var b = 0; b < barrier; b++)
                            if ((components[c].Item2 >> b & 1) == 1) Add(b, start + b % sizes[c]);
                        start += sizes[c];
                    }
                    for (var a = 0; a < barrier; a++)
                        for (var b = a + 1; b < barrier; b++)
                            if (barrierDraws[a * barrier + b] < 0.5) Add(a, b);
                    return new UndirectedGraph(n, edges.Select((e, i) => (Edge: e, Key: keys[i])).OrderBy(e => e.Key)
                        .Select(e => e.Edge).ToArray());
                });
            });
}
