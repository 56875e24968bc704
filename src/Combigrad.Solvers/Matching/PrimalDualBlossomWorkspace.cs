using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;

namespace Combigrad.Solvers;

/// <summary>
/// Minimum-cost perfect matching on a general graph with integer costs: Edmonds' primal-dual blossom method (as in
/// Cook, Cunningham, Pulleyblank and Schrijver, <i>Combinatorial Optimization</i>, ch. 5), one alternating tree at a
/// time, exact in the integer type <typeparamref name="T"/> (the caller picks one wide enough, see
/// <see cref="MinCostPerfectMatchingSolver"/>). Per-thread and grow-only: after the first calls on a graph, calls
/// allocate nothing (for <see cref="long"/> and <see cref="Int128"/>).
/// </summary>
/// <remarks>
/// <para>Duals: a value <c>y_x</c> per node, where a node is a vertex or a blossom (an odd set shrunk into one
/// pseudo-vertex); blossom duals stay non-negative. A vertex's <i>potential</i> is the sum of the duals of itself and
/// every blossom containing it, so an edge between two different outermost nodes has reduced cost
/// <c>c_e - potential(u) - potential(v) &gt;= 0</c>; matched edges and the cycle edges of every blossom are tight
/// (reduced cost 0). Costs are doubled on entry so that every dual step is an integer (all vertices of the tree are
/// joined by tight edges, so their potentials share one parity and the reduced cost of an edge between two even nodes
/// is even).</para>
/// <para>Start: <c>y_v</c> = the smallest cost at <c>v</c>, then tight edges are matched greedily. Each phase roots a
/// tree at an exposed vertex and alternates two steps until it augments. (1) Scan the even nodes' tight edges: to an
/// exposed node, augment; to a matched node outside the tree, grow (that node odd, its mate even); to another even
/// node, shrink the odd cycle through their common ancestor into a new even blossom. (2) With no tight edge left,
/// change the duals by the largest <c>eps</c> keeping them feasible: <c>+eps</c> on even nodes, <c>-eps</c> on odd
/// ones, where <c>eps</c> is the smallest of the reduced costs from even nodes to nodes outside the tree, half the
/// reduced costs between even nodes, and the duals of odd blossoms; odd blossoms whose dual reaches 0 are expanded
/// into their children (an even-length path of them stays in the tree, the rest leave it). When no step bounds
/// <c>eps</c>, every odd node is a vertex and the tree's odd vertices form a Tutte barrier: there is no perfect
/// matching.</para>
/// <para>Augmenting flips the matched edges along the tree path to the root; inside each blossom on the path, the
/// cycle is re-paired so that the entered vertex becomes its base (recursively). The vertex-level matching is kept
/// current throughout, so no final expansion is needed. Cost: at most <c>n/2</c> phases of at most <c>O(n)</c>
/// steps, each <c>O(n + m)</c>: <c>O(n^2 (n + m))</c> in the worst case, far less with the greedy start.</para>
/// </remarks>
internal sealed class PrimalDualBlossomWorkspace<T> where T : struct, IBinaryInteger<T>
{
    private const int None = -1;

    [ThreadStatic]
    private static PrimalDualBlossomWorkspace<T>? t_current;

    private UndirectedGraph _graph = null!;
    private int _n;

    // Per edge.
    private T[] _cost = [];
    private T _infinity;

    // Per node: vertices are 0..n-1, blossoms n..2n-1.
    private T[] _dual = [];
    private int[] _enclosing = [];
    private int[] _baseVertex = [];
    private TreeLabel[] _label = [];
    private int[] _treeEdge = [];
    private int[] _ancestorMark = [];
    private int _markStamp;

    // Per blossom slot (blossom id - n): its children in cycle order (child 0 holds the base) and the cycle edges,
    // edge i joining child i and child i+1 (mod k); edges 1, 3, ..., k-2 are matched.
    private List<int>[] _children = [];
    private List<int>[] _cycleEdges = [];
    private int[] _freeSlots = [];
    private int _freeSlotCount;

    // Per vertex.
    private T[] _potential = [];
    private int[] _outermost = [];
    private int[] _mateEdge = [];
    private int[] _scanQueue = [];
    private int _queueHead;
    private int _queueTail;

