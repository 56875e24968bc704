using System.Diagnostics;

namespace Combigrad.Solvers;

/// <summary>
/// The per-thread engine of <see cref="KnapsackSolver"/>, in the value-maximisation view (<c>v = -w</c>):
/// candidate filtering, ratio ordering, depth-first branch-and-bound with Dantzig bounds and the dynamic-programming
/// fallback. Grow-only storage, so repeated calls of the same (or a smaller) size allocate nothing.
/// </summary>
internal sealed class KnapsackSearch
{
    /// <summary>How many search nodes pass between two looks at the clock.</summary>
    private const int NodesPerClockCheck = 1024;

    [ThreadStatic]
    private static KnapsackSearch? t_current;

    private int _n;
    private int _m;
    private double[] _weights = [];
    private double[] _capacities = [];
    private double[] _value = [];
    private double[] _ratio = [];
    private int[] _items = [];
    private int[] _position = [];
    private int[] _orders = [];
    private bool[] _mandatory = [];
    private bool[] _take = [];
    private bool[] _bestTake = [];
    private double[] _residual = [];
    private double[] _table = [];
    private byte[] _keep = [];
    private int _count;
    private double _baseValue;
    private double _bestValue;
    private double _pruneMargin;
    private long _nodes;
    private long _nodeBudget;
    private long _deadline;
    private bool _timedOut;

    private KnapsackSearch() { }

    /// <summary>The total value <c>-&lt;w, y&gt;</c> of the best selection found.</summary>
    public double BestValue => _baseValue + _bestValue;

    /// <summary>Whether the last <see cref="Run"/> finished by dynamic programming (for tests).</summary>
    public bool UsedDynamicProgramming { get; private set; }

    /// <summary>Whether the last <see cref="Run"/> finished with the CP-SAT fallback (for tests).</summary>
    public bool UsedIntegerModel { get; private set; }

    /// <summary>The LP upper bound on the value at the root (valid after <see cref="Run"/>).</summary>
    public double UpperBound { get; private set; }

    /// <summary>This thread's engine, sized for <paramref name="n"/> items and <paramref name="m"/> constraints.</summary>
    public static KnapsackSearch ForCurrentThread(int n, int m)
    {
        var search = t_current ??= new KnapsackSearch();
        search.EnsureCapacity(n, m);
        return search;
    }

    /// <summary>Finds an optimal selection; false if <paramref name="deadline"/> passed first.</summary>
    /// <param name="costs">The item costs (validated finite).</param>
    /// <param name="weights">Constraint-major weights, <c>m x n</c>.</param>
    /// <param name="capacities">The <c>m</c> capacities.</param>
    /// <param name="dynamicProgrammingCapacity">The integer capacity for the DP fallback, or -1 when not applicable.</param>
    /// <param name="integerModel">The CP-SAT fallback when the instance is not a dynamic-programming one, or null.</param>
    /// <param name="deadline">A <see cref="Stopwatch"/> timestamp.</param>
    public bool Run(ReadOnlySpan<float> costs, double[] weights, double[] capacities, int dynamicProgrammingCapacity,
        KnapsackIntegerModel? integerModel, long deadline)
    {
        _weights = weights;
        _capacities = capacities;
        _deadline = deadline;
        _timedOut = false;
        UsedDynamicProgramming = false;
        UsedIntegerModel = false;
        _nodes = 0;
        _bestValue = 0;
        if (!SelectCandidates(costs))
        {
            UpperBound = _baseValue;
            return true;
        }
        _bestTake.AsSpan(0, _count).Clear();
        OrderCandidates();
        capacities.AsSpan(0, _m).CopyTo(_residual);
        UpperBound = _baseValue + LpBound(0);

        var dynamicProgrammingAllowed = dynamicProgrammingCapacity >= 0
            && (long)_count * (dynamicProgrammingCapacity + 1) <= KnapsackSolver.MaxDynamicProgrammingCells;
        var fallbackAllowed = dynamicProgrammingAllowed || integerModel is not null;
        _nodeBudget = fallbackAllowed ? (long)KnapsackSolver.SearchNodesPerItemBeforeDynamicProgramming * _count : long.MaxValue;
        if (Explore(0, 0)) return true;
        if (_timedOut) return false;
        if (dynamicProgrammingAllowed)
        {
            SolveByDynamicProgramming(dynamicProgrammingCapacity);
            UsedDynamicProgramming = true;
            return true;
        }
        return SolveByIntegerModel(integerModel!);
    }

