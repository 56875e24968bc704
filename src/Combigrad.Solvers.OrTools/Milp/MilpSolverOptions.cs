namespace Combigrad.Solvers;

/// <summary>Settings of a <see cref="MilpSolver"/>.</summary>
public sealed record MilpSolverOptions
{
    /// <summary>The default <see cref="TimeLimit"/>: generous, so that reaching it signals a model that is too hard.</summary>
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromSeconds(60);

    /// <summary>The wall-clock limit per instance; exceeding it throws <see cref="SolverTimeLimitException"/> (never a
    /// silent suboptimal answer).</summary>
    public TimeSpan TimeLimit { get; init; } = DefaultTimeLimit;

    /// <summary>Throws when a setting is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    internal void Validate()
    {
        if (TimeLimit <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(TimeLimit), TimeLimit, "The time limit must be positive.");
    }
}