    // Work stacks for walking blossom trees.
    private int[] _nodeStack = [];
    private int[] _rematchNodes = [];
    private int[] _rematchVertices = [];

    private enum TreeLabel : byte
    {
        Outside,
        Even,
        Odd,
    }

    private PrimalDualBlossomWorkspace() { }

    /// <summary>This thread's workspace.</summary>
    public static PrimalDualBlossomWorkspace<T> ForCurrentThread() => t_current ??= new PrimalDualBlossomWorkspace<T>();

    /// <summary>
    /// Writes into <paramref name="mateEdge"/> the matched edge of each vertex in a minimum-cost perfect matching of
    /// <paramref name="graph"/> under <paramref name="costs"/> (one per edge), or returns false when the graph has no
    /// perfect matching (then <paramref name="mateEdge"/> is unspecified). <paramref name="infinity"/> exceeds every
    /// doubled cost, dual and dual step the run can reach.
    /// </summary>
    public bool Solve(UndirectedGraph graph, ReadOnlySpan<T> costs, T infinity, Span<int> mateEdge)
    {
        _infinity = infinity;
        _graph = graph;
        _n = graph.VertexCount;
        Grow(_n, graph.EdgeCount);
        for (var e = 0; e < costs.Length; e++) _cost[e] = costs[e] + costs[e];
        if (!Initialise()) return false;
        for (var root = 0; root < _n; root++)
        {
            if (_mateEdge[root] != None) continue;
            if (!AugmentFrom(root)) return false;
        }
        _mateEdge.AsSpan(0, _n).CopyTo(mateEdge);
        return true;
    }

    /// <summary>Resets all state, sets <c>y_v</c> to the smallest cost at <c>v</c> and matches tight edges greedily.
    /// False when a vertex has no edge.</summary>
    private bool Initialise()
    {
        var n = _n;
        for (var slot = 0; slot < n; slot++)
        {
            _children[slot].Clear();
            _cycleEdges[slot].Clear();
            _freeSlots[slot] = n - 1 - slot;
        }
        _freeSlotCount = n;
        _ancestorMark.AsSpan(0, 2 * n).Clear();
        _markStamp = 0;
        for (var v = 0; v < n; v++)
        {
            var incident = _graph.IncidentEdges(v);
            if (incident.IsEmpty) return false;
            var min = _infinity;
            foreach (var e in incident) min = T.Min(min, _cost[e]);
            _dual[v] = min >> 1;
            _potential[v] = min >> 1;
            _enclosing[v] = None;
            _baseVertex[v] = v;
            _label[v] = TreeLabel.Outside;
            _outermost[v] = v;
            _mateEdge[v] = None;
        }
        for (var v = 0; v < n; v++)
        {
            if (_mateEdge[v] != None) continue;
            foreach (var e in _graph.IncidentEdges(v))
            {
                var w = _graph.Opposite(e, v);
                if (_mateEdge[w] != None || ReducedCost(e) != T.Zero) continue;
                _mateEdge[v] = _mateEdge[w] = e;
                break;
            }
        }
        return true;
    }

    /// <summary>One phase: grows a tree from the exposed vertex <paramref name="root"/> until it augments (true) or
    /// proves that no perfect matching exists (false).</summary>
    private bool AugmentFrom(int root)
    {
        _label[root] = TreeLabel.Even;
        _treeEdge[root] = None;
        _queueHead = _queueTail = 0;
        Enqueue(root);
        // Every dual step is followed by a grow, shrink, expansion or augmentation, of which a phase has O(n); the
        // cap turns a broken invariant into an exception instead of a hang.
        var maxDualSteps = 16L * _n + 16;
        for (var dualSteps = 0L; ; dualSteps++)
        {
            if (dualSteps > maxDualSteps)
                throw new InvalidOperationException($"Blossom algorithm: no augmentation after {dualSteps} dual steps (internal error).");
            if (ScanTightEdges()) return true;
            var step = LargestDualStep();
            if (step == _infinity)
            {
                ClearLabels();
                return false;
            }
            ChangeDuals(step);
            ExpandOddBlossomsWithZeroDual();
            _queueHead = _queueTail = 0;
            for (var v = 0; v < _n; v++)
                if (_label[_outermost[v]] == TreeLabel.Even) Enqueue(v);
        }
    }

