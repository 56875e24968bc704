namespace Combigrad.Experiments.Training;

/// <summary>The result of verifying one checkpoint file: intact (with its epoch and training history) or why not.</summary>
/// <param name="Path">The file.</param>
/// <param name="Epoch">The last epoch it holds, when intact.</param>
/// <param name="History">Its training history (epoch 0 to <paramref name="Epoch"/>), when intact.</param>
/// <param name="Problem">Why it cannot be loaded (truncated, checksum mismatch, other run, ...), or null when intact.</param>
public sealed record CheckpointCheck(string Path, int Epoch, IReadOnlyList<EpochRecord>? History, string? Problem)
{
    /// <summary>Whether the file is whole, matches its checksum and belongs to the expected run.</summary>
    public bool Intact => Problem is null;
}
