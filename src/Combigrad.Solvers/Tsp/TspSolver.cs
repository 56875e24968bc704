using System.Diagnostics;
using System.Numerics;

namespace Combigrad.Solvers;

/// <summary>
/// The exact symmetric travelling salesman problem on <c>k</c> cities: <c>y(w) = argmin &lt;w, y&gt;</c> over the
/// symmetric 0/1 adjacency matrices <c>y</c> of Hamiltonian cycles (the Globe TSP label of the paper, Sec. 5).
/// </summary>
/// <remarks>
/// <para>Costs <c>w</c> are a <c>k x k</c> matrix, row-major, of any sign; the diagonal is ignored (it must still be
/// finite, and may be huge). Every solution <c>y</c> is symmetric, so <c>&lt;w, y&gt;</c> is the sum over tour edges
/// <c>{i, j}</c> of <c>w[i, j] + w[j, i]</c>: asymmetric input (for example a distance matrix plus per-entry margin noise)
/// is accepted and gets exactly the argmin of <c>&lt;w, y&gt;</c> (nothing is thrown for it). For symmetric <c>w</c>,
/// <c>&lt;w, y&gt;</c> is twice the tour length for <c>k &gt;= 3</c>. Adding a constant to every off-diagonal cost adds
/// <c>k</c> times it to every tour, so the optimum does not change.</para>
/// <para>Guarantee: the output is an exact minimiser of <c>&lt;w, y&gt;</c> for every finite float input, at any cost
/// magnitudes (a big-M cost 1e15 or 1e30 times the others, subnormals, mixed signs), or
/// <see cref="SolverTimeLimitException"/> is thrown. Every float is an integer multiple of <c>2^u</c>, <c>u</c> the lowest
/// set bit over all off-diagonal costs, so the edge costs <c>w[i, j] + w[j, i]</c> become exact integers in units of
/// <c>2^(u - s)</c> (<c>s</c> up to 20 extra bits give the Lagrange multipliers sub-granularity resolution), and the whole
/// search (bounds, multipliers, pruning, heuristics) runs in exact integer arithmetic: in <see cref="long"/> when the
/// largest |cost| needs at most <c>46 - ceil(log2 k)</c> bits in units of <c>2^u</c> (41 at <c>k = 20</c>: integer costs
/// up to about 2e12, or 24-bit floats spanning up to about 2^17 in magnitude), else in <see cref="Int128"/> (slower),
/// else in <see cref="BigInteger"/> (much slower, allocating).</para>
/// <para>Degenerate sizes: <c>k = 1</c> has the empty tour, output <c>[0]</c> (sum 0); <c>k = 2</c> has the tour
/// <c>0 -&gt; 1 -&gt; 0</c>, output <c>[[0, 1], [1, 0]]</c> (sum 2, and <c>&lt;w, y&gt;</c> is its length); <c>k = 3</c> has
/// the triangle as its only tour. From <c>k = 3</c> on every output sums to <c>2k</c>.</para>
/// <para>Algorithm (<c>k &gt;= 4</c>): nearest-neighbour tours improved by 2-opt and Or-opt give the first incumbent;
/// then depth-first branch-and-bound with Held–Karp 1-tree Lagrangian bounds (subgradient ascent, warm-started from
/// the parent node), Volgenant–Jonker branching on a vertex of degree above two, reduced-cost edge elimination at
/// every node, and twin cities (identical cost rows, such as duplicated points) fixed as consecutive when that provably
/// keeps an optimal tour. Every tour length is a multiple of <c>2^s</c> units, so a subtree is pruned exactly when its
/// bound exceeds the incumbent minus <c>2^s</c>: it then holds no strictly shorter tour. Designed for <c>k &lt;= 30</c> in
/// about a millisecond or less on the fast path; larger <c>k</c> work while the search fits in <see cref="TimeLimit"/>.</para>
/// <para>Time limit: if the proof of optimality is not complete within <see cref="TimeLimit"/>, <see cref="Solve"/>
/// throws <see cref="SolverTimeLimitException"/> (reporting the best tour's <c>&lt;w, y&gt;</c> and the root's proven lower
/// bound on it, rounded down to a double) rather than return an unproven tour.</para>
/// <para>Tie-breaking (deterministic): the result is a pure function of the cost bits (no randomness, no threads).
/// Among several optimal tours the first one met by the fixed search order is kept (an incumbent is replaced only by
/// a strictly shorter tour); because the search has no absolute constants, scaling all costs by a power of two gives
/// the same tour. For example, with all off-diagonal costs equal the tour is <c>0 -&gt; 1 -&gt; ... -&gt; k-1 -&gt; 0</c>.</para>
/// <para>Allocation: none per call in steady state on the <see cref="long"/> and <see cref="Int128"/> paths; each thread
/// keeps a grow-only workspace per integer width. The <see cref="BigInteger"/> path allocates.</para>
/// <para>Facts: every tour has the same number of edges (constant sum); costs of any sign are accepted.</para>
/// </remarks>
public sealed class TspSolver : ISolver
{
    /// <summary>The time limit used when none is given (typical <c>k &lt;= 30</c> instances need about a millisecond).</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    private static readonly SolutionSetFacts TspFacts = new(HasConstantSum: true, RequiresNonNegativeCosts: false);

    private readonly long _timeLimitTicks;

