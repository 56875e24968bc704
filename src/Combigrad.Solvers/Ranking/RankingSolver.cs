namespace Combigrad.Solvers;

/// <summary>
/// Ranking as a linear program over permutations (paper eq. 19):
/// <c>rk(w) = argmin_{y in Pi_n} &lt;w, y&gt;</c>, where <c>Pi_n</c> holds the permutations of <c>(1, ..., n)</c>.
/// </summary>
/// <remarks>
/// <para>By the rearrangement inequality the minimiser gives the <em>largest</em> cost rank 1 and the smallest
/// cost rank <c>n</c>. The output <c>y[i]</c> is the rank of entry <c>i</c>, written as a float in <c>1..n</c>.</para>
/// <para>Tie-breaking (deterministic, stable): among equal costs the lower index gets the smaller rank.
/// <c>-0</c> and <c>+0</c> count as equal.</para>
/// <para>Algorithm: one sort of packed <c>(cost, index)</c> keys, <c>O(n log n)</c>; no allocation per call in
/// steady state (each thread keeps a grow-only key buffer).</para>
/// <para>Facts: every permutation sums to <c>n(n + 1) / 2</c> (constant sum); costs of any sign are accepted.</para>
/// </remarks>
public sealed class RankingSolver : ISolver
{
    /// <summary>The largest <c>n</c> supported: every rank up to it is exactly representable as a float (2^24).</summary>
    public const int MaxDimension = 1 << 24;

    private static readonly SolutionSetFacts RankingFacts = new(HasConstantSum: true, RequiresNonNegativeCosts: false);

    /// <summary>Creates a solver ranking <paramref name="n"/> entries.</summary>
    /// <param name="n">Number of entries, in <c>1..</c><see cref="MaxDimension"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is out of range.</exception>
    public RankingSolver(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, MaxDimension);

        Dimension = n;
        InstanceShape = Array.AsReadOnly([n]);
        Name = $"Ranking(n={n})";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[n]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = true</c>, <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts => RankingFacts;

    /// <inheritdoc/>
    /// <remarks>Writes the rank of each entry (1 = largest cost; ties broken by lower index first).</remarks>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        var keys = SortKeys.RentBuffer(Dimension);
        for (var i = 0; i < keys.Length; i++)
            keys[i] = SortKeys.Descending(costs[i], i);
        keys.Sort();

        for (var position = 0; position < keys.Length; position++)
            solution[SortKeys.IndexOf(keys[position])] = position + 1;
    }
}