    /// <summary>Finishes with CP-SAT, hinted with the incumbent; if the costs cannot be scaled to integers exactly,
    /// resumes the branch-and-bound without a node budget (the incumbent kept, so the tie-breaking is unchanged).</summary>
    private bool SolveByIntegerModel(KnapsackIntegerModel integerModel)
    {
        var take = _bestTake.AsSpan(0, _count);
        var solved = integerModel.TrySolve(_items.AsSpan(0, _count), _value, take, _deadline, out var exact, out var bound);
        if (!exact)
        {
            _nodeBudget = long.MaxValue;
            _nodes = 0;
            return Explore(0, 0);
        }
        _bestValue = 0;
        for (var p = 0; p < _count; p++)
            if (take[p]) _bestValue += _value[_items[p]];
        UsedIntegerModel = solved;
        if (!solved) UpperBound = Math.Min(UpperBound, _baseValue + bound);
        return solved;
    }

    /// <summary>Writes the best selection (mandatory zero-weight items included) as a 0/1 vector.</summary>
    public void WriteBest(Span<float> solution)
    {
        solution.Clear();
        for (var i = 0; i < _n; i++)
            if (_mandatory[i]) solution[i] = 1f;
        for (var p = 0; p < _count; p++)
            if (_bestTake[p]) solution[_items[p]] = 1f;
    }

    private void EnsureCapacity(int n, int m)
    {
        _n = n;
        _m = m;
        if (_value.Length < n)
        {
            _value = new double[n];
            _ratio = new double[n];
            _items = new int[n];
            _position = new int[n];
            _mandatory = new bool[n];
            _take = new bool[n];
            _bestTake = new bool[n];
        }
        if (_orders.Length < n * m) _orders = new int[n * m];
        if (_residual.Length < m) _residual = new double[m];
    }

    /// <summary>
    /// Keeps items with negative cost that fit alone; items weighing nothing are taken outright. Sets the granularity
    /// margin. False when no candidate remains (the mandatory items are then the optimum).
    /// </summary>
    private bool SelectCandidates(ReadOnlySpan<float> costs)
    {
        var n = _n;
        _count = 0;
        _baseValue = 0;
        var largest = 0.0;
        var smallestExponent = int.MaxValue;
        for (var i = 0; i < n; i++)
        {
            _mandatory[i] = false;
            _position[i] = -1;
            var cost = costs[i];
            if (!(cost < 0f)) continue;
            var fits = true;
            var weightless = true;
            for (var c = 0; c < _m; c++)
            {
                var a = _weights[c * n + i];
                fits &= a <= _capacities[c];
                weightless &= a == 0;
            }
            if (!fits) continue;
            if (weightless)
            {
                _mandatory[i] = true;
                _baseValue -= cost;
                continue;
            }
            _value[i] = -(double)cost;
            _items[_count++] = i;
            largest = Math.Max(largest, -(double)cost);
            smallestExponent = Math.Min(smallestExponent, ObjectiveGranularity.LowestBitExponent(cost));
        }
        if (_count == 0) return false;
        _pruneMargin = ObjectiveGranularity.PruneMargin(Math.ScaleB(1.0, smallestExponent), 2 * _count, largest);
        return true;
    }

    /// <summary>Branching order: value per capacity used (summed over constraints, relative to each capacity);
    /// for several constraints also one value-per-weight order per constraint, for its LP bound.</summary>
    private void OrderCandidates()
    {
        var n = _n;
        var items = _items.AsSpan(0, _count);
        foreach (var i in items)
        {
            var used = 0.0;
            for (var c = 0; c < _m; c++)
            {
                var a = _weights[c * n + i];
                if (a > 0) used += _m == 1 ? a : a / _capacities[c];
            }
            _ratio[i] = _value[i] / used;
        }
        RatioOrder.Sort(items, _ratio);
        for (var p = 0; p < items.Length; p++) _position[items[p]] = p;
        if (_m == 1) return;

        for (var c = 0; c < _m; c++)
        {
            var order = _orders.AsSpan(c * n, _count);
            items.CopyTo(order);
            foreach (var i in order)
            {
                var a = _weights[c * n + i];
                _ratio[i] = a > 0 ? _value[i] / a : double.PositiveInfinity;
            }
            RatioOrder.Sort(order, _ratio);
        }
    }

