namespace Combigrad.Solvers;

/// <summary>
/// Maximum-weight maximum-cardinality matching on a general graph with integer weights: Edmonds' blossom algorithm
/// with dual variables, <c>O(n^3)</c>, after Joris van Rantwijk's public-domain <c>mwmatching.py</c> (Galil 1986).
/// All arithmetic is exact in <see cref="long"/>. Per-thread and grow-only: after the first call on a graph of a
/// given size, calls allocate nothing.
/// </summary>
/// <remarks>
/// Conventions of the reference: edge <c>k</c> has endpoints <c>2k</c> (its first vertex) and <c>2k + 1</c>
/// (its second vertex); <c>mate[v]</c> is the remote endpoint of v's matched edge or -1; blossom ids are
/// <c>n..2n-1</c>; labels are 0 (free), 1 (S), 2 (T), with bit 4 a breadcrumb in <see cref="ScanBlossom"/>.
/// Dual variables are stored doubled (<c>dual[v] = 2 u(v)</c>) and weights doubled once more, so every dual stays an
/// integer.
/// </remarks>
internal sealed class BlossomWorkspace
{
    private const int Free = 0;
    private const int SLabel = 1;
    private const int TLabel = 2;
    private const int Breadcrumb = 4;
    private const int BreadcrumbS = 5;
    private const int None = -1;

    [ThreadStatic]
    private static BlossomWorkspace? t_current;

    /// <summary>How often the weights may be doubled (see <see cref="EnsureEvenSlacksForDelta3"/>) before 64-bit
    /// arithmetic could overflow: weights start below 2^43.</summary>
    private const int MaxDoublings = 16;

    private int _n;
    private int _doublings;
    private int _m;
    private int[] _edgeU = [];
    private int[] _edgeV = [];
    private long[] _weight = [];
    private int[] _endpoint = [];
    private int[] _neighbourStart = [];
    private int[] _neighbourEnd = [];
    private int[] _mate = [];
    private int[] _label = [];
    private int[] _labelEnd = [];
    private int[] _inBlossom = [];
    private int[] _blossomParent = [];
    private List<int>[] _blossomChildren = [];
    private List<int>[] _blossomEndpoints = [];
    private List<int>[] _blossomBestEdges = [];
    private bool[] _hasBestEdgeList = [];
    private int[] _blossomBase = [];
    private int[] _bestEdge = [];
    private long[] _dual = [];
    private bool[] _allowEdge = [];
    private int[] _bestEdgeTo = [];
    private readonly Stack<int> _unusedBlossoms = new();
    private readonly List<int> _queue = [];
    private readonly List<int> _path = [];
    private readonly List<int> _leaves = [];
    private readonly List<int> _rotation = [];

    private BlossomWorkspace() { }

    /// <summary>This thread's workspace.</summary>
    public static BlossomWorkspace ForCurrentThread() => t_current ??= new BlossomWorkspace();

    /// <summary>
    /// Computes a maximum-cardinality matching of maximum total weight on <paramref name="graph"/> with integer edge
    /// weights <paramref name="weights"/> (one per edge; non-negative, at most about <c>2^60 / n</c>), and writes into
    /// <paramref name="mateEdge"/> (length n) the matched edge of each vertex, or -1.
    /// </summary>
    public void Solve(UndirectedGraph graph, ReadOnlySpan<long> weights, Span<int> mateEdge)
    {
        Reset(graph, weights);
        Run();
        for (var v = 0; v < _n; v++)
            mateEdge[v] = _mate[v] == None ? None : _mate[v] / 2;
    }

