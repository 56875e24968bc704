using Combigrad.Experiments.Faults;

namespace Combigrad.Experiments.Training;

/// <summary>
/// The checkpoint files of one run: <see cref="Path"/> holds the newest epoch and <see cref="PreviousPath"/> the one
/// before, so a checkpoint damaged after it was written still leaves an intact one to fall back to. A new checkpoint is
/// written to <see cref="TemporaryPath"/>, flushed to disk and renamed into place; a kill at any moment leaves at least
/// one intact file, and a file is only ever loaded after <see cref="CheckpointFile.Verify"/> accepts it.
/// </summary>
public sealed class CheckpointFiles
{
    /// <summary>Checkpoints of the run <paramref name="runKey"/> at <paramref name="path"/> (null key: any run, as for a
    /// trainer used without the results database).</summary>
    public CheckpointFiles(string path, string? runKey = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
        RunKey = runKey;
    }

    /// <summary>The newest checkpoint.</summary>
    public string Path { get; }

    /// <summary>The checkpoint before the newest.</summary>
    public string PreviousPath => Path + ".prev";

    /// <summary>Where a checkpoint is written before it is renamed into place.</summary>
    public string TemporaryPath => Path + ".tmp";

    /// <summary>The run the checkpoints must belong to (null: not checked).</summary>
    public string? RunKey { get; }

    /// <summary>Whether a checkpoint was ever put in place (<see cref="Path"/> or <see cref="PreviousPath"/> exists, intact or
    /// not). A lone <see cref="TemporaryPath"/> is a write that may have been cut short, not a checkpoint.</summary>
    public bool Exists => File.Exists(Path) || File.Exists(PreviousPath);

    private string[] Candidates => [Path, TemporaryPath, PreviousPath];

    /// <summary>Verifies every existing file.</summary>
    public IReadOnlyList<CheckpointCheck> Inspect() =>
        [.. Candidates.Where(File.Exists).Select(p => CheckpointFile.Verify(p, RunKey))];

    /// <summary>The intact checkpoint with the highest epoch, or null when there is none.</summary>
    public CheckpointCheck? NewestIntact() =>
        Inspect().Where(c => c.Intact).OrderByDescending(c => c.Epoch).FirstOrDefault();

    /// <summary>One line saying why no file can be loaded (each file and its problem), for an error message.</summary>
    public string DescribeProblems()
    {
        var checks = Inspect();
        return checks.Count == 0 ? $"no checkpoint at {Path}" : string.Join("; ", checks.Select(c => $"{c.Path} {c.Problem}"));
    }

    /// <summary>Deletes every file of the run (starting over).</summary>
    public void Delete()
    {
        foreach (var path in Candidates.Where(File.Exists)) File.Delete(path);
    }

    /// <summary>
    /// Makes the newest intact checkpoint the one at <see cref="Path"/> and removes the files that are damaged or newer
    /// than it, so the next <see cref="Save"/> keeps it as the previous one. Returns it, or null when no file is intact
    /// (damaged checkpoints are then left in place).
    /// </summary>
    internal CheckpointCheck? Settle()
    {
        var newest = NewestIntact();
        if (newest is null)
        {
            if (!Exists && File.Exists(TemporaryPath)) File.Delete(TemporaryPath); // a first write cut short
            return null;
        }
        if (newest.Path == PreviousPath)
        {
            File.Delete(Path);
            File.Delete(TemporaryPath);
            File.Move(PreviousPath, Path);
        }
        else if (newest.Path == TemporaryPath)
        {
            if (File.Exists(Path) && CheckpointFile.Verify(Path, RunKey).Intact) File.Move(Path, PreviousPath, overwrite: true);
            File.Move(TemporaryPath, Path, overwrite: true);
        }
        else
        {
            File.Delete(TemporaryPath);
        }
        if (File.Exists(PreviousPath) && !CheckpointFile.Verify(PreviousPath, RunKey).Intact) File.Delete(PreviousPath);
        return newest with { Path = Path };
    }

    /// <summary>Writes the checkpoint of <paramref name="history"/>'s last epoch: to the temporary file, flushed to disk,
    /// then the newest becomes the previous and the new file the newest.</summary>
    internal void Save(IReadOnlyList<EpochRecord> history, Action<BinaryWriter> writeState)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        CheckpointFile.Write(TemporaryPath, RunKey ?? "", history, writeState);
        if (File.Exists(Path)) File.Move(Path, PreviousPath, overwrite: true);
        FaultInjection.At(FaultInjection.CheckpointRename);
        File.Move(TemporaryPath, Path);
    }
}
