using System.Diagnostics;
using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// The per-thread branch-and-bound engine of <see cref="TspSolver"/> for <c>k &gt;= 4</c>: Held–Karp 1-tree bounds
/// with subgradient ascent, Volgenant–Jonker branching, reduced-cost edge elimination at every node, twin cities fixed
/// as paths (<see cref="TwinCities"/>), and an undo trail for the edge decisions. Grow-only storage, so repeated calls of the same (or a smaller) size allocate nothing
/// (for <see cref="long"/> and <see cref="Int128"/>; <see cref="BigInteger"/> allocates per operation).
/// </summary>
/// <remarks>
/// <para>All arithmetic is exact integer arithmetic in <typeparamref name="T"/>: edge costs are
/// <c>w[i, j] + w[j, i]</c> in units of <see cref="ExactCostUnits"/> (so a tour length is exactly <c>&lt;w, y&gt;</c>),
/// refined by <c>2^s</c> so that the multipliers have sub-granularity resolution; the multipliers are integers in that
/// unit and clamped to <c>±</c><see cref="MultiplierLimitFactor"/> times the largest cost. Every 1-tree bound is then an
/// exact lower bound, and tour lengths are multiples of <c>2^s</c>, so a subtree is pruned exactly when its bound exceeds
/// <c>incumbent - 2^s</c>: no rounding allowance, at any cost magnitudes.</para>
/// <para>The caller chooses <typeparamref name="T"/> with <see cref="HeadroomBits"/> bits above the largest edge cost:
/// the largest intermediate (a bound of <c>k</c> reduced costs plus <c>2 sum pi</c>, or a reduced-cost slack) stays
/// below <c>32 k</c> times the largest cost, and the sentinel "infinity" is above all of them.</para>
/// </remarks>
internal sealed class TspSearch<T> where T : struct, IBinaryInteger<T>
{
    /// <summary>Multipliers stay within <c>±MultiplierLimitFactor max|c|</c> (any multipliers give a valid bound).</summary>
    public const int MultiplierLimitFactor = 4;

    /// <summary>Sizes solved without search: <c>k &lt;= 3</c> has a single tour.</summary>
    public const int LargestTrivialCityCount = 3;

    private const byte Free = 0;
    private const byte Included = 1;
    private const byte Excluded = 2;
    private const int NoVertex = -1;
    private const int SpecialVertex = 0;
    private const int PrimRoot = 1;

    /// <summary>Nearest-neighbour starts of the warm-start heuristic (more starts cost more than they save for k &lt;= 30).</summary>
    private const int HeuristicStarts = 1;

    // Subgradient ascent (Held & Karp 1971; Volgenant & Jonker 1982): Polyak steps alpha (level - best) / |d|^2 towards
    // the prune level from the best bound so far, along the deflected direction d = (1 - beta) g + beta d_previous
    // (beta = DeflectionWeight, as in LKH's 0.7 g + 0.3 g_previous), alpha halved after `patience` iterations without a
    // better bound. Stepping from the best bound (not the current one) keeps a bad iterate from enlarging the next step.
    private const double RootInitialStepFactor = 2.0;
    private const double NodeInitialStepFactor = 1.0;
    private const double SmallestStepFactor = 1.0 / 256;
    private const int RootBaseIterations = 40;
    private const int RootIterationsPerCity = 6;
    private const int NodeBaseIterations = 30;
    private const int NodeIterationsDivisor = 3;
    private const int NodePatience = 6;
    private const int RootPatienceDivisor = 4;
    private const int MinimumRootPatience = 5;
    private const double DeflectionWeight = 0.3;
    /// <summary>The smallest gap used in a Polyak step, relative to the incumbent's mean edge cost (not the largest cost:
    /// a big-M edge would make every step huge).</summary>
    private const double SmallestRelativeStepGap = 1e-9;

    private const int TrailStride = 3;
    private const int TrailEdgeState = 0;
    private const int TrailIncludedDegree = 1;
    private const int TrailPathEnd = 2;

    [ThreadStatic]
    private static TspSearch<T>? t_current;

    private int _k;
    private int _capacity;
    private T[] _cost = [];
    private byte[] _state = [];
    private int[] _includedDegree = [];
    private int[] _pathEnd = [];
    private int _includedCount;

