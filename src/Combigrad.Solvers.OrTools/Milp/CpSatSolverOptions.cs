namespace Combigrad.Solvers;

/// <summary>Settings of a <see cref="CpSatSolver"/>.</summary>
public sealed record CpSatSolverOptions
{
    /// <summary>The default <see cref="TimeLimit"/>: generous, so that reaching it signals a model that is too hard.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>The default <see cref="CostResolutionBits"/>: <c>2^-20</c>, about 1e-6 relative to the largest |cost|.</summary>
    public const int DefaultCostResolutionBits = 20;

    /// <summary>The wall-clock limit per instance; exceeding it throws <see cref="SolverTimeLimitException"/>.</summary>
    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;

    /// <summary>
    /// CP-SAT needs integer objective coefficients: costs are rounded to <c>round(w 2^s)</c> with the power of two
    /// <c>2^s</c> putting the largest |cost| at about <c>2^CostResolutionBits</c>. Consequence: costs that differ by less
    /// than about <c>2^-CostResolutionBits max|w|</c> are treated as equal, so the returned solution is optimal for the
    /// rounded costs and within <c>n 2^-CostResolutionBits max|w| max|y|</c> of the true optimum. In 8..40; larger values
    /// are finer but can slow CP-SAT's search.
    /// </summary>
    public int CostResolutionBits { get; init; } = DefaultCostResolutionBits;

    /// <summary>CP-SAT's random seed (with one search worker the search is deterministic for a given seed).</summary>
    public int Seed { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    internal void Validate()
    {
        const int MinBits = 8;
        const int MaxBits = 40;
        if (TimeLimit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), TimeLimit, "The time limit must be positive.");
        if (CostResolutionBits is < MinBits or > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(CostResolutionBits), CostResolutionBits, $"Must be in {MinBits}..{MaxBits}.");
    }
}
