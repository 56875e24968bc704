using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Combigrad.Experiments.Training;

public sealed partial class Trainer
{
    private const string CheckpointMagic = "COMBIGRAD-CHECKPOINT";
    private const int CheckpointVersion = 2;
    private static readonly JsonSerializerOptions HistoryJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Writes history, model (backbone, then head) and optimizer (generators restart from (seed, epoch), so they need no state) to a temporary file and renames it over
    /// <paramref name="path"/>, so a kill at any moment leaves either the old or the new checkpoint, whole.</summary>
    private static void SaveCheckpoint(string path, IReadOnlyList<EpochRecord> history, TrainingProblem problem, OptimizerHelper optimizer)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        using (var writer = new BinaryWriter(stream, Encoding.UTF8))
        {
            writer.Write(CheckpointMagic);
            writer.Write(CheckpointVersion);
            writer.Write(JsonSerializer.Serialize(history, HistoryJson));
            problem.Backbone.save(writer);
            problem.Head?.save(writer);
            optimizer.save_state_dict(writer);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private static List<EpochRecord> LoadCheckpoint(string path, TrainingProblem problem, OptimizerHelper optimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        if (reader.ReadString() != CheckpointMagic || reader.ReadInt32() != CheckpointVersion)
            throw new InvalidDataException($"{path} is not a Combigrad checkpoint of version {CheckpointVersion}.");
        var history = JsonSerializer.Deserialize<List<EpochRecord>>(reader.ReadString(), HistoryJson)
            ?? throw new InvalidDataException($"{path} has no training history.");
        problem.Backbone.load(reader);
        problem.Head?.load(reader);
        optimizer.load_state_dict(reader);
        return history;
    }
}
