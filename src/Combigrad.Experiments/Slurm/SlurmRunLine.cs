namespace Combigrad.Experiments.Slurm;

/// <summary>One line of a submission's runs file: the run key and the <c>--set</c> assignments that make the run
/// (grid values, seed, then the sweep-wide overrides). Array task <c>i</c> runs line <c>i</c>.</summary>
/// <param name="RunKey">The run key; the run's database is <c>runs/&lt;key&gt;.db</c>.</param>
/// <param name="Assignments">The <c>key=value</c> overrides, in order.</param>
public sealed record SlurmRunLine(string RunKey, IReadOnlyList<string> Assignments)
{
    private const char Separator = '\t';

    /// <summary>The line as written to the runs file: key and assignments separated by tabs.</summary>
    /// <exception cref="ArgumentException">An assignment holds a tab or a line break, which the file cannot carry.</exception>
    public string Format()
    {
        foreach (var assignment in Assignments)
            if (assignment.IndexOfAny([Separator, '\n', '\r']) >= 0)
                throw new ArgumentException($"--set '{assignment.ReplaceLineEndings(" ")}' holds a tab or line break; a Slurm runs file cannot carry it (write the value in the preset instead).");
        return string.Join(Separator, Assignments.Prepend(RunKey));
    }

    /// <summary>Reads a line written by <see cref="Format"/>.</summary>
    public static SlurmRunLine Parse(string line)
    {
        var fields = line.Split(Separator);
        return new SlurmRunLine(fields[0], fields[1..]);
    }
}