    /// <summary>Scans the queued even vertices' tight edges, growing and shrinking; true once it has augmented.</summary>
    private bool ScanTightEdges()
    {
        while (_queueHead < _queueTail)
        {
            var v = _scanQueue[_queueHead++];
            foreach (var e in _graph.IncidentEdges(v))
            {
                var w = _graph.Opposite(e, v);
                var other = _outermost[w];
                if (other == _outermost[v] || ReducedCost(e) != T.Zero) continue;
                switch (_label[other])
                {
                    case TreeLabel.Outside when _mateEdge[_baseVertex[other]] == None:
                        Augment(e, v, w);
                        ClearLabels();
                        return true;
                    case TreeLabel.Outside:
                        AddToTree(other, e);
                        break;
                    case TreeLabel.Even:
                        Shrink(e, v, w);
                        break;
                }
            }
        }
        return false;
    }

    /// <summary>The largest dual change keeping every reduced cost and blossom dual non-negative, or
    /// <c>_infinity</c> when nothing bounds it.</summary>
    private T LargestDualStep()
    {
        var step = _infinity;
        for (var v = 0; v < _n; v++)
        {
            var node = _outermost[v];
            if (_label[node] == TreeLabel.Odd)
            {
                if (node >= _n && _baseVertex[node] == v) step = T.Min(step, _dual[node]);
                continue;
            }
            if (_label[node] != TreeLabel.Even) continue;
            foreach (var e in _graph.IncidentEdges(v))
            {
                var other = _outermost[_graph.Opposite(e, v)];
                if (other == node) continue;
                if (_label[other] == TreeLabel.Outside)
                {
                    step = T.Min(step, ReducedCost(e));
                }
                else if (_label[other] == TreeLabel.Even)
                {
                    var reduced = ReducedCost(e);
                    Debug.Assert(T.IsEvenInteger(reduced), "Reduced costs between even nodes are even.");
                    step = T.Min(step, reduced >> 1);
                }
            }
        }
        return step;
    }

    private void ChangeDuals(T step)
    {
        for (var v = 0; v < _n; v++)
        {
            var node = _outermost[v];
            var label = _label[node];
            if (label == TreeLabel.Outside) continue;
            var change = label == TreeLabel.Even ? step : -step;
            _potential[v] += change;
            if (node >= _n && _baseVertex[node] == v) _dual[node] += change;
        }
    }

    private void ExpandOddBlossomsWithZeroDual()
    {
        for (var v = 0; v < _n; v++)
        {
            int node;
            while ((node = _outermost[v]) >= _n && _label[node] == TreeLabel.Odd && _dual[node] == T.Zero) ExpandOdd(node);
        }
    }

    /// <summary>Adds the matched outside node <paramref name="node"/> as odd (entered by <paramref name="edge"/>) and
    /// its mate as even.</summary>
    private void AddToTree(int node, int edge)
    {
        _label[node] = TreeLabel.Odd;
        _treeEdge[node] = edge;
        var baseVertex = _baseVertex[node];
        var matched = _mateEdge[baseVertex];
        var mate = _outermost[_graph.Opposite(matched, baseVertex)];
        _label[mate] = TreeLabel.Even;
        _treeEdge[mate] = matched;
        EnqueueVertices(mate);
    }

    /// <summary>Shrinks the odd cycle closed by the tight edge between two even nodes into a new even blossom.</summary>
    private void Shrink(int edge, int v, int w)
    {
        var first = _outermost[v];
        var second = _outermost[w];
        var ancestor = CommonAncestor(first, second);
        var slot = _freeSlots[--_freeSlotCount];
        var blossom = _n + slot;
        var children = _children[slot];
        var cycleEdges = _cycleEdges[slot];

        children.Add(ancestor);
        for (var x = first; x != ancestor; x = TreeParent(x))
        {
            children.Add(x);
            cycleEdges.Add(_treeEdge[x]);
        }
        CollectionsMarshal.AsSpan(children)[1..].Reverse();
        CollectionsMarshal.AsSpan(cycleEdges).Reverse();
        cycleEdges.Add(edge);
        for (var x = second; x != ancestor; x = TreeParent(x))
        {
            children.Add(x);
            cycleEdges.Add(_treeEdge[x]);
        }

        _dual[blossom] = T.Zero;
        _enclosing[blossom] = None;
        _baseVertex[blossom] = _baseVertex[ancestor];
        _label[blossom] = TreeLabel.Even;
        _treeEdge[blossom] = _treeEdge[ancestor];
        foreach (var child in children)
        {
            _enclosing[child] = blossom;
            if (_label[child] == TreeLabel.Odd) EnqueueVertices(child);
        }
        SetOutermost(blossom);
    }

