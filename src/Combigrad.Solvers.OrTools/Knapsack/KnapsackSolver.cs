using System.Diagnostics;

namespace Combigrad.Solvers;

/// <summary>
/// The exact 0/1 (multi-dimensional) knapsack in the minimisation convention: <c>y(w) = argmin &lt;w, y&gt;</c> over
/// <c>y in {0, 1}^n</c> with <c>sum_i a[c, i] y_i &lt;= b[c]</c> for every constraint <c>c</c>. The weights <c>a</c> and
/// capacities <c>b</c> are fixed at construction; the costs <c>w</c> are the per-call input.
/// </summary>
/// <remarks>
/// <para>Sign convention: like every solver this one minimises, so an item is worth picking only if its cost is
/// negative. To maximise item values <c>v</c> (the usual knapsack, e.g. PyEPO's), pass <c>w = -v</c>: once, in the
/// layer (<c>ObjectiveSense.Maximize</c> does exactly that). Items with cost <c>&gt;= 0</c> are never picked (a zero-cost
/// item is left out, which is the tie-breaking rule for it). <c>y = 0</c> is always feasible, so no instance is
/// infeasible.</para>
/// <para>Guarantee: the returned selection is exactly optimal for the given float costs, weights and capacities (sums
/// and comparisons as in exact arithmetic), for every cost magnitude; loads are summed in double when that is exact
/// (capacity at most <see cref="MaxExactLoadUnits"/> times the finest bit of the capacity and the weights that fit) and
/// as exact <see cref="Int128"/> integers otherwise (e.g. big-M weights or weights of 1e-20 beside a capacity of 4); a
/// constraint beyond <c>2^120</c> such units (e.g. subnormal weights beside a capacity of 10) is refused at construction
/// with an <see cref="ArgumentException"/> naming the constraint and the range.</para>
/// <para>Algorithm: depth-first branch-and-bound, "take" before "leave". One constraint: items by value per weight,
/// bounded by the Dantzig LP relaxation. Several constraints: the surrogate relaxation <c>sum_c mu_c a[c, .]</c> with
/// multipliers chosen at the root by subgradient steps (its Dantzig bound then approaches the LP relaxation bound; Glover
/// 1965; Gavish and Pirkul 1985), items ordered by value per surrogate weight, items that no longer fit some constraint left
/// out of the bound. When the values' total is below <c>2^52</c> units of their finest bit, double sums are exact and a
/// branch is pruned when its bound proves that it holds no strictly better solution (granularity margin, rounding allowance
/// of about <c>1e-12 n max|w|</c> for the bound). Otherwise (e.g. a big-M value next to small ones) the search runs in exact
/// integer units (<see cref="Int128"/>, or <see cref="System.Numerics.BigInteger"/> beyond 124 bits) with the fractional
/// item's share rounded up. Fallbacks (exact-sum case only): with one constraint, integer weights and at most
/// <see cref="MaxDynamicProgrammingCells"/> table cells, a search that needs more than
/// <see cref="SearchNodesPerItemBeforeDynamicProgramming"/> nodes per item switches to dynamic programming over capacities
/// (<c>O(n b)</c>). Otherwise a search that exceeds <see cref="SearchNodesPerItemBeforeIntegerModel"/> nodes per item
/// finishes with OR-Tools CP-SAT (one worker, fixed seed) on the same instance restricted to the candidate items, with
/// every number scaled to an integer by an exact power of two and the incumbent as hint; when an exact scaling would
/// overflow <c>2^53</c>, the branch-and-bound continues without a budget instead.</para>
/// <para>Speed: correlated instances with 5 constraints (Chu and Beasley 1998 generator) of 100 items take about 0.01 to
/// 0.7 s, 86-95x faster than a CP-SAT model (<c>combigrad bench solvers --only Knapsack</c>, docs/solvers.md).</para>
/// <para>Time limit: if optimality is not proven within <see cref="TimeLimit"/>, <see cref="Solve"/> throws
/// <see cref="SolverTimeLimitException"/> instead of returning an unproven selection.</para>
/// <para>Tie-breaking (deterministic): the first optimal selection met by the fixed search order is kept (the
/// incumbent changes only on a strict improvement; the dynamic program replaces a table entry only on a strict
/// improvement, items in the same order). On the CP-SAT path, the optimum CP-SAT returns (deterministic: one worker, fixed
/// seed, the same hint). No absolute tolerances are used, so scaling all costs by a power of two gives the same
/// selection (the integer model is then identical).</para>
/// <para>Allocation: none per call in steady state on the branch-and-bound (double and <see cref="Int128"/> units) and
/// dynamic-programming paths; the <see cref="System.Numerics.BigInteger"/> search allocates per node and the CP-SAT path
/// builds a model per call.</para>
/// <para>Facts: selections have different sizes (no constant sum); costs of any sign are accepted.</para>
/// </remarks>
public sealed class KnapsackSolver : ISolver
{
    /// <summary>The time limit used when none is given.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>The largest capacity, in units of the finest bit of the capacity and the weights that fit, whose loads
    /// double sums exactly (<c>2^53</c>); beyond, loads are kept as exact integers (up to <c>2^120</c> units; larger
    /// ranges are refused at construction).</summary>
    public const double MaxExactLoadUnits = 9007199254740992.0;

