using Combigrad.Experiments.Training;
using Spectre.Console;

namespace Combigrad.Cli.Rendering;

/// <summary>Drives two Spectre.Console progress bars (epochs, batches of the current epoch) with live loss and metrics.</summary>
internal sealed class TrainingProgressObserver(ProgressTask epochs, ProgressTask batches, string label, string headlineMetric) : ITrainingObserver
{
    public void OnEpochStarted(int epoch, int epochCount, int batchCount)
    {
        epochs.MaxValue = epochCount;
        batches.MaxValue = batchCount;
        batches.Value = 0;
        batches.Description = $"  epoch {epoch}/{epochCount}";
    }

    public void OnBatchCompleted(int epoch, int batch, double loss)
    {
        batches.Value = batch;
        batches.Description = $"  epoch {epoch} [grey]loss {loss:F4}[/]";
    }

    public void OnEpochCompleted(EpochRecord record)
    {
        epochs.Value = record.Epoch;
        var value = record.Validation.TryGetValue(headlineMetric, out var v) ? $"val {headlineMetric} {v:F4}" : "";
        epochs.Description = $"{Markup.Escape(label)} [grey]{value}[/]";
    }
}
