namespace Combigrad.Solvers;

/// <summary>Settings of a <see cref="CpSatSolver"/>.</summary>
public sealed record CpSatSolverOptions
{
    /// <summary>The default <see cref="TimeLimit"/>: generous, so that reaching it signals a model that is too hard.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>The wall-clock limit per instance; exceeding it throws <see cref="SolverTimeLimitException"/>.</summary>
    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;

    /// <summary>
    /// Null (the default): costs are used exactly. Every float is an integer times a power of two, so multiplying all
    /// costs by <c>2^-e</c> (<c>2^e</c> the finest bit among them) gives exact integer objective coefficients; costs whose
    /// range does not fit CP-SAT's 64-bit objective that way are refused with an <see cref="ArgumentException"/> naming the
    /// range (see <see cref="CpSatSolver"/>). Set a value in 8..40 to opt into rounding instead: costs become
    /// <c>round(w 2^s)</c> with the power of two putting the largest |cost| at about <c>2^CostResolutionBits</c>, so costs
    /// that differ by less than about <c>2^-CostResolutionBits max|w|</c> are treated as equal and the returned solution is
    /// optimal only for the rounded costs (within <c>n 2^-CostResolutionBits max|w| max|y|</c> of the true optimum).
    /// </summary>
    public int? CostResolutionBits { get; init; }

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
        if (CostResolutionBits is { } bits && bits is < MinBits or > MaxBits)
            throw new ArgumentOutOfRangeException(nameof(CostResolutionBits), CostResolutionBits, $"Must be in {MinBits}..{MaxBits}.");
    }
}
