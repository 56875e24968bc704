namespace Combigrad.Experiments.Faults;

/// <summary>
/// An expected fault with a one-line message that names the file, key or run and says what to do. The command line
/// prints <see cref="Exception.Message"/> alone and exits with the code of <see cref="Kind"/>.
/// </summary>
public class FaultException : Exception
{
    /// <summary>Creates a fault of the given class.</summary>
    /// <param name="kind">The class of the fault; it selects the exit code.</param>
    /// <param name="message">One line: what failed (file, key or run) and what to do.</param>
    /// <param name="innerException">The exception that caused it, if any.</param>
    public FaultException(FaultKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>The class of the fault; <c>(int)Kind</c> is the process exit code.</summary>
    public FaultKind Kind { get; }
}