    private void Reset(UndirectedGraph graph, ReadOnlySpan<long> weights)
    {
        var n = graph.VertexCount;
        var m = graph.EdgeCount;
        _n = n;
        _m = m;
        _doublings = 0;
        if (_edgeU.Length < m)
        {
            _edgeU = new int[m];
            _edgeV = new int[m];
            _weight = new long[m];
            _endpoint = new int[2 * m];
            _neighbourEnd = new int[2 * m];
            _allowEdge = new bool[m];
        }
        if (_mate.Length < n)
        {
            _neighbourStart = new int[n + 1];
            _mate = new int[n];
            _inBlossom = new int[n];
            _label = new int[2 * n];
            _labelEnd = new int[2 * n];
            _blossomParent = new int[2 * n];
            _blossomBase = new int[2 * n];
            _bestEdge = new int[2 * n];
            _dual = new long[2 * n];
            _bestEdgeTo = new int[2 * n];
            _hasBestEdgeList = new bool[2 * n];
            var oldCount = _blossomChildren.Length;
            Array.Resize(ref _blossomChildren, 2 * n);
            Array.Resize(ref _blossomEndpoints, 2 * n);
            Array.Resize(ref _blossomBestEdges, 2 * n);
            for (var b = oldCount; b < 2 * n; b++)
            {
                _blossomChildren[b] = [];
                _blossomEndpoints[b] = [];
                _blossomBestEdges[b] = [];
            }
        }

        graph.EdgeU.CopyTo(_edgeU);
        graph.EdgeV.CopyTo(_edgeV);
        for (var k = 0; k < m; k++)
        {
            // Doubled so that every dual variable stays integral (the algorithm halves S-S slacks).
            _weight[k] = 2 * weights[k];
            _endpoint[2 * k] = _edgeU[k];
            _endpoint[2 * k + 1] = _edgeV[k];
        }

        // neighbend[v]: the remote endpoints of v's edges, in increasing edge order.
        for (var v = 0; v < n; v++)
        {
            var start = v == 0 ? 0 : _neighbourStart[v];
            _neighbourStart[v] = start;
            var count = 0;
            foreach (var k in graph.IncidentEdges(v))
                _neighbourEnd[start + count++] = _edgeU[k] == v ? 2 * k + 1 : 2 * k;
            _neighbourStart[v + 1] = start + count;
        }

        _mate.AsSpan(0, n).Fill(None);
        _label.AsSpan(0, 2 * n).Clear();
        _labelEnd.AsSpan(0, 2 * n).Fill(None);
        for (var v = 0; v < n; v++) _inBlossom[v] = v;
        _blossomParent.AsSpan(0, 2 * n).Fill(None);
        for (var b = 0; b < 2 * n; b++)
        {
            _blossomBase[b] = b < n ? b : None;
            _blossomChildren[b].Clear();
            _blossomEndpoints[b].Clear();
            _blossomBestEdges[b].Clear();
            _hasBestEdgeList[b] = false;
        }
        _bestEdge.AsSpan(0, 2 * n).Fill(None);
        _unusedBlossoms.Clear();
        for (var b = 2 * n - 1; b >= n; b--) _unusedBlossoms.Push(b);
        _dual.AsSpan(n, n).Clear();
        _allowEdge.AsSpan(0, m).Clear();
        _queue.Clear();
        GreedyStart();
    }

    /// <summary>
    /// A feasible dual start and a matching of tight edges, instead of all duals at the largest weight and an empty
    /// matching: each vertex dual is the largest (doubled) weight at that vertex, so every slack is non-negative, and
    /// edges of zero slack are matched greedily in vertex order. The invariants the stages maintain (non-negative
    /// slacks, tight matched edges, no blossoms) hold, and for a maximum-cardinality optimum the vertex duals need no
    /// sign, so the result is the same optimum; it saves the stages that the greedy edges would have taken.
    /// </summary>
    private void GreedyStart()
    {
        for (var v = 0; v < _n; v++)
        {
            var best = 0L;
            foreach (var p in Neighbours(v)) best = Math.Max(best, _weight[p / 2]);
            _dual[v] = best;
        }
        for (var v = 0; v < _n; v++)
        {
            if (_mate[v] != None) continue;
            foreach (var p in Neighbours(v))
            {
                var w = _endpoint[p];
                if (_mate[w] != None || Slack(p / 2) != 0) continue;
                _mate[v] = p;
                _mate[w] = p ^ 1;
                break;
            }
        }
    }