    private T[] _piLevels = [];
    private T[] _bestPi = [];
    private T[] _key = [];
    private bool[] _forced = [];
    private int[] _outside = [];
    private int[] _parent = [];
    private int[] _degree = [];
    private int _specialA;
    private int _specialB;
    private int[] _bestParent = [];
    private int[] _bestDegree = [];
    private int _bestSpecialA;
    private int _bestSpecialB;

    private int[] _treeNeighbours = [];
    private int[] _treeNeighbourCount = [];
    private T[] _pathMax = [];
    private int[] _stack = [];
    private int[] _nextTwin = [];
    private double[] _direction = [];

    private int[] _incumbent = [];
    private int[] _tour = [];
    private int[] _candidateTour = [];
    private int[] _scratch = [];
    private int[] _trail = [];
    private int _trailCount;

    private T _largest;
    private T _pruneMargin;
    private T _infinity;
    private T _piLimit;
    private long _deadline;

    private TspSearch() { }

    /// <summary>Bits the caller must leave between the largest edge cost and the range of <typeparamref name="T"/>:
    /// <c>log2(k)</c> plus this.</summary>
    public const int HeadroomBits = 7;

    /// <summary>The length of the best tour found, in units (after <see cref="Run"/>: of an optimal tour unless it timed out).</summary>
    public T IncumbentLength { get; private set; }

    /// <summary>The root's Held–Karp bound on the tour length in units, and whether the root was bounded at all.</summary>
    public (T Bound, bool Reached) RootBound { get; private set; }

    /// <summary>This thread's engine, sized for <paramref name="k"/> cities.</summary>
    public static TspSearch<T> ForCurrentThread(int k)
    {
        var search = t_current ??= new TspSearch<T>();
        search.EnsureCapacity(k);
        return search;
    }

    /// <summary>
    /// Finds a tour minimising <c>&lt;w, y&gt;</c> for the <c>k x k</c> costs (any symmetry; the diagonal is ignored),
    /// measured exactly in <paramref name="units"/> (with at least <see cref="HeadroomBits"/> + <c>ceil(log2 k)</c> + 1
    /// bits of <typeparamref name="T"/> to spare); tour lengths are multiples of <c>2^</c><paramref name="refinementBits"/>.
    /// False if <paramref name="deadline"/> (a <see cref="Stopwatch"/> timestamp) passed first.
    /// </summary>
    public bool Run(ReadOnlySpan<float> costs, ExactCostUnits units, int refinementBits, long deadline)
    {
        Load(costs, units, refinementBits);
        _deadline = deadline;
        RootBound = (T.Zero, false);
        WarmStart();
        if (_largest == T.Zero) return true;

        _piLevels.AsSpan(0, _k).Clear();
        IncludeTwinPaths();
        return Explore(0);
    }

    /// <summary>Writes the incumbent's symmetric 0/1 adjacency into a cleared <c>k x k</c> buffer.</summary>
    public void WriteIncumbent(Span<float> solution)
    {
        var k = _k;
        for (var v = 0; v < k; v++)
        {
            solution[v * k + _incumbent[2 * v]] = 1f;
            solution[v * k + _incumbent[2 * v + 1]] = 1f;
        }
    }

    private void EnsureCapacity(int k)
    {
        _k = k;
        if (_capacity >= k) return;
        _capacity = k;
        var edges = k * k;
        _cost = new T[edges];
        _state = new byte[edges];
        _includedDegree = new int[k];
        _pathEnd = new int[k];
        _piLevels = new T[k * Math.Max(1, k)];
        _bestPi = new T[k];
        _key = new T[k];
        _forced = new bool[k];
        _outside = new int[k];
        _parent = new int[k];
        _degree = new int[k];
        _bestParent = new int[k];
        _bestDegree = new int[k];
        _treeNeighbours = new int[edges];
        _treeNeighbourCount = new int[k];
        _pathMax = new T[edges];
        _stack = new int[k];
        _nextTwin = new int[k];
        _direction = new double[k];
        _incumbent = new int[2 * k];
        _tour = new int[k];
        _candidateTour = new int[k];
        _scratch = new int[k];
        _trail = new int[TrailStride * (edges + 4 * k)];
    }

