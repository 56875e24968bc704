namespace Combigrad.Solvers;

/// <summary>Thrown when an instance has no feasible solution (for example a disconnected graph).</summary>
public sealed class InfeasibleProblemException : Exception
{
    /// <summary>Creates the exception with a message that names the solver and the reason.</summary>
    public InfeasibleProblemException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the underlying cause.</summary>
    public InfeasibleProblemException(string message, Exception innerException) : base(message, innerException) { }
}