    private void EnsureEvenSlacksForDelta3()
    {
        for (var b = 0; b < 2 * _n; b++)
        {
            if (_blossomParent[b] != None || _label[b] != SLabel || _bestEdge[b] == None) continue;
            if ((Slack(_bestEdge[b]) & 1) == 0) continue;
            if (++_doublings > MaxDoublings)
                throw new InvalidOperationException("Blossom matching: dual variables would overflow 64 bits.");
            for (var k = 0; k < _m; k++) _weight[k] *= 2;
            for (var x = 0; x < 2 * _n; x++) _dual[x] *= 2;
            return;
        }
    }

    private long Slack(int k) => _dual[_edgeU[k]] + _dual[_edgeV[k]] - 2 * _weight[k];

    private ReadOnlySpan<int> Neighbours(int v) =>
        _neighbourEnd.AsSpan(_neighbourStart[v], _neighbourStart[v + 1] - _neighbourStart[v]);

    /// <summary>Appends the vertices of (sub-)blossom <paramref name="b"/> to <paramref name="output"/>.</summary>
    private void AppendLeaves(int b, List<int> output)
    {
        if (b < _n)
        {
            output.Add(b);
            return;
        }
        foreach (var t in _blossomChildren[b])
        {
            if (t < _n) output.Add(t);
            else AppendLeaves(t, output);
        }
    }

    private void AssignLabel(int w, int t, int p)
    {
        while (true)
        {
            var b = _inBlossom[w];
            _label[w] = _label[b] = t;
            _labelEnd[w] = _labelEnd[b] = p;
            _bestEdge[w] = _bestEdge[b] = None;
            if (t == SLabel)
            {
                AppendLeaves(b, _queue);
                return;
            }
            // b became a T-blossom: its base's mate becomes S.
            var baseVertex = _blossomBase[b];
            var mateEndpoint = _mate[baseVertex];
            w = _endpoint[mateEndpoint];
            t = SLabel;
            p = mateEndpoint ^ 1;
        }
    }

    private int ScanBlossom(int v, int w)
    {
        _path.Clear();
        var baseVertex = None;
        while (v != None || w != None)
        {
            var b = _inBlossom[v];
            if ((_label[b] & Breadcrumb) != 0)
            {
                baseVertex = _blossomBase[b];
                break;
            }
            _path.Add(b);
            _label[b] = BreadcrumbS;
            if (_labelEnd[b] == None)
            {
                v = None;
            }
            else
            {
                v = _endpoint[_labelEnd[b]];
                b = _inBlossom[v];
                v = _endpoint[_labelEnd[b]];
            }
            if (w != None) (v, w) = (w, v);
        }
        foreach (var b in _path) _label[b] = SLabel;
        return baseVertex;
    }

    private void AddBlossom(int baseVertex, int k)
    {
        var v = _edgeU[k];
        var w = _edgeV[k];
        var bb = _inBlossom[baseVertex];
        var bv = _inBlossom[v];
        var bw = _inBlossom[w];
        var b = _unusedBlossoms.Pop();
        _blossomBase[b] = baseVertex;
        _blossomParent[b] = None;
        _blossomParent[bb] = b;
        var path = _blossomChildren[b];
        var endps = _blossomEndpoints[b];
        path.Clear();
        endps.Clear();
        while (bv != bb)
        {
            _blossomParent[bv] = b;
            path.Add(bv);
            endps.Add(_labelEnd[bv]);
            v = _endpoint[_labelEnd[bv]];
            bv = _inBlossom[v];
        }
        path.Add(bb);
        path.Reverse();
        endps.Reverse();
        endps.Add(2 * k);
        while (bw != bb)
        {
            _blossomParent[bw] = b;
            path.Add(bw);
            endps.Add(_labelEnd[bw] ^ 1);
            w = _endpoint[_labelEnd[bw]];
            bw = _inBlossom[w];
        }
        _label[b] = SLabel;
        _labelEnd[b] = _labelEnd[bb];
        _dual[b] = 0;

        _leaves.Clear();
        AppendLeaves(b, _leaves);
        foreach (var leaf in _leaves)
        {
            if (_label[_inBlossom[leaf]] == TLabel) _queue.Add(leaf);
            _inBlossom[leaf] = b;
        }

        var bestEdgeTo = _bestEdgeTo.AsSpan(0, 2 * _n);
        bestEdgeTo.Fill(None);
        foreach (var child in path)
        {
            if (_hasBestEdgeList[child])
            {
                foreach (var kk in _blossomBestEdges[child]) ConsiderBestEdge(b, kk, bestEdgeTo);
            }
            else
            {
                _leaves.Clear();
                AppendLeaves(child, _leaves);
                foreach (var leaf in _leaves)
                    foreach (var p in Neighbours(leaf))
                        ConsiderBestEdge(b, p / 2, bestEdgeTo);
            }
            _blossomBestEdges[child].Clear();
            _hasBestEdgeList[child] = false;
            _bestEdge[child] = None;
        }

        var own = _blossomBestEdges[b];
        own.Clear();
        foreach (var kk in bestEdgeTo)
            if (kk != None) own.Add(kk);
        _hasBestEdgeList[b] = true;
        _bestEdge[b] = None;
        foreach (var kk in own)
            if (_bestEdge[b] == None || Slack(kk) < Slack(_bestEdge[b])) _bestEdge[b] = kk;
    }

