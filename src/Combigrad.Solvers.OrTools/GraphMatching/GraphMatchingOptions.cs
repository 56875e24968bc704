namespace Combigrad.Solvers;

/// <summary>Settings of a <see cref="GraphMatchingSolver"/>. The defaults suit keypoint matching with about ten
/// keypoints per image (Rolínek et al. 2020b; paper Sec. 4.2).</summary>
public sealed record GraphMatchingOptions
{
    /// <summary>The default <see cref="TimeLimit"/>: generous, so that reaching it signals a model that is too big.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>The default <see cref="Restarts"/>.</summary>
    public const int DefaultRestarts = 32;

    /// <summary>Exact solver: the wall-clock limit per instance; exceeding it throws
    /// <see cref="SolverTimeLimitException"/> (never a silent suboptimal answer).</summary>
    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;

    /// <summary>Approximate solver: the number of perturbation restarts of the local search (0 for local search only).
    /// More restarts, smaller gap, proportionally more time.</summary>
    public int Restarts { get; init; } = DefaultRestarts;

    /// <summary>Seed of the approximate solver's perturbations (the exact solver starts from that answer, which can
    /// decide between tied optima): the output is a function of the costs and the options only.</summary>
    public int Seed { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    internal void Validate()
    {
        if (TimeLimit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), TimeLimit, "The time limit must be positive.");
        if (Restarts < 0)
            throw new ArgumentOutOfRangeException(nameof(Restarts), Restarts, "Must be non-negative.");
    }
}
