using Combigrad.Experiments.Metrics;

namespace Combigrad.Experiments.Demo;

/// <summary>The outcome of training one method in the demo.</summary>
/// <param name="Method">The gradient method's name.</param>
/// <param name="Untrained">Test metrics of the initial model.</param>
/// <param name="Trained">Test metrics after training.</param>
/// <param name="FinalTrainLoss">Mean Hamming loss of the last epoch.</param>
/// <param name="SolverCalls">Solver calls made during training (batched instances counted one by one).</param>
/// <param name="WallTime">Training time.</param>
public sealed record DemoMethodResult(
    string Method, ShortestPathMetrics Untrained, ShortestPathMetrics Trained, double FinalTrainLoss, long SolverCalls, TimeSpan WallTime);