    private void ConsiderBestEdge(int b, int k, Span<int> bestEdgeTo)
    {
        var j = _inBlossom[_edgeV[k]] == b ? _edgeU[k] : _edgeV[k];
        var bj = _inBlossom[j];
        if (bj != b && _label[bj] == SLabel && (bestEdgeTo[bj] == None || Slack(k) < Slack(bestEdgeTo[bj])))
            bestEdgeTo[bj] = k;
    }

    private static int At(List<int> list, int index) => list[index < 0 ? index + list.Count : index];

    private void ExpandBlossom(int b, bool endStage)
    {
        foreach (var s in _blossomChildren[b])
        {
            _blossomParent[s] = None;
            if (s < _n)
            {
                _inBlossom[s] = s;
            }
            else if (endStage && _dual[s] == 0)
            {
                ExpandBlossom(s, endStage);
            }
            else
            {
                _leaves.Clear();
                AppendLeaves(s, _leaves);
                foreach (var leaf in _leaves) _inBlossom[leaf] = s;
            }
        }

        if (!endStage && _label[b] == TLabel)
        {
            var childs = _blossomChildren[b];
            var endps = _blossomEndpoints[b];
            var entryChild = _inBlossom[_endpoint[_labelEnd[b] ^ 1]];
            var j = childs.IndexOf(entryChild);
            int jStep, endpTrick;
            if ((j & 1) != 0)
            {
                j -= childs.Count;
                jStep = 1;
                endpTrick = 0;
            }
            else
            {
                jStep = -1;
                endpTrick = 1;
            }
            var p = _labelEnd[b];
            while (j != 0)
            {
                _label[_endpoint[p ^ 1]] = Free;
                _label[_endpoint[At(endps, j - endpTrick) ^ endpTrick ^ 1]] = Free;
                AssignLabel(_endpoint[p ^ 1], TLabel, p);
                _allowEdge[At(endps, j - endpTrick) / 2] = true;
                j += jStep;
                p = At(endps, j - endpTrick) ^ endpTrick;
                _allowEdge[p / 2] = true;
                j += jStep;
            }
            var bv = At(childs, j);
            _label[_endpoint[p ^ 1]] = _label[bv] = TLabel;
            _labelEnd[_endpoint[p ^ 1]] = _labelEnd[bv] = p;
            _bestEdge[bv] = None;
            j += jStep;
            while (At(childs, j) != entryChild)
            {
                bv = At(childs, j);
                if (_label[bv] == SLabel)
                {
                    j += jStep;
                    continue;
                }
                _leaves.Clear();
                AppendLeaves(bv, _leaves);
                var v = _leaves[^1];
                foreach (var leaf in _leaves)
                {
                    if (_label[leaf] != Free)
                    {
                        v = leaf;
                        break;
                    }
                }
                if (_label[v] != Free)
                {
                    _label[v] = Free;
                    _label[_endpoint[_mate[_blossomBase[bv]]]] = Free;
                    AssignLabel(v, TLabel, _labelEnd[v]);
                }
                j += jStep;
            }
        }

        _label[b] = Free;
        _labelEnd[b] = None;
        _blossomChildren[b].Clear();
        _blossomEndpoints[b].Clear();
        _blossomBestEdges[b].Clear();
        _hasBestEdgeList[b] = false;
        _blossomBase[b] = None;
        _bestEdge[b] = None;
        _unusedBlossoms.Push(b);
    }

