namespace Combigrad.Solvers;

/// <summary>
/// Top-k selection as a linear program: <c>y(w) = argmin &lt;w, y&gt;</c> over <c>y in {0, 1}^n</c> with exactly
/// <c>k</c> ones, i.e. the indicator of the <c>k</c> <em>smallest</em> costs.
/// </summary>
/// <remarks>
/// <para>Sign convention: like every solver this one minimises. A caller that wants the <c>k</c> largest scores
/// passes the negated scores as costs (once, in the layer that calls the solver).</para>
/// <para>Tie-breaking (deterministic): among equal costs the lower index is selected first.
/// <c>-0</c> and <c>+0</c> count as equal.</para>
/// <para>Algorithm: one sort of packed <c>(cost, index)</c> keys, <c>O(n log n)</c>; no allocation per call in
/// steady state (each thread keeps a grow-only key buffer).</para>
/// <para>Facts: every solution sums to <c>k</c> (constant sum); costs of any sign are accepted.</para>
/// </remarks>
public sealed class TopKSolver : ISolver
{
    private static readonly SolutionSetFacts TopKFacts = new(HasConstantSum: true, RequiresNonNegativeCosts: false);

    /// <summary>Creates a solver selecting <paramref name="k"/> of <paramref name="n"/> entries.</summary>
    /// <param name="n">Number of entries, at least 1.</param>
    /// <param name="k">Number of selected entries, in <c>1..n</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> or <paramref name="k"/> is out of range.</exception>
    public TopKSolver(int n, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);

        Dimension = n;
        K = k;
        InstanceShape = Array.AsReadOnly([n]);
        Name = $"TopK(n={n}, k={k})";
    }

    /// <summary>The number of selected entries.</summary>
    public int K { get; }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <remarks>Always <c>[n]</c>.</remarks>
    public IReadOnlyList<int> InstanceShape { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    /// <remarks><c>HasConstantSum = true</c>, <c>RequiresNonNegativeCosts = false</c>.</remarks>
    public SolutionSetFacts Facts => TopKFacts;

    /// <inheritdoc/>
    /// <remarks>Writes 1 on the <see cref="K"/> smallest costs (ties: lower index first) and 0 elsewhere.</remarks>
    public void Solve(ReadOnlySpan<float> costs, Span<float> solution)
    {
        CostValidation.ThrowIfWrongLength(Name, Dimension, costs.Length, solution.Length);
        CostValidation.ThrowIfInvalid(Name, costs, requireNonNegative: false);

        var keys = SortKeys.RentBuffer(Dimension);
        for (var i = 0; i < keys.Length; i++)
            keys[i] = SortKeys.Ascending(costs[i], i);
        keys.Sort();

        solution.Clear();
        foreach (var key in keys[..K])
            solution[SortKeys.IndexOf(key)] = 1f;
    }
}
