using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// Minimum-cost perfect matching on a bipartite graph with integer costs: the Hungarian method as successive shortest
/// augmenting paths (Dijkstra on reduced costs with dual potentials), <c>O(n m log n)</c>, exact in the integer type
/// <typeparamref name="T"/> (the caller picks one wide enough, see <see cref="MinCostPerfectMatchingSolver"/>).
/// Per-thread and grow-only: after the first call on a graph of a given size, calls allocate nothing (for
/// <see cref="long"/> and <see cref="Int128"/>).
/// </summary>
/// <remarks>
/// Duals <c>y</c> keep every reduced cost <c>c_e - y_u - y_v</c> non-negative and every matched edge tight. Start:
/// <c>y = 0</c> on the left, <c>y_v = min_e c_e</c> on the right, then tight edges are matched greedily. Each phase runs
/// Dijkstra from all free left vertices (unmatched edges left to right cost their reduced cost, matched edges right to
/// left cost 0), stops at the first free right vertex (distance <c>D</c>), raises the duals of vertices reached closer
/// than <c>D</c> so the path becomes tight, and augments. The caller guarantees a perfect matching exists.
/// </remarks>
internal sealed class BipartiteMatchingWorkspace<T> where T : struct, IBinaryInteger<T>
{
    private const int None = -1;

    [ThreadStatic]
    private static BipartiteMatchingWorkspace<T>? t_current;

    private T[] _dual = [];
    private T[] _distance = [];
    private T _infinity;
    private int[] _mateEdge = [];
    private int[] _parentEdge = [];
    private bool[] _settled = [];
    private int[] _visited = [];
    private readonly PriorityQueue<int, T> _queue = new();

    private BipartiteMatchingWorkspace() { }

    /// <summary>This thread's workspace.</summary>
    public static BipartiteMatchingWorkspace<T> ForCurrentThread() => t_current ??= new BipartiteMatchingWorkspace<T>();

    /// <summary>
    /// Writes into <paramref name="mateEdge"/> the matched edge of each vertex in a minimum-cost perfect matching of
    /// <paramref name="graph"/> under <paramref name="costs"/> (one per edge). <paramref name="isLeft"/> is the side of
    /// each vertex in a 2-colouring; <paramref name="infinity"/> exceeds every distance and dual the run can reach.
    /// </summary>
    public void Solve(UndirectedGraph graph, ReadOnlySpan<bool> isLeft, ReadOnlySpan<T> costs, T infinity, Span<int> mateEdge)
    {
        _infinity = infinity;
        var n = graph.VertexCount;
        Grow(n);
        var dual = _dual.AsSpan(0, n);
        var mate = _mateEdge.AsSpan(0, n);
        mate.Fill(None);

        // Feasible start: reduced costs c_e - y_u - y_v >= 0 with y = 0 on the left.
        for (var v = 0; v < n; v++)
        {
            if (isLeft[v])
            {
                dual[v] = T.Zero;
                continue;
            }
            var min = infinity;
            foreach (var e in graph.IncidentEdges(v)) min = T.Min(min, costs[e]);
            dual[v] = min;
        }
        var free = 0;
        for (var u = 0; u < n; u++)
        {
            if (!isLeft[u]) continue;
            foreach (var e in graph.IncidentEdges(u))
            {
                var v = graph.Opposite(e, u);
                if (mate[v] != None || Reduced(costs, e, u, v) != T.Zero) continue;
                mate[u] = e;
                mate[v] = e;
                break;
            }
            if (mate[u] == None) free++;
        }

        for (; free > 0; free--) Augment(graph, isLeft, costs);
        mate.CopyTo(mateEdge);
    }

    private T Reduced(ReadOnlySpan<T> costs, int e, int u, int v) => costs[e] - _dual[u] - _dual[v];

    private void Augment(UndirectedGraph graph, ReadOnlySpan<bool> isLeft, ReadOnlySpan<T> costs)
    {
        var n = graph.VertexCount;
        var distance = _distance.AsSpan(0, n);
        var settled = _settled.AsSpan(0, n);
        var mate = _mateEdge;
        var parent = _parentEdge;
        distance.Fill(_infinity);
        settled.Clear();
        _queue.Clear();
        for (var u = 0; u < n; u++)
        {
            if (!isLeft[u] || mate[u] != None) continue;
            distance[u] = T.Zero;
            parent[u] = None;
            _queue.Enqueue(u, T.Zero);
        }

        var visitedCount = 0;
        var target = None;
        while (_queue.TryDequeue(out var x, out var d))
        {
            if (settled[x] || d != distance[x]) continue;
            settled[x] = true;
            _visited[visitedCount++] = x;
            if (isLeft[x])
            {
                foreach (var e in graph.IncidentEdges(x))
                {
                    if (e == mate[x]) continue;
                    var v = graph.Opposite(e, x);
                    if (settled[v]) continue;
                    var candidate = d + Reduced(costs, e, x, v);
                    if (candidate >= distance[v]) continue;
                    distance[v] = candidate;
                    parent[v] = e;
                    _queue.Enqueue(v, candidate);
                }
            }
            else if (mate[x] == None)
            {
                target = x;
                break;
            }
            else
            {
                var u = graph.Opposite(mate[x], x);
                if (!settled[u] && d < distance[u])
                {
                    distance[u] = d;
                    parent[u] = mate[x];
                    _queue.Enqueue(u, d);
                }
            }
        }
        if (target == None)
            throw new InvalidOperationException("Bipartite matching: no augmenting path although a perfect matching exists.");

        // Dual update: vertices settled closer than D move by D - distance (left up, right down).
        var reach = distance[target];
        for (var i = 0; i < visitedCount; i++)
        {
            var x = _visited[i];
            var delta = reach - distance[x];
            if (delta <= T.Zero) continue;
            _dual[x] += isLeft[x] ? delta : -delta;
        }

        // Augment along the parent edges from the free right vertex back to a free left vertex.
        var w = target;
        while (true)
        {
            var e = parent[w];
            var u = graph.Opposite(e, w);
            mate[w] = e;
            var previous = mate[u];
            mate[u] = e;
            if (previous == None) break;
            w = graph.Opposite(previous, u);
        }
    }

    private void Grow(int n)
    {
        if (_dual.Length >= n) return;
        _dual = new T[n];
        _distance = new T[n];
        _mateEdge = new int[n];
        _parentEdge = new int[n];
        _settled = new bool[n];
        _visited = new int[n];
    }
}
