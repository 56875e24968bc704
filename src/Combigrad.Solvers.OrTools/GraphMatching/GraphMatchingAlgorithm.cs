namespace Combigrad.Solvers;

/// <summary>Which algorithm a <see cref="GraphMatchingSolver"/> uses.</summary>
public enum GraphMatchingAlgorithm
{
    /// <summary>An exact CP-SAT model (one search worker, fixed seed): a proven optimum of the integer-rounded costs,
    /// or a <see cref="SolverTimeLimitException"/>. Meant for small graphs (about 12 keypoints or fewer).</summary>
    Exact,

    /// <summary>A fast heuristic (Gilmore–Lawler assignment start, swap local search, seeded perturbation restarts)
    /// that also reports a Gilmore–Lawler lower bound, hence its gap. Deterministic; not guaranteed optimal.</summary>
    Approximate,
}
