using System.Diagnostics;
using System.Numerics;

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

    /// <summary>Relative slack of the surrogate constraint (weights lowered, capacity raised by this fraction), far
    /// above the rounding of its double sums, so it is implied by the constraints it combines.</summary>
    private const double SurrogateSlack = 1e-9;

    /// <summary>Sums of values up to this many units of their finest bit are exact in double (2^52, one bit of margin
    /// for the rounding of the test itself).</summary>
    private const double ExactSumUnits = 4503599627370496.0;

    /// <summary>The most bits of a total of value units handled in <see cref="Int128"/> (then <see cref="BigInteger"/>).</summary>
    private const int Int128Bits = 124;

    /// <summary>Relative round-up of the fractional item's share in the exact bound.</summary>
    private const double FractionSlack = 1e-12;

    /// <summary>With integer loads, the bounds' residual capacities are raised by this fraction of the capacity: far above
    /// the one rounding of each double copy.</summary>
    private const double WideLoadSlack = 1e-12;

    /// <summary>Subgradient iterations of <see cref="OptimiseMultipliers"/>.</summary>
    private const int MultiplierIterations = 200;

    /// <summary>The initial multiplicative step of <see cref="OptimiseMultipliers"/>.</summary>
    private const double MultiplierStep = 2.0;

    /// <summary>Iterations after which the step has halved.</summary>
    private const double MultiplierStepHalfLife = 20.0;

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
    private KnapsackLoadUnits? _loadUnits;
    private Int128[] _residualUnits = [];
    private double[] _surrogateWeight = [];
    private double[] _multiplier = [];
    private double[] _bestMultiplier = [];
    private double[] _load = [];
    private Int128[] _units128 = [];
    private BigInteger[] _unitsBig = [];
    private double[] _table = [];
    private byte[] _keep = [];
    private int _count;
    private double _baseValue;
    private double _bestValue;
    private double _pruneMargin;
    private bool _exactSums;
    private double _roundingAllowance;
    private int _smallestExponent;
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
    /// <param name="nodesPerItemBeforeIntegerModel">The node budget per item before the CP-SAT fallback.</param>
    /// <param name="loadUnits">Exact integer loads when double cannot sum the weights exactly, else null.</param>
    /// <param name="deadline">A <see cref="Stopwatch"/> timestamp.</param>
    public bool Run(ReadOnlySpan<float> costs, double[] weights, double[] capacities, int dynamicProgrammingCapacity,
        KnapsackIntegerModel? integerModel, int nodesPerItemBeforeIntegerModel, KnapsackLoadUnits? loadUnits, long deadline)
    {
        _weights = weights;
        _capacities = capacities;
        _loadUnits = loadUnits;
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
        if (_loadUnits is not null)
        {
            if (_residualUnits.Length < _m) _residualUnits = new Int128[_m];
            _loadUnits.Capacities.AsSpan(0, _m).CopyTo(_residualUnits);
        }
        UpperBound = _baseValue + LpBound(0) + _roundingAllowance;

        var dynamicProgrammingAllowed = dynamicProgrammingCapacity >= 0
            && (long)_count * (dynamicProgrammingCapacity + 1) <= KnapsackSolver.MaxDynamicProgrammingCells;
        var fallbackAllowed = dynamicProgrammingAllowed || integerModel is not null;
        var nodesPerItem = dynamicProgrammingAllowed
            ? KnapsackSolver.SearchNodesPerItemBeforeDynamicProgramming
            : nodesPerItemBeforeIntegerModel;
        _nodeBudget = fallbackAllowed ? (long)nodesPerItem * _count : long.MaxValue;
        if (!_exactSums) return RunExact();
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
        if (!solved) UpperBound = Math.Min(UpperBound, _baseValue + bound + _roundingAllowance);
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
        if (_residual.Length < m)
        {
            _residual = new double[m];
            _multiplier = new double[m];
            _bestMultiplier = new double[m];
            _load = new double[m];
        }
        if (_surrogateWeight.Length < n) _surrogateWeight = new double[n];
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
        var granularity = Math.ScaleB(1.0, smallestExponent);
        var total = 0.0;
        for (var p = 0; p < _count; p++) total += _value[_items[p]];
        // Below 2^52 units (a margin for the rounding of this total), every sum of values is exact in double.
        _exactSums = total / granularity <= ExactSumUnits;
        _smallestExponent = smallestExponent;
        _roundingAllowance = ObjectiveGranularity.RelativeRoundingPerTerm * 2 * _count * largest;
        _pruneMargin = ObjectiveGranularity.PruneMargin(granularity, 2 * _count, largest);
        return true;
    }

    /// <summary>Branching order. One constraint: value per weight. Several: value per surrogate weight
    /// <c>sum_c mu_c a[c, i]</c>, with the multipliers <c>mu</c> of <see cref="OptimiseMultipliers"/>; the same order
    /// serves the node bound.</summary>
    private void OrderCandidates()
    {
        var n = _n;
        var items = _items.AsSpan(0, _count);
        if (_m == 1)
        {
            foreach (var i in items) _ratio[i] = _value[i] / _weights[i];
            RatioOrder.Sort(items, _ratio);
        }
        else
        {
            OptimiseMultipliers();
            SetSurrogateWeights(_bestMultiplier);
            foreach (var i in items)
            {
                // Slightly lighter than exact: the bound stays valid whatever the rounding of the weighted sums.
                _surrogateWeight[i] *= 1 - SurrogateSlack;
                _ratio[i] = _surrogateWeight[i] > 0 ? _value[i] / _surrogateWeight[i] : double.PositiveInfinity;
            }
            RatioOrder.Sort(items, _ratio);
        }
        for (var p = 0; p < items.Length; p++) _position[items[p]] = p;
    }

    /// <summary>
    /// Surrogate multipliers for several constraints: any <c>mu &gt;= 0</c> gives the valid single constraint
    /// <c>sum_i (sum_c mu_c a[c, i]) y_i &lt;= sum_c mu_c b[c]</c>, whose Dantzig bound is minimised over <c>mu</c> (at the
    /// minimum it equals the LP relaxation bound; Glover 1965, "A multiphase-dual algorithm for the zero-one integer
    /// programming problem"; Gavish and Pirkul 1985, "Efficient algorithms for solving multiconstraint zero-one knapsack
    /// problems to optimality", Math. Programming 31). Search: multiplicative subgradient steps on the constraint
    /// violations of the surrogate LP solution, from <c>mu_c = 1 / b_c</c>; the best multipliers seen are kept in
    /// <c>_bestMultiplier</c>.
    /// </summary>
    private void OptimiseMultipliers()
    {
        var m = _m;
        var n = _n;
        var items = _items.AsSpan(0, _count);
        var order = _orders.AsSpan(0, _count);
        for (var c = 0; c < m; c++) _multiplier[c] = _capacities[c] > 0 ? 1 / _capacities[c] : 0;
        var bestBound = double.PositiveInfinity;
        for (var iteration = 0; iteration < MultiplierIterations; iteration++)
        {
            SetSurrogateWeights(_multiplier);
            var capacity = 0.0;
            for (var c = 0; c < m; c++) capacity += _multiplier[c] * _capacities[c];
            items.CopyTo(order);
            foreach (var i in order) _ratio[i] = _surrogateWeight[i] > 0 ? _value[i] / _surrogateWeight[i] : double.PositiveInfinity;
            RatioOrder.Sort(order, _ratio);
            _load.AsSpan(0, m).Clear();
            var bound = 0.0;
            var remaining = capacity;
            foreach (var i in order)
            {
                var s = _surrogateWeight[i];
                var fraction = s <= remaining ? 1.0 : remaining / s;
                bound += fraction * _value[i];
                remaining -= fraction * s;
                for (var c = 0; c < m; c++) _load[c] += fraction * _weights[c * n + i];
                if (fraction < 1) break;
            }
            if (bound < bestBound)
            {
                bestBound = bound;
                _multiplier.AsSpan(0, m).CopyTo(_bestMultiplier);
            }
            var step = MultiplierStep / (1 + iteration / MultiplierStepHalfLife);
            var total = 0.0;
            for (var c = 0; c < m; c++)
            {
                if (_capacities[c] <= 0) continue;
                _multiplier[c] *= Math.Exp(step * (_load[c] - _capacities[c]) / _capacities[c]);
                total += _multiplier[c] * _capacities[c];
            }
            if (!(total > 0)) break;
            for (var c = 0; c < m; c++) _multiplier[c] /= total;
        }
    }

    private void SetSurrogateWeights(ReadOnlySpan<double> multipliers)
    {
        var n = _n;
        foreach (var i in _items.AsSpan(0, _count))
        {
            var s = 0.0;
            for (var c = 0; c < _m; c++) s += multipliers[c] * _weights[c * n + i];
            _surrogateWeight[i] = s;
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

    /// <summary>
    /// The search when sums of values are not exact in double (values spanning more than 2^52 units of their finest
    /// bit, e.g. a big-M value next to small ones): values become exact integers (units of the finest bit) of type
    /// <see cref="Int128"/> when their total fits in <see cref="Int128Bits"/> bits, else <see cref="BigInteger"/>; the
    /// incumbent and pruning comparisons are exact, and the bound's only inexact term (the fractional item) is rounded
    /// up. No dynamic-programming or CP-SAT fallback (both sum in fixed precision); no node budget.
    /// </summary>
    private bool RunExact()
    {
        _nodeBudget = long.MaxValue;
        var total = 0.0;
        for (var p = 0; p < _count; p++) total += Math.ScaleB(_value[_items[p]], -_smallestExponent);
        var finished = Math.Log2(total) + 2 <= Int128Bits
            ? RunExact<Int128>(ref _units128)
            : RunExact<BigInteger>(ref _unitsBig);
        _bestValue = 0;
        for (var p = 0; p < _count; p++)
            if (_bestTake[p]) _bestValue += _value[_items[p]];
        return finished;
    }

    private bool RunExact<T>(ref T[] units) where T : struct, IBinaryInteger<T>
    {
        if (units.Length < _n) units = new T[_n];
        foreach (var i in _items.AsSpan(0, _count))
        {
            var v = _value[i];
            var exponent = ObjectiveGranularity.LowestBitExponent((float)v);
            units[i] = T.CreateChecked((long)Math.ScaleB(v, -exponent)) << (exponent - _smallestExponent);
        }
        var best = T.Zero;
        return ExploreExact(0, T.Zero, units, ref best);
    }

    /// <summary><see cref="Explore"/> in exact integer units; false on time-out.</summary>
    private bool ExploreExact<T>(int depth, T value, T[] units, ref T best) where T : struct, IBinaryInteger<T>
    {
        _nodes++;
        if (_nodes % NodesPerClockCheck == 0 && Stopwatch.GetTimestamp() > _deadline)
        {
            _timedOut = true;
            return false;
        }
        if (depth == _count)
        {
            if (value > best)
            {
                best = value;
                _take.AsSpan(0, _count).CopyTo(_bestTake);
            }
            return true;
        }
        if (value + ExactLpBound(depth, units) <= best) return true;

        var item = _items[depth];
        if (Fits(item))
        {
            Use(item, -1);
            _take[depth] = true;
            var finished = ExploreExact(depth + 1, value + units[item], units, ref best);
            Use(item, +1);
            if (!finished) return false;
        }
        _take[depth] = false;
        return ExploreExact(depth + 1, value, units, ref best);
    }

    /// <summary><see cref="LpBound"/> in exact units, rounded up: whole items summed exactly, the fractional item's
    /// share computed in double and rounded up with a relative slack far above its three roundings.</summary>
    private T ExactLpBound<T>(int depth, T[] units) where T : struct, IBinaryInteger<T>
    {
        var n = _n;
        var single = _m == 1;
        double capacity;
        if (single)
        {
            capacity = BoundCapacity(0);
        }
        else
        {
            capacity = 0.0;
            for (var c = 0; c < _m; c++) capacity += _bestMultiplier[c] * BoundCapacity(c);
            capacity *= 1 + SurrogateSlack;
        }
        var bound = T.Zero;
        for (var p = depth; p < _count; p++)
        {
            var i = _items[p];
            double weight;
            if (single)
            {
                weight = _weights[i];
            }
            else
            {
                if (!Fits(i)) continue;
                weight = _surrogateWeight[i];
            }
            if (weight <= capacity)
            {
                capacity -= weight;
                bound += units[i];
            }
            else
            {
                var share = double.CreateSaturating(units[i]) * (capacity / weight) * (1 + FractionSlack);
                bound += T.Min(units[i], T.CreateSaturating(Math.Ceiling(share)) + T.One);
                break;
            }
        }
        return bound;
    }

    /// <summary>Whether <paramref name="item"/> fits every residual capacity, exactly (double residuals are exact
    /// unless <c>_loadUnits</c> is set, and then the integer residuals decide).</summary>
    private bool Fits(int item)
    {
        if (_loadUnits is { } units)
        {
            for (var c = 0; c < _m; c++)
                if (units.Weights[c * _n + item] > _residualUnits[c]) return false;
            return true;
        }
        for (var c = 0; c < _m; c++)
            if (_weights[c * _n + item] > _residual[c]) return false;
        return true;
    }

    /// <summary>Takes (<paramref name="sign"/> -1) or puts back (+1) <paramref name="item"/>.</summary>
    private void Use(int item, int sign)
    {
        if (_loadUnits is { } units)
        {
            for (var c = 0; c < _m; c++)
            {
                var w = units.Weights[c * _n + item];
                _residualUnits[c] += sign < 0 ? -w : w;
                // One rounding from the exact residual, so the double copy used by the bounds never drifts.
                _residual[c] = Math.ScaleB((double)_residualUnits[c], units.Exponents[c]);
            }
            return;
        }
        for (var c = 0; c < _m; c++)
            _residual[c] += sign * _weights[c * _n + item];
    }

    /// <summary>Residual capacity <paramref name="constraint"/> for the bounds: exact, or with integer loads the rounded
    /// double copy raised by <see cref="WideLoadSlack"/> of the capacity, which covers its rounding.</summary>
    private double BoundCapacity(int constraint) =>
        _loadUnits is null ? _residual[constraint] : _residual[constraint] + WideLoadSlack * _capacities[constraint];

    /// <summary>The Dantzig bound on the value the undecided items (positions from <paramref name="depth"/>) can add:
    /// for one constraint its own, for several the surrogate constraint's (<see cref="OptimiseMultipliers"/>) with
    /// items that no longer fit some constraint left out.</summary>
    private double LpBound(int depth)
    {
        if (_m == 1) return DantzigBound(depth);
        var n = _n;
        var capacity = 0.0;
        for (var c = 0; c < _m; c++) capacity += _bestMultiplier[c] * BoundCapacity(c);
        capacity *= 1 + SurrogateSlack;
        var bound = 0.0;
        for (var p = depth; p < _count; p++)
        {
            var i = _items[p];
            if (!Fits(i)) continue;
            var s = _surrogateWeight[i];
            if (s <= capacity)
            {
                capacity -= s;
                bound += _value[i];
            }
            else
            {
                bound += _value[i] * (capacity / s);
                break;
            }
        }
        return bound;
    }

    /// <summary>One constraint: fills the residual capacity greedily in branching order (value per weight,
    /// descending) from position <paramref name="depth"/>, with a fractional last item.</summary>
    private double DantzigBound(int depth)
    {
        var residual = BoundCapacity(0);
        var bound = 0.0;
        for (var p = depth; p < _count; p++)
        {
            var i = _items[p];
            var a = _weights[i];
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
