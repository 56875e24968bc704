namespace Combigrad.Experiments.Training;

/// <summary>The outcome of a training run.</summary>
/// <param name="Epochs">Every completed epoch in order, starting with epoch 0 (the untrained model, evaluated only).</param>
/// <param name="BestEpoch">The epoch with the best validation value of the early-stopping metric (the reported one).</param>
/// <param name="StoppedEarly">Whether patience ran out before the last epoch.</param>
public sealed record TrainingResult(IReadOnlyList<EpochRecord> Epochs, int BestEpoch, bool StoppedEarly)
{
    /// <summary>The record of <see cref="BestEpoch"/>.</summary>
    public EpochRecord Best => Epochs.Single(e => e.Epoch == BestEpoch);

    /// <summary>Epoch 0: the untrained model.</summary>
    public EpochRecord Initial => Epochs[0];
}
