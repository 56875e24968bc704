namespace Combigrad.Data.Fetching;

/// <summary>
/// Runs an external command (npm, apt-get, dpkg-deb). The seam through which fetchers reach the system, so tests can
/// simulate a missing tool or a refused download.
/// </summary>
public interface ICommandRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="arguments"/> (passed verbatim, no shell).</summary>
    /// <param name="fileName">The executable, looked up on <c>PATH</c>.</param>
    /// <param name="arguments">The arguments, one per element.</param>
    /// <param name="workingDirectory">The working directory of the command.</param>
    /// <param name="timeout">After this long the command (and its children) is killed and the result says so.</param>
    /// <returns>The exit code and captured output; never throws for a missing executable or a timeout.</returns>
    CommandResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout);
}
