namespace Combigrad.Solvers;

/// <summary>
/// Facts a solver declares about its solution set <c>Y</c> and its admissible costs, so that callers can
/// choose exact invariance projections (paper Sec. 3.4) instead of hard-coding them per problem.
/// </summary>
/// <param name="HasConstantSum">Every solution has the same coordinate sum (<c>&lt;1, y&gt; = b</c> for all
/// <c>y</c> in <c>Y</c>), so subtracting the mean of the costs (<c>P_plane</c>, eq. 13) never changes the solution.
/// True for ranking, top-k, perfect matchings and tours; false for shortest paths of varying length.</param>
/// <param name="RequiresNonNegativeCosts">The solver is only exact for costs <c>w &gt;= 0</c> (for example
/// Dijkstra), so negative costs are rejected. When set, <c>P_plane</c> is not applicable because it produces
/// negative entries.</param>
public sealed record SolutionSetFacts(bool HasConstantSum, bool RequiresNonNegativeCosts)
{
    /// <summary>
    /// Every argmin is invariant to positive scaling of the costs, so the sphere projection
    /// (<c>P_sphere</c>, eq. 14) is always exact. Kept as a property so reports can state it.
    /// </summary>
    public bool IsScaleInvariant => true;
}