    /// <summary>The nearest even node that is an ancestor of both even nodes (found by walking up alternately).</summary>
    private int CommonAncestor(int first, int second)
    {
        var stamp = ++_markStamp;
        int a = first, b = second;
        while (true)
        {
            if (a != None)
            {
                if (_ancestorMark[a] == stamp) return a;
                _ancestorMark[a] = stamp;
                a = _treeEdge[a] == None ? None : TreeParent(TreeParent(a));
            }
            (a, b) = (b, a);
        }
    }

    /// <summary>The tree parent of an outermost node in the tree (not the root).</summary>
    private int TreeParent(int node)
    {
        var (u, v) = _graph.GetEdge(_treeEdge[node]);
        return _outermost[u] == node ? _outermost[v] : _outermost[u];
    }

    /// <summary>Replaces an odd blossom with zero dual by its children: the even-length path of children from the
    /// entry vertex to the base stays in the tree (alternately odd and even), the other children leave it.</summary>
    private void ExpandOdd(int blossom)
    {
        var slot = blossom - _n;
        var children = _children[slot];
        var cycleEdges = _cycleEdges[slot];
        var k = children.Count;
        var entryEdge = _treeEdge[blossom];
        var (u, v) = _graph.GetEdge(entryEdge);
        var entryVertex = _outermost[u] == blossom ? u : v;
        var entryIndex = children.IndexOf(ChildContaining(blossom, entryVertex));

        foreach (var child in children)
        {
            _enclosing[child] = None;
            _label[child] = TreeLabel.Outside;
            SetOutermost(child);
        }
        _label[children[entryIndex]] = TreeLabel.Odd;
        _treeEdge[children[entryIndex]] = entryEdge;
        if (entryIndex % 2 == 1)
        {
            for (var t = entryIndex; t + 1 < k; t += 2)
            {
                MarkTreeNode(children[t + 1], TreeLabel.Even, cycleEdges[t]);
                MarkTreeNode(children[(t + 2) % k], TreeLabel.Odd, cycleEdges[t + 1]);
            }
        }
        else
        {
            for (var t = entryIndex; t > 0; t -= 2)
            {
                MarkTreeNode(children[t - 1], TreeLabel.Even, cycleEdges[t - 1]);
                MarkTreeNode(children[t - 2], TreeLabel.Odd, cycleEdges[t - 2]);
            }
        }
        ReleaseBlossom(blossom);
    }

    private void MarkTreeNode(int node, TreeLabel label, int treeEdge)
    {
        _label[node] = label;
        _treeEdge[node] = treeEdge;
    }

    private void ReleaseBlossom(int blossom)
    {
        var slot = blossom - _n;
        _children[slot].Clear();
        _cycleEdges[slot].Clear();
        _label[blossom] = TreeLabel.Outside;
        _freeSlots[_freeSlotCount++] = slot;
    }

    /// <summary>Augments along the exposed node at <paramref name="outsideVertex"/>, the tight edge
    /// <paramref name="edge"/> and the tree path from <paramref name="treeVertex"/> to the root.</summary>
    private void Augment(int edge, int treeVertex, int outsideVertex)
    {
        MakeBase(_outermost[outsideVertex], outsideVertex);
        _mateEdge[outsideVertex] = edge;
        var x = treeVertex;
        while (true)
        {
            var even = _outermost[x];
            var up = _treeEdge[even];
            MakeBase(even, x);
            _mateEdge[x] = edge;
            if (up == None) return;
            var (a, b) = _graph.GetEdge(up);
            var odd = _outermost[a] == even ? _outermost[b] : _outermost[a];
            edge = _treeEdge[odd];
            var (c, d) = _graph.GetEdge(edge);
            var (inner, outer) = _outermost[c] == odd ? (c, d) : (d, c);
            MakeBase(odd, inner);
            _mateEdge[inner] = edge;
            x = outer;
        }
    }

