namespace Combigrad.Solvers;

/// <summary>
/// A combinatorial solver: for one instance it computes <c>y(w) = argmin_{y in Y} &lt;w, y&gt;</c>
/// (paper eq. 1) over a finite solution set <c>Y</c> living in the same space as the costs <c>w</c>.
/// </summary>
/// <remarks>
/// <para>Sign convention: every solver minimises. A problem that is naturally a maximisation
/// (largest scores first) is expressed by negating its scores once, in the layer that calls the solver.</para>
/// <para>Contract: <see cref="Solve"/> is deterministic (ties are broken by a documented rule), does not
/// allocate in steady state beyond what the solver documents, and is safe to call concurrently from
/// several threads on one instance: implementations keep no mutable state outside the call.</para>
/// </remarks>
public interface ISolver
{
    /// <summary>A short human-readable name used in error messages and reports.</summary>
    string Name { get; }

    /// <summary>
    /// The shape of one instance's cost tensor (and of its solution), e.g. <c>[k, k]</c> for a k x k grid.
    /// Its product is <see cref="Dimension"/>.
    /// </summary>
    IReadOnlyList<int> InstanceShape { get; }

    /// <summary>The number of cost entries <c>n</c> of one instance (the product of <see cref="InstanceShape"/>).</summary>
    int Dimension { get; }

    /// <summary>What this solver knows about its solution set and admissible costs.</summary>
    SolutionSetFacts Facts { get; }

    /// <summary>
    /// Solves one instance: writes <c>y(w)</c> into <paramref name="solution"/>.
    /// </summary>
    /// <param name="costs">The cost vector <c>w</c>, row-major over <see cref="InstanceShape"/>.</param>
    /// <param name="solution">Caller-owned output of the same length; fully overwritten.</param>
    /// <exception cref="ArgumentException">Wrong lengths, a NaN or infinite cost, or a negative cost when
    /// <see cref="SolutionSetFacts.RequiresNonNegativeCosts"/> is set.</exception>
    /// <exception cref="InfeasibleProblemException">The instance has no feasible solution.</exception>
    void Solve(ReadOnlySpan<float> costs, Span<float> solution);
}