    private void Load(ReadOnlySpan<float> costs, ExactCostUnits units, int refinementBits)
    {
        var k = _k;
        var largest = T.Zero;
        for (var i = 0; i < k; i++)
        {
            var index = i * k + i;
            _cost[index] = T.Zero;
            _state[index] = Excluded;
            for (var j = i + 1; j < k; j++)
            {
                // The edge {i, j} contributes w[i, j] + w[j, i] to <w, y>: exact, whatever the symmetry.
                var c = units.ToInteger<T>(costs[i * k + j]) + units.ToInteger<T>(costs[j * k + i]);
                _cost[i * k + j] = _cost[j * k + i] = c;
                _state[i * k + j] = _state[j * k + i] = Free;
                largest = T.Max(largest, T.Abs(c));
            }
            _includedDegree[i] = 0;
            _pathEnd[i] = i;
        }
        _includedCount = 0;
        _trailCount = 0;
        _largest = largest;
        // Tour lengths are multiples of 2^refinementBits units: a strictly shorter tour is shorter by at least that.
        _pruneMargin = T.One << refinementBits;
        _piLimit = T.CreateTruncating(MultiplierLimitFactor) * largest;
        _infinity = (T.CreateTruncating(32 * k) * largest) + T.One;
    }

    private void WarmStart()
    {
        var k = _k;
        var best = T.Zero;
        var starts = Math.Min(k, HeuristicStarts);
        for (var s = 0; s < starts; s++)
        {
            var length = TourHeuristics.BuildAndImprove<T>(_cost.AsSpan(0, k * k), k, s * k / starts, _candidateTour, _scratch);
            if (s == 0 || length < best)
            {
                best = length;
                _candidateTour.AsSpan(0, k).CopyTo(_tour);
            }
        }
        IncumbentLength = best;
        for (var i = 0; i < k; i++)
        {
            var v = _tour[i];
            _incumbent[2 * v] = _tour[i == 0 ? k - 1 : i - 1];
            _incumbent[2 * v + 1] = _tour[i + 1 == k ? 0 : i + 1];
        }
    }

    /// <summary>Includes, for good, the paths of <see cref="TwinCities"/> (disjoint paths, so every inclusion succeeds).</summary>
    private void IncludeTwinPaths()
    {
        var k = _k;
        if (TwinCities.Link<T>(_cost.AsSpan(0, k * k), k, _nextTwin, _stack) == 0) return;
        for (var v = 0; v < k; v++)
            if (_nextTwin[v] != NoVertex && !Include(v, _nextTwin[v]))
                throw new InvalidOperationException($"Twin path edge ({v}, {_nextTwin[v]}) could not be included.");
    }

    private bool CanPrune(T bound) => bound > IncumbentLength - _pruneMargin;

    /// <summary>Bounds, then branches on, the subproblem defined by the current edge states. False on time-out.</summary>
    private bool Explore(int depth)
    {
        if (Stopwatch.GetTimestamp() > _deadline) return false;
        var k = _k;
        var pi = _piLevels.AsSpan(depth * k, k);
        var bound = Ascend(pi, depth == 0);
        if (depth == 0) RootBound = (T.Min(bound, IncumbentLength), true);
        if (CanPrune(bound)) return true;
        EliminateEdgesByReducedCost(pi, bound);

        var v = ChooseBranchVertex(pi);
        ChooseBranchEdges(v, pi, out var first, out var second);
        var vertexHadIncludedEdge = _includedDegree[v] > 0;
        EnsureLevels(depth + 1);
        var childPi = _piLevels.AsSpan((depth + 1) * k, k);
        var mark = _trailCount;

        // Child 1: the tour avoids edge (v, first).
        Exclude(v, first);
        pi.CopyTo(childPi);
        if (!Explore(depth + 1)) return false;
        Undo(mark);
        if (CanPrune(bound)) return true;

        // Child 2: it uses (v, first) and, if v had no included edge yet, avoids (v, second).
        if (Include(v, first) && (vertexHadIncludedEdge || Exclude(v, second)))
        {
            pi.CopyTo(childPi);
            if (!Explore(depth + 1)) return false;
        }
        Undo(mark);
        if (vertexHadIncludedEdge || CanPrune(bound)) return true;

        // Child 3: it uses both (v, first) and (v, second).
        if (Include(v, first) && Include(v, second))
        {
            pi.CopyTo(childPi);
            if (!Explore(depth + 1)) return false;
        }
        Undo(mark);
        return true;
    }

