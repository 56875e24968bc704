namespace Combigrad.Experiments.Benchmarks;

/// <summary>What <see cref="TrainingStepBenchmark"/> measured: a median step time per variant, and the solver call that BB repeats.</summary>
/// <param name="Variants">identity, bb and noop, with their ratios to the no-op floor.</param>
/// <param name="Solver">One batched solver call, and BB's and Identity's extra time per step.</param>
public sealed record TrainingStepReport(IReadOnlyList<TrainingStepResult> Variants, SolverCallResult Solver);
