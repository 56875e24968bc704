using System.Diagnostics;
using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// The exact search behind <see cref="ExactGraphMatchingSolver"/>: depth-first branch-and-bound over the images of the
/// smaller graph's vertices, bounded by a Gilmore–Lawler-type linear assignment bound, in exact integer arithmetic.
/// </summary>
/// <remarks>
/// <para>Exact arithmetic: every float is an odd integer times a power of two, so multiplying all costs by
/// <c>2^(1-G)</c> (<c>G</c> the smallest such exponent among the nonzero costs) turns them into even integers of type
/// <typeparamref name="T"/> without any rounding (the factor 2 makes the half-splits of the bound exact). Objectives,
/// bounds and the assignment problems are then computed exactly; <typeparamref name="T"/> is chosen by
/// <see cref="ExactGraphMatchingSolver"/> with enough bits for every sum (<c>long</c>, <c>Int128</c> or
/// <c>BigInteger</c>).</para>
/// <para>Bound at a node (some small vertices fixed): the fixed cost, plus the minimum-cost assignment of the free small
/// vertices to the free large vertices under <c>L[s, t]</c> = vertex cost + the edge pairs between <c>s</c> and fixed
/// vertices (now linear) + half a lower bound on the edge pairs between <c>s</c> and other free vertices: those edges map
/// onto distinct edges at <c>t</c> (or onto no edge, cost 0), so their cost is at least the larger of the row-minimum
/// and column-minimum sums of <c>min(0, c^e)</c> (Gilmore 1962; Lawler 1963; the edge split between both endpoints as
/// in the Gilmore–Lawler bound for the quadratic assignment problem, Burkard, Dell'Amico and Martello, "Assignment
/// Problems", SIAM 2009, Sec. 7.5). The assignment problem is solved by the Hungarian method with potentials; its duals
/// <c>(u, v)</c> (<c>v &lt;= 0</c>) also bound each child before it is built: forcing <c>s -&gt; t</c> costs at least the
/// reduced cost <c>L[s, t] - u[s] - v[t]</c> more, so children are visited in increasing reduced cost and dropped once
/// that bound reaches the incumbent.</para>
/// <para>Branching: small vertices in a fixed order (most connected to the already ordered ones first, then degree,
/// then index). The incumbent starts from the approximate solver's answer and changes only on a strict improvement, so
/// the returned optimum is the first one met in this fixed order: deterministic, and identical for <c>w</c> and
/// <c>2^s w</c> (the integer costs are then identical).</para>
/// </remarks>
/// <typeparam name="T">The exact integer type.</typeparam>
internal sealed class GraphMatchingBranchAndBound<T>
    where T : struct, IBinaryInteger<T>, ISignedNumber<T>
{
    private const int NodesPerClockCheck = 256;

    private readonly GraphMatchingLayout _layout;
    private readonly int _p;
    private readonly int _q;
    private readonly T[] _vertexCost;
    private readonly T[] _edgeCost;
    private readonly int _largeEdgeCount;
    private readonly int[] _order;
    private readonly int[] _image;
    private readonly int[] _holder;
    private readonly int[] _bestImage;
    private readonly T _infinity;

    // Per-node scratch: the reduced matrix, the Hungarian method's arrays, free lists.
    private readonly T[] _matrix;
    private readonly T[] _u;
    private readonly T[] _v;
    private readonly T[] _minV;
    private readonly int[] _way;
    private readonly int[] _rowOfColumn;
    private readonly bool[] _used;
    private readonly int[] _freeLarge;
    private readonly int[] _freeEdges;

    // Per-depth: the children (large vertices) in visiting order with their reduced costs, and the node bounds.
    private readonly int[][] _children;
    private readonly T[][] _childReduced;
    private readonly T[] _pathBound;

    private readonly long _deadline;
    private T _best;
    private long _nodes;
    private int _depthReached;

    /// <summary>Prepares the search for the integer costs <paramref name="integerCosts"/> (layout order, all even).</summary>
    public GraphMatchingBranchAndBound(GraphMatchingLayout layout, T[] integerCosts, long deadline)
    {
        _layout = layout;
        _p = layout.P;
        _q = layout.Q;
        _deadline = deadline;
        var small = layout.Small;
        var large = layout.Large;
        _largeEdgeCount = large.EdgeCount;
        _vertexCost = new T[_p * _q];
        for (var s = 0; s < _p; s++)
            for (var t = 0; t < _q; t++)
                _vertexCost[s * _q + t] = integerCosts[layout.VertexIndex(s, t)];
        _edgeCost = new T[small.EdgeCount * large.EdgeCount];
        for (var k = 0; k < small.EdgeCount; k++)
            for (var l = 0; l < large.EdgeCount; l++)
                _edgeCost[k * _largeEdgeCount + l] = integerCosts[layout.EdgeIndex(k, l)];

        var total = T.Zero;
        foreach (var c in integerCosts) total += T.Abs(c);
        // Potentials and reduced costs stay within a few multiples of the total; the caller sized T for this.
        _infinity = total * T.CreateChecked(4 * (_p + 1)) + T.One;

        _order = BranchingOrder(small);
        _image = new int[_p];
        _holder = new int[_q];
        _bestImage = new int[_p];
        _matrix = new T[_p * _q];
        _u = new T[_p + 1];
        _v = new T[_q + 1];
        _minV = new T[_q + 1];
        _way = new int[_q + 1];
        _rowOfColumn = new int[_q + 1];
        _used = new bool[_q + 1];
        _freeLarge = new int[_q];
        var maxDegree = 0;
        for (var t = 0; t < _q; t++) maxDegree = Math.Max(maxDegree, large.Degree(t));
        _freeEdges = new int[maxDegree];
        _children = new int[_p][];
        _childReduced = new T[_p][];
        for (var d = 0; d < _p; d++)
        {
            _children[d] = new int[_q];
            _childReduced[d] = new T[_q];
        }
        _pathBound = new T[_p + 1];
    }

    /// <summary>The search nodes visited by the last <see cref="Run"/>.</summary>
    public long Nodes => _nodes;

    /// <summary>The exact objective (integer units) of the best assignment found.</summary>
    public T Best => _best;

    /// <summary>The best assignment found (small vertex to large vertex).</summary>
    public ReadOnlySpan<int> BestImage => _bestImage;

    /// <summary>A proven lower bound (integer units) on the optimum: the optimum itself after a finished
    /// <see cref="Run"/>, otherwise the smallest bound among the open nodes and the incumbent.</summary>
    public T LowerBound { get; private set; }

    /// <summary>The exact objective (integer units) of <paramref name="assignment"/>.</summary>
    public T Objective(ReadOnlySpan<int> assignment)
    {
        var small = _layout.Small;
        var sum = T.Zero;
        for (var s = 0; s < _p; s++) sum += _vertexCost[s * _q + assignment[s]];
        for (var k = 0; k < small.EdgeCount; k++)
        {
            var (a, b) = small.GetEdge(k);
            var l = _layout.LargeEdge(assignment[a], assignment[b]);
            if (l >= 0) sum += _edgeCost[k * _largeEdgeCount + l];
        }
        return sum;
    }

    /// <summary>Searches from the incumbent <paramref name="start"/>; false when the deadline passed first (then
    /// <see cref="BestImage"/> and <see cref="LowerBound"/> describe what is known).</summary>
    public bool Run(ReadOnlySpan<int> start)
    {
        start.CopyTo(_bestImage);
        _best = Objective(start);
        Array.Fill(_image, -1);
        Array.Fill(_holder, -1);
        _nodes = 0;
        var finished = Explore(0, T.Zero);
        if (finished)
        {
            LowerBound = _best;
            return true;
        }
        var bound = _best;
        for (var d = 0; d <= _depthReached; d++) bound = T.Min(bound, _pathBound[d]);
        LowerBound = bound;
        return false;
    }

    /// <summary>Explores the node whose first <paramref name="depth"/> vertices (in branching order) are fixed at cost
    /// <paramref name="fixedCost"/>; false on time-out.</summary>
    private bool Explore(int depth, T fixedCost)
    {
        _nodes++;
        if (_nodes % NodesPerClockCheck == 1 && Stopwatch.GetTimestamp() > _deadline)
        {
            _depthReached = depth - 1;
            return false;
        }
        if (depth == _p)
        {
            if (fixedCost < _best)
            {
                _best = fixedCost;
                _image.CopyTo(_bestImage, 0);
            }
            return true;
        }

        var assignmentCost = NodeBound(depth);
        var bound = fixedCost + assignmentCost;
        _pathBound[depth] = bound;
        if (bound >= _best) return true;

        // Children of the first free vertex, in increasing reduced cost (ties: lower large index first).
        var s = _order[depth];
        var children = _children[depth];
        var reduced = _childReduced[depth];
        var count = 0;
        for (var j = 0; j < _q; j++)
        {
            if (_holder[j] >= 0) continue;
            var column = count;
            var r = _matrix[column] - _u[1] - _v[column + 1];
            var at = count++;
            while (at > 0 && reduced[at - 1] > r)
            {
                reduced[at] = reduced[at - 1];
                children[at] = children[at - 1];
                at--;
            }
            reduced[at] = r;
            children[at] = j;
        }

        for (var c = 0; c < count; c++)
        {
            if (bound + reduced[c] >= _best) break;
            var t = children[c];
            var step = FixingCost(s, t);
            _image[s] = t;
            _holder[t] = s;
            var finished = Explore(depth + 1, fixedCost + step);
            _image[s] = -1;
            _holder[t] = -1;
            if (!finished)
            {
                _depthReached = Math.Max(_depthReached, depth);
                return false;
            }
        }
        return true;
    }

    /// <summary>The cost added by fixing <paramref name="s"/> to <paramref name="t"/>: its vertex cost and the edge pairs
    /// to vertices fixed before it.</summary>
    private T FixingCost(int s, int t)
    {
        var small = _layout.Small;
        var cost = _vertexCost[s * _q + t];
        foreach (var k in small.IncidentEdges(s))
        {
            var other = _image[small.Opposite(k, s)];
            if (other < 0) continue;
            var l = _layout.LargeEdge(t, other);
            if (l >= 0) cost += _edgeCost[k * _largeEdgeCount + l];
        }
        return cost;
    }

    /// <summary>Fills the matrix of free small vertices (rows, branching order) by free large vertices (columns) and
    /// returns its minimum-cost assignment, leaving the duals in <c>_u</c>, <c>_v</c>.</summary>
    private T NodeBound(int depth)
    {
        var small = _layout.Small;
        var large = _layout.Large;
        var rows = _p - depth;
        var columns = 0;
        for (var t = 0; t < _q; t++)
            if (_holder[t] < 0) _freeLarge[columns++] = t;

        for (var row = 0; row < rows; row++)
        {
            var s = _order[depth + row];
            var incident = small.IncidentEdges(s);
            for (var column = 0; column < columns; column++)
            {
                var t = _freeLarge[column];
                var entry = FixingCost(s, t);

                // Free edges at t (other endpoint free), for the edges between s and other free vertices.
                var freeEdgeCount = 0;
                foreach (var l in large.IncidentEdges(t))
                    if (_holder[large.Opposite(l, t)] < 0) _freeEdges[freeEdgeCount++] = l;
                if (freeEdgeCount > 0)
                {
                    var rowSum = T.Zero;
                    var anyFreeSmallEdge = false;
                    foreach (var k in incident)
                    {
                        if (_image[small.Opposite(k, s)] >= 0) continue;
                        anyFreeSmallEdge = true;
                        var smallest = T.Zero;
                        for (var e = 0; e < freeEdgeCount; e++)
                            smallest = T.Min(smallest, _edgeCost[k * _largeEdgeCount + _freeEdges[e]]);
                        rowSum += smallest;
                    }
                    if (anyFreeSmallEdge)
                    {
                        var columnSum = T.Zero;
                        for (var e = 0; e < freeEdgeCount; e++)
                        {
                            var smallest = T.Zero;
                            foreach (var k in incident)
                                if (_image[small.Opposite(k, s)] < 0)
                                    smallest = T.Min(smallest, _edgeCost[k * _largeEdgeCount + _freeEdges[e]]);
                            columnSum += smallest;
                        }
                        // Both sums are of even integers, so halving is exact.
                        entry += T.Max(rowSum, columnSum) / T.CreateChecked(2);
                    }
                }
                _matrix[row * columns + column] = entry;
            }
        }
        return Hungarian(rows, columns);
    }

    /// <summary>Minimum-cost assignment of every row to a distinct column of <c>_matrix</c> (rows &lt;= columns), by
    /// shortest augmenting paths with potentials (1-based <c>_u</c>, <c>_v</c>; column 0 is the virtual start). Exact in
    /// integers; the final duals satisfy <c>L - u - v &gt;= 0</c> and <c>v &lt;= 0</c>.</summary>
    private T Hungarian(int rows, int columns)
    {
        var u = _u.AsSpan(0, rows + 1);
        var v = _v.AsSpan(0, columns + 1);
        var rowOf = _rowOfColumn.AsSpan(0, columns + 1);
        var way = _way.AsSpan(0, columns + 1);
        var minV = _minV.AsSpan(0, columns + 1);
        var used = _used.AsSpan(0, columns + 1);
        u.Clear();
        v.Clear();
        rowOf.Clear();
        way.Clear();
        for (var i = 1; i <= rows; i++)
        {
            rowOf[0] = i;
            var j0 = 0;
            minV.Fill(_infinity);
            used.Clear();
            do
            {
                used[j0] = true;
                var i0 = rowOf[j0];
                var delta = _infinity;
                var j1 = 0;
                var costRow = _matrix.AsSpan((i0 - 1) * columns, columns);
                for (var j = 1; j <= columns; j++)
                {
                    if (used[j]) continue;
                    var reducedCost = costRow[j - 1] - u[i0] - v[j];
                    if (reducedCost < minV[j])
                    {
                        minV[j] = reducedCost;
                        way[j] = j0;
                    }
                    if (minV[j] < delta)
                    {
                        delta = minV[j];
                        j1 = j;
                    }
                }
                for (var j = 0; j <= columns; j++)
                {
                    if (used[j])
                    {
                        u[rowOf[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minV[j] -= delta;
                    }
                }
                j0 = j1;
            }
            while (rowOf[j0] != 0);
            do
            {
                var j1 = way[j0];
                rowOf[j0] = rowOf[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }
        var total = T.Zero;
        for (var j = 1; j <= columns; j++)
            if (rowOf[j] != 0) total += _matrix[(rowOf[j] - 1) * columns + j - 1];
        return total;
    }

    /// <summary>Most edges to the vertices ordered so far first, then the larger degree, then the lower index.</summary>
    private static int[] BranchingOrder(UndirectedGraph small)
    {
        var p = small.VertexCount;
        var order = new int[p];
        var placed = new bool[p];
        var links = new int[p];
        for (var d = 0; d < p; d++)
        {
            var pick = -1;
            for (var s = 0; s < p; s++)
            {
                if (placed[s]) continue;
                if (pick < 0 || links[s] > links[pick] || (links[s] == links[pick] && small.Degree(s) > small.Degree(pick)))
                    pick = s;
            }
            order[d] = pick;
            placed[pick] = true;
            foreach (var k in small.IncidentEdges(pick)) links[small.Opposite(k, pick)]++;
        }
        return order;
    }
}
