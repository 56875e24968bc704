using Combigrad.Experiments.Faults;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

public sealed partial class Trainer
{
    /// <summary>Writes history, model (backbone, then head) and optimizer (generators restart from (seed, epoch), so they
    /// need no state) as the run's newest checkpoint; see <see cref="CheckpointFiles"/> for why a kill never leaves none.</summary>
    private static void SaveCheckpoint(CheckpointFiles checkpoints, IReadOnlyList<EpochRecord> history, TrainingProblem problem, OptimizerHelper optimizer) =>
        checkpoints.Save(history, writer =>
        {
            problem.Backbone.save(writer);
            problem.Head?.save(writer);
            optimizer.save_state_dict(writer);
        });

    /// <summary>Restores model and optimizer from the newest intact checkpoint and returns its history; an empty history
    /// when no checkpoint was ever put in place.</summary>
    /// <exception cref="FaultException">Checkpoint files exist but none is intact.</exception>
    private static List<EpochRecord> LoadCheckpoint(CheckpointFiles checkpoints, TrainingProblem problem, OptimizerHelper optimizer)
    {
        var intact = checkpoints.Settle();
        if (intact is null)
        {
            // Settle leaves damaged checkpoints in place, so they can still be named.
            if (checkpoints.Exists) throw new FaultException(FaultKind.Checkpoint, $"no intact checkpoint to resume from: {checkpoints.DescribeProblems()}; delete them to start over.");
            return [];
        }
        using var reader = CheckpointFile.OpenState(intact.Path, out var history);
        problem.Backbone.load(reader);
        problem.Head?.load(reader);
        optimizer.load_state_dict(reader);
        return [.. history];
    }

    /// <summary>Loads only the model weights (and buffers) of a checkpoint written by the trainer into <paramref name="backbone"/>,
    /// for inspecting a trained run (e.g. drawing its predictions); returns the training history stored with them.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="FaultException">The file is not an intact checkpoint (truncated, corrupt, other format version).</exception>
    public static IReadOnlyList<EpochRecord> LoadModel(string path, nn.Module backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (!File.Exists(path)) throw new FileNotFoundException($"no checkpoint at {path}.", path);
        var check = CheckpointFile.Verify(path, expectedRunKey: null);
        if (!check.Intact) throw new FaultException(FaultKind.Checkpoint, $"{path} {check.Problem}; it cannot be loaded.");
        using var reader = CheckpointFile.OpenState(path, out var history);
        backbone.load(reader);
        return history;
    }
}