    /// <summary>The largest dynamic-programming table (items times capacity + 1), in cells of one byte.</summary>
    public const int MaxDynamicProgrammingCells = 1 << 22;

    /// <summary>The branch-and-bound node budget, per candidate item, before switching to dynamic programming.</summary>
    public const int SearchNodesPerItemBeforeDynamicProgramming = 64;

    /// <summary>The branch-and-bound node budget, per candidate item, before switching to CP-SAT when dynamic
    /// programming does not apply (several constraints, fractional weights or a large capacity): about two seconds for
    /// 100 items; the surrogate bound usually proves optimality well within it.</summary>
    public const int SearchNodesPerItemBeforeIntegerModel = 1 << 15;

    private static readonly SolutionSetFacts KnapsackFacts = new(HasConstantSum: false, RequiresNonNegativeCosts: false);

    private readonly double[] _weights;
    private readonly double[] _capacities;
    private readonly long _timeLimitTicks;
    private readonly KnapsackIntegerModel? _integerModel;
    private readonly KnapsackLoadUnits? _loadUnits;

    /// <summary>Creates a solver for one capacity constraint.</summary>
    /// <param name="weights">The item weights <c>a_i &gt;= 0</c>, finite; at least one item.</param>
    /// <param name="capacity">The capacity <c>b &gt;= 0</c>, finite.</param>
    /// <exception cref="ArgumentException">No items, a weight or the capacity is negative, NaN or infinite, or the
    /// capacity spans more than <c>2^120</c> units of the finest bit (see remarks).</exception>
    public KnapsackSolver(ReadOnlySpan<float> weights, float capacity)
        : this(ToMatrix(weights), [capacity], DefaultTimeLimit) { }

    /// <summary>Creates a solver for one or more capacity constraints, with <see cref="DefaultTimeLimit"/>.</summary>
    /// <param name="weights">The weights <c>a[c, i]</c> of item <c>i</c> in constraint <c>c</c>: constraints x items.</param>
    /// <param name="capacities">The capacities <c>b[c]</c>, one per constraint.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is null.</exception>
    /// <exception cref="ArgumentException">No items or constraints, mismatched lengths, a weight or capacity
    /// that is negative, NaN or infinite, or a constraint spanning more than <c>2^120</c> units of its finest bit (see remarks).</exception>
    public KnapsackSolver(float[,] weights, ReadOnlySpan<float> capacities)
        : this(weights, capacities, DefaultTimeLimit) { }

