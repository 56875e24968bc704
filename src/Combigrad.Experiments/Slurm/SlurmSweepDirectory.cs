using System.Globalization;
using System.Text.RegularExpressions;

namespace Combigrad.Experiments.Slurm;

/// <summary>
/// The folder of a sweep run as Slurm array jobs (on a file system every node sees):
/// <code>
/// bin/                 the published command line the tasks run
/// array-001.sh/.tsv/.json/.job   one array job per submission (see <see cref="SlurmSubmission"/>)
/// runs/&lt;key&gt;.db        one results database per run, written only by that run's task
/// runs/checkpoints/    the runs' checkpoints (next to their databases, as everywhere)
/// logs/                the tasks' stdout and stderr, array-NNN_&lt;task&gt;.out
/// </code>
/// </summary>
public sealed partial class SlurmSweepDirectory(string path)
{
    /// <summary>The sweep folder (absolute).</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Where the published command line lives.</summary>
    public string BinDirectory => System.IO.Path.Combine(Path, "bin");

    /// <summary>Where the per-run databases live.</summary>
    public string RunsDirectory => System.IO.Path.Combine(Path, "runs");

    /// <summary>Where the tasks' logs go.</summary>
    public string LogsDirectory => System.IO.Path.Combine(Path, "logs");

    /// <summary>The results database of one run.</summary>
    public string RunDatabase(string runKey) => System.IO.Path.Combine(RunsDirectory, runKey + ".db");

    /// <summary>Every submission written so far, oldest first.</summary>
    public IReadOnlyList<SlurmSubmission> Submissions()
    {
        if (!Directory.Exists(Path)) return [];
        return [.. Directory.EnumerateFiles(Path, "array-*.tsv")
            .Select(f => RunsFileName().Match(System.IO.Path.GetFileName(f)))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
            .Order()
            .Select(n => new SlurmSubmission(Path, n))];
    }

    /// <summary>A new submission numbered after the last one; its files are not written yet.</summary>
    public SlurmSubmission NextSubmission() => new(Path, Submissions().Select(s => s.Number).DefaultIfEmpty(0).Max() + 1);

    [GeneratedRegex(@"^array-(\d+)\.tsv$")]
    private static partial Regex RunsFileName();
}
