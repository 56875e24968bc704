using System.Globalization;

namespace Combigrad.Experiments.Slurm;

/// <summary>
/// One array job of a sweep directory, numbered in the order written: its script (<c>array-NNN.sh</c>), its runs file
/// (<c>array-NNN.tsv</c>, task <c>i</c> = line <c>i</c>), the copy of the preset its tasks read (<c>array-NNN.json</c>),
/// and, once submitted, its Slurm job id (<c>array-NNN.job</c>). The files never change after they are written, so a
/// requeued task always finds the run it was given.
/// </summary>
public sealed class SlurmSubmission
{
    internal SlurmSubmission(string directory, int number)
    {
        Number = number;
        var stem = Path.Combine(directory, $"array-{number.ToString("D3", CultureInfo.InvariantCulture)}");
        ScriptPath = stem + ".sh";
        RunsPath = stem + ".tsv";
        PresetPath = stem + ".json";
        JobIdPath = stem + ".job";
    }

    /// <summary>The submission's number (1, 2, ...).</summary>
    public int Number { get; }

    /// <summary>The array job script.</summary>
    public string ScriptPath { get; }

    /// <summary>The runs file: one <see cref="SlurmRunLine"/> per array task.</summary>
    public string RunsPath { get; }

    /// <summary>The copy of the preset the tasks train from.</summary>
    public string PresetPath { get; }

    /// <summary>The file holding the Slurm job id once the script was submitted.</summary>
    public string JobIdPath { get; }

    /// <summary>The runs, in array task order.</summary>
    public IReadOnlyList<SlurmRunLine> Runs() =>
        [.. File.ReadAllLines(RunsPath).Where(l => l.Length > 0).Select(SlurmRunLine.Parse)];

    /// <summary>The Slurm job id of the array, or null when the script was not submitted by <c>sweep --submit</c>.</summary>
    public string? JobId => File.Exists(JobIdPath) ? File.ReadAllText(JobIdPath).Trim() : null;
}