    private void AugmentBlossom(int b, int v)
    {
        var t = v;
        while (_blossomParent[t] != b) t = _blossomParent[t];
        if (t >= _n) AugmentBlossom(t, v);
        var childs = _blossomChildren[b];
        var endps = _blossomEndpoints[b];
        var i = childs.IndexOf(t);
        var j = i;
        int jStep, endpTrick;
        if ((i & 1) != 0)
        {
            j -= childs.Count;
            jStep = 1;
            endpTrick = 0;
        }
        else
        {
            jStep = -1;
            endpTrick = 1;
        }
        while (j != 0)
        {
            j += jStep;
            t = At(childs, j);
            var p = At(endps, j - endpTrick) ^ endpTrick;
            if (t >= _n) AugmentBlossom(t, _endpoint[p]);
            j += jStep;
            t = At(childs, j);
            if (t >= _n) AugmentBlossom(t, _endpoint[p ^ 1]);
            _mate[_endpoint[p]] = p ^ 1;
            _mate[_endpoint[p ^ 1]] = p;
        }
        Rotate(childs, i);
        Rotate(endps, i);
        _blossomBase[b] = _blossomBase[childs[0]];
    }

    /// <summary>Rotates <paramref name="list"/> left by <paramref name="shift"/> in place.</summary>
    private void Rotate(List<int> list, int shift)
    {
        if (shift == 0) return;
        _rotation.Clear();
        for (var x = 0; x < list.Count; x++) _rotation.Add(list[(x + shift) % list.Count]);
        for (var x = 0; x < list.Count; x++) list[x] = _rotation[x];
    }

    private void AugmentMatching(int k)
    {
        for (var side = 0; side < 2; side++)
        {
            var s = side == 0 ? _edgeU[k] : _edgeV[k];
            var p = side == 0 ? 2 * k + 1 : 2 * k;
            while (true)
            {
                var bs = _inBlossom[s];
                if (bs >= _n) AugmentBlossom(bs, s);
                _mate[s] = p;
                if (_labelEnd[bs] == None) break;
                var t = _endpoint[_labelEnd[bs]];
                var bt = _inBlossom[t];
                s = _endpoint[_labelEnd[bt]];
                var j = _endpoint[_labelEnd[bt] ^ 1];
                if (bt >= _n) AugmentBlossom(bt, j);
                _mate[j] = _labelEnd[bt];
                p = _labelEnd[bt] ^ 1;
            }
        }
    }

