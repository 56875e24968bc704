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

    /// <summary>Loads only the model weights (and buffers) of a checkpoint written by the trainer into <paramref name="backbone"/>,
    /// for inspecting a trained run (e.g. drawing its predictions); returns the training history stored with them.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a checkpoint of this version.</exception>
    public static IReadOnlyList<EpochRecord> LoadModel(string path, nn.Module backbone)
    {
        ArgumentNullException.ThrowIfNull(backbone);
        if (!File.Exists(path)) throw new FileNotFoundException($"no checkpoint at {path}.", path);
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var history = ReadHeader(path, reader);
        backbone.load(reader);
        return history;
    }

    private static List<EpochRecord> ReadHeader(string path, BinaryReader reader)
    {
        string magic;
        try
        {
            magic = reader.ReadString();
        }
        catch (EndOfStreamException)
        {
            magic = "";
        }
        if (magic != CheckpointMagic || reader.ReadInt32() != CheckpointVersion)
            throw new InvalidDataException($"{path} is not a Combigrad checkpoint of version {CheckpointVersion}.");
        return JsonSerializer.Deserialize<List<EpochRecord>>(reader.ReadString(), HistoryJson)
            ?? throw new InvalidDataException($"{path} has no training history.");
    }

    private static List<EpochRecord> LoadCheckpoint(string path, TrainingProblem problem, OptimizerHelper optimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var history = ReadHeader(path, reader);
        problem.Backbone.load(reader);
        problem.Head?.load(reader);
        optimizer.load_state_dict(reader);
        return history;
    }
}
