namespace Combigrad.Solvers;

/// <summary>Which algorithm a <see cref="GraphMatchingSolver"/> uses.</summary>
public enum GraphMatchingAlgorithm
{
    /// <summary>Branch-and-bound in exact integer arithmetic: a proven optimum of the given float costs at any magnitude,
    /// or a <see cref="SolverTimeLimitException"/>. Dense 10 + 10 graphs take tens to hundreds of milliseconds; the
    /// search is exponential in the worst case, so meant for evaluation and references rather than training loops.</summary>
    Exact,

    /// <summary>A fast heuristic (Gilmore–Lawler assignment start, swap local search, seeded perturbation restarts)
    /// that also reports a Gilmore–Lawler lower bound, hence its gap. Deterministic; not guaranteed optimal.</summary>
    Approximate,
}
