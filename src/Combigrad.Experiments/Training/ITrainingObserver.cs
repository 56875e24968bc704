namespace Combigrad.Experiments.Training;

/// <summary>Receives the trainer's progress: progress bars, the results database, JSON output.</summary>
public interface ITrainingObserver
{
    /// <summary>An epoch starts with <paramref name="batches"/> batches.</summary>
    void OnEpochStarted(int epoch, int epochs, int batches);

    /// <summary>A training batch finished.</summary>
    void OnBatchCompleted(int epoch, int batch, double loss);

    /// <summary>An epoch finished and was evaluated. Called before its checkpoint is written, so a record that is
    /// stored here and a checkpoint that is not yet written are reconciled on resume by redoing that epoch.</summary>
    void OnEpochCompleted(EpochRecord record);
}
