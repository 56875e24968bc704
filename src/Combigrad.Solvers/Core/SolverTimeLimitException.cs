namespace Combigrad.Solvers;

/// <summary>
/// Thrown by an exact solver whose search did not finish within its time limit. The solver never returns a
/// solution it has not proven optimal; the best solution and bound found so far are reported here instead.
/// </summary>
/// <remarks>A <see cref="TimeoutException"/>, so callers that already handle timeouts handle this one.
/// <see cref="BatchSolver"/> rethrows it unchanged with the failing instance index in <see cref="Exception.Data"/>.</remarks>
public sealed class SolverTimeLimitException : TimeoutException
{
    /// <summary>Creates the exception for <paramref name="solverName"/> after <paramref name="timeLimit"/>.</summary>
    /// <param name="solverName">The <see cref="ISolver.Name"/> of the solver that gave up.</param>
    /// <param name="timeLimit">The time limit that was exceeded.</param>
    /// <param name="bestObjective">The objective <c>&lt;w, y&gt;</c> of the best solution found, unproven.</param>
    /// <param name="lowerBound">A proven lower bound on the optimal objective (<see cref="double.NegativeInfinity"/>
    /// when none is known).</param>
    public SolverTimeLimitException(string solverName, TimeSpan timeLimit, double bestObjective, double lowerBound)
        : base($"{solverName}: no proven optimum within the time limit of {timeLimit.TotalSeconds:G4} s " +
               $"(best objective found {bestObjective:G9}, proven lower bound {lowerBound:G9}). " +
               "Raise the time limit, or use smaller instances.")
    {
        SolverName = solverName;
        TimeLimit = timeLimit;
        BestObjective = bestObjective;
        LowerBound = lowerBound;
    }

    /// <summary>The name of the solver that gave up.</summary>
    public string SolverName { get; }

    /// <summary>The time limit that was exceeded.</summary>
    public TimeSpan TimeLimit { get; }

    /// <summary>The objective <c>&lt;w, y&gt;</c> of the best solution found (not proven optimal).</summary>
    public double BestObjective { get; }

    /// <summary>A proven lower bound on the optimal objective, or <see cref="double.NegativeInfinity"/>.</summary>
    public double LowerBound { get; }
}
