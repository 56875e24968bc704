namespace Combigrad.Experiments.Training;

/// <summary>What one epoch produced: training statistics and validation and test metrics.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="LearningRate">The learning rate in force.</param>
/// <param name="NoiseOn">Whether the margin noise was on.</param>
/// <param name="WallSeconds">Wall time of the training pass (evaluation excluded).</param>
/// <param name="SolverSeconds">Wall time during which the solver ran (forward and, for BB, backward calls).</param>
/// <param name="SolverCalls">Instances solved during training.</param>
/// <param name="TrainCostNorm">Mean L2 norm of the predicted costs over the epoch (Fig. 4c).</param>
/// <param name="Validation">Validation metrics by name.</param>
/// <param name="Test">Test metrics by name.</param>
public sealed record EpochRecord(
    int Epoch,
    double TrainLoss,
    double LearningRate,
    bool NoiseOn,
    double WallSeconds,
    double SolverSeconds,
    long SolverCalls,
    double TrainCostNorm,
    IReadOnlyDictionary<string, double> Validation,
    IReadOnlyDictionary<string, double> Test)
{
    /// <summary>Network time: the training wall time not spent in the solver.</summary>
    public double NetworkSeconds => Math.Max(0, WallSeconds - SolverSeconds);
}
