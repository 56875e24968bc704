namespace Combigrad.Experiments.Training;

/// <summary>Forwards every event to several observers, in order.</summary>
public sealed class CompositeObserver(params ITrainingObserver[] observers) : ITrainingObserver
{
    /// <inheritdoc />
    public void OnEpochStarted(int epoch, int epochs, int batches)
    {
        foreach (var o in observers) o.OnEpochStarted(epoch, epochs, batches);
    }

    /// <inheritdoc />
    public void OnBatchCompleted(int epoch, int batch, double loss)
    {
        foreach (var o in observers) o.OnBatchCompleted(epoch, batch, loss);
    }

    /// <inheritdoc />
    public void OnEpochCompleted(EpochRecord record)
    {
        foreach (var o in observers) o.OnEpochCompleted(record);
    }
}
