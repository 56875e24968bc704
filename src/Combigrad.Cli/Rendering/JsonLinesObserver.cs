using System.Text.Json;
using Combigrad.Experiments.Training;

namespace Combigrad.Cli.Rendering;

/// <summary>Writes one JSON object per completed epoch to standard output, for scripts (<c>--json</c>).</summary>
internal sealed class JsonLinesObserver(string runLabel) : ITrainingObserver
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public void OnEpochStarted(int epoch, int epochs, int batches) { }

    public void OnBatchCompleted(int epoch, int batch, double loss) { }

    public void OnEpochCompleted(EpochRecord record) =>
        Console.WriteLine(JsonSerializer.Serialize(new { run = runLabel, record.Epoch, trainLoss = record.TrainLoss, record.WallSeconds, record.SolverSeconds, record.SolverCalls, validation = record.Validation, test = record.Test }, Json));
}