    /// <summary>
    /// Subgradient ascent on the 1-tree bound from the multipliers in <paramref name="pi"/>; leaves the best
    /// multipliers there and the best tree in the <c>_best*</c> fields. Returns the best bound, or the sentinel
    /// <c>_infinity</c> when the subproblem is closed (infeasible, or its optimum was found). Steps are computed in
    /// double and rounded to integers; only the bounds, which are exact, decide anything.
    /// </summary>
    private T Ascend(Span<T> pi, bool isRoot)
    {
        var k = _k;
        var maxIterations = isRoot ? RootBaseIterations + RootIterationsPerCity * k : NodeBaseIterations + k / NodeIterationsDivisor;
        var patience = isRoot ? Math.Max(MinimumRootPatience, k / RootPatienceDivisor) : NodePatience;
        var stepFactor = isRoot ? RootInitialStepFactor : NodeInitialStepFactor;
        var direction = _direction.AsSpan(0, k);
        direction.Clear();
        var smallestGap = Math.Max(1.0, SmallestRelativeStepGap * Math.Abs(double.CreateSaturating(IncumbentLength)) / k);
        var best = -_infinity;
        var sinceImprovement = 0;

        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            if (!BuildOneTree(pi, out var bound)) return _infinity;
            var squaredNorm = 0;
            for (var v = 0; v < k; v++)
            {
                var g = _degree[v] - 2;
                squaredNorm += g * g;
            }
            if (squaredNorm == 0)
            {
                OfferTreeAsTour();
                return _infinity;
            }
            if (bound > best)
            {
                best = bound;
                sinceImprovement = 0;
                pi.CopyTo(_bestPi);
                _parent.AsSpan(0, k).CopyTo(_bestParent);
                _degree.AsSpan(0, k).CopyTo(_bestDegree);
                _bestSpecialA = _specialA;
                _bestSpecialB = _specialB;
                if (CanPrune(bound)) return bound;
            }
            else if (++sinceImprovement >= patience)
            {
                stepFactor /= 2;
                sinceImprovement = 0;
                if (stepFactor < SmallestStepFactor) break;
            }
            var directionNorm = 0.0;
            for (var v = 0; v < k; v++)
            {
                direction[v] = (1 - DeflectionWeight) * (_degree[v] - 2) + DeflectionWeight * direction[v];
                directionNorm += direction[v] * direction[v];
            }
            var gap = double.CreateSaturating(IncumbentLength - _pruneMargin - best);
            var step = stepFactor * Math.Max(gap, smallestGap) / directionNorm;
            for (var v = 0; v < k; v++)
                pi[v] = T.Clamp(pi[v] + T.CreateSaturating(Math.Round(step * direction[v])), -_piLimit, _piLimit);
        }
        _bestPi.AsSpan(0, k).CopyTo(pi);
        return best;
    }

    /// <summary>
    /// The minimum 1-tree for costs <c>c[i, j] + pi[i] + pi[j]</c> under the edge states: a spanning tree of vertices
    /// <c>1..k-1</c> (Prim from vertex 1, included edges first) plus the two cheapest allowed edges at vertex 0. Sets
    /// <c>_parent</c>, <c>_degree</c>, <c>_specialA/B</c> and the Lagrangian bound; false if no such tree exists.
    /// </summary>
    private bool BuildOneTree(ReadOnlySpan<T> pi, out T bound)
    {
        var k = _k;
        var cost = _cost;
        var state = _state;
        var key = _key;
        var forced = _forced;
        var parent = _parent;
        var degree = _degree;
        var infinity = _infinity;
        bound = -infinity;

        var piSum = T.Zero;
        for (var v = 0; v < k; v++)
        {
            piSum += pi[v];
            key[v] = infinity;
            forced[v] = false;
            parent[v] = NoVertex;
            degree[v] = 0;
        }

        // Vertices outside the tree, kept in increasing order so that ties go to the lower index.
        var outside = _outside;
        var outsideCount = 0;
        for (var v = PrimRoot + 1; v < k; v++) outside[outsideCount++] = v;

        var treeCost = T.Zero;
        var last = PrimRoot;
        while (outsideCount > 0)
        {
            var costRow = cost.AsSpan(last * k, k);
            var stateRow = state.AsSpan(last * k, k);
            var piLast = pi[last];
            var nextAt = NoVertex;
            var nextKey = infinity;
            var nextForced = false;
            for (var at = 0; at < outsideCount; at++)
            {
                var v = outside[at];
                var edgeState = stateRow[v];
                if (edgeState == Included)
                {
                    key[v] = costRow[v] + piLast + pi[v];
                    forced[v] = true;
                    parent[v] = last;
                }
                else if (edgeState == Free && !forced[v])
                {
                    var candidate = costRow[v] + piLast + pi[v];
                    if (candidate < key[v])
                    {
                        key[v] = candidate;
                        parent[v] = last;
                    }
                }
                if (forced[v])
                {
                    if (!nextForced || key[v] < nextKey)
                    {
                        nextAt = at;
                        nextKey = key[v];
                        nextForced = true;
                    }
                }
                else if (!nextForced && key[v] < nextKey)
                {
                    nextAt = at;
                    nextKey = key[v];
                }
            }
            if (nextAt == NoVertex) return false;
            var next = outside[nextAt];
            outside.AsSpan(nextAt + 1, outsideCount - nextAt - 1).CopyTo(outside.AsSpan(nextAt));
            outsideCount--;
            treeCost += nextKey;
            degree[next]++;
            degree[parent[next]]++;
            last = next;
        }

        // The two edges at the special vertex: included ones first, then the cheapest free ones (lower index on ties).
        int a = NoVertex, b = NoVertex;
        T costA = infinity, costB = infinity;
        bool forcedA = false, forcedB = false;
        var pi0 = pi[SpecialVertex];
        for (var v = 1; v < k; v++)
        {
            var edgeState = state[v];
            if (edgeState == Excluded) continue;
            var isForced = edgeState == Included;
            var c = cost[v] + pi0 + pi[v];
            if (a == NoVertex || Precedes(isForced, c, forcedA, costA))
            {
                (b, costB, forcedB) = (a, costA, forcedA);
                (a, costA, forcedA) = (v, c, isForced);
            }
            else if (b == NoVertex || Precedes(isForced, c, forcedB, costB))
            {
                (b, costB, forcedB) = (v, c, isForced);
            }
        }
        if (b == NoVertex) return false;
        _specialA = a;
        _specialB = b;
        degree[SpecialVertex] = 2;
        degree[a]++;
        degree[b]++;
        bound = treeCost + costA + costB - (piSum + piSum);
        return true;
    }

    private static bool Precedes(bool forcedX, T costX, bool forcedY, T costY) =>
        forcedX != forcedY ? forcedX : costX < costY;

    /// <summary>The current 1-tree is a tour: keep it if it is strictly shorter than the incumbent.</summary>
    private void OfferTreeAsTour()
    {
        var k = _k;
        var length = _cost[_specialA] + _cost[_specialB];
        for (var v = 1; v < k; v++)
            if (v != PrimRoot) length += _cost[v * k + _parent[v]];
        if (!(length < IncumbentLength)) return;

        IncumbentLength = length;
        _incumbent.AsSpan(0, 2 * k).Fill(NoVertex);
        AddIncumbentEdge(SpecialVertex, _specialA);
        AddIncumbentEdge(SpecialVertex, _specialB);
        for (var v = 1; v < k; v++)
            if (v != PrimRoot) AddIncumbentEdge(v, _parent[v]);
    }

    private void AddIncumbentEdge(int u, int v)
    {
        _incumbent[_incumbent[2 * u] == NoVertex ? 2 * u : 2 * u + 1] = v;
        _incumbent[_incumbent[2 * v] == NoVertex ? 2 * v : 2 * v + 1] = u;
    }

    /// <summary>
    /// Among the vertices of degree above two in the best 1-tree (there is one), the one whose second-dearest free tree
    /// edge has the largest reduced cost (lowest index on ties): its children exclude one of its two dearest edges, so
    /// this raises their bounds most. Much smaller trees than "largest degree" on instances with many equal costs.
    /// </summary>
    private int ChooseBranchVertex(ReadOnlySpan<T> pi)
    {
        var chosen = NoVertex;
        var chosenScore = -_infinity;
        for (var v = 0; v < _k; v++)
        {
            if (_bestDegree[v] <= 2) continue;
            ChooseBranchEdges(v, pi, out _, out var second);
            var score = second == NoVertex ? -_infinity : _cost[v * _k + second] + pi[v] + pi[second];
            if (chosen == NoVertex || score > chosenScore)
            {
                chosen = v;
                chosenScore = score;
            }
        }
        return chosen;
    }

    /// <summary>The two free best-tree edges at <paramref name="v"/> of largest reduced cost (lower index on ties).</summary>
    private void ChooseBranchEdges(int v, ReadOnlySpan<T> pi, out int first, out int second)
    {
        var k = _k;
        first = NoVertex;
        second = NoVertex;
        var firstCost = -_infinity;
        var secondCost = -_infinity;
        for (var u = 0; u < k; u++)
        {
            if (u == v || _state[v * k + u] != Free || !IsBestTreeEdge(v, u)) continue;
            var c = _cost[v * k + u] + pi[v] + pi[u];
            if (first == NoVertex || c > firstCost)
            {
                (second, secondCost) = (first, firstCost);
                (first, firstCost) = (u, c);
            }
            else if (second == NoVertex || c > secondCost)
            {
                (second, secondCost) = (u, c);
            }
        }
    }

    private bool IsBestTreeEdge(int v, int u)
    {
        if (v == SpecialVertex) return u == _bestSpecialA || u == _bestSpecialB;
        if (u == SpecialVertex) return v == _bestSpecialA || v == _bestSpecialB;
        return _bestParent[v] == u || _bestParent[u] == v;
    }

    /// <summary>
    /// Excludes every free edge whose forced use would lift the root bound above the prune level: for a non-tree edge
    /// <c>{i, j}</c> the best 1-tree containing it costs at least <c>L + c'(i, j) - max c' on the tree path i..j</c>
    /// (at vertex 0: minus the dearer of its two edges). Included edges cannot be swapped out, so they count as
    /// minus infinity on the path. The exclusions are trailed and undone on backtracking.
    /// </summary>
    private void EliminateEdgesByReducedCost(ReadOnlySpan<T> pi, T bound)
    {
        var k = _k;
        var slack = IncumbentLength - _pruneMargin - bound;
        BuildBestTreeAdjacency();
        for (var source = 1; source < k; source++)
            FillPathMaxima(source, pi);

        for (var i = 1; i < k; i++)
        {
            for (var j = i + 1; j < k; j++)
            {
                if (_state[i * k + j] != Free || IsBestTreeEdge(i, j)) continue;
                var increase = _cost[i * k + j] + pi[i] + pi[j] - _pathMax[i * k + j];
                if (increase > slack) Exclude(i, j);
            }
        }
        var dearer = T.Max(SwappableSpecialEdge(_bestSpecialA, pi), SwappableSpecialEdge(_bestSpecialB, pi));
        for (var j = 1; j < k; j++)
        {
            if (_state[j] != Free || j == _bestSpecialA || j == _bestSpecialB) continue;
            if (_cost[j] + pi[j] - dearer > slack) Exclude(SpecialVertex, j);
        }
    }

    private T SwappableSpecialEdge(int v, ReadOnlySpan<T> pi) =>
        _state[v] == Included ? -_infinity : _cost[v] + pi[v];

    private void BuildBestTreeAdjacency()
    {
        var k = _k;
        _treeNeighbourCount.AsSpan(0, k).Clear();
        for (var v = 1; v < k; v++)
        {
            var p = _bestParent[v];
            if (p == NoVertex) continue;
            _treeNeighbours[v * k + _treeNeighbourCount[v]++] = p;
            _treeNeighbours[p * k + _treeNeighbourCount[p]++] = v;
        }
    }

    /// <summary>Fills row <paramref name="source"/> of <c>_pathMax</c>: the largest reduced cost on each tree path.</summary>
    private void FillPathMaxima(int source, ReadOnlySpan<T> pi)
    {
        var k = _k;
        var row = source * k;
        var visitedMarker = _parent; // reused as a visited marker: the current 1-tree is not needed any more
        for (var v = 0; v < k; v++) visitedMarker[v] = 0;
        var top = 0;
        _stack[top++] = source;
        visitedMarker[source] = 1;
        _pathMax[row + source] = -_infinity;
        while (top > 0)
        {
            var u = _stack[--top];
            var count = _treeNeighbourCount[u];
            for (var n = 0; n < count; n++)
            {
                var w = _treeNeighbours[u * k + n];
                if (visitedMarker[w] != 0) continue;
                visitedMarker[w] = 1;
                var edge = _state[u * k + w] == Included ? -_infinity : _cost[u * k + w] + pi[u] + pi[w];
                _pathMax[row + w] = T.Max(_pathMax[row + u], edge);
                _stack[top++] = w;
            }
        }
    }

    private void EnsureLevels(int depth)
    {
        var needed = (depth + 1) * _k;
        if (_piLevels.Length >= needed) return;
        Array.Resize(ref _piLevels, Math.Max(needed, 2 * _piLevels.Length));
    }

    /// <summary>Marks edge <c>{a, b}</c> excluded (if free); false if it is already included.</summary>
    private bool Exclude(int a, int b)
    {
        var edgeState = _state[a * _k + b];
        if (edgeState == Included) return false;
        if (edgeState == Free) SetEdgeState(a, b, Excluded);
        return true;
    }

    /// <summary>
    /// Marks edge <c>{a, b}</c> included and propagates: a vertex with two included edges loses its free edges, and
    /// the edge closing the new path into a premature cycle is excluded (the one completing a tour is included).
    /// False if the inclusion is infeasible (excluded edge, degree above two, or a premature cycle).
    /// </summary>
    private bool Include(int a, int b)
    {
        var k = _k;
        var edgeState = _state[a * k + b];
        if (edgeState == Included) return true;
        if (edgeState == Excluded || _includedDegree[a] == 2 || _includedDegree[b] == 2) return false;
        var endA = _pathEnd[a];
        var endB = _pathEnd[b];
        var closesCycle = endA == b;
        if (closesCycle && _includedCount != k - 1) return false;

        SetEdgeState(a, b, Included);
        SetTrailed(TrailIncludedDegree, a, _includedDegree[a] + 1);
        SetTrailed(TrailIncludedDegree, b, _includedDegree[b] + 1);
        _includedCount++;
        if (closesCycle) return true;
        SetTrailed(TrailPathEnd, endA, endB);
        SetTrailed(TrailPathEnd, endB, endA);

        if (_includedDegree[a] == 2) ExcludeRemainingFreeEdges(a);
        if (_includedDegree[b] == 2) ExcludeRemainingFreeEdges(b);
        if (_includedCount == k - 1) return Include(endA, endB);
        // The new path runs endA..endB; for a single edge that is {a, b} itself, which stays included.
        if (_state[endA * k + endB] == Free) SetEdgeState(endA, endB, Excluded);
        return true;
    }

    private void ExcludeRemainingFreeEdges(int v)
    {
        var row = v * _k;
        for (var u = 0; u < _k; u++)
            if (_state[row + u] == Free) SetEdgeState(v, u, Excluded);
    }

    private void SetEdgeState(int a, int b, byte value)
    {
        var index = a * _k + b;
        PushTrail(TrailEdgeState, index, _state[index]);
        _state[index] = value;
        _state[b * _k + a] = value;
    }

    private void SetTrailed(int kind, int index, int value)
    {
        var array = kind == TrailIncludedDegree ? _includedDegree : _pathEnd;
        PushTrail(kind, index, array[index]);
        array[index] = value;
    }

    private void PushTrail(int kind, int index, int oldValue)
    {
        if (_trailCount + TrailStride > _trail.Length) Array.Resize(ref _trail, 2 * _trail.Length);
        _trail[_trailCount] = kind;
        _trail[_trailCount + 1] = index;
        _trail[_trailCount + 2] = oldValue;
        _trailCount += TrailStride;
    }

    /// <summary>Restores every trailed change made after <paramref name="mark"/>, newest first.</summary>
    private void Undo(int mark)
    {
        var k = _k;
        while (_trailCount > mark)
        {
            _trailCount -= TrailStride;
            var kind = _trail[_trailCount];
            var index = _trail[_trailCount + 1];
            var oldValue = _trail[_trailCount + 2];
            switch (kind)
            {
                case TrailEdgeState:
                    if (_state[index] == Included) _includedCount--;
                    _state[index] = (byte)oldValue;
                    _state[index % k * k + index / k] = (byte)oldValue;
                    break;
                case TrailIncludedDegree:
                    _includedDegree[index] = oldValue;
                    break;
                default:
                    _pathEnd[index] = oldValue;
                    break;
            }
        }
    }
}
