namespace Combigrad.Experiments.Training;

/// <summary>
/// Chooses the training mini-batches of an epoch when a plain shuffle will not do (for example a metric-learning loss that
/// needs several examples of each class in every batch). Must depend only on <c>(seed, epoch)</c>, so that a resumed run
/// trains on the same batches.
/// </summary>
public interface IBatchSampler
{
    /// <summary>The batches of <paramref name="epoch"/> (1-based): indices into the training split, each batch non-empty.</summary>
    IReadOnlyList<long[]> Batches(int seed, int epoch);
}
