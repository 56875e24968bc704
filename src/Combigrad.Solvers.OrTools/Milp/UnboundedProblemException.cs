namespace Combigrad.Solvers;

/// <summary>
/// Thrown when the costs make the objective unbounded below on the feasible set (for example a negative cost on a
/// variable without an upper bound). An <see cref="ArgumentException"/>, because it is these costs that are unusable.
/// </summary>
public sealed class UnboundedProblemException : ArgumentException
{
    /// <summary>Creates the exception with a message that names the solver and the reason.</summary>
    public UnboundedProblemException(string message) : base(message, "costs") { }
}