    /// <summary>
    /// Makes <paramref name="vertex"/> the base of <paramref name="node"/> (which contains it): in every blossom on the
    /// way down, the child holding the new base becomes child 0 and the even-length cycle path from it to the old base
    /// child is re-paired; the caller matches <paramref name="vertex"/> itself.
    /// </summary>
    private void MakeBase(int node, int vertex)
    {
        var count = 0;
        _rematchNodes[count] = node;
        _rematchVertices[count++] = vertex;
        while (count > 0)
        {
            var blossom = _rematchNodes[--count];
            var newBase = _rematchVertices[count];
            if (blossom < _n) continue;
            var slot = blossom - _n;
            var children = _children[slot];
            var cycleEdges = _cycleEdges[slot];
            var k = children.Count;
            var holder = ChildContaining(blossom, newBase);
            var j = children.IndexOf(holder);
            _rematchNodes[count] = holder;
            _rematchVertices[count++] = newBase;
            // The path from child j to child 0 (= child k) with an even number of edges starts with the matched
            // edge at child j and is re-paired: its other edges become matched.
            var (from, to) = j % 2 == 1 ? (j + 1, k - 1) : (0, j - 2);
            for (var t = from; t <= to; t += 2)
            {
                var e = cycleEdges[t];
                var (a, b) = _graph.GetEdge(e);
                _mateEdge[a] = _mateEdge[b] = e;
                _rematchNodes[count] = ChildContaining(blossom, a);
                _rematchVertices[count++] = a;
                _rematchNodes[count] = ChildContaining(blossom, b);
                _rematchVertices[count++] = b;
            }
            RotateLeft(CollectionsMarshal.AsSpan(children), j);
            RotateLeft(CollectionsMarshal.AsSpan(cycleEdges), j);
            _baseVertex[blossom] = newBase;
        }
    }

    private static void RotateLeft(Span<int> items, int shift)
    {
        if (shift == 0) return;
        items[..shift].Reverse();
        items[shift..].Reverse();
        items.Reverse();
    }

    /// <summary>The child of <paramref name="blossom"/> containing <paramref name="vertex"/>.</summary>
    private int ChildContaining(int blossom, int vertex)
    {
        var node = vertex;
        while (_enclosing[node] != blossom) node = _enclosing[node];
        return node;
    }

    private void SetOutermost(int node)
    {
        var count = 0;
        _nodeStack[count++] = node;
        while (count > 0)
        {
            var x = _nodeStack[--count];
            if (x < _n)
            {
                _outermost[x] = node;
                continue;
            }
            foreach (var child in _children[x - _n]) _nodeStack[count++] = child;
        }
    }

    private void EnqueueVertices(int node)
    {
        var count = 0;
        _nodeStack[count++] = node;
        while (count > 0)
        {
            var x = _nodeStack[--count];
            if (x < _n)
            {
                Enqueue(x);
                continue;
            }
            foreach (var child in _children[x - _n]) _nodeStack[count++] = child;
        }
    }

    private void Enqueue(int vertex) => _scanQueue[_queueTail++] = vertex;

    private void ClearLabels()
    {
        for (var v = 0; v < _n; v++) _label[_outermost[v]] = TreeLabel.Outside;
    }

    private T ReducedCost(int edge)
    {
        var (u, v) = _graph.GetEdge(edge);
        return _cost[edge] - _potential[u] - _potential[v];
    }

    private void Grow(int n, int m)
    {
        if (_cost.Length < m) _cost = new T[m];
        if (_potential.Length >= n) return;
        _dual = new T[2 * n];
        _enclosing = new int[2 * n];
        _baseVertex = new int[2 * n];
        _label = new TreeLabel[2 * n];
        _treeEdge = new int[2 * n];
        _ancestorMark = new int[2 * n];
        _children = new List<int>[n];
        _cycleEdges = new List<int>[n];
        for (var slot = 0; slot < n; slot++)
        {
            _children[slot] = [];
            _cycleEdges[slot] = [];
        }
        _freeSlots = new int[n];
        _potential = new T[n];
        _outermost = new int[n];
        _mateEdge = new int[n];
        _scanQueue = new int[2 * n];
        _nodeStack = new int[2 * n];
        _rematchNodes = new int[2 * n];
        _rematchVertices = new int[2 * n];
    }
}