    private void Run()
    {
        var n = _n;
        if (_m == 0) return;
        for (var stage = 0; stage < n; stage++)
        {
            _label.AsSpan(0, 2 * n).Clear();
            _bestEdge.AsSpan(0, 2 * n).Fill(None);
            for (var b = n; b < 2 * n; b++)
            {
                _blossomBestEdges[b].Clear();
                _hasBestEdgeList[b] = false;
            }
            _allowEdge.AsSpan(0, _m).Clear();
            _queue.Clear();
            for (var v = 0; v < n; v++)
                if (_mate[v] == None && _label[_inBlossom[v]] == Free) AssignLabel(v, SLabel, None);

            var augmented = false;
            while (true)
            {
                while (_queue.Count > 0 && !augmented)
                {
                    var v = _queue[^1];
                    _queue.RemoveAt(_queue.Count - 1);
                    foreach (var p in Neighbours(v))
                    {
                        var k = p / 2;
                        var w = _endpoint[p];
                        if (_inBlossom[v] == _inBlossom[w]) continue;
                        var kSlack = 0L;
                        if (!_allowEdge[k])
                        {
                            kSlack = Slack(k);
                            if (kSlack <= 0) _allowEdge[k] = true;
                        }
                        if (_allowEdge[k])
                        {
                            if (_label[_inBlossom[w]] == Free)
                            {
                                AssignLabel(w, TLabel, p ^ 1);
                            }
                            else if (_label[_inBlossom[w]] == SLabel)
                            {
                                var baseVertex = ScanBlossom(v, w);
                                if (baseVertex >= 0)
                                {
                                    AddBlossom(baseVertex, k);
                                }
                                else
                                {
                                    AugmentMatching(k);
                                    augmented = true;
                                    break;
                                }
                            }
                            else if (_label[w] == Free)
                            {
                                _label[w] = TLabel;
                                _labelEnd[w] = p ^ 1;
                            }
                        }
                        else if (_label[_inBlossom[w]] == SLabel)
                        {
                            var b = _inBlossom[v];
                            if (_bestEdge[b] == None || kSlack < Slack(_bestEdge[b])) _bestEdge[b] = k;
                        }
                        else if (_label[w] == Free)
                        {
                            if (_bestEdge[w] == None || kSlack < Slack(_bestEdge[w])) _bestEdge[w] = k;
                        }
                    }
                }
                if (augmented) break;

                // Delta3 halves an S-S slack; if one is odd, double every weight and dual first (all invariants
                // are linear, so this changes nothing but the unit) to keep the arithmetic exact.
                EnsureEvenSlacksForDelta3();

                // Maximum cardinality: no delta1 (vertex dual reaching zero) unless nothing else applies.
                var deltaType = None;
                var delta = 0L;
                var deltaEdge = None;
                var deltaBlossom = None;
                for (var v = 0; v < n; v++)
                {
                    if (_label[_inBlossom[v]] == Free && _bestEdge[v] != None)
                    {
                        var d = Slack(_bestEdge[v]);
                        if (deltaType == None || d < delta)
                        {
                            delta = d;
                            deltaType = 2;
                            deltaEdge = _bestEdge[v];
                        }
                    }
                }
                for (var b = 0; b < 2 * n; b++)
                {
                    if (_blossomParent[b] == None && _label[b] == SLabel && _bestEdge[b] != None)
                    {
                        var kSlack = Slack(_bestEdge[b]);
                        var d = kSlack / 2;
                        if (deltaType == None || d < delta)
                        {
                            delta = d;
                            deltaType = 3;
                            deltaEdge = _bestEdge[b];
                        }
                    }
                }
                for (var b = n; b < 2 * n; b++)
                {
                    if (_blossomBase[b] >= 0 && _blossomParent[b] == None && _label[b] == TLabel
                        && (deltaType == None || _dual[b] < delta))
                    {
                        delta = _dual[b];
                        deltaType = 4;
                        deltaBlossom = b;
                    }
                }
                if (deltaType == None)
                {
                    // No further improvement possible: the maximum-cardinality optimum is reached.
                    deltaType = 1;
                    var min = long.MaxValue;
                    for (var v = 0; v < n; v++) min = Math.Min(min, _dual[v]);
                    delta = Math.Max(0, min);
                }

                for (var v = 0; v < n; v++)
                {
                    var label = _label[_inBlossom[v]];
                    if (label == SLabel) _dual[v] -= delta;
                    else if (label == TLabel) _dual[v] += delta;
                }
                for (var b = n; b < 2 * n; b++)
                {
                    if (_blossomBase[b] >= 0 && _blossomParent[b] == None)
                    {
                        if (_label[b] == SLabel) _dual[b] += delta;
                        else if (_label[b] == TLabel) _dual[b] -= delta;
                    }
                }

                if (deltaType == 1)
                {
                    break;
                }
                else if (deltaType == 2)
                {
                    _allowEdge[deltaEdge] = true;
                    var i = _edgeU[deltaEdge];
                    if (_label[_inBlossom[i]] == Free) i = _edgeV[deltaEdge];
                    _queue.Add(i);
                }
                else if (deltaType == 3)
                {
                    _allowEdge[deltaEdge] = true;
                    _queue.Add(_edgeU[deltaEdge]);
                }
                else
                {
                    ExpandBlossom(deltaBlossom, endStage: false);
                }
            }
            if (!augmented) break;

            for (var b = n; b < 2 * n; b++)
            {
                if (_blossomParent[b] == None && _blossomBase[b] >= 0 && _label[b] == SLabel && _dual[b] == 0)
                    ExpandBlossom(b, endStage: true);
            }
        }
    }
}
