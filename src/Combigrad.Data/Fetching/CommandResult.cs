namespace Combigrad.Data.Fetching;

/// <summary>The outcome of one external command run by an <see cref="ICommandRunner"/>.</summary>
/// <param name="ExitCode">The process exit code; meaningless unless <see cref="Completed"/>.</param>
/// <param name="StandardOutput">Everything the command wrote to standard output.</param>
/// <param name="StandardError">Everything the command wrote to standard error.</param>
/// <param name="ExecutableFound">False when the executable could not be started (not on <c>PATH</c>).</param>
/// <param name="TimedOut">True when the command was killed after its timeout.</param>
public sealed record CommandResult(int ExitCode, string StandardOutput, string StandardError, bool ExecutableFound = true, bool TimedOut = false)
{
    /// <summary>The command started, finished in time and exited with 0.</summary>
    public bool Succeeded => ExecutableFound && !TimedOut && ExitCode == 0;

    /// <summary>The command started and finished in time (with any exit code).</summary>
    public bool Completed => ExecutableFound && !TimedOut;

    /// <summary>
    /// A one-line summary of standard error for error messages: its first lines that report an error (apt's
    /// <c>E:</c> lines, npm's <c>npm error</c> lines), else its last lines, joined with <c>" | "</c>.
    /// </summary>
    public string ErrorSummary
    {
        get
        {
            const int MaxLines = 2;
            if (!ExecutableFound) return "executable not found";
            if (TimedOut) return "timed out";
            var lines = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var errors = lines.Where(l => l.StartsWith("E:", StringComparison.Ordinal)
                || l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(MaxLines).ToArray();
            var chosen = errors.Length > 0 ? errors : lines.Length <= MaxLines ? lines : lines[^MaxLines..];
            return chosen.Length == 0 ? $"exit code {ExitCode}, no error output" : string.Join(" | ", chosen);
        }
    }
}