    /// <summary>Creates a solver for <paramref name="cityCount"/> cities with <see cref="DefaultTimeLimit"/>.</summary>
    /// <param name="cityCount">Number of cities <c>k</c>, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cityCount"/> is below 1 or <c>k * k</c> overflows an array.</exception>
    public TspSolver(int cityCount) : this(cityCount, DefaultTimeLimit) { }

    /// <summary>Creates a solver for <paramref name="cityCount"/> cities that gives up after <paramref name="timeLimit"/>.</summary>
    /// <param name="cityCount">Number of cities <c>k</c>, at least 1.</param>
    /// <param name="timeLimit">Longest time one <see cref="Solve"/> call may search; positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cityCount"/> is below 1 or too large, or
    /// <paramref name="timeLimit"/> is not positive.</exception>
    public TspSolver(int cityCount, TimeSpan timeLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cityCount, 1);
        if ((long)cityCount * cityCount > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(cityCount), $"A {cityCount}x{cityCount} cost matrix has more than {Array.MaxLength} entries.");
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeLimit, TimeSpan.Zero);

        CityCount = cityCount;
        TimeLimit = timeLimit;
        _timeLimitTicks = (long)Math.Min(timeLimit.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2);
        Dimension = cityCount * cityCount;
        InstanceShape = Array.AsReadOnly([cityCount, cityCount]);
        Name = $"Tsp(k={cityCount})";
    }

    /// <summary>The number of cities <c>k</c>.</summary>
    public int CityCount { get; }

    /// <summary>The longest time one <see cref="Solve"/> call may search before it throws <see cref="SolverTimeLimitException"/>.</summary>
    public TimeSpan TimeLimit { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[k, k]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = true</c> (every output sums to <c>2k</c> for <c>k &gt;= 3</c>),
    /// <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts => TspFacts;

    /// <inheritdoc/>
    /// <remarks>Writes the symmetric 0/1 adjacency matrix of an optimal tour (ties as in the class remarks). Asymmetric
    /// costs are accepted: the tour minimises <c>&lt;w, y&gt;</c>, as for their symmetric part.</remarks>
    /// <exception cref="ArgumentException">Wrong lengths, or a NaN or infinite cost (the message names the first).</exception>
    /// <exception cref="SolverTimeLimitException">Optimality was not proven within <see cref="TimeLimit"/>.</exception>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);
        var k = CityCount;
        solution.Clear();
        if (k <= TspSearch<long>.LargestTrivialCityCount)
        {
            for (var i = 0; i < k; i++)
                for (var j = 0; j < k; j++)
                    if (i != j) solution[i * k + j] = 1f;
            return;
        }

        var deadline = Stopwatch.GetTimestamp() + _timeLimitTicks;
        var (units, refinementBits, width) = Arithmetic(costs);
        switch (width)
        {
            case ExactIntegerWidth.Int64:
                Search<long>(costs, units, refinementBits, deadline, solution);
                break;
            case ExactIntegerWidth.Int128:
                Search<Int128>(costs, units, refinementBits, deadline, solution);
                break;
            default:
                Search<BigInteger>(costs, units, refinementBits, deadline, solution);
                break;
        }
    }

    /// <summary>
    /// The exact integer units of the search: the float costs' own units (<see cref="ExactCostUnits"/>) refined by
    /// up to <see cref="MultiplierResolutionBits"/> bits, and the narrowest integer type holding every intermediate.
    /// <see cref="long"/> is taken when it leaves at least <see cref="MinimumInt64ResolutionBits"/> bits of refinement.
    /// </summary>
    internal (ExactCostUnits Units, int RefinementBits, ExactIntegerWidth Width) Arithmetic(ReadOnlySpan<float> costs)
    {
        var k = CityCount;
        var units = ExactCostUnits.Of(costs, diagonalSide: k);
        // One bit for w[i, j] + w[j, i], then the search's own headroom (see TspSearch).
        var headroom = 1 + TspSearch<long>.HeadroomBits + (int)Math.Ceiling(Math.Log2(k));
        var spareInt64 = ExactCostUnits.Int64ValueBits - units.MagnitudeBits - headroom;
        if (spareInt64 >= MinimumInt64ResolutionBits)
        {
            var refinement = Math.Min(MultiplierResolutionBits, spareInt64);
            return (units.Refined(refinement), refinement, ExactIntegerWidth.Int64);
        }
        var refined = units.Refined(MultiplierResolutionBits);
        return (refined, MultiplierResolutionBits, refined.WidthFor(headroom));
    }

    /// <summary>The multipliers' resolution below the costs' granularity, in bits (the unit is <c>2^-20</c> of it).</summary>
    internal const int MultiplierResolutionBits = 20;

    /// <summary>The least refinement for which the <see cref="long"/> path is used; less goes to <see cref="Int128"/>.</summary>
    internal const int MinimumInt64ResolutionBits = 8;

    private void Search<T>(ReadOnlySpan<float> costs, ExactCostUnits units, int refinementBits, long deadline, Span<float> solution)
        where T : struct, IBinaryInteger<T>
    {
        var search = TspSearch<T>.ForCurrentThread(CityCount);
        if (!search.Run(costs, units, refinementBits, deadline))
        {
            var (rootBound, reached) = search.RootBound;
            throw new SolverTimeLimitException(Name, TimeLimit, units.ToDouble(search.IncumbentLength),
                reached ? units.ToDoubleAtMost(rootBound) : double.NegativeInfinity);
        }
        search.WriteIncumbent(solution);
    }
}