    /// <summary>Creates a solver for one or more capacity constraints that gives up after <paramref name="timeLimit"/>.</summary>
    /// <param name="weights">The weights <c>a[c, i]</c> of item <c>i</c> in constraint <c>c</c>: constraints x items.</param>
    /// <param name="capacities">The capacities <c>b[c]</c>, one per constraint.</param>
    /// <param name="timeLimit">Longest time one <see cref="Solve"/> call may search; positive.</param>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is null.</exception>
    /// <exception cref="ArgumentException">No items or constraints, mismatched lengths, a weight or capacity
    /// that is negative, NaN or infinite, or a constraint spanning more than <c>2^120</c> units of its finest bit (see remarks).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timeLimit"/> is not positive.</exception>
    public KnapsackSolver(float[,] weights, ReadOnlySpan<float> capacities, TimeSpan timeLimit)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeLimit, TimeSpan.Zero);
        var constraintCount = weights.GetLength(0);
        var itemCount = weights.GetLength(1);
        if (itemCount == 0 || constraintCount == 0)
            throw new ArgumentException($"Knapsack needs at least one item and one constraint, got {constraintCount} x {itemCount} weights.", nameof(weights));
        if (capacities.Length != constraintCount)
            throw new ArgumentException($"Knapsack: {constraintCount} weight rows (constraints) but {capacities.Length} capacities.", nameof(capacities));

        _weights = new double[constraintCount * itemCount];
        _capacities = new double[constraintCount];
        var integral = constraintCount == 1;
        var exponents = new int[constraintCount];
        var wideLoads = false;
        for (var c = 0; c < constraintCount; c++)
        {
            var capacity = capacities[c];
            if (!float.IsFinite(capacity) || capacity < 0)
                throw new ArgumentException($"Knapsack: capacity {c} is {capacity}; capacities must be finite and non-negative.", nameof(capacities));
            _capacities[c] = capacity;
            for (var i = 0; i < itemCount; i++)
            {
                var weight = weights[c, i];
                if (!float.IsFinite(weight) || weight < 0)
                    throw new ArgumentException($"Knapsack: weight of item {i} in constraint {c} is {weight}; weights must be finite and non-negative.", nameof(weights));
                _weights[c * itemCount + i] = weight;
                integral &= weight == MathF.Floor(weight);
            }
            exponents[c] = FinestLoadBit(weights, c, capacity, out var units);
            if (units > MaxExactLoadUnits) wideLoads = true;
        }
        _loadUnits = wideLoads ? KnapsackLoadUnits.Create(weights, capacities, exponents) : null;

        ItemCount = itemCount;
        ConstraintCount = constraintCount;
        TimeLimit = timeLimit;
        _timeLimitTicks = (long)Math.Min(timeLimit.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);
        DynamicProgrammingCapacity = integral && _capacities[0] < MaxDynamicProgrammingCells ? (int)Math.Floor(_capacities[0]) : -1;
        var floatWeights = new float[constraintCount * itemCount];
        for (var k = 0; k < floatWeights.Length; k++) floatWeights[k] = (float)_weights[k];
        _integerModel = KnapsackIntegerModel.TryCreate(floatWeights, capacities, itemCount);
        Capacities = Array.AsReadOnly(capacities.ToArray());
        InstanceShape = Array.AsReadOnly([itemCount]);
        Name = constraintCount == 1 ? $"Knapsack(n={itemCount})" : $"Knapsack(n={itemCount}, constraints={constraintCount})";
    }

    /// <summary>The number of items <c>n</c>.</summary>
    public int ItemCount { get; }

    /// <summary>The number of capacity constraints.</summary>
    public int ConstraintCount { get; }

    /// <summary>The capacities <c>b[c]</c>.</summary>
    public IReadOnlyList<float> Capacities { get; }

    /// <summary>The longest time one <see cref="Solve"/> call may search before it throws <see cref="SolverTimeLimitException"/>.</summary>
    public TimeSpan TimeLimit { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[n]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension => ItemCount;

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = false</c>, <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts => KnapsackFacts;

    /// <summary>The node budget per item before CP-SAT (<see cref="SearchNodesPerItemBeforeIntegerModel"/>; tests lower
    /// it to exercise the CP-SAT path).</summary>
    internal int NodesPerItemBeforeIntegerModel { get; init; } = SearchNodesPerItemBeforeIntegerModel;

    /// <summary>Whether loads are kept as exact integers because double cannot sum them exactly (for tests).</summary>
    internal bool UsesIntegerLoads => _loadUnits is not null;

    /// <summary>The DP table width (integer capacity) when dynamic programming may be used, else -1.</summary>
    internal int DynamicProgrammingCapacity { get; }

    /// <summary>The weight <c>a[c, i]</c> of <paramref name="item"/> in <paramref name="constraint"/>.</summary>
    /// <exception cref="IndexOutOfRangeException">An index is out of range.</exception>
    public float GetWeight(int constraint, int item)
    {
        if ((uint)constraint >= (uint)ConstraintCount || (uint)item >= (uint)ItemCount)
            throw new IndexOutOfRangeException($"{Name}: no weight for constraint {constraint}, item {item}.");
        return (float)_weights[constraint * ItemCount + item];
    }

    /// <inheritdoc/>
    /// <remarks>Writes the 0/1 indicator of a minimum-cost feasible selection (ties as in the class remarks).</remarks>
    /// <exception cref="SolverTimeLimitException">Optimality was not proven within <see cref="TimeLimit"/>.</exception>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        var search = KnapsackSearch.ForCurrentThread(ItemCount, ConstraintCount);
        var deadline = Stopwatch.GetTimestamp() + _timeLimitTicks;
        if (!search.Run(costs, _weights, _capacities, DynamicProgrammingCapacity, _integerModel, NodesPerItemBeforeIntegerModel, _loadUnits, deadline))
            throw new SolverTimeLimitException(Name, TimeLimit, -search.BestValue, -search.UpperBound);
        search.WriteBest(solution);
    }

    /// <summary>
    /// The finest bit <c>2^e</c> of the capacity and the weights that fit (those at most the capacity) of
    /// <paramref name="constraint"/>, and the capacity in those units (<paramref name="units"/>). Every load the search
    /// forms is a multiple of that unit between 0 and the capacity, so double sums are exact up to
    /// <see cref="MaxExactLoadUnits"/> units; beyond, the search uses exact integer loads, up to <c>2^120</c> units.
    /// </summary>
    /// <exception cref="ArgumentException">The capacity exceeds <c>2^120</c> units.</exception>
    private static int FinestLoadBit(float[,] weights, int constraint, float capacity, out double units)
    {
        units = 0;
        if (capacity == 0f) return 0;
        var finest = ObjectiveGranularity.LowestBitExponent(capacity);
        for (var i = 0; i < weights.GetLength(1); i++)
        {
            var weight = weights[constraint, i];
            if (weight > 0f && weight <= capacity) finest = Math.Min(finest, ObjectiveGranularity.LowestBitExponent(weight));
        }
        units = Math.ScaleB((double)capacity, -finest);
        if (units >= Math.ScaleB(1.0, KnapsackLoadUnits.MaxBits))
            throw new ArgumentException(
                $"Knapsack: constraint {constraint} cannot be evaluated exactly: its capacity {capacity:G9} is {units:G3} times the " +
                $"finest bit 2^{finest} of its capacity and of the weights that fit, above the 2^{KnapsackLoadUnits.MaxBits} that " +
                "exact loads support; round the weights and the capacity to a coarser grid (for example to integers).", nameof(weights));
        return finest;
    }

    private static float[,] ToMatrix(ReadOnlySpan<float> weights)
    {
        var matrix = new float[1, weights.Length];
        for (var i = 0; i < weights.Length; i++) matrix[0, i] = weights[i];
        return matrix;
    }
}