    /// <summary>Explores the items from <paramref name="depth"/> on; false on time-out or an exhausted node budget.</summary>
    private bool Explore(int depth, double value)
    {
        _nodes++;
        if (_nodes > _nodeBudget) return false;
        if (_nodes % NodesPerClockCheck == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            _timedOut = true;
            return false;
        }
        if (depth == _count)
        {
            if (value > _bestValue)
            {
                _bestValue = value;
                _take.AsSpan(0, _count).CopyTo(_bestTake);
            }
            return true;
        }
        if (value + LpBound(depth) < _bestValue + _pruneMargin) return true;

        var item = _items[depth];
        if (Fits(item))
        {
            Use(item, -1);
            _take[depth] = true;
            var finished = Explore(depth + 1, value + _value[item]);
            Use(item, +1);
            if (!finished) return false;
        }
        _take[depth] = false;
        return Explore(depth + 1, value);
    }

    private bool Fits(int item)
    {
        for (var c = 0; c < _m; c++)
            if (_weights[c * _n + item] > _residual[c]) return false;
        return true;
    }

    private void Use(int item, int sign)
    {
        for (var c = 0; c < _m; c++)
            _residual[c] += sign * _weights[c * _n + item];
    }

    /// <summary>The Dantzig bound on the value the undecided items (positions from <paramref name="depth"/>) can add.</summary>
    private double LpBound(int depth)
    {
        if (_m == 1) return DantzigBound(_items.AsSpan(depth, _count - depth), 0, depth);
        var bound = double.PositiveInfinity;
        for (var c = 0; c < _m; c++)
            bound = Math.Min(bound, DantzigBound(_orders.AsSpan(c * _n, _count), c, depth));
        return bound;
    }

    /// <summary>Fills constraint <paramref name="constraint"/>'s residual capacity greedily along
    /// <paramref name="order"/> (value per weight, descending), skipping items decided above <paramref name="depth"/>,
    /// with a fractional last item.</summary>
    private double DantzigBound(ReadOnlySpan<int> order, int constraint, int depth)
    {
        var residual = _residual[constraint];
        var weights = _weights.AsSpan(constraint * _n, _n);
        var bound = 0.0;
        foreach (var i in order)
        {
            if (_position[i] < depth) continue;
            var a = weights[i];
            if (a <= residual)
            {
                residual -= a;
                bound += _value[i];
            }
            else
            {
                bound += _value[i] * (residual / a);
                break;
            }
        }
        return bound;
    }

    /// <summary>0/1 dynamic programming over integer capacities <c>0..capacity</c>, items in branching order.</summary>
    private void SolveByDynamicProgramming(int capacity)
    {
        var width = capacity + 1;
        if (_table.Length < width) _table = new double[width];
        if (_keep.Length < _count * width) _keep = new byte[_count * width];
        var table = _table.AsSpan(0, width);
        table.Clear();
        for (var p = 0; p < _count; p++)
        {
            var item = _items[p];
            var a = (int)_weights[item];
            var v = _value[item];
            var keep = _keep.AsSpan(p * width, width);
            keep.Clear();
            for (var c = capacity; c >= a; c--)
            {
                var candidate = table[c - a] + v;
                if (candidate > table[c])
                {
                    table[c] = candidate;
                    keep[c] = 1;
                }
            }
        }
        _bestValue = table[capacity];
        var remaining = capacity;
        for (var p = _count - 1; p >= 0; p--)
        {
            _bestTake[p] = _keep[p * width + remaining] != 0;
            if (_bestTake[p]) remaining -= (int)_weights[_items[p]];
        }
    }
}
